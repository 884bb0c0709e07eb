"""Every content page's predict-then-reveal question under AppTest: answered right (the page jumps to
the state that proves it), then another question answered wrong; the teacher's ``?quiz=revealed``
link; unreadable answers. Expected answers come from the library's formulas, not the quiz module."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import plotly_specs, rendered

from cnnviz.figures.pooling import CLASSIC_4X4
from cnnviz.i18n import t
from cnnviz.lessons import activations as A
from cnnviz.lessons import backprop as B
from cnnviz.lessons import connectivity, convmath, quizzes
from cnnviz.nn import shapes
from ui import quiz
from ui import training_state as ts


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def check(at, page: str, answer) -> None:
    """Type (or pick) ``answer`` and press Check."""
    key = quiz.answer_key(page)
    if isinstance(answer, str) and any(w.key == key for w in at.text_input):
        at.text_input(key=key).input(answer)
    else:
        at.radio(key=key).set_value(answer)
    at.button(key=f"quiz.{page}.check").click()
    ok(at.run())


def is_empty(at, page: str) -> bool:
    """The answer field starts empty: no text typed, no choice picked."""
    key = quiz.answer_key(page)
    fields = [w for w in at.text_input if w.key == key]
    return fields[0].value == "" if fields else at.radio(key=key).value is None


def another(at, page: str) -> None:
    at.button(key=f"quiz.{page}.another").click()
    ok(at.run())


def prompt(at) -> str:
    """The question: the label of the quiz's expander."""
    return next(e.label for e in at.expander if e.label.startswith(("**Predict first:**", "**先预测：**")))


def softmax_top(z, temperature):
    e = np.exp(np.asarray(z, float) / temperature)
    return e.max() / e.sum()


def sigmoid(u):
    return 1 / (1 + np.exp(-u))


# (page, language, right answer typed, wrong answer to the next question, check of the revealed state)
CASES = [
    ("conv_lab", "en", "{}x{}".format(*shapes.conv_output_size((5, 5), 3, 1, 0, 2)), "9x9",
     lambda at: at.slider(key="conv.dil").value == 2 and "1, 3" in " ".join(w.value for w in at.warning)),
    ("why_conv", "zh", f"{1_000_000 * 10 * 10:,}", "7",
     lambda at: at.selectbox(key="why_conv.image").value == 1000),
    ("receptive_field", "en", str(1 + 2 + 2), "3",  # each 3×3 adds 2; a square's side alone is accepted
     lambda at: at.text_input(key="receptive.stack").value == "c3, c3"),
    ("pooling", "en", str(quizzes.pooling_question(CLASSIC_4X4, "max", 2, 2).answer), "0",  # the default input
     lambda at: at.radio(key="pool.shift_dir").value == "right" and at.slider(key="pool.shift").value == 1),
    ("activations", "zh", f"{softmax_top([3, 1, -3], 1.0):.3f}", "0.1",
     lambda at: at.slider(key="act.temperature").value == 1.0),
    ("transposed_conv", "en", "uneven" if 3 % 2 else "even", "uneven",  # next: K=4, S=2 divides evenly
     lambda at: at.radio(key="transposed.view").value == "overlap" and at.slider(key="transposed.kernel").value == 3),
    ("conv_family", "en", f"{128 * 32 + 32 * 5 * 5 * 256:,}", "204800",
     lambda at: at.radio(key="family.topic").value == "bottleneck"),
    ("architectures", "en", "{0} × {0}".format((227 - 11) // 4 + 1), "1",
     lambda at: at.selectbox(key="arch.layer").value == "conv1"),
    ("inside", "zh", "{0}×{0}".format(shapes.conv_output_size(14, 5)), "28x28",
     lambda at: at.selectbox(key="inside.layer").value == 3),
    ("backprop", "en", "0.49", "0.9",
     lambda at: len(plotly_specs(at)) == 3 and at.radio(key="backprop.neuron").value == B.COURSE_NEURON + 1),
]


@pytest.mark.parametrize("page, lang, right, wrong, revealed", CASES, ids=[c[0] for c in CASES])
def test_question_right_then_another_wrong(app_test, page, lang, right, wrong, revealed):
    at = ok(app_test(page, lang=lang))
    assert is_empty(at, page)
    check(at, page, right)
    assert len(at.success) >= 1 and at.success[0].value.startswith(t("quiz.right", lang, answer="").split("**")[0])
    assert revealed(at)
    asked = prompt(at)
    another(at, page)
    assert is_empty(at, page)
    assert prompt(at) != asked  # never the same exercise twice
    check(at, page, wrong)
    assert not at.success or all(not s.value.startswith(t("quiz.right", lang, answer="")[:5]) for s in at.success)
    assert any(w.value.startswith(t("quiz.wrong", lang, answer="", yours="")[:6]) for w in at.warning)


def test_training_question_is_asked_before_the_run(app_test):
    at = ok(app_test("training", lang="zh"))
    at.session_state[ts.CHUNK_STEPS_KEY] = 1
    assert ts.SESSION_KEY not in at.session_state or not at.session_state[ts.SESSION_KEY].running
    assert at.radio(key=quiz.answer_key("training")).value is None  # nothing picked yet
    check(at, "training", "relu")
    assert t("quiz.training.vanishing.relu", "zh") in at.success[0].value
    live = at.session_state[ts.SESSION_KEY]
    assert live.lesson == "vanishing" and live.running  # the run that proves it starts
    at.button(key="training.pause").click()
    ok(at.run())
    another(at, "training")
    check(at, "training", "both_low")
    assert t("quiz.training.overfitting.overfit", "zh") in at.warning[0].value


def test_backprop_answer_field_starts_empty_and_the_neuron_stays_hidden(app_test):
    at = ok(app_test("backprop"))
    assert at.text_input(key=quiz.answer_key("backprop")).value == ""
    assert plotly_specs(at)[0]["data"][2]["text"][3] == "?"
    check(at, "backprop", "0.50")  # 0.50 is 0.008 from 0.4920: not within ±0.005
    warning = at.warning[0].value
    assert "0.4920" in warning and "0.50" in warning and "Right" not in warning
    assert plotly_specs(at)[0]["data"][2]["text"][3] == "0.492"


def test_activations_question_follows_the_logits(app_test):
    at = ok(app_test("activations", query={"act.logits": "0, 2, 1"}))
    assert "[0, 2, 1]" in prompt(at)
    check(at, "activations", f"{100 * softmax_top(A.parse_logits('0, 2, 1'), 1.0):.1f}%")
    assert at.success


def test_teacher_link_opens_with_the_answer_revealed(app_test):
    at = ok(app_test("conv_lab", query={"quiz": "revealed"}))
    info = " ".join(i.value for i in at.info)
    assert t("quiz.revealed", "en", answer="1 × 1") in info
    assert at.slider(key="conv.dil").value == 2  # the page is in the state that proves it
    assert at.button(key="quiz.conv_lab.another")


def test_teacher_link_in_chinese_reveals_the_bottleneck(app_test):
    at = ok(app_test("conv_family", lang="zh", query={"quiz": "revealed"}))
    total = convmath.bottleneck_cost(128, 256, 5, 32).with_bottleneck
    assert t("quiz.revealed", "zh", answer=f"{total:,}") in " ".join(i.value for i in at.info)
    assert at.radio(key="family.topic").value == "bottleneck"
    assert "204,800" in " ".join(m.value for m in at.markdown)  # the slides' sum, explained


def test_invalid_quiz_link_value_is_reported(app_test):
    at = ok(app_test("receptive_field", query={"quiz": "<b>all</b>"}))
    assert any("<b>all</b>" in rendered(i.value) and "quiz" in i.value for i in at.info)
    assert at.text_input(key=quiz.answer_key("receptive_field")).value == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unreadable_answers_get_a_message_and_are_echoed_literally(app_test, lang):
    at = ok(app_test("receptive_field", lang=lang))
    check(at, "receptive_field", "")
    assert at.warning[0].value.startswith(t("quiz.error.empty", lang))
    typed = "**5** $x$ :red[7]"
    check(at, "receptive_field", typed)
    warning = at.warning[0].value
    assert warning.startswith(t("quiz.error.shape_square", lang))
    assert quiz.literal(typed) in warning  # a code span: shown exactly as typed
    assert not at.success and at.button(key="quiz.receptive_field.check")  # nothing revealed yet
    check(at, "receptive_field", "５×５")  # full-width digits from a Chinese keyboard
    assert at.success


def test_literal_survives_backticks():
    assert quiz.literal("a`b") == "`` a`b ``"
    assert quiz.literal("x") == "` x `"


def test_why_conv_question_follows_the_settings(app_test):
    at = ok(app_test("why_conv", query={"why_conv.image": 28, "why_conv.field": 5, "why_conv.filters": 8}))
    rows = {r.kind: r.total for r in connectivity.parameter_comparison(28, 5, 8)}
    check(at, "why_conv", str(rows["local"]))
    assert at.success

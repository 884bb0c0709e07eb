"""Question generators and answer checking (cnnviz.lessons.quizzes): answers from the library's own
formulas, the course's worked numbers as test vectors, lenient parsing, clear errors."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from cnnviz import architectures as AR
from cnnviz.assets import asset_path
from cnnviz.figures import pooling as pooling_figs
from cnnviz.i18n import STRINGS, t
from cnnviz.lessons import backprop as B
from cnnviz.lessons import connectivity, convmath
from cnnviz.lessons import quizzes as Q
from cnnviz.nn import functional as F
from cnnviz.nn import shapes
from cnnviz.train import model_file

REPO = Path(__file__).resolve().parent.parent


def lenet5():
    model, _ = model_file.load_model_bytes(asset_path("lenet5_mnist.npz").read_bytes())
    return model, ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1", "relu3", "fc2",
                   "relu4", "fc3"]


# ---------------------------------------------------------------------------------------------
# the course's worked examples
# ---------------------------------------------------------------------------------------------

def test_course_examples_are_the_first_questions():
    assert Q.backprop_question().answer == pytest.approx(0.4920, abs=5e-5)  # the slides' A1(i=4) = 0.49
    assert Q.activations_question([3, 1, -3]).answer == pytest.approx(0.8789, abs=5e-5)
    assert Q.activations_question([3, 1, -3], seed=1).fields["t"] == "2"
    assert Q.conv_family_question(128, 256, 5, 32).answer == 208_896  # not the slides' 204,800
    assert Q.conv_family_question(128, 256, 5, 32).reasoning.endswith(".course")
    alexnet = AR.alexnet()
    summary = AR.summarize(alexnet)
    assert Q.architectures_question(summary, alexnet, seed=0).answer == (55, 55)  # (227 − 11)/4 + 1
    assert Q.architectures_question(summary, alexnet, seed=1).answer == 96 * 3 * 11 * 11 + 96
    assert Q.receptive_field_question().answer == (5, 5)  # two 3×3 convolutions
    assert Q.why_conv_question(1000, 10, 100).answer == 10 ** 8  # locally connected, 10×10 fields
    assert Q.why_conv_question(1000, 10, 100, seed=1).answer == 10 ** 12
    course6 = pooling_figs.preset_grid("course6")
    assert Q.pooling_question(course6, "max", 3, 3).fields["total"] == 4
    k3s2 = Q.transposed_conv_question(6)
    assert (k3s2.fields["k"], k3s2.fields["s"], k3s2.answer) == (3, 2, "uneven")


# ---------------------------------------------------------------------------------------------
# every generator against the library's formulas, over its seeds
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size, kernel, stride, dilation", [((5, 5), (3, 3), (1, 1), 1), ((8, 7), (3, 2), (2, 1), 1),
                                                            ((12, 12), (5, 5), (1, 1), 2), ((3, 3), (3, 3), (1, 1), 1)])
def test_conv_lab_question_uses_the_output_size_formula(size, kernel, stride, dilation):
    seen = set()
    for seed in range(6):
        q = Q.conv_lab_question(size, kernel, stride, dilation, seed=seed)
        f = q.fields
        assert (f["d"], (f["sh"], f["sw"])) != (dilation, stride) or size == (3, 3)
        expected = shapes.conv_output_size((f["h"], f["w"]), (f["kh"], f["kw"]), (f["sh"], f["sw"]), 0, f["d"])
        assert q.answer == tuple(expected)
        assert q.reveal == {"conv.dil": f["d"], "conv.pad": "valid", "conv.sh": f["sh"], "conv.sw": f["sw"]}
        rows = shapes.unvisited(f["h"], f["kh"], f["sh"], 0, f["d"])
        assert q.reasoning_fields["rows"] == (", ".join(map(str, rows)) or "-")
        seen.add((f["d"], f["sh"], f["sw"]))
    assert len(seen) > 1 or size == (3, 3)  # another seed, another exercise


def test_conv_lab_question_names_the_rows_dilation_skips():
    q = Q.conv_lab_question((5, 5), (3, 3), (1, 1), 1)
    assert (q.fields["d"], q.answer) == (2, (1, 1))
    assert q.reasoning == "quiz.conv_lab.reasoning.unread" and q.reasoning_fields["rows"] == "1, 3"


def test_why_conv_question_cycles_through_the_four_layers():
    rows = {r.kind: r.total for r in connectivity.parameter_comparison(28, 5, 8, False)}
    asked = [Q.why_conv_question(28, 5, 8, seed=s) for s in range(4)]
    assert [q.answer for q in asked] == [rows[k] for k in Q.WHY_CONV_KINDS]
    assert rows["shared"] == 25 and rows["filters"] == 8 * 25 and rows["local"] == 28 * 28 * 25


def test_receptive_field_question_uses_the_recurrence():
    for seed in range(len(Q.RECEPTIVE_STACKS)):
        q = Q.receptive_field_question(seed=seed)
        rf = shapes.receptive_field(connectivity.parse_layer_stack(q.fields["stack"]))[-1].rf
        assert q.answer == shapes.as_pair(rf, "rf", 1) and q.reveal == {"receptive.stack": q.fields["stack"]}
    assert Q.receptive_field_question(seed=1).answer == (7, 7)  # three 3×3


@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pooling_question_counts_changed_outputs(mode):
    x = np.random.default_rng(3).integers(0, 10, (6, 6)).astype(float)
    for seed, (dy, dx) in enumerate(Q.SHIFT_DIRECTIONS.values()):
        q = Q.pooling_question(x, mode, 2, 2, seed=seed)
        pool = F.max_pool2d if mode == "max" else F.avg_pool2d
        before = pool(x[None, None], 2, 2)[0, 0]
        after = pool(pooling_figs.shift_grid(x, dy, dx)[None, None], 2, 2)[0, 0]
        assert q.answer == int(pooling_figs.changed_cells(before, after).sum())
        assert q.fields["total"] == 9


def test_pooling_question_on_the_course_grid_shows_max_is_more_invariant():
    course6 = pooling_figs.preset_grid("course6")
    assert Q.pooling_question(course6, "max", 3, 3).answer < Q.pooling_question(course6, "avg", 3, 3).answer


def test_activations_question_is_the_softmax_with_temperature():
    z = np.array([2.0, -1.0, 0.5, 0.0])
    for seed, temperature in enumerate(Q.TEMPERATURES):
        q = Q.activations_question(z, seed=seed)
        e = np.exp(z / temperature)
        assert q.answer == pytest.approx(e.max() / e.sum(), rel=1e-12)
        assert q.reveal["act.temperature"] == temperature


def test_transposed_question_follows_the_overlap_counts():
    for seed, (k, s) in enumerate(Q.TRANSPOSED_CASES):
        q = Q.transposed_conv_question(6, seed=seed)
        assert q.answer == ("even" if k % s == 0 else "uneven")  # the page's own rule, dilation 1
        counts = convmath.overlap_counts(6, k, s)
        assert q.reasoning_fields["high"] <= counts.max()
        assert q.reveal["transposed.kernel"] == k and q.reveal["transposed.view"] == "overlap"


def test_conv_family_question_adds_both_layers():
    for seed in range(4):
        q = Q.conv_family_question(64, 128, 3, 16, seed=seed)
        r = q.fields["r"]
        assert q.answer == shapes.conv_params(64, r, 1, bias=False) + shapes.conv_params(r, 128, 3, bias=False)
    assert Q.conv_family_question(64, 128, 3, 16).fields["r"] == 16  # seed 0 keeps the page's width
    assert Q.conv_family_question(64, 128, 3, 16, seed=1).fields["r"] != 16


def test_architectures_question_for_every_plain_conv():
    network = AR.vgg16()
    summary = AR.summarize(network)
    for seed in range(6):
        q = Q.architectures_question(summary, network, seed=seed)
        f = q.fields
        if q.kind == "shape":
            assert q.answer == tuple(shapes.conv_output_size((f["h"], f["w"]), int(f["k"]), int(f["s"]), int(f["p"])))
        else:
            assert q.answer == shapes.conv_params(f["ci"], f["co"], int(f["k"]))
    lenet = AR.lenet5()
    assert Q.architectures_question(AR.summarize(lenet), lenet).reveal == {"arch.layer": "conv1"}


def test_architectures_question_without_a_convolution_is_none():
    network = AR.Network("mlp", (AR.Flatten(), AR.Linear(10)), (1, 4, 4))
    assert Q.architectures_question(AR.summarize(network), network) is None


def test_inside_question_walks_the_layer_sizes():
    model, names = lenet5()
    asked = [Q.inside_question(model, names, (1, 28, 28), seed=s) for s in range(4)]
    assert [names[q.reveal["inside.layer"]] for q in asked] == ["conv2", "pool2", "conv1", "pool1"]
    x = np.zeros((1, 1, 28, 28))
    _, outputs = model.forward(x, record=True)
    for q in asked:
        assert q.answer == outputs[q.reveal["inside.layer"]].shape[2:]
    assert asked[0].answer == (shapes.conv_output_size(14, 5),) * 2 == (10, 10)  # 6×14×14 in, 5×5 kernel


def test_backprop_question_is_the_forward_pass():
    forward = B.fc_forward(B.course_network(0))
    for seed in range(5):
        q = Q.backprop_question(seed=seed)
        i = q.fields["i"] - 1
        assert q.answer == pytest.approx(1 / (1 + math.exp(-forward.u1[i])), rel=1e-12)
        assert q.reveal == {"backprop.neuron": i + 1}
    assert Q.backprop_question().fields["i"] == B.COURSE_NEURON + 1


def test_training_question_choices_are_translated():
    for seed in range(len(Q.TRAINING_QUESTIONS)):
        q = Q.training_question(seed=seed)
        assert q.answer in q.choices
        for key in [q.prompt, q.reasoning] + [q.choice_key(c) for c in q.choices]:
            assert t(key, "en") and t(key, "zh") and t(key, "en") != t(key, "zh") or key.endswith(".lenet5")


def test_every_question_text_exists_in_both_languages():
    model, names = lenet5()
    alexnet = AR.alexnet()
    questions = [Q.conv_lab_question((5, 5), (3, 3), (1, 1)), Q.conv_lab_question((8, 8), (3, 3), (1, 1)),
                 Q.why_conv_question(28, 3, 4, seed=2), Q.receptive_field_question(),
                 Q.pooling_question(np.eye(4), "avg", 2, 2), Q.pooling_question(np.eye(4), "max", 2, 2),
                 Q.activations_question([1, 2]), Q.transposed_conv_question(6), Q.transposed_conv_question(6, seed=1),
                 Q.conv_family_question(8, 8, 3, 4), Q.architectures_question(AR.summarize(alexnet), alexnet),
                 Q.inside_question(model, names), Q.inside_question(model, names, seed=1), Q.backprop_question()]
    questions += [Q.why_conv_question(28, 3, 4, seed=s) for s in range(4)]
    questions += [Q.architectures_question(AR.summarize(alexnet), alexnet, seed=1)]
    for q in questions:
        fields = {k: t(v.key, "en") if isinstance(v, Q.Text) else v for k, v in q.fields.items()}
        for lang in ("en", "zh"):
            assert t(q.prompt, lang, **fields)
            assert t(q.reasoning, lang, **q.reasoning_fields)
        assert q.prompt in STRINGS and q.reasoning in STRINGS


# ---------------------------------------------------------------------------------------------
# reading and checking typed answers
# ---------------------------------------------------------------------------------------------

SHAPE = Q.Question(page="p", prompt="quiz.title", kind="shape", answer=(3, 3), reasoning="quiz.title")
SQUARE = Q.Question(page="p", prompt="quiz.title", kind="shape", answer=(5, 5), reasoning="quiz.title", square=True)
INTEGER = Q.Question(page="p", prompt="quiz.title", kind="integer", answer=208_896, reasoning="quiz.title")
NUMBER = Q.Question(page="p", prompt="quiz.title", kind="number", answer=0.4920, tolerance=0.005,
                    reasoning="quiz.title")


@pytest.mark.parametrize("text", ["3x3", "3×3", "3 3", "(3, 3)", "３×３", "3 by 3", " 3X3 ", "3*3", "[3,3]"])
def test_shapes_are_read_leniently(text):
    assert Q.parse_answer(SHAPE, text) == (3, 3)


def test_square_shapes_accept_one_number():
    assert Q.parse_answer(SQUARE, "5") == (5, 5)
    with pytest.raises(Q.AnswerError) as error:
        Q.parse_answer(SHAPE, "3")
    assert error.value.key == "quiz.error.shape"


@pytest.mark.parametrize("text, value", [("208896", 208_896), ("208,896", 208_896), ("208 896", 208_896),
                                         ("2.08896e5", 208_896), ("10^8", 10 ** 8), ("1e12", 10 ** 12),
                                         ("1亿", 10 ** 8), ("１亿", 10 ** 8), ("1万亿", 10 ** 12), ("64k", 64_000),
                                         ("1m", 10 ** 6), ("20.8896万", 208_896)])
def test_integers_are_read_leniently(text, value):
    assert Q.parse_answer(INTEGER, text) == value


@pytest.mark.parametrize("text, right", [("0.49", True), ("0,49", True), (".492", True), ("49.2%", True),
                                         ("0.50", False), ("−0.49", False), ("0.4", False)])
def test_numbers_within_the_tolerance(text, right):
    assert Q.is_correct(NUMBER, Q.parse_answer(NUMBER, text)) is right


@pytest.mark.parametrize("question, text, key", [
    (SHAPE, "", "quiz.error.empty"), (SHAPE, "   ", "quiz.error.empty"), (SHAPE, None, "quiz.error.empty"),
    (SHAPE, "3x3x3", "quiz.error.shape"), (SHAPE, "3.5x3", "quiz.error.shape"), (SHAPE, "**3**", "quiz.error.shape"),
    (SQUARE, "abc", "quiz.error.shape_square"), (INTEGER, "1.5", "quiz.error.integer"),
    (INTEGER, "many", "quiz.error.integer"), (INTEGER, "亿", "quiz.error.integer"),
    (NUMBER, "nan", "quiz.error.number"), (NUMBER, "inf", "quiz.error.number"),
    (NUMBER, "1e400", "quiz.error.number"), (NUMBER, "10^99", "quiz.error.number"),
    (NUMBER, "1" * 100, "quiz.error.too_long"),
])
def test_unreadable_answers_say_what_to_type(question, text, key):
    with pytest.raises(Q.AnswerError) as error:
        Q.parse_answer(question, text)
    assert error.value.key == key
    assert t(key, "en", **error.value.fields) and t(key, "zh", **error.value.fields)


def test_choices_must_be_picked():
    q = Q.transposed_conv_question(6)
    with pytest.raises(Q.AnswerError):
        Q.parse_answer(q, None)
    assert Q.is_correct(q, Q.parse_answer(q, "uneven")) and not Q.is_correct(q, Q.parse_answer(q, "even"))


def test_formatting_matches_the_page():
    assert Q.format_value(NUMBER, 0.492039) == "0.4920"
    assert Q.format_value(INTEGER, 208_896) == "208,896"
    assert Q.format_value(SHAPE, (55, 55)) == "55 × 55"

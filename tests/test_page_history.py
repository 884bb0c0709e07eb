"""The Applications and history page: tasks, the 1962 → 2015 timeline with links to the pages that
show each idea, both languages, and its predict-then-reveal question."""

import pytest

from cnnviz.i18n import t
from cnnviz.lessons import quizzes
from ui import quiz
from ui.course import course_pages


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_applications_and_timeline_with_links(app_test, lang):
    at = ok(app_test("history", lang=lang))
    assert at.title[0].value == t("history.title", lang)
    text = " ".join(m.value for m in at.markdown)
    for task in ("classification", "detection", "segmentation", "retrieval", "pose"):
        assert t(f"history.app.{task}", lang) in text
    for year in (1962, 1998, 2012, 2015):
        assert f"### {year}" in text
    assert t("history.resnet.idea", lang) in text
    links = {(link.proto.page, link.proto.label) for link in at.get("page_link")}
    labels = {label for _, label in links}
    for key in ("hubel_wiesel.link.receptive_field", "lenet.link.architectures", "alexnet.link.activations",
                "resnet.link.architectures", "resnet.link.training"):
        assert t(f"history.{key}", lang) in labels
    assert "history" in [page.stem for page in course_pages()]


def test_quiz_asks_which_idea_trains_deeper_networks(app_test):
    at = ok(app_test("history"))
    question = quizzes.history_question(seed=0)
    assert question.answer == "skip" and question.page == "history"
    at.radio(key=quiz.answer_key("history")).set_value("dropout")
    at.button(key="quiz.history.check").click()
    ok(at.run())
    assert any(w.value.startswith(t("quiz.wrong", "en", answer="", yours="")[:6]) for w in at.warning)
    assert quizzes.history_question(seed=1).answer == "box"

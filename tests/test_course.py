"""The guided path: one course definition drives the registry, the course map, the footer and the teacher view."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT

from cnnviz import i18n
from cnnviz.i18n import t
from ui import course, shell

CONTENT_PAGES = [spec.stem for spec in shell.PAGES if spec.section != shell.START_SECTION]


def test_every_content_page_is_in_exactly_one_lecture_in_registry_order():
    stems = [page.stem for page in course.course_pages()]
    assert stems == CONTENT_PAGES
    assert len(set(stems)) == len(stems)
    assert course.path() == ("home", *stems)
    for stem in stems:
        assert (REPO_ROOT / "pages" / f"{stem}.py").exists(), stem
        assert course.lecture_of(stem).key == shell.spec_of(stem).section
    assert course.lecture_of("teacher") is None


def test_the_lectures_follow_the_course_notes_order():
    assert [lecture.key for lecture in course.LECTURES] == [
        "convolution", "pooling", "activations", "architectures", "backprop", "training", "visualisation",
        "applications"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_lecture_and_page_has_its_texts(lang):
    for lecture in course.LECTURES:
        assert t(lecture.title_key, lang) and t(lecture.goal_key, lang)
        assert t(f"nav.section.{lecture.key}", lang)
        for page in lecture.pages:
            assert t(page.try_key, lang) and t(page.description_key if hasattr(page, "description_key")
                                               else f"home.desc.{page.stem}", lang)
            bullets = t(page.explain_key, lang).splitlines()
            assert len(bullets) >= 2 and all(line.startswith("- ") for line in bullets)


def test_neighbours_walk_the_path_both_ways():
    stems = course.path()
    assert course.neighbours("home", stems) == (None, "conv_lab")
    assert course.neighbours("conv_lab", stems) == ("home", "why_conv")
    assert course.neighbours("inside", stems) == ("training", "history")
    assert course.neighbours("history", stems) == ("inside", None)
    assert course.neighbours("teacher", stems) == (None, None)
    walked, here = ["home"], "home"
    while (after := course.neighbours(here, stems)[1]) is not None:
        assert course.neighbours(after, stems)[0] == here
        walked.append(here := after)
    assert tuple(walked) == stems


def test_links_are_relative_and_encoded():
    assert course.link("conv_lab", (("conv.dil", "2"),)) == "conv_lab?conv.dil=2"
    assert course.link("receptive_field", (("receptive.stack", "c3, c3"),), lang="zh", present=True) == (
        "receptive_field?receptive.stack=c3%2C+c3&lang=zh&present=1")
    assert course.link("pooling") == "pooling"


def test_four_lessons_of_45_minutes_with_a_question_at_every_step():
    assert len(course.FLOWS) == 4
    for flow in course.FLOWS:
        assert flow.minutes == 45, flow.key
        for number, step in enumerate(flow.steps, start=1):
            assert step.stem in CONTENT_PAGES
            for lang in i18n.LANGUAGES:
                assert t(flow.question_key(number), lang).strip()


def footer_links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")
            if link.proto.label.startswith(("Previous:", "Next:", "上一页", "下一页"))]


DEEP_LINKS = sorted({(page.stem, page.try_first) for page in course.course_pages()}
                    | {(step.stem, step.params) for flow in course.FLOWS for step in flow.steps if step.params})


@pytest.mark.parametrize(("stem", "params"), DEEP_LINKS, ids=[f"{s}:{dict(p)}" for s, p in DEEP_LINKS])
def test_deep_links_open_their_page_with_their_settings_and_the_footer(app_test, stem, params):
    """Each "try this first" and lesson-flow link is accepted as is (no "invalid link value" notice)."""
    at = app_test(stem, query=dict(params))
    assert not at.exception
    assert not [info for info in at.info if "link" in info.value.lower()]
    for key, value in params:  # kept in the URL (valid, not the default), or it is the default
        assert key in at.query_params or str(at.session_state[key]) == value, key
    before, after = course.neighbours(stem, course.path())
    expected = [t("course.previous", "en", title=t(f"nav.{before}", "en"))]
    if after:
        expected.append(t("course.next", "en", title=t(f"nav.{after}", "en")))
    assert footer_links(at) == expected
    assert any(md.value == f"**{t('course.explain_header', 'en')}**" for md in at.markdown)


def test_home_is_the_course_map_with_try_first_links_in_chinese(app_test):
    at = app_test(lang="zh")
    assert not at.exception
    assert [h.value for h in at.subheader] == [t(lecture.title_key, "zh") for lecture in course.LECTURES]
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels.count(t("course.try_label", "zh")) == len(course.course_pages())
    assert t("course.try.conv_lab", "zh") in [md.value for md in at.markdown]
    assert footer_links(at) == [t("course.next", "zh", title=t("nav.conv_lab", "zh"))]


def test_embedded_pages_have_no_footer(app_test):
    at = app_test("pooling", context={"is_embedded": True})
    assert not at.exception
    assert footer_links(at) == []


def test_teacher_view_lists_presentation_links_with_questions(app_test):
    at = app_test("teacher", lang="zh")
    assert not at.exception
    assert footer_links(at) == []
    text = "\n".join(md.value for md in at.markdown)
    assert "](conv_lab?conv.dil=2&lang=zh&present=1)" in text
    assert t("course.flow.architectures.3", "zh") in text
    assert text.count("present=1") == sum(len(flow.steps) for flow in course.FLOWS)

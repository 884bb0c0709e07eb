"""The shell under AppTest: router, language, presentation mode, embed, and the home page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT
from streamlit.testing.v1 import AppTest

from cnnviz.i18n import t
from ui import shell

PAGE_FILES = ["home", "teacher", "conv_lab", "why_conv", "receptive_field", "pooling", "activations",
              "architectures", "conv_family", "transposed_conv", "backprop", "training", "inside", "history"]


def page_link_labels(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("page_link")]


def shell_css(at: AppTest) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_the_registry_lists_every_page_once_in_section_order():
    assert [spec.stem for spec in shell.PAGES] == PAGE_FILES
    assert shell.HOME.stem == "home"
    sections = [spec.section for spec in shell.PAGES]
    assert sorted(set(sections), key=sections.index) == list(shell.SECTIONS)
    assert sections == sorted(sections, key=shell.SECTIONS.index)  # sections are contiguous


def test_available_pages_are_the_existing_files_in_registry_order():
    existing = [stem for stem in PAGE_FILES if (REPO_ROOT / "pages" / f"{stem}.py").exists()]
    assert [spec.stem for spec in shell.available_pages()] == existing
    assert existing[0] == "home"


def course_map_titles(at: AppTest, lang: str) -> list[str]:
    """The page titles linked on the course map (not the teacher link, try-first or footer links)."""
    titles = {t(spec.title_key, lang) for spec in shell.available_pages()}
    return [label for label in page_link_labels(at) if label in titles]


def test_home_opens_in_english_and_links_every_other_page(app_test):
    at = app_test()
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")
    others = [spec for spec in shell.available_pages() if spec.section != shell.START_SECTION]
    assert course_map_titles(at, "en") == [t(spec.title_key, "en") for spec in others]
    assert at.query_params["lang"] == "en"
    assert "present" not in at.query_params
    assert "font-size: 21px" not in shell_css(at)


def test_home_opens_in_chinese_from_the_url(app_test):
    at = app_test(lang="zh")
    assert not at.exception
    assert at.title[0].value == t("home.title", "zh") == "看见卷积神经网络的内部"
    assert at.radio(key=shell.LANG_KEY).value == "zh"
    assert at.radio(key=shell.LANG_KEY).options == ["中文", "English"]
    assert at.toggle(key=shell.PRESENT_KEY).label == "演示模式"
    others = [spec for spec in shell.available_pages() if spec.section != shell.START_SECTION]
    assert course_map_titles(at, "zh") == [t(spec.title_key, "zh") for spec in others]


@pytest.mark.parametrize(("locale", "title"), [("zh-CN", "看见卷积神经网络的内部"),
                                                ("de-DE", "See inside a convolutional neural network")])
def test_without_lang_the_browser_locale_decides(app_test, locale, title):
    at = app_test(lang=None, context={"locale": locale})
    assert at.title[0].value == title
    assert at.query_params["lang"] == ("zh" if locale.startswith("zh") else "en")


def test_an_invalid_lang_falls_back_and_says_so(app_test):
    at = app_test(lang="fr")
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")
    assert at.query_params["lang"] == "en"
    assert len(at.info) == 1 and "lang" in at.info[0].value


def test_switching_language_in_the_sidebar(app_test):
    at = app_test(lang="en")
    at.radio(key=shell.LANG_KEY).set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "zh")
    assert at.query_params["lang"] == "zh"
    at.radio(key=shell.LANG_KEY).set_value("en").run()
    assert at.title[0].value == t("home.title", "en")
    assert at.query_params["lang"] == "en"


def test_presentation_mode_from_the_url_and_the_toggle(app_test):
    at = app_test(query={"present": "1"})
    assert not at.exception
    assert at.toggle(key=shell.PRESENT_KEY).value is True
    assert "font-size: 21px" in shell_css(at)
    assert at.query_params["present"] == "1"
    at.toggle(key=shell.PRESENT_KEY).set_value(False).run()
    assert "present" not in at.query_params
    assert "font-size: 21px" not in shell_css(at)
    at.toggle(key=shell.PRESENT_KEY).set_value(True).run()
    assert at.query_params["present"] == "1"


def test_embedded_app_still_takes_language_and_presentation_from_the_url(app_test):
    at = app_test(lang="zh", query={"present": "1"}, context={"is_embedded": True})
    assert not at.exception
    assert at.title[0].value == t("home.title", "zh")
    assert at.toggle(key=shell.PRESENT_KEY).value is True


def test_the_state_survives_reruns(app_test):
    at = app_test(lang="zh", query={"present": "1"})
    at.run()
    at.run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "zh")
    assert at.query_params["lang"] == "zh" and at.query_params["present"] == "1"
    assert len(at.sidebar.children) >= 2  # the shell ran, not the bare page file


CONTEXT_SCRIPT = """
import streamlit as st
from ui.shell import page_context
ctx = page_context("probe")
st.text(repr((ctx.page, ctx.lang, ctx.presentation, ctx.embed, ctx.t("nav.pooling"))))
"""


@pytest.mark.parametrize(
    ("query", "context", "expected"),
    [
        ({}, {}, ("probe", "en", False, False, "Pooling")),
        ({"lang": "zh", "present": "1"}, {}, ("probe", "zh", True, False, "池化")),
        ({"present": "yes"}, {"locale": "zh-TW", "is_embedded": True},
         ("probe", "zh", True, True, "池化")),
    ],
)
def test_page_context_without_the_router(query, context, expected):
    at = AppTest.from_string(CONTEXT_SCRIPT, default_timeout=30)
    at.query_params.update(query)
    at.context.update(context)
    at.run()
    assert not at.exception
    assert eval(at.text[0].value) == expected


def test_page_context_is_frozen():
    ctx = shell.PageContext(page="p", lang="zh", presentation=False, embed=False)
    assert ctx.t("nav.home") == "课程地图"
    with pytest.raises(AttributeError):
        ctx.lang = "en"


@pytest.mark.parametrize(
    ("url", "locale", "expected"),
    [
        ("zh", None, ("zh", False)),
        (" EN ", "zh-CN", ("en", False)),
        (None, "zh-Hant-TW", ("zh", False)),
        (None, "en-GB", ("en", False)),
        (None, None, ("en", False)),
        ("fr", "zh-CN", ("zh", True)),
        ("", None, ("en", True)),
    ],
)
def test_resolve_language(url, locale, expected):
    assert shell.resolve_language(url, locale) == expected


def test_app_py_registers_only_existing_files(tmp_path: Path, monkeypatch):
    """The router starts with just the home page present (other pages are written in parallel)."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "home.py").write_text(
        "import streamlit as st\nfrom ui.shell import page_context\n"
        "ctx = page_context('home')\nst.title(ctx.t('home.title'))\n"
    )
    source = (REPO_ROOT / "app.py").read_text()
    (tmp_path / "app.py").write_text(source)
    monkeypatch.setattr(shell, "APP_DIR", tmp_path)
    assert [spec.stem for spec in shell.available_pages()] == ["home"]
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")

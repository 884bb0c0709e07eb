"""The shell in a real browser: language switch, presentation links, embedding, deep links."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import expect

from .conftest import REPO_ROOT, PageOpener, start_server, stop_server, wait_until_idle

TITLE_EN = "See inside a convolutional neural network"
TITLE_ZH = "看见卷积神经网络的内部"


def root_font_size(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).fontSize")


def test_switch_language_in_the_sidebar(open_page, screenshot):
    page = open_page("/")
    expect(page.locator("h1").first).to_have_text(TITLE_EN)
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    screenshot(page, "shell_home_en")

    page.locator('[data-testid="stSidebar"] label').filter(has_text="中文").click()
    expect(page.locator("h1").first).to_have_text(TITLE_ZH)
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]lang=zh\b"))
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("演示模式")
    screenshot(page, "shell_home_zh")


def test_a_chinese_presentation_link(open_page, screenshot):
    page = open_page("/?lang=zh&present=1")
    expect(page.locator("h1").first).to_have_text(TITLE_ZH)
    assert root_font_size(page) == "21px"
    expect(page).to_have_url(re.compile(r"present=1"))
    screenshot(page, "shell_home_zh_present")

    # presenting shows the page alone: the sidebar is collapsed, one click away
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.locator('[data-testid="stSidebar"] label').filter(has_text="演示模式").click()
    wait_until_idle(page)
    expect(page).not_to_have_url(re.compile(r"present="))
    assert root_font_size(page) != "21px"


def test_embedded_keeps_language_and_presentation_from_the_url(open_page, screenshot):
    page = open_page("/?embed=true&lang=zh&present=1")
    expect(page.locator("h1").first).to_have_text(TITLE_ZH)
    assert root_font_size(page) == "21px"
    expect(page).to_have_url(re.compile(r"embed=true"))
    screenshot(page, "shell_home_embed")


def make_stub_app(root: Path) -> Path:
    """A copy of the shell with the real home page and a stub conv_lab page."""
    root.mkdir()
    shutil.copy(REPO_ROOT / "app.py", root / "app.py")
    shutil.copytree(REPO_ROOT / "ui", root / "ui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO_ROOT / ".streamlit", root / ".streamlit")
    (root / "cnnviz").symlink_to(REPO_ROOT / "cnnviz", target_is_directory=True)
    (root / "pages").mkdir()
    shutil.copy(REPO_ROOT / "pages" / "home.py", root / "pages" / "home.py")
    (root / "pages" / "conv_lab.py").write_text(
        "import streamlit as st\nfrom ui.shell import page_context\n"
        "ctx = page_context('conv')\nst.title(ctx.t('nav.conv_lab'))\n"
    )
    return root


def test_a_deep_link_is_the_first_request_after_a_server_start(tmp_path, browser_context):
    """Streamlit's old pages/ mode would run pages/conv_lab.py bare; the shell must still appear."""
    app_dir = make_stub_app(tmp_path / "app")
    process, base_url = start_server(app_dir, tmp_path / "server.log")
    opener = PageOpener(browser_context, base_url)
    try:
        page = opener("/conv_lab?lang=zh")
        expect(page.locator("h1").first).to_have_text("卷积实验室")
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.locator('[data-testid="stSidebarNav"]')).to_contain_text("课程地图")
        expect(sidebar).to_contain_text("演示模式")

        # Following the navigation keeps the language in the URL.
        sidebar.get_by_role("link", name="课程地图").click()
        expect(page.locator("h1").first).to_have_text(TITLE_ZH)
        wait_until_idle(page)
        expect(page).to_have_url(re.compile(r"[?&]lang=zh\b"))
        opener.check_console()
    finally:
        opener.close()
        stop_server(process)

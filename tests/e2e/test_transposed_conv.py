"""The Transposed-convolution page in a real browser: deep links, one interaction each, no console error."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle

SLOW = 30_000  # ms: a rerun on a busy machine (the first Plotly figure of a process is slow to build)


def plots(page):
    return page.locator('[data-testid="stPlotlyChart"]')


def test_animation_then_the_matrix_view(open_page, screenshot):
    page = open_page("/transposed_conv?lang=en")
    expect(page.locator("h1").first).to_have_text("Transposed convolution", timeout=SLOW)
    expect(page.get_by_text("Output size: 2×2 → 4×4")).to_be_visible(timeout=SLOW)
    expect(plots(page)).to_have_count(1, timeout=SLOW)
    play = page.locator(".updatemenu-button").filter(has_text="Play")
    expect(play).to_be_visible(timeout=SLOW)
    screenshot(page, "transposed_conv_en")
    play.click()  # the animation runs in the browser: the scrub slider moves on by itself
    expect(page.locator(".slider-label").first).not_to_have_text(re.compile(r"\(0,0\)$"), timeout=SLOW)

    page.locator('[data-testid="stRadio"] label').filter(has_text="Matrix view").first.click()
    wait_until_idle(page)
    expect(plots(page)).to_have_count(2, timeout=SLOW)
    expect(page.get_by_text("C (4×16): rows = outputs", exact=False)).to_be_visible(timeout=SLOW)
    expect(page).to_have_url(re.compile(r"transposed\.view=matrix"), timeout=SLOW)
    screenshot(page, "transposed_conv_matrix_en")


def test_a_slider_changes_the_formula(open_page):
    page = open_page("/transposed_conv?lang=en&transposed.size=3&transposed.kernel=3")
    expect(page.get_by_text("Output size: 3×3 → 7×7")).to_be_visible(timeout=SLOW)
    stride = page.get_by_role("slider").nth(2)  # size, kernel, stride
    stride.focus()
    stride.press("ArrowLeft")
    wait_until_idle(page)
    expect(page.get_by_text("Output size: 3×3 → 5×5")).to_be_visible(timeout=SLOW)
    expect(page).to_have_url(re.compile(r"transposed\.stride=1"), timeout=SLOW)


def test_checkerboard_in_chinese_presentation(open_page, screenshot):
    page = open_page("/transposed_conv?lang=zh&present=1&transposed.view=overlap&transposed.kernel=3")
    expect(page.locator("h1").first).to_have_text("转置卷积", timeout=SLOW)
    expect(page.get_by_text("形成棋盘格", exact=False)).to_be_visible(timeout=SLOW)
    expect(plots(page)).to_have_count(1, timeout=SLOW)
    screenshot(page, "transposed_conv_zh_present")

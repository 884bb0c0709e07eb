"""The Convolution-family page in a real browser: deep links, one interaction each, no console error."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle

SLOW = 30_000  # ms: a rerun on a busy machine (the first Plotly figure of a process is slow to build)


def plots(page):
    return page.locator('[data-testid="stPlotlyChart"]')


def test_dilation_then_groups(open_page, screenshot):
    page = open_page("/conv_family?lang=en")
    expect(page.locator("h1").first).to_have_text("The convolution family", timeout=SLOW)
    expect(page.get_by_text("56 of the 81 pixels", exact=False)).to_be_visible(timeout=SLOW)
    expect(plots(page)).to_have_count(1, timeout=SLOW)
    screenshot(page, "conv_family_en")

    page.locator('[data-testid="stRadio"] label').filter(has_text="Grouped & depthwise").first.click()
    wait_until_idle(page)
    expect(plots(page)).to_have_count(2, timeout=SLOW)
    expect(page.get_by_text("Allowed for Ci = 8, Co = 16", exact=False)).to_be_visible(timeout=SLOW)
    expect(page).to_have_url(re.compile(r"family\.topic=groups"), timeout=SLOW)
    screenshot(page, "conv_family_groups_en")


def test_an_impossible_group_count_is_explained(open_page):
    page = open_page("/conv_family?lang=en&family.topic=groups&family.groups=3")
    expect(page.get_by_text("in_channels 8 is not divisible by groups 3", exact=False)).to_be_visible(timeout=SLOW)
    expect(plots(page)).to_have_count(0, timeout=SLOW)
    groups = page.get_by_role("slider").nth(3)  # Ci, Co, K, g
    groups.focus()
    groups.press("ArrowRight")
    wait_until_idle(page)
    expect(page.get_by_text("(Co, Ci/g, K, K) = (16, 2, 3, 3)", exact=False)).to_be_visible(timeout=SLOW)  # g = 4
    expect(plots(page)).to_have_count(2, timeout=SLOW)


def test_echo_in_chinese_presentation(open_page, screenshot):
    page = open_page("/conv_family?lang=zh&present=1&family.topic=conv1d")
    expect(page.locator("h1").first).to_have_text("卷积家族", timeout=SLOW)
    expect(page.get_by_text("回声", exact=False).first).to_be_visible(timeout=SLOW)
    expect(plots(page)).to_have_count(2, timeout=SLOW)
    page.locator('[data-testid="stRadio"] label').filter(has_text="valid").first.click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"family\.mode=valid"), timeout=SLOW)
    screenshot(page, "conv_family_zh_present")

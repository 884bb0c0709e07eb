"""The Pooling page in a real browser: deep links, one interaction each, no console error."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle


def plots(page):
    return page.locator('[data-testid="stPlotlyChart"]')


def test_course_example_then_average_pooling(open_page, screenshot):
    page = open_page("/pooling?lang=en")
    expect(page.locator("h1").first).to_have_text("Pooling")
    expect(plots(page)).to_have_count(5)
    expect(page.get_by_text("2 × 2", exact=True)).to_be_visible()
    screenshot(page, "pooling_en")

    page.locator('[data-testid="stRadio"] label').filter(has_text="Average").first.click()
    wait_until_idle(page)
    expect(page.get_by_text("average-pooled values did not change", exact=False)).to_be_visible()
    expect(page).to_have_url(re.compile(r"pool\.mode=avg"))


def test_deep_link_to_overlapping_pooling_in_chinese(open_page, screenshot):
    page = open_page("/pooling?lang=zh&pool.preset=classic4&pool.same_stride=0&pool.stride=1")
    expect(page.locator("h1").first).to_have_text("池化")
    expect(page.get_by_text("重叠池化", exact=False).first).to_be_visible()
    expect(page.get_by_text("3 × 3", exact=True)).to_be_visible()
    screenshot(page, "pooling_zh")


def test_presentation_mode_and_the_alexnet_button(open_page, screenshot):
    page = open_page("/pooling?lang=en&present=1&pool.preset=random&pool.size=9")
    # presentation mode folds the controls into "Settings", one click away
    kernel_slider = page.get_by_role("slider").first
    expect(kernel_slider).to_be_hidden()
    page.get_by_text("Settings", exact=True).first.click()
    expect(kernel_slider).to_be_visible()
    page.get_by_role("button", name="Load AlexNet's overlapping pooling (3×3, stride 2)").click()
    wait_until_idle(page)
    expect(page.get_by_text("Overlapping pooling", exact=False).first).to_be_visible()
    expect(page.get_by_text("4 × 4", exact=True)).to_be_visible()  # (9 - 3) / 2 + 1 = 4
    screenshot(page, "pooling_present")


def test_a_typing_mistake_is_explained(open_page):
    page = open_page("/pooling?lang=en&pool.preset=custom")
    box = page.locator("textarea").first
    box.fill("1 2; 3 x")
    box.press("Control+Enter")
    wait_until_idle(page)
    expect(page.get_by_text("“x” in row 2 is not a number", exact=False)).to_be_visible()

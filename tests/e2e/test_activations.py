"""The Activations page in a real browser: deep links, one interaction each, no console error."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle


def test_defaults_then_standardised_inputs(open_page, screenshot):
    page = open_page("/activations?lang=en")
    expect(page.locator("h1").first).to_have_text("Activation functions")
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(5)
    expect(page.get_by_text("0.879", exact=True).first).to_be_visible()
    screenshot(page, "activations_en")

    page.locator('[data-testid="stRadio"] label').filter(has_text="standardised").click()
    wait_until_idle(page)
    expect(page.get_by_text("Only", exact=False).first).to_be_visible()
    expect(page).to_have_url(re.compile(r"act\.scale=standard"))


def test_chinese_softmax_with_temperature(open_page, screenshot):
    page = open_page("/activations?lang=zh&act.temperature=2&act.maxout=convex")
    expect(page.locator("h1").first).to_have_text("激活函数")
    expect(page.get_by_text("0.705", exact=True).first).to_be_visible()
    screenshot(page, "activations_zh")


def test_presentation_and_typed_logits(open_page, screenshot):
    page = open_page("/activations?lang=en&present=1")
    expect(page.get_by_text("More settings")).to_be_visible()
    box = page.get_by_role("textbox", name="Logits z")
    box.fill("1, 2, x")
    box.press("Enter")
    wait_until_idle(page)
    expect(page.get_by_text("is not a number", exact=False)).to_be_visible()
    screenshot(page, "activations_present")

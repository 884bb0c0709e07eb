"""The Backpropagation page in a real browser: deep links into its sections, the exercise's
Check button, an animation and a control, without console errors or exception boxes."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import assert_no_exception, wait_until_idle

CHART = '[data-testid="stPlotlyChart"]'


def test_predict_then_reveal_the_course_exercise(open_page, screenshot):
    page = open_page("/backprop?lang=en")
    expect(page.locator("h1").first).to_have_text("Backpropagation, number by number")
    expect(page.locator(CHART)).to_have_count(1)
    page.locator(".st-key-quiz_backprop summary").click()  # the question opens its answer field
    field = page.locator(".st-key-quiz_backprop input")
    expect(field).to_have_value("")
    field.fill("0.49")
    field.press("Enter")
    wait_until_idle(page)
    page.get_by_role("button", name="Check").click()
    wait_until_idle(page)
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("Right: 0.4920")
    expect(page.locator(CHART)).to_have_count(3)
    expect(page.locator(".katex").first).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "backprop_network_en")


def test_convolution_section_from_a_chinese_presentation_link(open_page, screenshot):
    page = open_page("/backprop?lang=zh&present=1&backprop.section=conv&backprop.conv_grad=input")
    expect(page.locator("h1").first).to_have_text("反向传播：逐个数字算清楚")
    expect(page.locator(CHART)).to_have_count(2)
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_have_count(2)
    page.locator("label").filter(has_text="权重梯度 ∂E/∂w").click()
    wait_until_idle(page)
    expect(page).not_to_have_url(re.compile(r"backprop\.conv_grad="))
    animation = page.locator(CHART).nth(1).locator(".js-plotly-plot")
    assert animation.evaluate("el => el._fullLayout.sliders[0].active") == 0
    page.locator(CHART).nth(1).get_by_text("▶ 播放").click()  # the animation plays in the browser
    page.wait_for_function("el => el._fullLayout.sliders[0].active >= 2", arg=animation.element_handle(),
                           polling="raf")  # it reaches its third frame by itself
    assert_no_exception(page)
    screenshot(page, "backprop_conv_zh_present")


def test_pooling_section_switches_to_average(open_page, screenshot):
    page = open_page("/backprop?lang=en&backprop.section=pool")
    expect(page.locator(CHART)).to_have_count(1)
    page.locator("label").filter(has_text="Average").click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"backprop\.pool_mode=avg"))
    expect(page.get_by_text("Average pooling: each of the K·K = 4 cells")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "backprop_pool_en")

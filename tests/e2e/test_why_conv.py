"""The "Why convolution?" page in a real browser: deep links, one interaction each, no console error."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle


def plots(page):
    return page.locator('[data-testid="stPlotlyChart"]')


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def test_course_examples_then_a_two_d_image(open_page, screenshot):
    page = open_page("/why_conv?lang=en")
    expect(page.locator("h1").first).to_contain_text("Why convolution?")
    expect(plots(page)).to_have_count(4)
    expect(metric(page, "Fully connected: weights")).to_have_text("42")
    expect(metric(page, "Convolution: distinct weights")).to_have_text("2")
    expect(page.locator(".katex").filter(has_text="1012").first).to_be_visible()  # 10^{12}
    screenshot(page, "why_conv_en")

    page.locator('[data-testid="stRadio"] label').filter(has_text="2-D image").first.click()
    wait_until_idle(page)
    expect(metric(page, "Convolution: distinct weights")).to_have_text("9")
    expect(metric(page, "Fully connected: weights")).to_have_text("64")
    expect(plots(page)).to_have_count(3)
    expect(page).to_have_url(re.compile(r"why_conv\.dims=2d"))


def test_chinese_photo_link(open_page, screenshot):
    page = open_page("/why_conv?lang=zh&why_conv.source=photo&why_conv.dy=-2")
    expect(page.locator("h1").first).to_contain_text("为什么用卷积")
    expect(metric(page, "……去掉 3 像素宽的边框后")).to_have_text("0")
    expect(page.get_by_text("沿边框", exact=False).first).to_be_visible()
    screenshot(page, "why_conv_zh")


def test_presentation_mode(open_page, screenshot):
    page = open_page("/why_conv?lang=en&present=1")
    expect(metric(page, "Convolution: connections")).to_have_text("12")
    expect(page.get_by_text("Count biases too")).to_have_count(0)
    screenshot(page, "why_conv_present")

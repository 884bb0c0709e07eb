"""The deeper-networks additions in a real browser: the Applications and history page (links to
the pages that show each idea) and the Training Lab's deep lessons, run from their buttons.

The test server paces training by steps (``CNNVIZ_CHUNK_STEPS``), so a lesson's run takes a number
of live updates that does not depend on the machine; the tests wait for states, never for a time.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle


def test_history_page_links_each_idea_to_its_page(open_page, screenshot):
    page = open_page("/history?lang=en")
    expect(page.locator("h1").first).to_have_text("Applications and history")
    for year in ("1962", "1998", "2012", "2015"):
        expect(page.get_by_role("heading", name=year, exact=True).first).to_be_visible()
    expect(page.locator(".st-key-quiz_history")).to_be_visible()
    screenshot(page, "history_en")
    page.get_by_role("link", name="ResNet-18 with its skip connections").click()
    expect(page).to_have_url(re.compile(r"/architectures\?.*arch\.net=resnet18"), timeout=30_000)
    wait_until_idle(page)
    zh = open_page("/history?lang=zh")
    expect(zh.locator("h1").first).to_have_text("应用与历史")
    screenshot(zh, "history_zh")


def test_degradation_lesson_runs_from_its_button_and_then_says_what_it_showed(open_page, screenshot):
    page = open_page("/training?lang=en")
    page.get_by_role("button", name="Plain vs residual").click()
    expect(page.get_by_text("Lesson · Plain vs residual")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("What you saw:")).to_have_count(0)  # the result is not told before the run
    # 3 epochs of 63 batches, paced by steps: it ends by itself and only then shows what it showed
    expect(page.get_by_text(re.compile(r"What you saw: the plain stack stays at chance"))).to_be_visible(
        timeout=600_000)
    wait_until_idle(page)
    screenshot(page, "training_degradation_done_en")


def test_augmentation_lesson_shows_augmented_examples(open_page, screenshot):
    page = open_page("/training?lang=zh")
    page.get_by_role("button", name="数据增强").click()
    expect(page.get_by_text("同一张训练图像的随机增强版本")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="暂停").click()
    wait_until_idle(page)
    screenshot(page, "training_augmentation_zh")

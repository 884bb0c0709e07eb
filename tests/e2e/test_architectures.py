"""The Architectures page in a real browser: deep links to a preset and to a custom network, a
preset copied into the editable table, and a cell edited in the table's grid."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import expect_rerun, wait_until_idle

SHRINKING = "1x28x28-conv6k5-relu-max2-conv16k5-relu-max2-conv32k5-relu-flat-fc10"


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator(
        '[data-testid="stMetricValue"]')


def test_alexnet_deep_link_then_edit_a_copy(open_page, screenshot):
    page = open_page("/architectures?lang=en")
    expect(page.locator("h1").first).to_have_text("Classic architectures, layer by layer")
    expect(metric(page, "Parameters")).to_have_text("62,378,344")
    expect(page.locator(".stPlotlyChart")).to_have_count(2)
    # the layer table, its pinned total row, and every column (folded in an expander)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(3)
    screenshot(page, "architectures_en")

    page.get_by_role("button", name="Edit a copy in the table").click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"arch\.custom=3x227x227-conv96k11s4-relu-max3s2"))
    expect(page).to_have_url(re.compile(r"arch\.net=custom"))
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(4)  # the editor and the summary's three
    expect(metric(page, "Parameters")).to_have_text("62,378,344")  # LRN left out: no parameters lost
    expect(page.get_by_text("Left out of the copy: Local response normalization")).to_be_visible()


def test_a_custom_link_flags_the_invalid_row_in_chinese(open_page, screenshot):
    page = open_page(f"/architectures?lang=zh&arch.net=custom&arch.custom={SHRINKING}")
    expect(page.locator('[data-testid="stAlertContentError"]').first).to_contain_text("第 7 行（conv3）")
    expect(page.locator('[data-testid="stAlertContentError"]').first).to_contain_text(
        "卷积核覆盖范围 5 超过了填充后的输入 4")
    expect(metric(page, "输出形状")).to_have_text("—")
    screenshot(page, "architectures_zh_invalid")

    # fix it in the grid: conv3 (row 7) gets padding 1, so the rows after it stop waiting
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 150, box["y"] + 60)  # a cell of the "layer type" column
    page.wait_for_function("grid => grid.contains(document.activeElement)", arg=grid.element_handle())
    for _ in range(12):
        page.keyboard.press("ArrowUp")  # row 1
    for _ in range(6):
        page.keyboard.press("ArrowDown")  # row 7
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # type -> filters -> kernel -> stride -> padding
    page.keyboard.type("1")
    expect(page.locator("textarea.gdg-input")).to_have_value("1")  # the cell editor is open
    with expect_rerun(page):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"conv32k5p1"))
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    expect(metric(page, "输出形状")).to_have_text("10")


def test_presentation_mode_inception(open_page, screenshot):
    page = open_page("/architectures?lang=en&present=1&arch.net=inception3a")
    expect(metric(page, "Direct 5×5 conv")).to_have_text("819,200")
    expect(metric(page, "1×1 then 5×5")).to_have_text("208,896")
    expect(page.get_by_text("The slides print 204,800")).to_be_visible()
    assert page.get_by_role("button", name="Edit a copy in the table").count() == 0
    screenshot(page, "architectures_present")

    page.get_by_role("combobox", name="Network").click()
    page.get_by_role("option", name="VGG-16 (2014)").click()
    wait_until_idle(page)
    expect(metric(page, "Parameters")).to_have_text("138,357,544")
    expect(page).to_have_url(re.compile(r"arch\.net=vgg16"))

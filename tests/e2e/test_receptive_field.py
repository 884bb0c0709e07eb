"""The Receptive-field page in a real browser: click a unit of the last map, load an example."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from cnnviz.i18n import t

from .conftest import wait_until_idle


def click_last_map_cell(page, row: int, col: int) -> None:
    """Click cell (row, col) of the last stage, where the figure's pick markers are."""
    chart = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first
    chart.scroll_into_view_if_needed()
    x, y = chart.evaluate(
        """(gd, cell) => {
            const pick = gd.data[gd.data.length - 1];
            const index = pick.xaxis.slice(1);
            const xa = gd._fullLayout['xaxis' + index], ya = gd._fullLayout['yaxis' + index];
            const box = gd.getBoundingClientRect();
            return [box.left + xa._offset + xa.l2p(cell[1]), box.top + ya._offset + ya.l2p(cell[0])];
        }""",
        [row, col],
    )
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_click_a_unit_of_the_last_map(open_page, screenshot):
    page = open_page("/receptive_field?lang=en")
    expect(page.locator("h1").first).to_contain_text("Receptive field")
    expect(page.get_by_text("a 8 × 8 receptive field", exact=False)).to_be_visible()
    screenshot(page, "receptive_field_en")

    click_last_map_cell(page, 1, 4)
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"receptive\.row=1.*receptive\.col=4|receptive\.col=4.*receptive\.row=1"))
    expect(page.get_by_text("input rows 2…9 and columns 8…15", exact=False)).to_be_visible()


def test_example_button_in_chinese(open_page, screenshot):
    page = open_page("/receptive_field?lang=zh")
    page.get_by_role("button", name="膨胀 2-2（空洞）").click()
    wait_until_idle(page)
    stack = page.get_by_role("textbox", name=t("receptive.stack", "zh"))  # not the answer field
    expect(stack).to_have_value("c3d2, c3d2")
    expect(page.get_by_text("81 个输入像素中有 56 个", exact=False)).to_be_visible()
    screenshot(page, "receptive_field_zh")


def test_presentation_and_an_empty_output(open_page, screenshot):
    page = open_page("/receptive_field?lang=en&present=1&receptive.stack=c3p1,c3p1,p2,c3p1,c3p1,p2")
    expect(page.locator('[data-testid="stTable"]')).to_contain_text("16")
    screenshot(page, "receptive_field_present")
    page = open_page("/receptive_field?lang=en&receptive.stack=c5,c5,c5&receptive.size=10")
    expect(page.get_by_text("produces nothing", exact=False)).to_be_visible()

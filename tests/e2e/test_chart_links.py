"""Sliding-window animations in the browser (ui/chart_links.py): hovering or tapping an output
cell jumps the animation to that cell, the step goes to the address bar (``conv.step=``), survives a
control change and opens from a link."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle

CHART = '[data-testid="stMain"] .js-plotly-plot'

STATE = """(i) => { const gd = document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')[i];
  return {active: gd._fullLayout.sliders[0].active, wired: !!gd.__cnnvizWired}; }"""

CELL_CENTRE = """([i, row, col]) => {
  const gd = document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')[i];
  const trace = gd._fullData[gd.layout.meta.output_traces[0]];
  const xa = gd._fullLayout['xaxis' + trace.xaxis.slice(1)], ya = gd._fullLayout['yaxis' + trace.yaxis.slice(1)];
  const box = gd.getBoundingClientRect();
  return {x: box.left + xa._offset + xa.l2p(col), y: box.top + ya._offset + ya.l2p(row)};
}"""


def _chart_ready(page, index: int = 0):
    page.locator(CHART).nth(index).scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll({CHART!r})[{index}].__cnnvizWired === true")


def _active(page, index: int = 0) -> int:
    return page.evaluate(STATE, index)["active"]


def test_hover_jumps_and_the_step_survives_a_control_change(open_page):
    page = open_page("/conv_lab?lang=en&conv.input=edge")  # 7×7 input, 3×3 kernel: a 5×5 output
    _chart_ready(page)
    assert _active(page) == 0
    point = page.evaluate(CELL_CENTRE, [0, 2, 3])
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(f"() => document.querySelector({CHART!r})._fullLayout.sliders[0].active === 13")
    expect(page).to_have_url(re.compile(r"[?&]conv\.step=13\b"))

    page.locator('[data-testid="stNumberInput"] button').last.click()  # bias + 0.5: a new figure
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"conv\.bias=0\.5"))
    page.wait_for_function(f"() => document.querySelector({CHART!r})._fullLayout.sliders[0].active === 13")
    expect(page).to_have_url(re.compile(r"[?&]conv\.step=13\b"))


def test_a_link_opens_the_step_and_a_tap_moves_the_pooling_window(open_page):
    page = open_page("/conv_lab?lang=zh&conv.input=edge&conv.step=7")
    _chart_ready(page)
    page.wait_for_function(f"() => document.querySelector({CHART!r})._fullLayout.sliders[0].active === 7")

    page = open_page("/pooling?lang=en")  # the course's 6×6 input, 3×3 window, stride 3: a 2×2 output
    _chart_ready(page)
    point = page.evaluate(CELL_CENTRE, [0, 1, 0])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(f"() => document.querySelector({CHART!r})._fullLayout.sliders[0].active === 2")
    expect(page).to_have_url(re.compile(r"[?&]pool\.step=2\b"))

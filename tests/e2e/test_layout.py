"""Every page in the four places it is used, in English and Chinese: desktop 1400×900,
``?present=1`` at 1280×720, a 390×844 touch phone, and a 1000×800 iframe of ``?embed=true``.

For each page of the registry (``ui.shell.available_pages()``, so pages added later are covered):
no horizontal overflow of the page, no two text labels of a chart overlapping (bounding boxes of
the SVG text nodes), and in presentation and embed mode the main visual (the first chart, image
or drawing component) starting in the first screen and the sidebar collapsed. One browser; one test
per context × language loops over the pages and reports every problem at once.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ui.shell import available_pages

from .conftest import PAGE_TIMEOUT_MS, assert_no_exception, wait_until_idle

CONTEXTS = {
    "desktop": {"width": 1400, "height": 900, "query": ""},
    "present": {"width": 1280, "height": 720, "query": "&present=1"},
    "phone": {"width": 390, "height": 844, "query": "", "touch": True},
    "embed": {"width": 1000, "height": 800, "query": "&embed=true"},
}
VISIBLE_PX = 140  # at least this much of the main visual shows in the first screen
FIRST_SCREEN = ("present", "embed")  # the projector and the course site; desktop and phone show the controls first

# What a page's main visual is: a Plotly chart, the Training page's live chart (a component iframe
# titled ...cnnviz_live_plotly), an image (the input digit on /inside) or a Vega chart. Not any
# iframe or canvas: the sidebar's link component, an uploader or a drawing pad is no main visual.
MAIN_VISUAL = ['[data-testid="stPlotlyChart"]', 'iframe[title$="cnnviz_live_plotly"]',
               '[data-testid="stImage"]', '[data-testid="stVegaLiteChart"]']
MAIN_VISUAL_CSS = ", ".join(f'[data-testid="stMain"] {selector}' for selector in MAIN_VISUAL)
TEXT_PAGES = {"home", "teacher", "history"}  # pages of text and links: no main visual to look for

PROBE = """() => {
  const MAIN_VISUAL = MAIN_VISUAL_SELECTORS;
  const doc = document.documentElement;
  const vw = doc.clientWidth, vh = window.innerHeight;
  const overflow = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || r.right <= vw + 2) continue;
    let p = el.parentElement, clipped = false;
    while (p) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && p.getBoundingClientRect().right <= vw + 2) {
        clipped = true; break;
      }
      p = p.parentElement;
    }
    if (!clipped) overflow.push((el.getAttribute('data-testid') || el.tagName) + ' right=' + Math.round(r.right));
  }
  if (doc.scrollWidth > vw + 2) overflow.push('document scrollWidth=' + doc.scrollWidth);
  const overlaps = [];
  document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').forEach((plot, pi) => {
    const boxes = [];
    plot.querySelectorAll('svg text').forEach(t => {
      const s = (t.textContent || '').trim();
      if (!s) return;
      const cs = getComputedStyle(t);
      if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return;
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) boxes.push([s, r]);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, q] = boxes[j];
      const ix = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const iy = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      const small = Math.min(r.width * r.height, q.width * q.height);
      if (ix > 1 && iy > 1 && ix * iy > 0.2 * small) overlaps.push(`chart ${pi}: "${a.slice(0, 30)}" x "${b.slice(0, 30)}"`);
    }
  });
  const visual = [...document.querySelectorAll(MAIN_VISUAL)].find(e => e.getBoundingClientRect().height > 0);
  const visualTop = visual ? visual.getBoundingClientRect().top + window.scrollY : null;
  const sb = document.querySelector('[data-testid="stSidebar"]');
  const sidebarOpen = sb ? sb.getAttribute('aria-expanded') !== 'false'
    && sb.getAttribute('data-collapsed') !== 'true' && sb.getBoundingClientRect().width > 80 : false;
  return {overflow: overflow.slice(0, 5), overlaps: overlaps.slice(0, 5), visualTop, vh, sidebarOpen};
}""".replace("MAIN_VISUAL_SELECTORS", json.dumps(MAIN_VISUAL_CSS))


# Plotly draws its SVG after the script run: every chart on screen has its drawing.
PLOTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')]
    .filter(chart => chart.offsetParent !== null)
    .every(chart => chart.querySelector('.js-plotly-plot .main-svg'))"""


# The main visual is on the page and laid out: a component's iframe has height 0 until its chart
# has told Streamlit its size (until then it sits at the top of the page, at y = 0).
VISUAL_SHOWN = """() => {
  const found = [...document.querySelectorAll(SELECTOR)];
  return found.some(e => e.getBoundingClientRect().height > 0)
    && found.filter(e => e.tagName === 'IFRAME').every(e => e.getBoundingClientRect().height > 0);
}""".replace("SELECTOR", json.dumps(MAIN_VISUAL_CSS))


def _wait_idle(target) -> None:
    wait_until_idle(target)
    target.wait_for_function(PLOTS_DRAWN, timeout=PAGE_TIMEOUT_MS)


def _open(tab, base_url: str, stem: str, mode: str, lang: str):
    spec = CONTEXTS[mode]
    url = f"{base_url}/{'' if stem == 'home' else stem}?lang={lang}{spec['query']}"
    if mode != "embed":
        tab.goto(url, wait_until="domcontentloaded")
        target = tab
    else:
        tab.set_content(f'<html><body style="margin:0"><iframe src="{url}" width="1000" height="800" '
                        'style="border:0"></iframe></body></html>')
        target = tab.locator("iframe").element_handle().content_frame()
        target.wait_for_url(lambda address: address.startswith(base_url))  # the app's document replaced about:blank
    _wait_idle(target)
    assert_no_exception(target)
    return target


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("mode", list(CONTEXTS))
def test_every_page_fits(mode, lang, app_server, browser_context):
    spec = CONTEXTS[mode]
    tab = browser_context.new_page()
    tab.set_viewport_size({"width": spec["width"], "height": spec["height"]})
    if spec.get("touch"):  # a phone: touch events, no hover
        cdp = browser_context.new_cdp_session(tab)
        cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        cdp.send("Emulation.setEmitTouchEventsForMouse", {"enabled": True, "configuration": "mobile"})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    problems: list[str] = []
    try:
        for page in available_pages():
            target = _open(tab, app_server, page.stem, mode, lang)
            where = f"/{page.stem} {mode} {lang}"
            if page.stem not in TEXT_PAGES:
                # a component (the live chart) or a fragment may add the visual after the script run
                try:
                    target.wait_for_function(VISUAL_SHOWN, timeout=PAGE_TIMEOUT_MS)
                except PlaywrightTimeoutError:
                    problems.append(f"{where}: no main visual ({', '.join(MAIN_VISUAL)})")
                _wait_idle(target)
            found = target.evaluate(PROBE)
            problems += [f"{where}: overflow {item}" for item in found["overflow"]]
            problems += [f"{where}: overlap {item}" for item in found["overlaps"]]
            if (mode in FIRST_SCREEN and found["visualTop"] is not None
                    and found["visualTop"] > found["vh"] - VISIBLE_PX):
                problems.append(f"{where}: main visual starts at y={found['visualTop']:.0f}, "
                                f"below the first screen ({found['vh']} px)")
            if mode in ("present", "embed") and found["sidebarOpen"]:
                problems.append(f"{where}: the sidebar is open")
    finally:
        tab.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)


LARGE_GRID_URL = "conv_lab?conv.input=checker&conv.size=12&conv.pad=full&conv.sh=2&conv.sw=2&conv.dil=2"
# numbers written in the first chart (the animation) at no less than the screen's smallest figure text
READABLE_NUMBERS = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')][0]
    ? [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')[0].querySelectorAll('svg text')]
        .filter(t => /^-?[0-9.]+$/.test((t.textContent || '').trim()) && parseFloat(getComputedStyle(t).fontSize) >= 12)
        .length : 0"""


@pytest.mark.parametrize("mode", ["desktop", "phone"])
def test_a_12x12_input_keeps_its_numbers_in_their_cells(mode, app_server, browser_context):
    """A 12 × 12 input, full padding, stride 2, dilation 2: the 3 × 3 kernel, its products and the
    8 × 8 output (with its row and column numbers) are written at 12 px or more, no two overlap."""
    spec = CONTEXTS[mode]
    tab = browser_context.new_page()
    tab.set_viewport_size({"width": spec["width"], "height": spec["height"]})
    try:
        tab.goto(f"{app_server}/{LARGE_GRID_URL}&lang=en", wait_until="domcontentloaded")
        _wait_idle(tab)
        assert_no_exception(tab)
        expected = 9 + 9 + 64 + 8 + 8  # Plotly writes the cells' text after the chart's frame: wait for it
        tab.wait_for_function(f"() => ({READABLE_NUMBERS})() >= {expected}", timeout=PAGE_TIMEOUT_MS)
        found = tab.evaluate(PROBE)
        assert not found["overflow"] and not found["overlaps"], found
    finally:
        tab.close()

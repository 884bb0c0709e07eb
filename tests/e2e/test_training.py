"""The Training page in a real browser: a short training moves the live charts, and another
session stays responsive while one trains.

The test server paces training by steps (``CNNVIZ_CHUNK_STEPS``, see ``conftest.SERVER_ENV``): each
live update advances exactly ``CHUNK_STEPS`` steps, and the browser's auto-rerun timer asks for
one update every ``ui.training_state.RUN_EVERY`` seconds. So a run of S steps needs S / CHUNK_STEPS
updates and lasts at least about (S / CHUNK_STEPS − 1) × RUN_EVERY seconds on any machine, however
fast; a slow machine only makes it longer. The tests assert on states, never on how many redraws
happened on the way.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from ui.training_state import RUN_EVERY

from .conftest import CHUNK_STEPS, wait_until_idle

LIVE_FRAME = 'iframe[title$="cnnviz_live_plotly"]'
TINY = ("training.model=small&training.dataset=shapes&training.conv_blocks=1&training.filters=4"
        "&training.train_size=500&training.batch_size=32&training.epochs=3")
TINY_STEPS = 3 * 16  # 500 images / 32 = 16 batches, 3 epochs
LONG = "training.epochs=50"  # LeNet-5 on 4,000 digits: 63 batches of 64, 50 epochs
LONG_STEPS = 63 * 50
VISITOR_TIMEOUT = 60_000  # ms: a hang guard for each of the visitor's three checks, generous for a loaded machine
STEP = re.compile(r"step (\d+) of (\d+)")
PROGRESS_STEP = """() => {
    const match = /step (\\d+) of/.exec(document.querySelector('[data-testid="stProgress"]')?.innerText || '');
    return match ? Number(match[1]) : -1;
}"""


def curves_frame(page):
    """The frame of the first live chart (the learning curves)."""
    handle = page.locator(LIVE_FRAME).first.element_handle(timeout=30_000)
    frame = handle.content_frame()
    frame.wait_for_selector("#chart .main-svg", timeout=30_000)
    return frame


def chart_state(frame) -> dict:
    """How often the chart was redrawn, and how many points its first (per-batch loss) trace has."""
    return frame.evaluate("""() => {
        const chart = document.getElementById('chart');
        const trace = chart._fullData && chart._fullData[0];
        return {updates: Number(chart.getAttribute('data-updates') || 0),
                points: trace && trace.x ? trace.x.length : 0};
    }""")


def current_step(page) -> int:
    text = page.locator('[data-testid="stProgress"]').first.inner_text()
    match = STEP.search(text)
    return int(match.group(1)) if match else -1


def wait_for_step_above(page, step: int) -> None:
    page.wait_for_function(f"() => ({PROGRESS_STEP})() > {step}", timeout=60_000)


def test_a_short_training_moves_the_curves(open_page, screenshot):
    page = open_page(f"/training?lang=en&{TINY}")
    frame_element = page.locator(LIVE_FRAME).first.element_handle()
    frame = curves_frame(page)
    before = chart_state(frame)
    assert before["points"] == 0
    page.get_by_role("button", name="Start").click()
    # it finishes by itself (after TINY_STEPS / CHUNK_STEPS updates) and says how well it did
    expect(page.get_by_text(re.compile(r"Finished: held-out accuracy \d+\.\d %"))).to_be_visible(timeout=120_000)
    wait_until_idle(page)  # the last live update asks for a full run that redraws the controls
    assert current_step(page) == TINY_STEPS
    # the chart that was there before Start was updated in place: the same frame now shows every step
    assert frame_element.evaluate("el => el.isConnected")
    frame.wait_for_function(f"() => document.getElementById('chart')._fullData[0].x.length === {TINY_STEPS}")
    assert chart_state(frame)["updates"] > before["updates"]
    assert chart_state(curves_frame(page))["points"] == TINY_STEPS
    # each live update trained exactly CHUNK_STEPS steps (48 is a multiple of 4: the last one too)
    assert TINY_STEPS % CHUNK_STEPS == 0
    expect(page.get_by_text(f"Last chunk: {CHUNK_STEPS} steps in")).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(2)  # confusion matrix and misclassified
    screenshot(page, "training_finished_en")


def test_another_session_stays_responsive_while_one_trains(open_page, screenshot):
    # the long run lasts at least ~236 s on any machine: longer than the visitor's checks may take
    # (their hang guards, VISITOR_TIMEOUT each, add up to 180 s), so it is still running when they end
    assert (LONG_STEPS / CHUNK_STEPS - 1) * RUN_EVERY > 3 * VISITOR_TIMEOUT / 1000
    trainer_page = open_page(f"/training?lang=en&{LONG}")
    expect(trainer_page.locator('[data-testid="stProgress"]').first).to_contain_text(f"step 0 of {LONG_STEPS}")
    trainer_page.get_by_role("button", name="Start").click()
    wait_for_step_above(trainer_page, 0)
    started = current_step(trainer_page)
    assert 0 < started < LONG_STEPS and started % CHUNK_STEPS == 0
    # a second tab is a second Streamlit session: it must render while the first one trains
    visitor = open_page("/training?lang=zh")
    expect(visitor.locator("h1").first).to_have_text("训练实验室", timeout=VISITOR_TIMEOUT)
    expect(visitor.locator('[data-testid="stProgress"]').first).to_contain_text("第 0/", timeout=VISITOR_TIMEOUT)
    visitor.get_by_role("radio", name="3", exact=True).check(force=True)  # it also reacts to its own controls
    expect(visitor).to_have_url(re.compile(r"training\.probe=3"), timeout=VISITOR_TIMEOUT)
    wait_until_idle(visitor)
    # and the first session kept training meanwhile
    wait_for_step_above(trainer_page, started)
    screenshot(trainer_page, "training_running_en")
    trainer_page.get_by_role("button", name="Pause").click()
    expect(trainer_page.get_by_role("button", name="Resume")).to_be_visible(timeout=30_000)
    wait_until_idle(trainer_page)
    assert started < current_step(trainer_page) < LONG_STEPS  # paused before the end, as planned
    expect(trainer_page.get_by_text("Finished: held-out accuracy")).to_have_count(0)

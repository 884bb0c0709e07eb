"""The Training page in a real browser: a short training moves the live charts, and another
session stays responsive while one trains."""

from __future__ import annotations

import re

from playwright.sync_api import expect

LIVE_FRAME = 'iframe[title$="cnnviz_live_plotly"]'
TINY = ("training.model=small&training.dataset=shapes&training.conv_blocks=1&training.filters=4"
        "&training.train_size=500&training.batch_size=32&training.epochs=3")
STEP = re.compile(r"step (\d+) of (\d+)")


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


def test_a_short_training_moves_the_curves(open_page, screenshot):
    page = open_page(f"/training?lang=en&{TINY}")
    frame = curves_frame(page)
    before = chart_state(frame)
    assert before["points"] == 0
    page.get_by_role("button", name="Start").click()
    # while it trains, the same chart is redrawn in place with more and more points
    page.wait_for_function(
        """([selector, updates]) => {
            const frame = document.querySelector(selector);
            const chart = frame && frame.contentDocument && frame.contentDocument.getElementById('chart');
            return chart && Number(chart.getAttribute('data-updates')) >= updates + 2 && chart._fullData
                   && chart._fullData[0] && chart._fullData[0].x.length > 0;
        }""",
        arg=[LIVE_FRAME, before["updates"]], timeout=60_000)
    middle = chart_state(frame)
    assert middle["points"] > 0 and middle["updates"] >= before["updates"] + 2
    # it finishes by itself and says how well it did
    expect(page.get_by_text(re.compile(r"Finished: held-out accuracy \d+\.\d %"))).to_be_visible(timeout=120_000)
    after = chart_state(curves_frame(page))
    assert after["points"] == 3 * 16 >= middle["points"]  # 500 images / 32 = 16 batches, 3 epochs
    assert current_step(page) == 48
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 2  # confusion matrix and misclassified
    screenshot(page, "training_finished_en")


def test_another_session_stays_responsive_while_one_trains(open_page, screenshot):
    trainer_page = open_page("/training?lang=en")  # LeNet-5 on 4,000 digits: a long run
    trainer_page.get_by_role("button", name="Start").click()
    trainer_page.wait_for_function(
        """() => /step [1-9]\\d* of/.test(document.querySelector('[data-testid="stProgress"]')?.innerText || '')""",
        timeout=60_000)
    started = current_step(trainer_page)
    # a second tab is a second Streamlit session: it must render while the first one trains
    visitor = open_page("/training?lang=zh")
    expect(visitor.locator("h1").first).to_have_text("训练实验室", timeout=15_000)
    expect(visitor.locator('[data-testid="stProgress"]').first).to_contain_text("第 0/", timeout=15_000)
    visitor.get_by_role("radio", name="3", exact=True).check(force=True)  # it also reacts to its own controls
    expect(visitor).to_have_url(re.compile(r"training\.probe=3"), timeout=15_000)
    expect(visitor.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(
        timeout=15_000)
    # and the first session kept training meanwhile
    trainer_page.wait_for_function(
        f"""() => {{
            const match = /step (\\d+) of/.exec(document.querySelector('[data-testid="stProgress"]')?.innerText || '');
            return match && Number(match[1]) > {started};
        }}""", timeout=60_000)
    screenshot(trainer_page, "training_running_en")
    trainer_page.get_by_role("button", name="Pause").click()
    expect(trainer_page.get_by_role("button", name="Resume")).to_be_visible(timeout=30_000)

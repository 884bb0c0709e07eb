"""The Convolution Lab in a real browser: a deep link, the animation's buttons, stride and padding,
the language switch, a bad upload; no console error, no exception box."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import expect_rerun, wait_for_layout, wait_until_idle

# Clicking "Pause" while Plotly is animating rejects the promise of the running Plotly.animate call
# with no reason, which Chromium reports as the page error "undefined". It is Plotly's design (the
# animation was interrupted on purpose), not an app error; only that exact message is dropped.
INTERRUPTED_ANIMATION = "pageerror: undefined"


def animation(page):
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first


def frame_on_screen(page) -> int:
    return animation(page).evaluate("el => el._fullLayout.sliders[0].active")


PLOT = 'document.querySelector(\'[data-testid="stPlotlyChart"] .js-plotly-plot\')'
STOPPED = f"""(() => {{
    const data = {PLOT}._transitionData;
    return !data || (!data._animationRaf && !(data._frameQueue || []).length);
}})()"""
"""True when Plotly's animation loop is stopped and no frame is queued: nothing will move."""


def wait_for_frame(page, test: str) -> None:
    """Wait until the animation's frame on screen, ``frame``, passes ``test`` (a JS expression)."""
    page.wait_for_function(f"""() => {{
        const sliders = {PLOT}?._fullLayout?.sliders;
        const frame = sliders && sliders[0].active;
        return typeof frame === "number" && ({test});
    }}""", polling="raf")


def plot_button(page, text: str):
    return page.locator("g.updatemenu-button", has_text=text).first


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def tall(page, height: int = 4200):
    """The page scrolls inside Streamlit's main block, so a full-page screenshot needs a tall window."""
    page.set_viewport_size({"width": 1400, "height": height})
    wait_for_layout(page, height)


def drop_interrupted_animation(open_page) -> None:
    open_page.errors[:] = [e for e in open_page.errors if e != INTERRUPTED_ANIMATION]


def test_deep_link_play_pause_and_step(open_page, screenshot):
    page = open_page("/conv_lab?lang=en&conv.input=edge&conv.size=6&conv.kernel=sobel_x")
    expect(page.locator("h1").first).to_have_text("Convolution lab")
    expect(metric(page, "Output")).to_have_text("4 × 4")
    assert frame_on_screen(page) == 0

    plot_button(page, "Play").click()
    wait_for_frame(page, "frame >= 1")  # it plays
    plot_button(page, "Pause").click()
    page.wait_for_function(f"() => {STOPPED}", polling="raf")
    paused = frame_on_screen(page)
    assert paused >= 1
    assert page.evaluate(STOPPED)  # it stays paused: no animation loop runs and no frame is queued

    plot_button(page, "Step ▶").click()
    wait_for_frame(page, f"frame === {paused + 1}")
    plot_button(page, "◀ Step").click()
    wait_for_frame(page, f"frame === {paused}")
    plot_button(page, "◀ Step").click()
    wait_for_frame(page, f"frame === {paused - 1}")
    drop_interrupted_animation(open_page)
    open_page.check_console()
    tall(page)
    screenshot(page, "conv_lab_en")


def test_stride_padding_and_language(open_page, screenshot):
    page = open_page("/conv_lab?lang=en&conv.input=checker&conv.size=8")
    expect(metric(page, "Output")).to_have_text("6 × 6")

    page.get_by_role("slider", name="Stride Sh (down)").press("ArrowRight")
    wait_until_idle(page)
    expect(metric(page, "Output")).to_have_text("3 × 6")
    expect(page).to_have_url(re.compile(r"conv\.sh=2"))

    page.locator('[data-testid="stSelectbox"]').filter(has_text="Padding").click()
    page.get_by_role("option", name="full (every overlap)").click()
    wait_until_idle(page)
    expect(metric(page, "Output")).to_have_text("5 × 10")  # (8 + 4 − 3) // 2 + 1, 8 + 4 − 3 + 1
    expect(page).to_have_url(re.compile(r"conv\.pad=full"))
    assert animation(page).evaluate("el => el._fullLayout.sliders[0].steps.length") == 50

    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label').filter(has_text="中文").click()
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("卷积实验室")
    expect(plot_button(page, "下一步 ▶")).to_be_visible()
    expect(metric(page, "输出")).to_have_text("5 × 10")  # the configuration survives the switch
    open_page.check_console()
    tall(page)
    screenshot(page, "conv_lab_zh")


def test_presentation_mode_and_a_bad_upload(open_page, screenshot, tmp_path):
    page = open_page("/conv_lab?lang=en&present=1&conv.photo=upload&conv.kernel=sobel_y")
    # presentation mode folds the controls into "Settings", one click away
    expect(page.get_by_text("More settings")).to_be_hidden()
    page.get_by_text("Settings", exact=True).first.click()
    expect(page.get_by_text("More settings")).to_be_visible()
    text_file = tmp_path / "notes.png"
    text_file.write_text("this is not a picture")
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(text_file))
    expect(page.get_by_text("“notes.png” cannot be used", exact=False)).to_be_visible()
    expect(page.get_by_text("the sample photo is shown meanwhile", exact=False)).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(4)  # the page still works
    open_page.check_console()
    tall(page, 4600)
    screenshot(page, "conv_lab_present")

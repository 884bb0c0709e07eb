"""The Convolution Lab in a real browser: a deep link, the animation's buttons, stride and padding,
the language switch, a bad upload; no console error, no exception box."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import wait_until_idle

# Clicking "Pause" while Plotly is animating rejects the promise of the running Plotly.animate call
# with no reason, which Chromium reports as the page error "undefined". It is Plotly's design (the
# animation was interrupted on purpose), not an app error; only that exact message is dropped.
INTERRUPTED_ANIMATION = "pageerror: undefined"


def animation(page):
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first


def frame_on_screen(page) -> int:
    return animation(page).evaluate("el => el._fullLayout.sliders[0].active")


def plot_button(page, text: str):
    return page.locator("g.updatemenu-button", has_text=text).first


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def tall(page, height: int = 4200):
    """The page scrolls inside Streamlit's main block, so a full-page screenshot needs a tall window."""
    page.set_viewport_size({"width": 1400, "height": height})
    page.wait_for_timeout(600)


def test_deep_link_play_pause_and_step(open_page, screenshot):
    page = open_page("/conv_lab?lang=en&conv.input=edge&conv.size=6&conv.kernel=sobel_x")
    expect(page.locator("h1").first).to_have_text("Convolution lab")
    expect(metric(page, "Output")).to_have_text("4 × 4")
    assert frame_on_screen(page) == 0

    plot_button(page, "Play").click()
    page.wait_for_timeout(2200)  # 700 ms a frame
    plot_button(page, "Pause").click()
    page.wait_for_timeout(300)
    open_page.errors[:] = [e for e in open_page.errors if e != INTERRUPTED_ANIMATION]
    paused = frame_on_screen(page)
    assert paused >= 1
    page.wait_for_timeout(900)
    assert frame_on_screen(page) == paused  # it stays paused

    plot_button(page, "Step ▶").click()
    page.wait_for_timeout(300)
    assert frame_on_screen(page) == paused + 1
    plot_button(page, "◀ Step").click()
    plot_button(page, "◀ Step").click()
    page.wait_for_timeout(300)
    assert frame_on_screen(page) == paused - 1
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
    expect(page.get_by_text("More settings")).to_be_visible()
    text_file = tmp_path / "notes.png"
    text_file.write_text("this is not a picture")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(text_file))
    wait_until_idle(page)
    expect(page.get_by_text("“notes.png” cannot be used", exact=False)).to_be_visible()
    expect(page.get_by_text("the sample photo is shown meanwhile", exact=False)).to_be_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 4  # the page still works
    open_page.check_console()
    tall(page, 4600)
    screenshot(page, "conv_lab_present")

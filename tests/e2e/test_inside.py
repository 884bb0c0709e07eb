"""The page "Inside a trained CNN" in a real browser: draw a digit, upload bad files, deep links."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from cnnviz import train
from cnnviz.i18n import t
from cnnviz.train import model_file

from .conftest import assert_no_exception, expect_rerun, wait_until_idle

METRIC = '[data-testid="stMetricValue"]'
CHARTS = '[data-testid="stPlotlyChart"]'


def png_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(page, key: str, name: str, mime: str, content: bytes) -> None:
    """Put a file into the uploader with this widget key and wait for the rerun it causes."""
    with expect_rerun(page):
        page.locator(f".st-key-{key.replace('.', '-')} input[type=file]").set_input_files(
            {"name": name, "mimeType": mime, "buffer": content})


def test_draw_a_digit_and_see_the_prediction(open_page, screenshot):
    page = open_page("/inside?inside.source=draw")
    expect(page.get_by_text(t("data.err_blank", "en"))).to_be_visible()
    canvas = page.locator("canvas.upper-canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None and round(box["width"]) == 280
    # one vertical stroke: a "1"
    page.mouse.move(box["x"] + 140, box["y"] + 45)
    page.mouse.down()
    for k in range(1, 25):
        page.mouse.move(box["x"] + 140 + k * 0.4, box["y"] + 45 + k * 8)
    page.mouse.up()
    expect(page.locator(METRIC).first).to_have_text("1", timeout=30_000)
    wait_until_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text(t("inside.prep_header", "en"))).to_be_visible()
    expect(page.locator(CHARTS).nth(5)).to_be_attached()  # preprocessing, probabilities, network, maps, explanations, ...
    expect(page.locator(".st-key-inside-network .js-plotly-plot")).to_be_visible()
    screenshot(page, "inside_draw_en")


def test_bad_uploads_get_translated_messages(open_page):
    page = open_page("/inside?lang=zh&inside.source=upload")
    expect(page.get_by_text(t("inside.upload_prompt", "zh"))).to_be_visible()

    upload(page, "inside.image_file", "notes.txt", "text/plain", b"not an image at all")
    expect(page.get_by_text(t("data.err_not_image", "zh"))).to_be_visible()

    upload(page, "inside.image_file", "blank.png", "image/png", png_bytes(np.full((200, 200), 255, np.uint8)))
    expect(page.get_by_text(t("inside.err_upload_blank", "zh"))).to_be_visible()

    huge = np.full((3000, 4000), 255, np.uint8)  # dark ink on white paper, larger than 1024 px
    huge[500:2500, 1900:2150] = 0
    upload(page, "inside.image_file", "huge.png", "image/png", png_bytes(huge))
    notice = t("data.notice_downscaled", "zh", orig_width=4000, orig_height=3000, width=1024, height=768)
    expect(page.get_by_text(notice)).to_be_visible()
    expect(page.locator(METRIC).first).to_have_text("1", timeout=30_000)
    assert_no_exception(page)


def test_model_files_that_do_not_fit_keep_the_current_model(open_page):
    page = open_page("/inside?lang=en")
    first_prediction = page.locator(METRIC).first.inner_text()

    junk = io.BytesIO()
    np.savez(junk, weights=np.zeros(3))
    upload(page, "inside.model_file", "junk.npz", "application/octet-stream", junk.getvalue())
    reason = t("training.load_err_no_header", "en")
    message = t("inside.model_load_failed", "en", name="junk.npz", reason=reason,
                current=t("inside.model.pretrained", "en"))
    expect(page.get_by_text(message)).to_be_visible()
    expect(page.locator(".st-key-inside-model")).to_contain_text(t("inside.model.pretrained", "en"))
    expect(page.locator(METRIC).first).to_have_text(first_prediction)

    upload(page, "inside.model_file", "photo.png", "image/png", png_bytes(np.zeros((4, 4), np.uint8)))
    expect(page.get_by_text(t("training.load_err_not_npz", "en"), exact=False)).to_be_visible()

    config = train.TrainConfig(model="small", conv_blocks=1, filters=4, kernel_size=3)
    small = train.build_model(config, (1, 28, 28), 10, np.random.default_rng(0))
    upload(page, "inside.model_file", "small.npz", "application/octet-stream", model_file.save_model_bytes(small, config))
    label = t("inside.model.uploaded", "en", name="small.npz")
    expect(page.locator(".st-key-inside-model")).to_contain_text(label)
    expect(page.get_by_text(message)).to_have_count(0)
    assert_no_exception(page)


def test_deep_links_in_both_languages_and_presentation_mode(open_page, screenshot):
    page = open_page("/inside?lang=zh&inside.layer=3&inside.view=unit&inside.channel=5&inside.row=3&inside.col=5"
                     "&inside.sanity=1&inside.method=gradcam")
    expect(page.locator("h1").first).to_have_text("训练好的 CNN 内部")
    expect(page.get_by_text("这个值是怎么算出来的")).to_be_visible()
    expect(page.locator(".st-key-inside-explanations .js-plotly-plot")).to_be_visible()
    screenshot(page, "inside_zh")

    page = open_page("/inside?lang=en&present=1&inside.digit=4&inside.method=occlusion")
    expect(page.locator("h1").first).to_have_text("Inside a trained CNN")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "21px"
    expect(page.locator(".st-key-inside-samples")).to_have_count(0)  # fewer controls when presenting
    expect(page.locator(".st-key-inside-am .js-plotly-plot")).to_be_visible()
    screenshot(page, "inside_present_en")

"""Streamlit's file uploader speaks the page's language (issues 12 and 15): the shell's CSS
(``ui.style.uploader_css``) hides its English texts and shows the locale's, with the real limit."""

from __future__ import annotations

import re

from cnnviz.i18n import t

UPLOADER = '.st-key-conv-upload [data-testid="stFileUploader"]'
REFUSED_CHIP = '[data-testid="stFileChip"][aria-invalid="true"]'
TOOLTIP = '[role="tooltip"] [data-testid="stTooltipErrorContent"]'
LIMIT_MB = 8  # server.maxUploadSize in .streamlit/config.toml

# What a reader sees inside an element: its rendered text nodes (not hidden, not of zero size, not the
# Material icon ligatures such as "upload", which draw an icon) and the ::before/::after texts shown.
VISIBLE_TEXT = """el => {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest('[data-testid="stIconMaterial"]')) continue;
    const style = getComputedStyle(parent), box = parent.getBoundingClientRect();
    if (style.visibility !== "visible" || style.display === "none" || parseFloat(style.fontSize) === 0
        || box.width <= 1 || box.height <= 1) continue;
    out.push(node.textContent.trim());
  }
  for (const element of [el, ...el.querySelectorAll("*")]) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (style.visibility === "visible" && style.display !== "none" && /^".*"$/.test(style.content)) {
        out.push(JSON.parse(style.content));
      }
    }
  }
  return out;
}"""


def english_words(texts: list[str]) -> list[str]:
    return [word for text in texts for word in re.findall(r"[A-Za-z]{3,}", text)]


def test_chinese_uploader_shows_no_english_and_the_real_limit(open_page, screenshot):
    page = open_page("/conv_lab?conv.photo=upload&lang=zh")
    uploader = page.locator(UPLOADER)
    uploader.scroll_into_view_if_needed()
    shown = uploader.evaluate(VISIBLE_TEXT)
    assert t("conv_lab.upload", "zh") in shown
    assert t("common.uploader_button", "zh") in shown
    assert t("common.uploader_limit", "zh", mb=LIMIT_MB) in shown
    assert "每个文件最大 8 MB" in shown
    assert english_words(shown) == []
    screenshot(page, "uploader_zh")

    # a file over the limit is refused by the browser: its chip's tooltip says why, in Chinese
    uploader.locator("input[type=file]").set_input_files(
        {"name": "big.png", "mimeType": "image/png", "buffer": bytes(LIMIT_MB * 2 ** 20 + 1)})
    page.locator(REFUSED_CHIP).hover()
    page.locator(TOOLTIP).wait_for(state="attached")
    tooltip = page.locator(TOOLTIP).evaluate(VISIBLE_TEXT)
    assert tooltip == [t("common.uploader_refused", "zh", mb=LIMIT_MB)]
    assert english_words(uploader.evaluate(VISIBLE_TEXT)) == ["big", "png"]  # the file's own name


def test_english_uploader_states_the_limit(open_page):
    page = open_page("/training?lang=en")
    shown = page.locator('[data-testid="stFileUploader"]').evaluate(VISIBLE_TEXT)
    assert "Up to 8 MB per file" in shown
    assert "8MB per file" not in shown  # Streamlit's own text is hidden

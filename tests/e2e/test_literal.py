"""Issue 12 in the real browser: values echoed from the URL are literal text, never links or images,
and the page requests nothing outside the server."""

from __future__ import annotations

import urllib.parse

HOSTILE = {
    "conv.sh": "![a](http://10.9.9.9/p.png)",
    "conv.sw": "[Login again](http://x)",
    "conv.kernel": "www.evil.example :material/home: <img src=http://10.9.9.9/q.png>",
}


def test_url_values_are_shown_literally_and_fetch_nothing(open_page, browser_context):
    requests: list[str] = []
    browser_context.on("request", lambda request: requests.append(request.url))
    page = open_page("/conv_lab?" + urllib.parse.urlencode({**HOSTILE, "lang": "zh"}))
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="conv.sh").first
    text = notice.inner_text().replace("\u2060", "")
    for value in HOSTILE.values():
        assert value[:30] in text
    assert notice.locator("a, img").count() == 0
    assert page.locator('[data-testid="stMarkdownContainer"] img[src*="10.9.9.9"]').count() == 0
    assert page.locator('a[href^="http://x"], a[href*="evil.example"]').count() == 0
    assert not [url for url in requests if url.startswith(("http://10.9.9.9", "http://x", "http://www.evil"))]

"""Shared fixtures: the app under Streamlit's AppTest, and Plotly specs of rendered charts.

``app_test(page=None, query=None, lang="en", context=None)`` runs ``app.py`` (the real router,
sidebar and all) with the given query parameters, then switches to ``pages/<page>.py``::

    def test_stride(app_test):
        at = app_test("conv_lab", query={"conv.stride": 2}, lang="zh")
        assert not at.exception
        spec = plotly_specs(at)[0]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from streamlit.testing.v1 import AppTest

# Property tests must not depend on the machine's speed: no per-example deadline, and no failure
# because generating examples was slow on a busy machine.
settings.register_profile("cnnviz", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cnnviz")

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_PATH = REPO_ROOT / "app.py"


def make_app_test(
    page: str | None = None,
    query: Mapping[str, Any] | None = None,
    lang: str | None = "en",
    context: Mapping[str, Any] | None = None,
) -> AppTest:
    """Run the app once, on ``page`` if given (else home); return the ``AppTest``.

    Parameters
    ----------
    page : str, optional
        A page file stem (``"conv_lab"``) or path (``"pages/conv_lab.py"``); default: home.
    query : mapping, optional
        Query parameters as the URL would carry them (values are turned into strings;
        a list gives a repeated parameter).
    lang : str or None
        ``?lang=``; ``None`` leaves it out (the language then follows ``context["locale"]``).
    context : mapping, optional
        ``st.context`` values, e.g. ``{"locale": "zh-CN", "is_embedded": True}``.
    """
    at = AppTest.from_file(str(APP_PATH), default_timeout=30)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = [str(v) for v in value] if isinstance(value, list) else str(value)
    if context:
        at.context.update(context)
    if page is not None:  # open the page directly: one script run through the router, not home + switch
        at.switch_page(page if page.endswith(".py") else f"pages/{page}.py")
    return at.run()


@pytest.fixture
def app_test() -> Callable[..., AppTest]:
    """The :func:`make_app_test` factory."""
    return make_app_test


def plotly_specs(at: AppTest) -> list[dict]:
    """The Plotly figure (as a dict with ``data`` and ``layout``) of every chart on the page."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def rendered(markdown: str) -> str:
    """Markdown source as the reader sees it: backslash escapes resolved, word joiners dropped.

    Text echoed from a URL, a file name or a typed field reaches Markdown through
    :func:`ui.literal.literal`, which escapes it; tests compare what is shown.
    """
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")

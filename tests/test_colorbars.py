"""Colour that encodes a value comes with a colour bar whose ticks give the ends and the middle."""

from __future__ import annotations

import pytest

from tests.conftest import make_app_test, plotly_specs


def _bars(spec: dict) -> list[dict]:
    return [trace["colorbar"] for trace in spec["data"] if trace.get("showscale")]


@pytest.mark.parametrize(("page", "query", "chart", "count"), [
    ("why_conv", {}, "equivariance", 2),                     # one per row (convolution, dense)
    ("transposed_conv", {"transposed.view": "matrix"}, "matrix", 2),  # C and Cᵀ, one each
    ("conv_family", {}, "dilation_chart", 1),                # path counts of the stack
    ("backprop", {"backprop.section": "cnn"}, "cnn", 12),   # every panel of the tiny CNN (flow and update)
])
def test_value_colours_have_bars(page, query, chart, count):
    at = make_app_test(page, query=query)
    assert not at.exception
    specs = [s for s in plotly_specs(at) if _bars(s)]
    bars = [bar for s in specs for bar in _bars(s)]
    assert len(bars) >= count
    for bar in bars:
        ticks = bar["tickvals"]
        assert ticks == sorted(ticks) and len(bar["ticktext"]) == len(ticks)

"""ui.figcache: frozen figures carry exactly Plotly's JSON; the shared store is bounded."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ui import figcache


def heatmap(n: int) -> go.Figure:
    return go.Figure(go.Heatmap(z=np.arange(n * n, dtype=float).reshape(n, n)), layout={"title": {"text": "t"}})


def test_frozen_figure_is_plotlys_json_and_read_only():
    figure = heatmap(4)
    frozen = figcache.freeze(figure)
    assert isinstance(frozen, go.Figure)
    assert frozen.to_dict() == json.loads(pio.to_json(figure))
    assert json.loads(pio.to_json(frozen.to_dict(), validate=False)) == json.loads(pio.to_json(figure))
    assert frozen.nbytes == len(pio.to_json(figure))
    with pytest.raises(AttributeError):
        frozen.layout = {}


def test_store_evicts_least_recently_used_by_entries_and_bytes():
    small = [figcache.freeze(heatmap(2)) for _ in range(3)]
    store = figcache.FigureStore(max_entries=2, max_bytes=10**9)
    store.put("a", small[0])
    store.put("b", small[1])
    assert store.get("a") is small[0]  # "a" is now the most recent
    store.put("c", small[2])
    assert (store.get("b"), store.get("a"), store.get("c")) == (None, small[0], small[2])
    assert store.nbytes == small[0].nbytes + small[2].nbytes

    big = figcache.freeze(heatmap(30))
    by_bytes = figcache.FigureStore(max_entries=100, max_bytes=big.nbytes + small[0].nbytes)
    by_bytes.put("s", small[0])
    by_bytes.put("big", big)
    assert len(by_bytes) == 2
    by_bytes.put("s2", small[1])  # over the byte budget: the oldest goes
    assert by_bytes.get("s") is None and len(by_bytes) == 2
    too_big = figcache.FigureStore(max_entries=10, max_bytes=10)
    too_big.put("big", big)
    assert len(too_big) == 0 and too_big.nbytes == 0


def test_cached_figure_builds_once_per_key():
    figcache.figure_store.clear()
    built = []

    def build(n):
        built.append(n)
        return heatmap(n)

    first = figcache.cached_figure(("test.heatmap", 3), lambda: build(3))
    again = figcache.cached_figure(("test.heatmap", 3), lambda: build(3))
    other = figcache.cached_figure(("test.heatmap", 5), lambda: build(5))
    assert built == [3, 5] and first is again and other is not first
    assert len(other.to_dict()["data"][0]["z"]["bdata"]) > len(first.to_dict()["data"][0]["z"]["bdata"])


def test_array_digest_tells_arrays_apart():
    a = np.zeros((2, 3))
    assert figcache.array_digest(a) == figcache.array_digest(a.copy())
    assert figcache.array_digest(a) != figcache.array_digest(a.reshape(3, 2))
    assert figcache.array_digest(a) != figcache.array_digest(a.astype(np.float32))
    assert figcache.array_digest(a) != figcache.array_digest(a + 1)


def test_figure_keys_on_argument_values():
    figcache.figure_store.clear()
    calls = []

    def bars(values, *, title="t"):
        calls.append(title)
        return go.Figure(go.Bar(y=values), layout={"title": {"text": title}})

    first = figcache.figure(bars, np.array([1.0, 2.0]), title="a")
    assert figcache.figure(bars, np.array([1.0, 2.0]), title="a") is first
    assert figcache.figure(bars, np.array([1.0, 3.0]), title="a") is not first
    assert figcache.figure(bars, np.array([1.0, 2.0]), title="b").to_dict()["layout"]["title"]["text"] == "b"
    assert calls == ["a", "a", "b"]
    assert figcache.plain_key([np.int64(3), {"k": (1, 2.5)}]) == (3, ("dict", ("k", (1, 2.5))))
    with pytest.raises(TypeError):
        figcache.figure(bars, object())

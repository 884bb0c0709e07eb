"""Plotly figures built once per distinct input and shared by every session of this server process.

Profiling a rerun (issue 13) showed most of a page's server time in Plotly's Python layer, not in
NumPy: building ``go.Figure`` objects validates every nested list, and ``st.plotly_chart`` then
deep-copies the figure and base64-encodes its arrays (``Figure.to_dict``) before writing JSON. A
class opening the same page at the teacher's word asks for the same figures 40 times.

``cached_figure(key, build)`` calls ``build()`` only for a key it has not seen, freezes the result
into a plain JSON-compatible dict once, and hands ``st.plotly_chart`` a :class:`FrozenFigure`
whose ``to_dict`` returns that dict without copying (Streamlit then only writes the JSON). The key
must hold every plain value the figure depends on (page settings, language, presentation mode,
a digest of array inputs); the store is bounded in entries and bytes and evicts the least
recently used figure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

MAX_ENTRIES = 512
MAX_BYTES = 96 * 2**20  # JSON size summed over the kept figures


class FrozenFigure(go.Figure):
    """A finished figure, serialised once; read-only.

    Only what ``st.plotly_chart`` uses works: ``to_dict()`` (the shared dict: do not modify it),
    ``to_plotly_json()`` and ``nbytes`` (its JSON size). Build a normal ``go.Figure`` to edit.
    """

    def __init__(self, *args, **kwargs):  # pragma: no cover - guard against misuse
        raise TypeError("use freeze(figure) to make a FrozenFigure")

    @classmethod
    def _from_dict(cls, spec: dict, nbytes: int) -> FrozenFigure:
        obj = object.__new__(cls)
        obj.__dict__["_frozen_spec"] = spec
        obj.__dict__["_frozen_nbytes"] = nbytes
        return obj

    def __setattr__(self, name, value):
        raise AttributeError("a FrozenFigure is read-only")

    def to_dict(self) -> dict:
        return self._frozen_spec

    def to_plotly_json(self) -> dict:
        return self._frozen_spec

    @property
    def nbytes(self) -> int:
        return self._frozen_nbytes

    def __repr__(self) -> str:
        return f"FrozenFigure({self._frozen_nbytes} bytes)"


def freeze(figure: go.Figure) -> FrozenFigure:
    """The figure as a :class:`FrozenFigure` (Plotly's own JSON of it, decoded once)."""
    text = pio.to_json(figure, validate=False)
    return FrozenFigure._from_dict(json.loads(text), len(text))


class FigureStore:
    """A thread-safe least-recently-used map key -> FrozenFigure, bounded in entries and bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, FrozenFigure] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> FrozenFigure | None:
        with self._lock:
            figure = self._items.get(key)
            if figure is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return figure

    def put(self, key: Hashable, figure: FrozenFigure) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            if figure.nbytes > self.max_bytes:
                return  # too big to keep: used once, rebuilt next time
            self._items[key] = figure
            self._bytes += figure.nbytes
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= evicted.nbytes

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        return self._bytes


@st.cache_resource(show_spinner=False)
def figure_store() -> FigureStore:
    """The process-wide store (one per server process; ``st.cache_resource.clear()`` empties it)."""
    return FigureStore()


def cached_figure(key: tuple, build: Callable[[], go.Figure]) -> FrozenFigure:
    """The figure for ``key``: built by ``build()`` the first time, then shared and frozen.

    ``key`` is a tuple of plain hashable values naming the figure and everything it shows, e.g.
    ``("conv.flip", kernel, lang, presentation)``; arrays go in as a digest
    (:func:`array_digest`). Errors raised by ``build`` propagate and nothing is stored.
    """
    store = figure_store()
    figure = store.get(key)
    if figure is None:
        figure = freeze(build())
        store.put(key, figure)
    return figure


def plain_key(value) -> Hashable:
    """``value`` as a hashable key of plain values: arrays become a digest, sequences tuples.

    Raises ``TypeError`` for anything else (a model, a trace object ...): such inputs cannot be told
    apart by value, so a figure built from them must be keyed by hand with :func:`cached_figure`.
    """
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return ("ndarray", array_digest(value))
    if isinstance(value, (list, tuple)):
        return tuple(plain_key(v) for v in value)
    if isinstance(value, dict):
        return ("dict",) + tuple(sorted((str(k), plain_key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # e.g. images.DigitSteps
        return (type(value).__qualname__,) + tuple(
            (f.name, plain_key(getattr(value, f.name))) for f in dataclasses.fields(value))
    raise TypeError(f"cannot key a figure on a {type(value).__name__}")


def figure(builder: Callable[..., go.Figure], *args, **kwargs) -> FrozenFigure:
    """``builder(*args, **kwargs)``, built once per distinct argument values and frozen.

    ``builder`` must be a pure figure function (``cnnviz.figures``): its result may depend on its
    arguments only. Arrays are keyed by a digest of their bytes.
    """
    key = (builder.__module__, builder.__qualname__, plain_key(args), plain_key(kwargs))
    return cached_figure(key, lambda: builder(*args, **kwargs))


def array_digest(*arrays) -> str:
    """A short digest of arrays' dtypes, shapes and bytes, for figure keys."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str}{a.shape}".encode())
        h.update(a.tobytes())
    return h.hexdigest()

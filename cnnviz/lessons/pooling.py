"""The Pooling page's example inputs and grid helpers (NumPy only).

The pooled numbers themselves always come from :mod:`cnnviz.nn.functional`, :mod:`cnnviz.lessons.trace`
and :mod:`cnnviz.nn.shapes`; this module holds what the lesson adds around them:

- :data:`PRESETS`, :func:`preset_grid`: the example inputs (the course's 6×6 example, the classic
  4×4 example, random integers, an MNIST digit, a step edge);
- :func:`shift_grid`: the input moved by whole pixels (for the translation-invariance demo and its quiz);
- :func:`changed_cells`: which cells of two grids differ;
- :func:`window_coverage`: how many pooling windows read each input cell.
"""

from __future__ import annotations

import numpy as np

from cnnviz.nn.validation import real_array

__all__ = [
    "PRESETS", "MAX_RANDOM_SIDE", "COURSE_6X6", "CLASSIC_4X4", "PRESET_WINDOW",
    "preset_grid", "shift_grid", "changed_cells", "window_coverage",
]


def _grid(array, name: str) -> np.ndarray:
    """A non-empty 2-D array of real numbers as float64 (NaN allowed: blank cells), or ValueError."""
    return real_array(array, name, 2, finite=False, axes="(rows, cols)")


PRESETS = ("course6", "classic4", "random", "digit", "edge", "custom")
"""Example inputs: i18n label key ``"pooling.preset." + name``."""


MAX_RANDOM_SIDE = 20
"""Largest "random" preset (the course's 20×20 input with a 10×10 window fits)."""

COURSE_6X6 = np.array([[10, 10, 10, 0, 0, 0]] * 3 + [[0, 0, 0, 10, 10, 10]] * 3, dtype=np.float64)
"""The course's 6×6 pooling example: 3×3 blocks of 10 and 0 (3×3 window, stride 3 → 2×2)."""

CLASSIC_4X4 = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=np.float64)
"""The classic 4×4 example: 2×2 max pooling with stride 2 gives [[6, 8], [3, 4]]."""

PRESET_WINDOW = {"course6": 3, "classic4": 2, "random": 2, "digit": 2, "edge": 2, "custom": 2}
"""The window size each preset starts with."""


def preset_grid(name: str, *, size: int = 8, rng: np.random.Generator | None = None, digit=None) -> np.ndarray:
    """The example input ``name`` (see :data:`PRESETS`; not "custom").

    Parameters
    ----------
    name : {"course6", "classic4", "random", "digit", "edge"}
    size : int
        Side of the "random" grid (2 .. :data:`MAX_RANDOM_SIDE`).
    rng : numpy.random.Generator
        Required for "random": integers 0–9.
    digit : ndarray, shape (H, W), values in [0, 1]
        Required for "digit": an image (e.g. a downsampled MNIST digit), shown as ink levels 0–9.

    Returns
    -------
    ndarray, shape (H, W), float64
    """
    if name == "course6":
        return COURSE_6X6.copy()
    if name == "classic4":
        return CLASSIC_4X4.copy()
    if name == "random":
        if not isinstance(rng, np.random.Generator):
            raise ValueError("the 'random' preset needs rng, a numpy.random.Generator")
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or not 2 <= size <= MAX_RANDOM_SIDE:
            raise ValueError(f"size must be an integer from 2 to {MAX_RANDOM_SIDE}, got {size!r}")
        return rng.integers(0, 10, size=(int(size), int(size))).astype(np.float64)
    if name == "digit":
        image = _grid(digit, "digit") if digit is not None else None
        if image is None:
            raise ValueError("the 'digit' preset needs digit, a 2-D image with values in [0, 1]")
        return np.rint(np.clip(image, 0.0, 1.0) * 9.0)
    if name == "edge":
        grid = np.zeros((8, 8))
        grid[:, 4:] = 9.0
        return grid
    raise ValueError(f"preset must be one of {PRESETS[:-1]}, got {name!r}")


def shift_grid(grid, rows: int = 0, cols: int = 1, fill: float = 0.0) -> np.ndarray:
    """``grid`` moved down by ``rows`` and right by ``cols`` pixels (negative: up / left).

    Pixels pushed past the edge are dropped; the cells that open up get ``fill``.

    Parameters
    ----------
    grid : array_like, shape (H, W)
    rows, cols : int
    fill : float

    Returns
    -------
    ndarray, shape (H, W), float64
    """
    grid = _grid(grid, "grid")
    for name, value in (("rows", rows), ("cols", cols)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
            raise ValueError(f"{name} must be an integer number of pixels, got {value!r}")
    out = np.full_like(grid, float(fill))
    h, w = grid.shape
    if abs(rows) >= h or abs(cols) >= w:
        return out
    src_r = slice(max(-rows, 0), h - max(rows, 0))
    dst_r = slice(max(rows, 0), h - max(-rows, 0))
    src_c = slice(max(-cols, 0), w - max(cols, 0))
    dst_c = slice(max(cols, 0), w - max(-cols, 0))
    out[dst_r, dst_c] = grid[src_r, src_c]
    return out


def changed_cells(before, after, tol: float = 1e-9) -> np.ndarray:
    """Boolean mask of the cells where two same-shaped grids differ by more than ``tol``."""
    before = _grid(before, "before")
    after = _grid(after, "after")
    if before.shape != after.shape:
        raise ValueError(f"before {before.shape} and after {after.shape} must have the same shape")
    return ~np.isclose(before, after, rtol=0.0, atol=tol)


def window_coverage(taps, padded_shape, pad_mask=None) -> np.ndarray:
    """How many windows read each cell of the padded input.

    Parameters
    ----------
    taps : ndarray of int, shape (OH, OW, KH*KW, 2)
        ``(row, col)`` of every window tap in the padded input (``PoolTrace.taps``).
    padded_shape : (int, int)
        ``(HP, WP)`` of the padded input.
    pad_mask : ndarray of bool, shape (HP, WP), optional
        If given, the counts of these cells (padding) are returned as NaN.

    Returns
    -------
    ndarray, shape (HP, WP), float64
    """
    taps = np.asarray(taps)
    if taps.ndim != 4 or taps.shape[-1] != 2:
        raise ValueError(f"taps must have shape (OH, OW, KH*KW, 2), got {taps.shape}")
    counts = np.zeros(tuple(int(v) for v in padded_shape), dtype=np.float64)
    flat = taps.reshape(-1, 2)  # (OH*OW*KH*KW, 2)
    np.add.at(counts, (flat[:, 0], flat[:, 1]), 1.0)
    if pad_mask is not None:
        counts[np.asarray(pad_mask, dtype=bool)] = np.nan
    return counts

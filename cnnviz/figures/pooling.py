"""Figures and small pure helpers of the Pooling page.

Helpers (NumPy only; the pooled numbers themselves always come from :mod:`cnnviz.nn.functional`,
:mod:`cnnviz.lessons.trace` and :mod:`cnnviz.nn.shapes`):

- :data:`PRESETS`, :func:`preset_grid`: the example inputs (the course's 6×6 example, the classic
  4×4 example, random integers, an MNIST digit, a step edge);
- :func:`parse_grid`: a typed grid of numbers, or a :class:`GridError` that says in the
  reader's language what is wrong with the text;
- :func:`shift_grid`: the input moved by whole pixels (for the translation-invariance demo);
- :func:`window_coverage`: how many pooling windows read each input cell;
- :func:`output_size_latex`: the output-size formula with the numbers substituted.

Figures (one public builder each, static, rows of square-cell grids):

- :func:`compare_figure`: input, max-pooled and average-pooled side by side;
- :func:`coverage_figure`: the coverage counts (overlap and never-read cells);
- :func:`shift_figure`: input, shifted input, and their pooled outputs with the changes outlined;
- :func:`backward_figure`: the upstream gradient and where max and average pooling send it.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.figures.formulas import size_latex
from cnnviz.i18n import t
from cnnviz.lessons.kernels import MAX_GRID_SIDE, format_grid, parse_grid  # noqa: F401  (re-exported for the page)
from cnnviz.lessons.kernels import GridParseError as GridError  # one grid parser for every page
from cnnviz.nn import shapes

__all__ = [
    "PRESETS", "MAX_GRID_SIDE", "MAX_RANDOM_SIDE", "GridError", "preset_grid", "parse_grid", "format_grid", "shift_grid",
    "changed_cells", "window_coverage", "output_size_latex",
    "compare_figure", "coverage_figure", "shift_figure", "backward_figure",
]

PRESETS = ("course6", "classic4", "random", "digit", "edge", "custom")
"""Example inputs: i18n label key ``"pooling.preset." + name``."""

"""Most rows or columns a typed grid may have (larger grids are too small to read)."""

MAX_RANDOM_SIDE = 20
"""Largest "random" preset (the course's 20×20 input with a 10×10 window fits)."""

COURSE_6X6 = np.array([[10, 10, 10, 0, 0, 0]] * 3 + [[0, 0, 0, 10, 10, 10]] * 3, dtype=np.float64)
"""The course's 6×6 pooling example: 3×3 blocks of 10 and 0 (3×3 window, stride 3 → 2×2)."""

CLASSIC_4X4 = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=np.float64)
"""The classic 4×4 example: 2×2 max pooling with stride 2 gives [[6, 8], [3, 4]]."""

PRESET_WINDOW = {"course6": 3, "classic4": 2, "random": 2, "digit": 2, "edge": 2, "custom": 2}
"""The window size each preset starts with."""

COVERAGE_SCALE = [[0.0, "#ffffff"], [0.3, "#cfe0f3"], [1.0, "#1d4f91"]]
"""White → light blue → dark blue: window counts 0, 1, 2+ read apart in greyscale too."""



# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

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
        image = cm.as_grid(digit, "digit") if digit is not None else None
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
    grid = cm.as_grid(grid, "grid")
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
    before = cm.as_grid(before, "before")
    after = cm.as_grid(after, "after")
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


def output_size_latex(size: int, kernel_size: int, stride: int, padding: int = 0, ceil_mode: bool = False,
                      symbol: str = "H") -> str:
    """The pooling output-size formula for one axis, with the numbers substituted, as LaTeX.

    ``output_size_latex(6, 3, 3)`` →
    ``H_{out} = \\left\\lfloor \\frac{H + 2P - K}{S} \\right\\rfloor + 1 = ... = 2``. The result is
    :func:`cnnviz.nn.shapes.pool_output_size`; with ``ceil_mode`` a last window that would start in
    the padding is dropped ("− 1"), as PyTorch does.
    """
    if symbol not in ("H", "W"):
        raise ValueError(f"symbol must be 'H' or 'W', got {symbol!r}")
    steps = shapes.size_steps(size, kernel_size, stride, padding, 1, ceil_mode, pool=True)
    return size_latex(steps, "HW".index(symbol))


# ---------------------------------------------------------------------------------------------
# a row of static grids
# ---------------------------------------------------------------------------------------------



def _check_presentation(presentation) -> bool:
    if not isinstance(presentation, (bool, np.bool_)):
        raise ValueError(f"presentation must be True or False, got {presentation!r}")
    return bool(presentation)


def _shared_scale(*grids) -> dict:
    """One colour range for grids that must be compared cell by cell."""
    values = np.concatenate([np.asarray(g, dtype=np.float64).ravel() for g in grids])
    return cm.value_scale(values)


def _check_common(lang, show_numbers, presentation):
    cm.check_lang(lang)
    cm.check_numbers(show_numbers)
    _check_presentation(presentation)


# ---------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------

def compare_figure(x, max_out, avg_out, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """Input, its max pooling and its average pooling side by side, on one colour scale.

    Parameters
    ----------
    x : array_like, shape (H, W)
    max_out, avg_out : array_like, shape (OH, OW)
        ``functional.max_pool2d`` and ``functional.avg_pool2d`` of ``x`` (same settings).
    lang : {"en", "zh"}
    show_numbers : bool or None
        None: numbers in grids of at most 12 × 12 cells.
    presentation : bool
    """
    _check_common(lang, show_numbers, presentation)
    x = cm.as_grid(x, "x")
    max_out = cm.as_grid(max_out, "max_out")
    avg_out = cm.as_grid(avg_out, "avg_out")
    if max_out.shape != avg_out.shape:
        raise ValueError(f"max_out {max_out.shape} and avg_out {avg_out.shape} must have the same shape")
    scale = _shared_scale(x, max_out, avg_out)
    panels = [
        cm.GridPanel(t("pooling.fig.input", lang, h=x.shape[0], w=x.shape[1]), x, scale),
        cm.GridPanel(t("pooling.fig.max_out", lang, h=max_out.shape[0], w=max_out.shape[1]), max_out, scale,
               note=t("pooling.fig.max_note", lang)),
        cm.GridPanel(t("pooling.fig.avg_out", lang, h=avg_out.shape[0], w=avg_out.shape[1]), avg_out, scale,
               note=t("pooling.fig.avg_note", lang)),
    ]
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers)


def coverage_figure(counts, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """How many windows read each input cell: 1 everywhere for non-overlapping pooling, 2 or more
    where windows overlap, 0 (outlined) for cells no window reads.

    Parameters
    ----------
    counts : array_like, shape (H, W)
        From :func:`window_coverage`, cropped to the input (NaN cells are drawn as padding).
    """
    _check_common(lang, show_numbers, presentation)
    counts = cm.as_grid(counts, "counts")
    pad = ~np.isfinite(counts)
    real = np.where(pad, 0.0, counts)
    scale = {"colorscale": COVERAGE_SCALE, "zmin": 0.0, "zmax": max(float(real.max()), 2.0) * 1.25}
    panel = cm.GridPanel(t("pooling.fig.coverage", lang), counts, scale, outline=(real == 0) & ~pad,
                   outline_color=cm.HIGHLIGHT, outline_fill="rgba(213,94,0,0.12)", hatch=pad if pad.any() else None,
                   note=t("pooling.fig.coverage_note", lang))
    return cm.grid_row_figure([panel], presentation=presentation, show_numbers=show_numbers,
                       max_height=330 if presentation else 290)


def shift_figure(x, x_shifted, out, out_shifted, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """The translation-invariance demo: an input, the same input shifted, and both pooled.

    Cells of the shifted input and of its pooled output that differ from the originals are
    outlined; the pooled output's unchanged cells carry the lesson.

    Parameters
    ----------
    x, x_shifted : array_like, shape (H, W)
    out, out_shifted : array_like, shape (OH, OW)
        The pooling of ``x`` and of ``x_shifted`` (same settings).
    """
    _check_common(lang, show_numbers, presentation)
    x = cm.as_grid(x, "x")
    x_shifted = cm.as_grid(x_shifted, "x_shifted")
    out = cm.as_grid(out, "out")
    out_shifted = cm.as_grid(out_shifted, "out_shifted")
    in_changed = changed_cells(x, x_shifted)
    out_changed = changed_cells(out, out_shifted)
    scale = _shared_scale(x, x_shifted, out, out_shifted)
    n_in, n_out = int(in_changed.sum()), int(out_changed.sum())
    panels = [
        cm.GridPanel(t("pooling.fig.original", lang), x, scale),
        cm.GridPanel(t("pooling.fig.shifted", lang), x_shifted, scale, outline=in_changed,
               note=t("pooling.fig.changed_of", lang, changed=n_in, total=x.size)),
        cm.GridPanel(t("pooling.fig.pooled_original", lang), out, scale),
        cm.GridPanel(t("pooling.fig.pooled_shifted", lang), out_shifted, scale, outline=out_changed,
               note=t("pooling.fig.changed_of", lang, changed=n_out, total=out.size)),
    ]
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers)


def backward_figure(dout, dx_max, dx_avg, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """Backward pass of pooling: the upstream gradient and the input gradients of max and average.

    Cells that receive any gradient through max pooling are outlined (the arg-max of a window;
    a cell read by several windows adds up their gradients).

    Parameters
    ----------
    dout : array_like, shape (OH, OW)
        The upstream gradient ∂L/∂y.
    dx_max, dx_avg : array_like, shape (H, W)
        ``functional.max_pool2d_backward`` and ``functional.avg_pool2d_backward`` of ``dout``.
    """
    _check_common(lang, show_numbers, presentation)
    dout = cm.as_grid(dout, "dout")
    dx_max = cm.as_grid(dx_max, "dx_max")
    dx_avg = cm.as_grid(dx_avg, "dx_avg")
    if dx_max.shape != dx_avg.shape:
        raise ValueError(f"dx_max {dx_max.shape} and dx_avg {dx_avg.shape} must have the same shape")
    scale = _shared_scale(dout, dx_max, dx_avg)
    panels = [
        cm.GridPanel(t("pooling.fig.dout", lang), dout, scale),
        cm.GridPanel(t("pooling.fig.dx_max", lang), dx_max, scale, outline=dx_max != 0, outline_color=cm.ACCENT,
               note=t("pooling.fig.dx_max_note", lang)),
        cm.GridPanel(t("pooling.fig.dx_avg", lang), dx_avg, scale, note=t("pooling.fig.dx_avg_note", lang)),
    ]
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers, operators={0: "⇒"})

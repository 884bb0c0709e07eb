"""Figures of the Pooling page, and its output-size formula as LaTeX.

The example inputs and grid helpers (:data:`PRESETS`, :func:`preset_grid`, :func:`shift_grid`,
:func:`changed_cells`, :func:`window_coverage`) live in :mod:`cnnviz.lessons.pooling` and are
re-exported here for the page; :func:`output_size_latex` renders the formula with the numbers
substituted.

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
from cnnviz.lessons.pooling import (  # noqa: F401  (re-exported for the page)
    CLASSIC_4X4,
    COURSE_6X6,
    MAX_RANDOM_SIDE,
    PRESET_WINDOW,
    PRESETS,
    changed_cells,
    preset_grid,
    shift_grid,
    window_coverage,
)
from cnnviz.nn import shapes

__all__ = [
    "PRESETS", "MAX_GRID_SIDE", "MAX_RANDOM_SIDE", "GridError", "preset_grid", "parse_grid", "format_grid", "shift_grid",
    "changed_cells", "window_coverage", "output_size_latex",
    "compare_figure", "coverage_figure", "shift_figure", "backward_figure",
]

COVERAGE_SCALE = [[0.0, "#ffffff"], [0.3, "#cfe0f3"], [1.0, "#1d4f91"]]
"""White → light blue → dark blue: window counts 0, 1, 2+ read apart in greyscale too."""


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
    cm.check_grid_options(lang, show_numbers, presentation)
    x = cm.as_grid(x, "x")
    max_out, avg_out = cm.same_shape_grids(max_out=max_out, avg_out=avg_out)
    scale = cm.shared_scale(x, max_out, avg_out)
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
    cm.check_grid_options(lang, show_numbers, presentation)
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
    cm.check_grid_options(lang, show_numbers, presentation)
    x = cm.as_grid(x, "x")
    x_shifted = cm.as_grid(x_shifted, "x_shifted")
    out = cm.as_grid(out, "out")
    out_shifted = cm.as_grid(out_shifted, "out_shifted")
    in_changed = changed_cells(x, x_shifted)
    out_changed = changed_cells(out, out_shifted)
    scale = cm.shared_scale(x, x_shifted, out, out_shifted)
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
    cm.check_grid_options(lang, show_numbers, presentation)
    dout = cm.as_grid(dout, "dout")
    dx_max, dx_avg = cm.same_shape_grids(dx_max=dx_max, dx_avg=dx_avg)
    scale = cm.shared_scale(dout, dx_max, dx_avg)
    panels = [
        cm.GridPanel(t("pooling.fig.dout", lang), dout, scale),
        cm.GridPanel(t("pooling.fig.dx_max", lang), dx_max, scale, outline=dx_max != 0, outline_color=cm.ACCENT,
               note=t("pooling.fig.dx_max_note", lang)),
        cm.GridPanel(t("pooling.fig.dx_avg", lang), dx_avg, scale, note=t("pooling.fig.dx_avg_note", lang)),
    ]
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers, operators={0: "⇒"})

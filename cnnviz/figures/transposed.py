"""Figures of the transposed-convolution page: the convolution as a matrix, overlaps, the size formula.

- :func:`conv_matrix_figure` draws the sparse matrix ``C`` of an ordinary convolution (one row per
  output pixel, one column per input pixel), with one row outlined: the kernel laid out flat.
- :func:`transposed_matrix_figure` draws ``Cᵀ · x = y``: the transposed convolution as the
  transposed matrix times the flattened input, with one column (one input pixel's "stamp") outlined.
- :func:`overlap_figure` draws how many input pixels add into each output pixel (checkerboard).
- :func:`output_size_latex` writes ``(H−1)·S − 2P + D(K−1) + output_padding + 1`` with numbers.

Cells of a matrix that are structurally zero (no connection) are drawn light grey; connected cells
are coloured by their weight on the diverging scale (0 = white), so a zero weight that *is* a
connection still shows as a white cell with "0" in it.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.nn import shapes

__all__ = ["conv_matrix_figure", "transposed_matrix_figure", "overlap_figure", "output_size_latex"]

_NOMINAL_WIDTH = 880  # px of plot area assumed when sizing cells (figures stretch to the container;
# a wide-layout page at 1400 px leaves about 900 px, a smaller plot keeps its cells and shrinks the rest)
_MAX_HEIGHT = 760  # tallest matrix panel, px
_GAP_PX = 54  # room for the operator symbols between panels
_NUMBER_CELL_PX = 17  # smallest cell that still shows its number
_TICK_CELL_PX = 13  # smallest cell that still gets a tick label
MAX_MATRIX_SIDE = 400
"""Largest number of rows or columns a matrix figure accepts."""

_STRUCTURAL_ZERO = "#eeeeee"


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------

def _check_shape(shape, name: str) -> tuple[int, int]:
    if (not isinstance(shape, (tuple, list)) or len(shape) != 2
            or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v >= 1 for v in shape)):
        raise ValueError(f"{name} must be a pair of positive ints (rows, cols), got {shape!r}")
    return int(shape[0]), int(shape[1])


def _check_matrix(matrix, in_shape, out_shape, structure):
    matrix = cm.as_grid(matrix, "matrix")
    in_shape = _check_shape(in_shape, "in_shape")
    out_shape = _check_shape(out_shape, "out_shape")
    if matrix.shape != (out_shape[0] * out_shape[1], in_shape[0] * in_shape[1]):
        raise ValueError(
            f"matrix has shape {matrix.shape} but out_shape {out_shape} and in_shape {in_shape} need "
            f"({out_shape[0] * out_shape[1]}, {in_shape[0] * in_shape[1]}): one row per output pixel, one "
            f"column per input pixel"
        )
    if max(matrix.shape) > MAX_MATRIX_SIDE:
        raise ValueError(
            f"matrix {matrix.shape[0]}×{matrix.shape[1]} is too large to draw (at most {MAX_MATRIX_SIDE} "
            f"rows and columns): use a smaller input"
        )
    if structure is None:
        structure = matrix != 0
    else:
        structure = np.asarray(structure, dtype=bool)
        if structure.shape != matrix.shape:
            raise ValueError(f"structure has shape {structure.shape}, expected the matrix's {matrix.shape}")
    return matrix, in_shape, out_shape, structure


def _check_vector(vector, length: int, name: str) -> np.ndarray:
    try:
        array = np.asarray(vector, dtype=np.float64).ravel()
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be an array of numbers, got {type(vector).__name__}") from error
    if array.size != length:
        raise ValueError(f"{name} has {array.size} entries but the matrix needs {length}")
    return array


# ---------------------------------------------------------------------------------------------
# the matrix figures
# ---------------------------------------------------------------------------------------------

def _position_labels(shape) -> list[str]:
    rows, cols = shape
    return [f"{r},{c}" for r in range(rows) for c in range(cols)]


def _matrix_figure(matrix, structure, in_shape, out_shape, *, vector, result, title, vector_title, result_title,
                   highlight_row, highlight_col, lang, presentation, show_numbers, note) -> go.Figure:
    n_rows, n_cols = matrix.shape
    scale = 1.25 if presentation else 1.0
    extra = 2 if vector is not None else 0
    gaps = 2 * _GAP_PX if vector is not None else 0
    label_px = 44
    total_rows = max(n_rows, n_cols if vector is not None else 0)  # the vector x has n_cols entries
    cell = min(34 * scale, (_NOMINAL_WIDTH - gaps - label_px) / (n_cols + extra), _MAX_HEIGHT / total_rows)
    cell = max(cell, 2.0)
    numbers = bool(show_numbers) if show_numbers is not None else cell >= _NUMBER_CELL_PX * scale
    ticks = cell >= _TICK_CELL_PX
    tick_font = int(np.clip(round(cell * 0.42), cm.MIN_TEXT_PX[presentation], cm.font_size(11, presentation)))
    number_font = int(np.clip(round(cell * 0.4), cm.MIN_TEXT_PX[presentation], cm.font_size(15, presentation)))
    title_font = cm.font_size(14, presentation)
    tick_space = (7 * tick_font * 0.62 + 8) if ticks else 0  # rotated "r,c" labels above the matrix

    widths = [n_cols * cell] + ([cell, cell] if vector is not None else [])
    total = sum(widths) + gaps
    left = max((_NOMINAL_WIDTH - total) / 2, 0)
    x_domains = []
    for w in widths:
        x_domains.append((left / _NOMINAL_WIDTH, min((left + w) / _NOMINAL_WIDTH, 1.0)))
        left += w + _GAP_PX
    top_px = int(title_font * 1.6 + tick_space + 12)
    bottom_px = 40 if note else 14
    plot_h = total_rows * cell
    height = int(round(plot_h + top_px + bottom_px))

    layout = cm.base_layout(height=height, font_size=cm.font_size(12, presentation),
                            margin={"l": 12, "r": 56, "t": top_px, "b": bottom_px})  # right: the weights' colour bar
    traces, shapes_, annotations = [], [], []

    def add_axes(index, rows, cols, domain, row_labels=None, col_labels=None):
        axes = cm.grid_axes(index, rows, cols)
        xname, yname = list(axes)
        axes[xname].update(domain=list(domain), anchor=cm.axis_ids(index)[1])
        # every panel hangs from the top of the plot, as tall as its rows
        axes[yname].update(domain=[max(1.0 - rows / total_rows, 0.0), 1.0], anchor=cm.axis_ids(index)[0],
                           constraintoward="top")  # if the plot is narrower than planned, shrink towards the top
        if ticks and col_labels is not None:
            axes[xname].update(showticklabels=True, tickmode="array", tickvals=list(range(cols)), ticktext=col_labels,
                               tickangle=-90, tickfont={"size": tick_font, "color": "#777777"})
        if ticks and row_labels is not None:
            axes[yname].update(showticklabels=True, tickmode="array", tickvals=list(range(rows)), ticktext=row_labels,
                               tickfont={"size": tick_font, "color": "#777777"})
        layout.update(axes)

    # matrix: grey where structurally zero, coloured by weight where connected
    add_axes(1, n_rows, n_cols, x_domains[0], _position_labels(out_shape), _position_labels(in_shape))
    background = np.where(structure, np.nan, 0.0)
    traces.append(cm.grid_heatmap(background, axis=1, scale={"colorscale": [[0, _STRUCTURAL_ZERO], [1, _STRUCTURAL_ZERO]],
                                                             "zmin": 0, "zmax": 1},
                                  numbers=False, font_size=number_font, gap=1 if cell >= 6 else 0,
                                  hover="%{y} · %{x}: 0<extra></extra>"))
    traces.append(cm.grid_heatmap(np.where(structure, matrix, np.nan), axis=1, scale=cm.diverging_scale(matrix),
                                  numbers=numbers, font_size=number_font, gap=1 if cell >= 6 else 0,
                                  hover=t("transposed.hover_matrix", lang), showscale=True))
    traces[-1]["colorbar"] = cm.colorbar(x_domains[-1][1] + 0.012, 1.0 - min(n_rows / total_rows, 1.0) / 2,
                                         min(n_rows / total_rows, 1.0), font_size=max(tick_font, 10),
                                         scale=cm.diverging_scale(matrix))
    annotations.append(cm.domain_title(1, title, font_size=title_font, yshift=6 + tick_space))
    if highlight_row is not None:
        shapes_.append(cm.rect(1, highlight_row, 0, highlight_row, n_cols - 1, color=cm.HIGHLIGHT,
                               width=2.5 * scale))
    if highlight_col is not None:
        shapes_.append(cm.rect(1, 0, highlight_col, n_rows - 1, highlight_col, color=cm.HIGHLIGHT, width=2.5 * scale))

    if vector is not None:
        for index, (values, name, seq, domain) in enumerate(
            [(vector, vector_title, cm.INPUT_SCALE, x_domains[1]), (result, result_title, cm.SEQUENTIAL_SCALE, x_domains[2])],
            start=2,
        ):
            rows = values.size
            add_axes(index, rows, 1, domain)  # rows line up with the matrix's labelled columns / rows
            traces.append(cm.grid_heatmap(values[:, None], axis=index, scale=cm.value_scale(values, sequential=seq),
                                          numbers=numbers, font_size=number_font, gap=1 if cell >= 6 else 0,
                                          hover=f"{name} %{{y}}: %{{z:.4~g}}<extra></extra>"))
            annotations.append(cm.domain_title(index, name, font_size=title_font, yshift=6 + tick_space))
        if highlight_col is not None:
            shapes_.append(cm.rect(2, highlight_col, 0, highlight_col, 0, color=cm.HIGHLIGHT, width=2.5 * scale))
        for left_panel, symbol in ((0, "×"), (1, "=")):
            x = (x_domains[left_panel][1] + x_domains[left_panel + 1][0]) / 2
            y = 1.0 - min(n_rows, vector.size if symbol == "×" else result.size) / total_rows / 2
            annotations.append({"text": symbol, "xref": "paper", "yref": "paper", "x": x, "y": y, "xanchor": "center",
                                "yanchor": "middle", "showarrow": False,
                                "font": {"size": cm.font_size(26, presentation), "color": "#555555"}})
    if note:
        annotations.append({"text": note, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.0, "xanchor": "center",
                            "yanchor": "top", "yshift": -8, "showarrow": False,
                            "font": {"size": cm.font_size(11, presentation), "color": "#666666"}})
    layout["shapes"] = shapes_
    layout["annotations"] = annotations
    return go.Figure({"data": traces, "layout": layout})


def conv_matrix_figure(matrix, *, in_shape, out_shape, structure=None, highlight_row=0, lang="en",
                       presentation=False, show_numbers=None) -> go.Figure:
    """The sparse matrix ``C`` of a convolution: one row per output pixel, one column per input pixel.

    Parameters
    ----------
    matrix : array_like, shape (OH*OW, H*W)
        E.g. :func:`cnnviz.lessons.convmath.conv_matrix`; ``C @ x.ravel()`` is the convolution.
    in_shape, out_shape : (int, int)
        ``(H, W)`` of the input and ``(OH, OW)`` of the output (row-major flattening).
    structure : array_like of bool, shape (OH*OW, H*W), optional
        True where output and input are connected (a kernel tap); default ``matrix != 0``.
        Unconnected cells are drawn light grey.
    highlight_row : int or None
        Row to outline (one window: the kernel laid out flat).
    lang : {"en", "zh"}
    presentation : bool
        Larger cells and fonts.
    show_numbers : bool or None
        Write the weights in the cells; None: when the cells are large enough.

    Returns
    -------
    go.Figure
        One heatmap of the unconnected cells, one of the weights.
    """
    cm.check_grid_options(lang, show_numbers, presentation)
    matrix, in_shape, out_shape, structure = _check_matrix(matrix, in_shape, out_shape, structure)
    if highlight_row is not None and not 0 <= highlight_row < matrix.shape[0]:
        raise ValueError(f"highlight_row must be in 0..{matrix.shape[0] - 1} or None, got {highlight_row}")
    title = t("transposed.matrix_c_title", lang, rows=matrix.shape[0], cols=matrix.shape[1])
    return _matrix_figure(matrix, structure, in_shape, out_shape, vector=None, result=None, title=title,
                          vector_title="", result_title="", highlight_row=highlight_row, highlight_col=None,
                          lang=lang, presentation=bool(presentation), show_numbers=show_numbers,
                          note=t("transposed.matrix_note", lang))


def transposed_matrix_figure(matrix, vector, result, *, in_shape, out_shape, structure=None, highlight_col=0,
                             lang="en", presentation=False, show_numbers=None) -> go.Figure:
    """``Cᵀ · x = y``: a transposed convolution as a matrix times the flattened input.

    Parameters
    ----------
    matrix : array_like, shape (OH*OW, H*W)
        ``Cᵀ``, e.g. :func:`cnnviz.lessons.convmath.conv_transpose_matrix`.
    vector : array_like, shape (H, W) or (H*W,)
        The input ``x`` (flattened row-major).
    result : array_like, shape (OH, OW) or (OH*OW,)
        ``y = Cᵀ x``, e.g. ``cnnviz.nn.functional.conv_transpose2d`` of ``x``.
    in_shape, out_shape : (int, int)
        ``(H, W)`` and ``(OH, OW)``.
    structure : array_like of bool, optional
        As in :func:`conv_matrix_figure`.
    highlight_col : int or None
        Column to outline together with its input entry: where that input pixel stamps the kernel.
    lang, presentation, show_numbers
        As in :func:`conv_matrix_figure`.
    """
    cm.check_grid_options(lang, show_numbers, presentation)
    matrix, in_shape, out_shape, structure = _check_matrix(matrix, in_shape, out_shape, structure)
    vector = _check_vector(vector, matrix.shape[1], "vector")
    result = _check_vector(result, matrix.shape[0], "result")
    if highlight_col is not None and not 0 <= highlight_col < matrix.shape[1]:
        raise ValueError(f"highlight_col must be in 0..{matrix.shape[1] - 1} or None, got {highlight_col}")
    title = t("transposed.matrix_ct_title", lang, rows=matrix.shape[0], cols=matrix.shape[1])
    return _matrix_figure(matrix, structure, in_shape, out_shape, vector=vector, result=result, title=title,
                          vector_title="x", result_title=t("transposed.matrix_y", lang), highlight_row=None,
                          highlight_col=highlight_col, lang=lang, presentation=bool(presentation),
                          show_numbers=show_numbers, note=t("transposed.matrix_t_note", lang))


# ---------------------------------------------------------------------------------------------
# overlap counts
# ---------------------------------------------------------------------------------------------

def overlap_figure(counts, *, lang="en", presentation=False, show_numbers=None) -> go.Figure:
    """How many input pixels add into each output pixel of a transposed convolution.

    Parameters
    ----------
    counts : array_like of int, shape (OH, OW)
        From :func:`cnnviz.lessons.convmath.overlap_counts`; uneven counts make a checkerboard.
    lang : {"en", "zh"}
    presentation : bool
    show_numbers : bool or None
        Write the counts in the cells; None: for grids of at most 16 × 16.
    """
    cm.check_grid_options(lang, show_numbers, presentation)
    counts = cm.as_grid(counts, "counts")
    if np.any(counts < 0) or not np.all(np.isfinite(counts)):
        raise ValueError("counts must be finite and >= 0 (a number of overlapping stamps)")
    rows, cols = counts.shape
    scale = 1.25 if presentation else 1.0
    cell = float(np.clip(min(460 * scale / rows, 620 / cols), 6, 44 * scale))
    numbers = show_numbers if show_numbers is not None else max(rows, cols) <= 16
    font = int(np.clip(round(cell * 0.42), cm.MIN_TEXT_PX[presentation], cm.font_size(16, presentation)))
    title_font = cm.font_size(14, presentation)
    layout = cm.base_layout(height=int(rows * cell + 3.2 * title_font + 24), font_size=cm.font_size(12, presentation),
                            margin={"l": 12, "r": 12, "t": int(2.4 * title_font + 10), "b": 14})
    axes = cm.grid_axes(1, rows, cols)
    layout.update(axes)
    high = float(counts.max()) if counts.size else 1.0
    trace = cm.grid_heatmap(counts, axis=1, scale={"colorscale": cm.SEQUENTIAL_SCALE, "zmin": 0, "zmax": max(high, 1.0)},
                            numbers=numbers, font_size=font, hover=t("transposed.hover_overlap", lang),
                            showscale=False)
    layout["annotations"] = [cm.domain_title(1, t("transposed.overlap_title", lang), font_size=title_font)]
    return go.Figure({"data": [trace], "layout": layout})


# ---------------------------------------------------------------------------------------------
# formula
# ---------------------------------------------------------------------------------------------

def output_size_latex(size: int, kernel_size: int, stride: int, padding: int, output_padding: int,
                      dilation: int) -> str:
    r"""LaTeX of the transposed-conv output size with the numbers substituted (one axis).

    ``output_size_latex(3, 3, 2, 1, 1, 1)`` gives
    ``H_\text{out} = (H_\text{in}-1)\,S - 2P + D\,(K-1) + \text{output\_padding} + 1``
    ``= (3-1)\cdot 2 - 2\cdot 1 + 1\cdot(3-1) + 1 + 1 = 6``, the result from
    :func:`cnnviz.nn.shapes.conv_transpose_output_size` (which raises for an invalid configuration).
    """
    out = shapes.conv_transpose_output_size(size, kernel_size, stride, padding, output_padding, dilation)
    return (
        r"\begin{aligned}"
        r"H_\text{out} &= (H_\text{in}-1)\,S \;-\; 2P \;+\; D\,(K-1) \;+\; \text{output\_padding} \;+\; 1 \\"
        rf"&= ({size}-1)\cdot {stride} \;-\; 2\cdot {padding} \;+\; {dilation}\cdot({kernel_size}-1)"
        rf" \;+\; {output_padding} \;+\; 1 \;=\; \mathbf{{{out}}}"
        r"\end{aligned}"
    )

"""Figures of the "Why convolution?" page: connections, matrices, parameter counts, equivariance.

- :func:`connection_diagram_figure`: one 1-D layer drawn as a network twice, fully connected
  (every line its own weight) and as a convolution (few lines, colour = which shared weight);
- :func:`connectivity_matrix_figure`: the same layer as matrices, the dense weight matrix next to
  the convolution's sparse, repeating matrix and its kernel;
- :func:`parameter_bars_figure`: weights of fully connected, locally connected and convolutional
  layers on a log axis (the course's 10^12 → 10^8 → 100 → 10^4);
- :func:`equivariance_figure`: conv(shift(x)) next to shift(conv(x)) and their difference, and
  the same for a fully connected layer.

Inputs come from :mod:`cnnviz.lessons.connectivity`; the builders only draw. Shared weights get the
Okabe–Ito colours (distinct for colour-blind readers) and are always labelled ``w₁ w₂ …`` so the
figures also read in greyscale.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.lessons import connectivity

__all__ = [
    "TAP_COLORS", "MAX_MATRIX_INPUTS", "tap_label", "connection_diagram_figure", "connectivity_matrix_figure",
    "parameter_bars_figure", "equivariance_figure",
]

TAP_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
"""Colour of shared weight ``w₁ … w₉`` (Okabe–Ito, then grey); more taps cycle with their labels."""

MAX_MATRIX_INPUTS = 25
"""Most inputs :func:`connectivity_matrix_figure` draws (two matrices side by side must stay legible)."""

EMPTY_FILL = "#f1f1f1"
DENSE_LINE = "#8f8f8f"
_NOMINAL_WIDTH = 1000
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")



def _figure(traces: list[dict], layout: dict) -> go.Figure:
    """The figure, built without Plotly's per-property validation (slow for big grids; the
    tests re-validate every builder's output with ``go.Figure(fig.to_dict())``)."""
    return go.Figure({"data": traces, "layout": layout}, _validate=False)

def tap_label(tap: int) -> str:
    """``w₁`` for tap 0, ``w₂`` for tap 1, …"""
    return "w" + str(int(tap) + 1).translate(_SUBSCRIPT)


def _sub(symbol: str, number: int) -> str:
    return symbol + str(int(number)).translate(_SUBSCRIPT)


def _ink_on(color: str) -> str:
    """Black or white text, whichever reads better on ``color`` (#rrggbb)."""
    r, g, b = (int(color[i: i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.4 else "#ffffff"


def _tap_color(tap: int) -> str:
    return TAP_COLORS[int(tap) % len(TAP_COLORS)]


class _Style:
    def __init__(self, presentation: bool):
        scale = cm.scale(presentation)
        self.presentation = bool(presentation)
        self.font = cm.font_size(13, presentation)
        self.title = cm.font_size(14, presentation)
        self.note = cm.font_size(12, presentation)
        self.node = round(24 * scale)
        self.cell_cap = 40 * scale


def _check_style(lang, presentation) -> _Style:
    cm.check_lang(lang)
    cm.check_flag(presentation)
    return _Style(bool(presentation))


def _check_index(index) -> np.ndarray:
    index = np.asarray(index)
    if index.ndim != 2 or index.size == 0 or index.dtype.kind not in "iu":
        raise ValueError(
            f"index must be a non-empty 2-D integer matrix (OUT, IN) from connectivity.conv_weight_index, "
            f"got shape {index.shape} and dtype {index.dtype}"
        )
    if index.min() < -1:
        raise ValueError("index entries must be -1 (no connection) or a tap number >= 0")
    if not (index >= 0).any():
        raise ValueError("index has no connection at all: every output reads only padding; lower the padding")
    return index


def _title(axis: int, text: str, style: _Style, yshift: float = 8) -> dict:
    return cm.domain_title(axis, text, font_size=style.title, yshift=yshift)


# ---------------------------------------------------------------------------------------------
# network diagram (1-D)
# ---------------------------------------------------------------------------------------------

def _output_positions(index: np.ndarray) -> np.ndarray:
    """x of each output node: the middle of the inputs it reads (evenly spread if it reads none)."""
    n_out, n_in = index.shape
    spread = np.linspace(0, n_in - 1, n_out) if n_out > 1 else np.array([(n_in - 1) / 2])
    positions = []
    for row in range(n_out):
        cols = np.flatnonzero(index[row] >= 0)
        positions.append(cols.mean() if cols.size else spread[row])
    return np.array(positions, dtype=float)


def connection_diagram_figure(index, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """A 1-D layer as a network, fully connected (left) and as a convolution (right).

    Parameters
    ----------
    index : ndarray, shape (OUT, IN), int
        :func:`cnnviz.lessons.connectivity.conv_weight_index` of a 1-D convolution (at most 16 inputs).
    lang : "en" or "zh"
    presentation : bool
        Larger nodes and fonts.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: all ``IN×OUT`` lines in grey (each its own weight). Right: only the convolution's
        connections, coloured and named by the shared weight they use (one legend entry each).
    """
    style = _check_style(lang, presentation)
    index = _check_index(index)
    n_out, n_in = index.shape
    if n_in > 16:
        raise ValueError(f"the diagram draws at most 16 inputs, got {n_in}: use connectivity_matrix_figure")
    counts = connectivity.connection_counts(index)
    x_in = np.arange(n_in, dtype=float)
    x_out = _output_positions(index)
    domains = [(0.0, 0.46), (0.54, 1.0)]
    traces: list[dict] = []
    layout_axes: dict = {}
    for panel, (x0, x1) in enumerate(domains, start=1):
        xname = "xaxis" if panel == 1 else f"xaxis{panel}"
        yname = "yaxis" if panel == 1 else f"yaxis{panel}"
        xref, yref = cm.axis_ids(panel)
        layout_axes[xname] = {"domain": [x0, x1], "range": [-0.7, n_in - 0.3], "visible": False,
                              "fixedrange": True, "anchor": yref}
        layout_axes[yname] = {"domain": [0.0, 1.0], "range": [-0.45, 1.45], "visible": False,
                              "fixedrange": True, "anchor": xref}

    # panel 1: every input to every output
    xs, ys = [], []
    for o in range(n_out):
        for i in range(n_in):
            xs += [x_in[i], x_out[o], None]
            ys += [0.0, 1.0, None]
    traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "xaxis": "x", "yaxis": "y",
                   "line": {"color": DENSE_LINE, "width": 1}, "hoverinfo": "skip", "showlegend": False})
    # panel 2: one trace per shared weight
    taps = sorted(int(v) for v in np.unique(index[index >= 0]))
    for tap in taps:
        xs, ys = [], []
        for o, i in np.argwhere(index == tap):
            xs += [x_in[i], x_out[o], None]
            ys += [0.0, 1.0, None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "xaxis": "x2", "yaxis": "y2",
                       "line": {"color": _tap_color(tap), "width": 3.5 if style.presentation else 3},
                       "name": tap_label(tap), "legendgroup": str(tap), "hoverinfo": "name", "showlegend": True})
    # nodes on top of the lines
    for panel in (1, 2):
        xref, yref = cm.axis_ids(panel)
        for xs_nodes, y, symbol, fill in ((x_in, 0.0, "x", "#ffffff"), (x_out, 1.0, "y", "#e8eef6")):
            traces.append({
                "type": "scatter", "mode": "markers+text", "x": xs_nodes.tolist(), "y": [y] * len(xs_nodes),
                "xaxis": xref, "yaxis": yref, "text": [_sub(symbol, n + 1) for n in range(len(xs_nodes))],
                "textposition": "middle center", "textfont": {"size": style.font, "color": cm.TEXT},
                "marker": {"size": style.node, "color": fill, "line": {"color": "#333333", "width": 1.5}},
                "hoverinfo": "skip", "showlegend": False, "cliponaxis": False,
            })
    annotations = [
        _title(1, t("why_conv.fig.dense_diagram", lang, weights=counts.dense), style),
        _title(2, t("why_conv.fig.conv_diagram", lang, connections=counts.connections, shared=counts.shared), style),
    ]
    for panel in (1, 2):
        xref, yref = cm.axis_ids(panel)
        for y, key in ((0.0, "why_conv.fig.inputs"), (1.0, "why_conv.fig.outputs")):
            annotations.append({"text": t(key, lang), "xref": f"{xref} domain", "yref": yref, "x": 0.0, "y": y,
                                "xanchor": "right", "yanchor": "middle", "xshift": -4, "showarrow": False,
                                "font": {"size": style.note, "color": "#555555"}, "textangle": -90})
    height = 330 if style.presentation else 270
    layout = cm.base_layout(height=height, font_size=style.font,
                            margin={"l": 28, "r": 12, "t": 44, "b": 44})
    layout.pop("width", None)
    layout.update(layout_axes)
    layout["annotations"] = annotations
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "x": 0.77, "xanchor": "center", "y": -0.02, "yanchor": "top",
                        "font": {"size": style.font}, "title": {"text": t("why_conv.fig.shared_legend", lang)}}
    return _figure(traces, layout)


# ---------------------------------------------------------------------------------------------
# matrices
# ---------------------------------------------------------------------------------------------

def _discrete_scale(n_taps: int) -> dict:
    """Colours for z = -1 (no connection) and taps 0..n_taps-1, as a stepped colour scale."""
    colors = [EMPTY_FILL] + [_tap_color(tap) for tap in range(n_taps)]
    n = len(colors)
    scale = []
    for k, color in enumerate(colors):
        scale += [[k / n, color], [(k + 1) / n, color]]
    return {"colorscale": scale, "zmin": -1.5, "zmax": n_taps - 0.5}


def _tap_text(index: np.ndarray, axis: int, font: int, short: bool = False) -> list[dict]:
    """Scatter traces writing ``w_k`` (``k`` alone when ``short``) on every cell of tap k, in black
    or white ink by the cell's colour."""
    traces = []
    xref, yref = cm.axis_ids(axis)
    for tap in sorted(int(v) for v in np.unique(index[index >= 0])):
        cells = np.argwhere(index == tap)
        traces.append({
            "type": "scatter", "mode": "text", "x": cells[:, 1].tolist(), "y": cells[:, 0].tolist(),
            "text": [str(tap + 1) if short else tap_label(tap)] * len(cells), "hoverinfo": "skip", "showlegend": False,
            "textfont": {"size": font, "color": _ink_on(_tap_color(tap))}, "xaxis": xref, "yaxis": yref,
        })
    return traces


def _label_ticks(axes: dict, axis: int, rows: int, cols: int, font: int, row_symbol: str, col_symbol: str) -> None:
    xname = "xaxis" if axis == 1 else f"xaxis{axis}"
    yname = "yaxis" if axis == 1 else f"yaxis{axis}"
    axes[xname].update(showticklabels=True, tickmode="array", tickvals=list(range(cols)),
                       ticktext=[_sub(col_symbol, c + 1) for c in range(cols)], tickfont={"size": font})
    axes[yname].update(showticklabels=True, tickmode="array", tickvals=list(range(rows)),
                       ticktext=[_sub(row_symbol, r + 1) for r in range(rows)], tickfont={"size": font})


def connectivity_matrix_figure(index, kernel_shape, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """The dense weight matrix of a fully connected layer next to a convolution's matrix and kernel.

    Parameters
    ----------
    index : ndarray, shape (OUT, IN), int
        :func:`cnnviz.lessons.connectivity.conv_weight_index` (1-D or flattened 2-D), at most
        :data:`MAX_MATRIX_INPUTS` inputs (e.g. a 5×5 image).
    kernel_shape : (KH, KW)
        ``(1, K)`` for a 1-D kernel; taps are numbered row by row.
    lang : "en" or "zh"
    presentation : bool

    Returns
    -------
    plotly.graph_objects.Figure
        Left: ``OUT×IN`` cells, each its own parameter (illustrative values; its number in the hover).
        Middle: the same cells for the convolution, blank where there is no connection and
        coloured and labelled ``w_k`` by the shared kernel weight. Right: the kernel.
    """
    style = _check_style(lang, presentation)
    index = _check_index(index)
    n_out, n_in = index.shape
    if n_in > MAX_MATRIX_INPUTS or n_out > 2 * MAX_MATRIX_INPUTS:
        raise ValueError(
            f"the matrices are drawn for at most {MAX_MATRIX_INPUTS} inputs and {2 * MAX_MATRIX_INPUTS} outputs, "
            f"got {n_out}×{n_in}: use a smaller input"
        )
    try:
        kh, kw = (int(v) for v in kernel_shape)
    except (TypeError, ValueError) as error:
        raise ValueError(f"kernel_shape must be (KH, KW), got {kernel_shape!r}") from error
    n_taps = kh * kw
    if kh < 1 or kw < 1 or index.max() >= n_taps:
        raise ValueError(f"kernel_shape {kernel_shape!r} has {n_taps} taps but index uses tap {index.max()}")
    counts = connectivity.connection_counts(index)

    gap_px = 60.0
    kernel_cell = min(style.cell_cap, 34.0 * (cm.scale(style.presentation)))
    kernel_px = (kw * kernel_cell, kh * kernel_cell)
    cell = min(style.cell_cap, (_NOMINAL_WIDTH - 2 * gap_px - kernel_px[0]) / (2 * n_in))
    matrix_px = (n_in * cell, n_out * cell)
    # (x, y, width, height) in px, y from the top: dense matrix | conv matrix | kernel
    boxes = [(0.0, 0.0, *matrix_px), (matrix_px[0] + gap_px, 0.0, *matrix_px),
             (2 * (matrix_px[0] + gap_px), 0.0, *kernel_px)]
    plot_w = 2 * (matrix_px[0] + gap_px) + kernel_px[0]
    plot_h = max(matrix_px[1], kernel_px[1])
    offset = max(0.0, (_NOMINAL_WIDTH - plot_w) / 2)  # centre a narrow figure
    panels = [((offset + x) / _NOMINAL_WIDTH, (offset + x + bw) / _NOMINAL_WIDTH,
               1 - (y + bh) / plot_h, 1 - y / plot_h) for x, y, bw, bh in boxes]
    title_px = 74
    floor = cm.MIN_TEXT_PX[style.presentation]
    numbers = cell >= 1.1 * floor  # the bare tap number k fits a cell this large at the smallest text
    cell_font = int(np.clip(round(cell * 0.36), floor, cm.font_size(13, style.presentation)))

    traces: list[dict] = []
    axes: dict = {}
    annotations: list[dict] = []
    grids = [(n_out, n_in), (n_out, n_in), (kh, kw)]
    for axis, ((x0, x1, y0, y1), (rows, cols)) in enumerate(zip(panels, grids), start=1):
        entry = cm.grid_axes(axis, rows, cols)
        xname, yname = list(entry)
        xref, yref = cm.axis_ids(axis)
        entry[xname].update(domain=[max(x0, 0.0), min(x1, 1.0)], anchor=yref)
        entry[yname].update(domain=[max(y0, 0.0), min(y1, 1.0)], anchor=xref, constraintoward="top")
        axes.update(entry)

    # 1: dense matrix, every cell its own parameter (illustrative values: a fixed local generator)
    illustrative = np.random.default_rng(0).uniform(-1.0, 1.0, size=(n_out, n_in))
    numbered = np.arange(1, n_out * n_in + 1).reshape(n_out, n_in)
    trace = cm.grid_heatmap(illustrative, axis=1, scale=cm.diverging_scale(illustrative), numbers=False,
                            font_size=cell_font, gap=1,
                            hover=t("why_conv.fig.dense_hover", lang) + "<extra></extra>")
    trace["text"] = numbered.tolist()
    traces.append(trace)
    # 2: conv matrix, coloured by tap
    scale = _discrete_scale(n_taps)
    conv_hover = np.where(index >= 0, np.vectorize(tap_label)(np.maximum(index, 0)), "0")
    trace = cm.grid_heatmap(index.astype(float), axis=2, scale=scale, numbers=False, font_size=cell_font, gap=1,
                            hover=t("why_conv.fig.conv_hover", lang) + "<extra></extra>")
    trace["text"] = conv_hover.tolist()
    traces.append(trace)
    if numbers:
        short = cell < 17 or cm.text_px(tap_label(n_taps - 1), cell_font) > 0.92 * cell  # k alone
        traces += _tap_text(index, 2, int(np.clip(round(cell * 0.55), floor, max(13, floor))) if short else cell_font,
                            short=short)
    # 3: the kernel
    kernel_index = np.arange(n_taps).reshape(kh, kw)
    traces.append(cm.grid_heatmap(kernel_index.astype(float), axis=3, scale=scale, numbers=False,
                                  font_size=cell_font, gap=1, hover="%{text}<extra></extra>"))
    traces[-1]["text"] = np.vectorize(tap_label)(kernel_index).tolist()
    traces += _tap_text(kernel_index, 3, int(np.clip(round(kernel_cell * 0.36), floor, cm.font_size(16, style.presentation))))

    if n_in <= 16:
        tick_font = style.note
        _label_ticks(axes, 1, n_out, n_in, tick_font, "y", "x")
        _label_ticks(axes, 2, n_out, n_in, tick_font, "y", "x")
    tick_shift = style.note + 10 if n_in <= 16 else 6  # titles clear the column labels
    annotations += [
        _title(1, t("why_conv.fig.dense_matrix", lang, rows=n_out, cols=n_in, weights=counts.dense), style, tick_shift),
        _title(2, t("why_conv.fig.conv_matrix", lang, connections=counts.connections, shared=counts.shared),
               style, tick_shift),
        _title(3, t("why_conv.fig.kernel", lang, taps=n_taps), style, 8),
    ]
    xref, yref = cm.axis_ids(2)
    annotations.append({"text": t("why_conv.fig.blank_zero", lang), "xref": f"{xref} domain",
                        "yref": f"{yref} domain", "x": 0.5, "y": 0.0, "xanchor": "center", "yanchor": "top",
                        "yshift": -6, "showarrow": False, "font": {"size": style.note, "color": "#555555"}})
    title_px = max(title_px, round(2.6 * style.title + tick_shift + 8))  # two-line titles above the labels
    height = int(plot_h + title_px + 40)
    layout = cm.base_layout(height=height, font_size=style.font,
                            margin={"l": 36, "r": 12, "t": title_px, "b": 40})
    layout.pop("width", None)
    layout.update(axes)
    layout["annotations"] = annotations
    return _figure(traces, layout)


# ---------------------------------------------------------------------------------------------
# parameter counts
# ---------------------------------------------------------------------------------------------

_BAR_COLORS = {"dense": "#4d4d4d", "local": "#0072B2", "shared": "#E69F00", "filters": "#D55E00"}


def parameter_bars_figure(rows, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Parameters of each layer of :func:`cnnviz.lessons.connectivity.parameter_comparison`, log axis.

    Parameters
    ----------
    rows : sequence of connectivity.ParameterRow
    lang : "en" or "zh"
    presentation : bool

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar per layer (top to bottom in the given order), labelled ``10¹²`` etc.
    """
    style = _check_style(lang, presentation)
    rows = list(rows)
    if not rows or not all(isinstance(row, connectivity.ParameterRow) for row in rows):
        raise ValueError("rows must be a non-empty list of connectivity.ParameterRow")
    names = [t(f"why_conv.kind.{row.kind}", lang, f=row.maps) for row in rows]
    totals = [row.total for row in rows]
    top = max(totals)
    decades = int(np.ceil(np.log10(top))) + 1
    trace = {
        "type": "bar", "orientation": "h", "y": names, "x": totals,
        "marker": {"color": [_BAR_COLORS.get(row.kind, cm.ACCENT) for row in rows],
                   "line": {"color": "#222222", "width": 0.5}},
        "text": [connectivity.count_text(v) for v in totals], "textposition": "outside", "cliponaxis": False,
        "textfont": {"size": style.title, "color": cm.TEXT},
        "customdata": [f"{v:,}" for v in totals],
        "hovertemplate": "%{y}: %{customdata}<extra></extra>",
    }
    layout = cm.base_layout(height=(300 if style.presentation else 240), font_size=style.font,
                            margin={"l": 8, "r": 60, "t": 34, "b": 44})
    layout.pop("width", None)
    layout["plot_bgcolor"] = "#ffffff"
    layout["xaxis"] = {
        "type": "log", "range": [-0.1, decades + 0.6], "fixedrange": True, "showgrid": True, "gridcolor": "#e6e6e6",
        "dtick": 1 if decades <= 8 else 2, "exponentformat": "power",
        "title": {"text": t("why_conv.fig.weights_axis", lang)},
        "zeroline": False,
    }
    layout["yaxis"] = {"autorange": "reversed", "fixedrange": True, "automargin": True,
                       "tickfont": {"size": style.font}}
    layout["title"] = {"text": t("why_conv.fig.bars_title", lang), "x": 0.0, "xanchor": "left",
                       "font": {"size": style.title}}
    layout["bargap"] = 0.35
    return _figure([trace], layout)


# ---------------------------------------------------------------------------------------------
# equivariance
# ---------------------------------------------------------------------------------------------

def _arrows(dy: int, dx: int) -> str:
    """A shift as arrows: ``(3, -2)`` → ``↓3 ←2``; no shift → ``0``."""
    parts = []
    if dy:
        parts.append(("↓" if dy > 0 else "↑") + str(abs(dy)))
    if dx:
        parts.append(("→" if dx > 0 else "←") + str(abs(dx)))
    return " ".join(parts) or "0"


def equivariance_figure(demo, *, photo: bool = False, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Shift then apply a layer, versus apply then shift, for a convolution and a dense layer.

    Parameters
    ----------
    demo : connectivity.EquivarianceDemo
    photo : bool
        Draw inputs as a photo (black to white) instead of ink on paper (a digit).
    lang : "en" or "zh"
    presentation : bool

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the input ``x`` and the shifted input ``x′`` (drawn once, centred). Right, one
        row per layer: layer(x′), shift(layer(x)) and their difference, on one colour scale per
        row centred at 0 (white = 0), so a zero difference is a blank square. Between the two
        routes: "=" (identical), "≈" (identical away from the border band) or "≠".
    """
    style = _check_style(lang, presentation)
    if not isinstance(demo, connectivity.EquivarianceDemo):
        raise ValueError(f"demo must be a connectivity.EquivarianceDemo, got {type(demo).__name__}")
    h, w = demo.image.shape
    gap = 0.035
    n_cols = 5
    col_w = (1 - gap * (n_cols - 1)) / n_cols
    xs = [(c * (col_w + gap), c * (col_w + gap) + col_w) for c in range(n_cols)]
    cell_px = col_w * _NOMINAL_WIDTH / w
    panel_px = cell_px * h
    row_gap_px = 64
    plot_h = 2 * panel_px + row_gap_px
    rows_y = [((panel_px + row_gap_px) / plot_h, 1.0), (0.0, panel_px / plot_h)]
    middle = ((plot_h - panel_px) / 2 / plot_h, (plot_h + panel_px) / 2 / plot_h)
    input_scale = cm.IMAGE_SCALE if photo else cm.INPUT_SCALE
    low = float(min(demo.image.min(), 0.0))
    high = float(max(demo.image.max(), 1e-12))

    traces: list[dict] = []
    axes: dict = {}
    annotations: list[dict] = []

    def panel(axis: int, col: int, ydom, z, scale: dict, title: str):
        entry = cm.grid_axes(axis, h, w)
        xname, yname = list(entry)
        xref, yref = cm.axis_ids(axis)
        entry[xname].update(domain=list(xs[col]), anchor=yref)
        entry[yname].update(domain=[max(ydom[0], 0.0), min(ydom[1], 1.0)], anchor=xref)
        axes.update(entry)
        traces.append(cm.grid_heatmap(z, axis=axis, scale=scale, numbers=False, font_size=style.font, gap=0))
        annotations.append(_title(axis, title, style, 4))
        shapes.append(cm.rect(axis, 0, 0, h - 1, w - 1, color="#9a9a9a", width=1))

    shapes: list[dict] = []
    in_scale = {"colorscale": input_scale, "zmin": low, "zmax": high}
    panel(1, 0, middle, demo.image, in_scale, t("why_conv.fig.input", lang))
    panel(2, 1, middle, demo.shifted, in_scale, t("why_conv.fig.shifted", lang))
    axis = 3
    rows = (
        ("conv", demo.conv_of_shifted, demo.shifted_conv),
        ("dense", demo.dense_of_shifted, demo.shifted_dense),
    )
    for row, (kind, of_shifted, shifted_out) in enumerate(rows):
        difference = of_shifted - shifted_out
        extent = float(max(np.max(np.abs(of_shifted)), np.max(np.abs(shifted_out)), 1e-12))
        scale = {"colorscale": cm.DIVERGING_SCALE, "zmin": -extent, "zmax": extent}
        panel(axis, 2, rows_y[row], of_shifted, scale, t(f"why_conv.fig.{kind}_of_shifted", lang))
        panel(axis + 1, 3, rows_y[row], shifted_out, scale, t(f"why_conv.fig.shifted_{kind}", lang))
        panel(axis + 2, 4, rows_y[row], difference, scale, t("why_conv.fig.difference", lang))
        traces[-1].update(showscale=True, colorbar=cm.colorbar(1.01, sum(rows_y[row]) / 2, rows_y[row][1] - rows_y[row][0],
                                                               font_size=max(style.note, 10), scale=scale))
        gap_value = float(np.max(np.abs(difference)))
        xref, yref = cm.axis_ids(axis + 2)
        annotations.append({
            "text": t("why_conv.fig.max_gap", lang, value=cm.fmt(gap_value)), "xref": f"{xref} domain",
            "yref": f"{yref} domain", "x": 0.5, "y": 0.0, "xanchor": "center", "yanchor": "top", "yshift": -4,
            "showarrow": False, "font": {"size": style.note, "color": cm.HIGHLIGHT if gap_value > 0 else "#1b7f3b"},
        })
        # row label and the "=" between the two routes
        y_mid = sum(rows_y[row]) / 2
        annotations.append({
            "text": "<b>" + t(f"why_conv.kind.{'shared' if kind == 'conv' else 'dense'}_short", lang) + "</b>",
            "xref": "paper", "yref": "paper", "x": xs[2][0] - gap / 2, "y": y_mid, "xanchor": "center",
            "yanchor": "middle", "textangle": -90, "showarrow": False, "font": {"size": style.title, "color": cm.TEXT},
        })
        if gap_value == 0:
            symbol, color = "=", "#1b7f3b"
        elif kind == "conv" and demo.conv_gap_interior == 0:
            symbol, color = "≈", "#555555"  # equal away from the border band
        else:
            symbol, color = "≠", cm.HIGHLIGHT
        annotations.append({
            "text": symbol, "xref": "paper", "yref": "paper", "x": (xs[2][1] + xs[3][0]) / 2,
            "y": y_mid, "xanchor": "center", "yanchor": "middle", "showarrow": False,
            "font": {"size": style.title + 8, "color": color},
        })
        axis += 3
    annotations.append({
        "text": "→", "xref": "paper", "yref": "paper", "x": (xs[0][1] + xs[1][0]) / 2, "y": sum(middle) / 2,
        "xanchor": "center", "yanchor": "middle", "showarrow": False,
        "font": {"size": style.title + 10, "color": "#555555"},
    })
    xref, yref = cm.axis_ids(2)
    annotations.append({
        "text": t("why_conv.fig.shift_by", lang, shift=_arrows(*demo.shift)), "xref": f"{xref} domain",
        "yref": f"{yref} domain", "x": 0.5, "y": 0.0, "xanchor": "center", "yanchor": "top", "yshift": -4,
        "showarrow": False, "font": {"size": style.note, "color": "#555555"},
    })
    height = int(plot_h + 50 + 34)
    layout = cm.base_layout(height=height, font_size=style.font,
                            margin={"l": 8, "r": 58, "t": 50, "b": 34})  # right: the rows' colour bars
    layout.pop("width", None)
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes
    return _figure(traces, layout)

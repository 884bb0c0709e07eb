"""Figures of the backpropagation page: arrays and records from :mod:`cnnviz.lessons.backprop` in, Plotly out.

- :func:`fc_network_figure` — the 9-5-3 network as nodes and edges, forward values or δ terms and
  gradients, one hidden neuron highlighted;
- :func:`sigmoid_figure` — the sigmoid and its derivative ``f(u)(1 − f(u))`` with the hidden
  neurons' weighted inputs marked;
- :func:`conv_gradients_figure` — a convolution's forward grids and both gradients side by side;
- :func:`pool_backward_figure` — pooling's backward pass animated window by window;
- :func:`gradient_sweep_figure` — relative error of finite differences against ε (log–log);
- :func:`cnn_flow_figure` — every tensor of the tiny CNN, forward on top, gradients below;
- :func:`cnn_update_figure` — parameters before, the step −η∇, and after;
- :func:`probabilities_figure` — class probabilities before and after the update;
- ``*_latex`` — the formulas with the current numbers substituted, as LaTeX for ``st.latex``.

Colours follow :mod:`cnnviz.figures._common`: greys / Cividis for values, blue–white–orange centred
at zero for signed numbers (weights, δ, gradients), readable in greyscale and by colour-blind viewers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.lessons.backprop import (
    CNNStep,
    ConvBackward,
    FCBackward,
    FCForward,
    FCNetwork,
    GradientSweep,
    PoolBackward,
    sigmoid_and_derivative,
    sigmoid_curve,
)

__all__ = [
    "fc_network_figure", "sigmoid_figure", "conv_gradients_figure", "pool_backward_figure",
    "gradient_sweep_figure", "cnn_flow_figure", "cnn_update_figure", "probabilities_figure", "plain_symbol",
    "tex_number", "tex_fixed", "hidden_neuron_latex", "output_layer_latex", "loss_latex", "output_delta_latex",
    "hidden_delta_latex", "weight_gradient_latex", "update_latex", "conv_weight_latex", "conv_input_latex",
    "conv_bias_latex", "gradient_check_latex", "logits_grad_latex",
]

_NOMINAL_WIDTH = 980
NODE_SCALE = [[0.0, "#ffffff"], [1.0, "#8fb3d9"]]
"""Light blue-grey ramp for node values in [0, 1] (black text stays readable on every shade)."""
LIGHT_DIVERGING = [[0.0, "#7fa7d6"], [0.5, "#f7f7f7"], [1.0, "#f4a957"]]
"""Light blue–white–orange for signed node values (δ) under black text."""
OKABE_ITO = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00")


# ---------------------------------------------------------------------------------------------
# validation and style
# ---------------------------------------------------------------------------------------------

class _Style:
    def __init__(self, presentation: bool):
        cm.check_flag(presentation)
        scale = cm.scale(presentation)
        self.presentation = bool(presentation)
        self.font = cm.font_size(13, presentation)
        self.title = cm.font_size(14, presentation)
        self.small = cm.font_size(11, presentation)
        self.node = 54 if presentation else 44
        self.cell_max = 58 * scale
        self.line = 2.0 * scale


def _check(kind, value, name):
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__} (from cnnviz.lessons.backprop), got {type(value).__name__}")


def _check_frame_ms(frame_ms):
    if isinstance(frame_ms, bool) or not isinstance(frame_ms, (int, float, np.integer, np.floating)) or not (
        20 <= frame_ms <= 10_000
    ):
        raise ValueError(f"frame_ms must be a number of milliseconds between 20 and 10000, got {frame_ms!r}")


def _color(value: float, extent: float, scale=cm.DIVERGING_SCALE) -> str:
    """The colour of ``value`` on a diverging scale spanning ``[-extent, extent]``."""
    position = 0.5 if extent <= 0 else float(np.clip(0.5 + 0.5 * value / extent, 0.0, 1.0))
    return sample_colorscale(scale, [position])[0]


def _layout(style: _Style, height: int, margin: dict) -> dict:
    layout = cm.base_layout(width=None, height=height, font_size=style.font, margin=margin)
    layout.pop("width")
    return layout


# ---------------------------------------------------------------------------------------------
# grids of heatmap panels with square cells
# ---------------------------------------------------------------------------------------------

@dataclass
class _Panel:
    z: np.ndarray
    title: str
    scale: dict
    numbers: bool
    hover: str | None = None
    text_template: str = cm.TEXT_TEMPLATE


def _panels(rows: list[list[_Panel | None]], style: _Style, *, row_labels=None, operators=None,
            title_px: int = 30, row_gap_px: int = 34, top_px: int = 8, bottom_px: int = 8,
            gap_px: int = 40, min_col_units: int = 1, colorbars: bool = False) -> tuple[dict, list, list]:
    """Lay out panels in rows and columns (columns aligned), every cell the same square size.

    Returns ``(layout, traces, axes)`` where ``axes[r][c]`` is the subplot index of a panel (or None).
    ``operators`` maps ``(row, col)`` to a symbol drawn in the gap after that column. ``colorbars``
    puts a slim horizontal colour bar under every panel (each panel has its own scale).
    """
    bar_px = 34 if colorbars else 0
    row_gap_px += bar_px
    bottom_px += bar_px
    n_cols = max(len(row) for row in rows)
    col_units = [max([row[c].z.shape[1] for row in rows if c < len(row) and row[c] is not None] + [min_col_units])
                 for c in range(n_cols)]
    row_units = [max((p.z.shape[0] for p in row if p is not None), default=1) for row in rows]
    label_px = 120 if row_labels else 0
    avail = _NOMINAL_WIDTH - label_px - gap_px * (n_cols - 1)
    cell = min(style.cell_max, avail / sum(col_units), 360 / max(row_units))
    widths = [u * cell for u in col_units]
    heights = [u * cell for u in row_units]
    plot_h = sum(heights) + len(rows) * title_px + (len(rows) - 1) * row_gap_px
    total_w = label_px + sum(widths) + gap_px * (n_cols - 1)
    left0 = (_NOMINAL_WIDTH - total_w) / 2 + label_px

    layout = _layout(style, int(plot_h + top_px + bottom_px), {"l": 8, "r": 8, "t": top_px, "b": bottom_px})
    traces, annotations, axes = [], [], []
    index = 0
    y_top = plot_h
    for r, row in enumerate(rows):
        y_top -= title_px
        row_axes = []
        x_left = left0
        for c in range(n_cols):
            panel = row[c] if c < len(row) else None
            if panel is None:
                row_axes.append(None)
                x_left += widths[c] + gap_px
                continue
            index += 1
            h, w = panel.z.shape
            x0 = x_left + (widths[c] - w * cell) / 2
            y1 = y_top
            y0 = y_top - h * cell
            axes_layout = cm.grid_axes(index, h, w)
            xname, yname = list(axes_layout)
            axes_layout[xname]["domain"] = [x0 / _NOMINAL_WIDTH, (x0 + w * cell) / _NOMINAL_WIDTH]
            axes_layout[yname]["domain"] = [max(y0 / plot_h, 0.0), min(y1 / plot_h, 1.0)]
            axes_layout[xname]["anchor"], axes_layout[yname]["anchor"] = cm.axis_ids(index)[1], cm.axis_ids(index)[0]
            layout.update(axes_layout)
            font = int(np.clip(round(0.3 * cell), 8, 16 * (cm.scale(style.presentation))))
            traces.append(cm.grid_heatmap(panel.z, axis=index, scale=panel.scale, numbers=panel.numbers,
                                          font_size=font, hover=panel.hover, text_template=panel.text_template,
                                          showscale=colorbars))
            if colorbars:  # as wide as the column (and a little of its gaps), just under the grid
                traces[-1]["colorbar"] = cm.colorbar((x0 + w * cell / 2) / _NOMINAL_WIDTH, (y0 - 6) / plot_h,
                                                     (widths[c] + gap_px * 0.6) / _NOMINAL_WIDTH,
                                                     font_size=max(style.small, 10), scale=panel.scale,
                                                     horizontal=True)
            annotations.append(cm.domain_title(index, panel.title, font_size=style.title))
            if operators and (r, c) in operators and c + 1 < n_cols:
                annotations.append({
                    "text": operators[(r, c)], "xref": "paper", "yref": "paper",
                    "x": (x_left + widths[c] + gap_px / 2) / _NOMINAL_WIDTH, "y": (y_top - heights[r] / 2) / plot_h,
                    "xanchor": "center", "yanchor": "middle", "showarrow": False,
                    "font": {"size": round(style.title * (1.5 if len(operators[(r, c)]) <= 2 else 1.05)),
                             "color": "#555555"},
                })
            row_axes.append(index)
            x_left += widths[c] + gap_px
        if row_labels:
            annotations.append({
                "text": f"<b>{row_labels[r]}</b>", "xref": "paper", "yref": "paper", "x": (left0 - label_px) / _NOMINAL_WIDTH,
                "y": (y_top - heights[r] / 2) / plot_h, "xanchor": "left", "yanchor": "middle", "showarrow": False,
                "font": {"size": style.title, "color": cm.TEXT}, "align": "left",
            })
        axes.append(row_axes)
        y_top -= heights[r] + row_gap_px
    layout["annotations"] = annotations
    return layout, traces, axes


def _stack_channels(values) -> np.ndarray:
    """A tensor as one 2-D grid: (1, C, H, W) → channels stacked vertically with a blank row
    between them; (1, n) or (n,) → one row; (C_out, C_in, KH, KW) → like (1, C_out·C_in, KH, KW)."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim <= 1:
        return array.reshape(1, -1)
    if array.ndim == 2:
        return array
    maps = array.reshape(-1, array.shape[-2], array.shape[-1])  # (C, H, W)
    blank = np.full((1, maps.shape[2]), np.nan)
    parts = []
    for i, grid in enumerate(maps):
        if i:
            parts.append(blank)
        parts.append(grid)
    return np.vstack(parts)


# ---------------------------------------------------------------------------------------------
# 1. the fully connected network
# ---------------------------------------------------------------------------------------------

def _node_positions(n: int, top: float = 1.0, bottom: float = 0.0, spacing: float = 0.125) -> np.ndarray:
    """Vertical positions of ``n`` nodes, centred between ``bottom`` and ``top``."""
    middle = (top + bottom) / 2
    return middle + spacing * ((n - 1) / 2 - np.arange(n))


def _node_text(value: float) -> str:
    """A node label of at most ~7 characters: 3 significant digits, 2 for tiny values."""
    return cm.fmt(value, 2 if 0 < abs(value) < 0.01 else 3)


def fc_network_figure(net: FCNetwork, forward: FCForward, backward: FCBackward | None = None, *, view: str = "forward",
                      highlight: int | None = None, hide: int | None = None, lang: str = "en",
                      presentation: bool = False) -> go.Figure:
    """The network drawn as nodes and edges.

    Forward view: nodes hold the input P, the hidden activations ``A1 = f(u1)`` and the outputs;
    edges are coloured by weight (orange positive, blue negative, width ∝ |w|). Backward view:
    nodes hold the δ terms, edges the weight gradients ``∂E/∂W``.

    Parameters
    ----------
    net : FCNetwork
    forward : FCForward
    backward : FCBackward, optional
        Required for ``view="backward"``.
    view : {"forward", "backward"}
    highlight : int, optional
        0-based hidden neuron whose edges are drawn at full strength (the others fade).
    hide : int, optional
        0-based hidden neuron whose activation is shown as "?" (predict before reveal).
    lang : {"en", "zh"}
    presentation : bool
    """
    _check(FCNetwork, net, "net")
    _check(FCForward, forward, "forward")
    cm.check_lang(lang)
    style = _Style(presentation)
    if view not in ("forward", "backward"):
        raise ValueError(f"view must be 'forward' or 'backward', got {view!r}")
    if view == "backward":
        _check(FCBackward, backward, "backward")
    n_in, n_hidden, n_out = net.sizes
    for name, value in (("highlight", highlight), ("hide", hide)):
        if value is not None and not (isinstance(value, (int, np.integer)) and 0 <= value < n_hidden):
            raise ValueError(f"{name} must be a hidden neuron index 0..{n_hidden - 1} or None, got {value!r}")

    xs = (0.0, 1.0, 2.0)
    ys = (_node_positions(n_in), _node_positions(n_hidden, spacing=0.19), _node_positions(n_out, spacing=0.25))
    backward_view = view == "backward"
    w1 = backward.dw1 if backward_view else net.w1
    w2 = backward.dw2 if backward_view else net.w2
    extent = float(max(np.abs(w1).max(), np.abs(w2).max(), 1e-12))
    shapes, mid_x, mid_y, mid_text = [], [], [], []
    w_name = "∂E/∂W" if backward_view else "W"
    for layer, (weights, y_from, y_to, x0, x1) in enumerate(
        ((w1, ys[0], ys[1], xs[0], xs[1]), (w2, ys[1], ys[2], xs[1], xs[2]))
    ):
        for dst in range(weights.shape[0]):
            for src in range(weights.shape[1]):
                value = float(weights[dst, src])
                hidden = dst if layer == 0 else src
                strong = highlight is None or hidden == highlight
                shapes.append({
                    "type": "line", "xref": "x", "yref": "y", "x0": x0 + 0.06, "y0": y_from[src], "x1": x1 - 0.06,
                    "y1": y_to[dst], "layer": "below", "opacity": 0.95 if strong else 0.16,
                    "line": {"color": _color(value, extent), "width": (0.6 + 4.4 * abs(value) / extent) * style.line / 2},
                })
                # hover point a third of the way along the edge, where edges from one node fan out
                mid_x.append(x0 + (x1 - x0) / 3)
                mid_y.append(y_from[src] + (y_to[dst] - y_from[src]) / 3)
                if layer == 0:
                    label = f"{w_name}1(j={src + 1}, i={dst + 1}) = {value:.4g}"
                else:
                    label = f"{w_name}2(i={src + 1}, k={dst + 1}) = {value:.4g}"
                mid_text.append(label)

    traces = [{
        "type": "scatter", "mode": "markers", "x": mid_x, "y": mid_y, "text": mid_text,
        "hovertemplate": "%{text}<extra></extra>", "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
        "showlegend": False,
    }]
    if backward_view:
        layers = (net.x, backward.delta1, backward.delta2)
        signed_extent = float(max(np.abs(backward.delta1).max(), np.abs(backward.delta2).max(), 1e-12))
    else:
        layers = (net.x, forward.a1, forward.y)
    for col, (values, y) in enumerate(zip(layers, ys)):
        signed = backward_view and col > 0
        text = [_node_text(v) for v in values]
        if hide is not None and col == 1 and not backward_view:
            text[hide] = "?"
        if signed:
            marker = {"color": list(map(float, values)), "colorscale": LIGHT_DIVERGING, "cmin": -signed_extent,
                      "cmax": signed_extent}
        else:
            marker = {"color": list(map(float, values)), "colorscale": NODE_SCALE, "cmin": 0.0, "cmax": 1.0}
        line_color = [cm.HIGHLIGHT if (col == 1 and i == highlight) else "#555555" for i in range(len(values))]
        line_width = [3.5 if (col == 1 and i == highlight) else 1.2 for i in range(len(values))]
        hover_values = ["?" if t_ == "?" else f"{v:.6g}" for t_, v in zip(text, values)]
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": [xs[col]] * len(values), "y": list(map(float, y)),
            "text": text, "textposition": "middle center",
            "textfont": {"size": [style.small if len(s_) <= 6 else style.small - 1 for s_ in text], "color": "#111111"},
            "customdata": hover_values, "hovertemplate": "%{customdata}<extra></extra>",
            "marker": {**marker, "size": style.node, "line": {"color": line_color, "width": line_width}},
            "showlegend": False,
        })

    annotations = []
    gap = style.node / 2 + 4  # px from a node's centre to its label
    for j, y in enumerate(ys[0]):
        annotations.append({"x": xs[0], "y": y, "xshift": -gap, "text": f"P<sub>{j + 1}</sub>", "showarrow": False,
                            "xanchor": "right", "font": {"size": style.small, "color": "#444444"}})
    for i, y in enumerate(ys[1]):
        color = cm.HIGHLIGHT if i == highlight else "#444444"
        annotations.append({"x": xs[1], "y": y, "yshift": gap, "yanchor": "bottom", "text": f"i={i + 1}",
                            "showarrow": False, "font": {"size": style.small, "color": color}})
    targets = net.target_vector
    for k, y in enumerate(ys[2]):
        label = f"k={k + 1} · t={int(targets[k])}"
        if backward_view:
            label += f" · y={forward.y[k]:.3f}"
        annotations.append({"x": xs[2], "y": y, "xshift": gap, "text": label, "showarrow": False, "xanchor": "left",
                            "font": {"size": style.small, "color": "#444444"}})
    out_key = "backprop.fig.col_output_softmax" if forward.loss_kind == "cross_entropy" else "backprop.fig.col_output"
    titles = ("backprop.fig.col_input", "backprop.fig.col_hidden", out_key)
    if backward_view:
        titles = ("backprop.fig.col_input", "backprop.fig.col_hidden_delta", "backprop.fig.col_output_delta")
    for x, key in zip(xs, titles):
        annotations.append({"x": x, "y": 1.1, "text": f"<b>{t(key, lang)}</b>", "showarrow": False,
                            "font": {"size": style.title}, "yanchor": "bottom"})
    legend_key = "backprop.fig.edges_backward" if backward_view else "backprop.fig.edges_forward"
    annotations.append({"x": 1.0, "y": -0.1, "text": t(legend_key, lang), "showarrow": False,
                        "font": {"size": style.small, "color": "#555555"}, "yanchor": "top"})

    layout = _layout(style, 700 if presentation else 500, {"l": 10, "r": 10, "t": 14, "b": 10})
    axis = {"showgrid": False, "zeroline": False, "showticklabels": False, "fixedrange": True}
    layout.update(
        xaxis={**axis, "range": [-0.45, 2.75]}, yaxis={**axis, "range": [-0.2, 1.2]},
        shapes=shapes, annotations=annotations, hovermode="closest",
    )
    return go.Figure({"data": traces, "layout": layout})


def sigmoid_figure(u_values, *, highlight: int | None = None, lang: str = "en", presentation: bool = False) -> go.Figure:
    """The sigmoid ``f(u)`` and its derivative ``f'(u) = f(u)(1 − f(u))``, with markers at ``u_values``.

    Parameters
    ----------
    u_values : array_like, shape (n,)
        Weighted inputs to mark (the hidden neurons' ``u1``), labelled i = 1..n.
    highlight : int, optional
        0-based index drawn in the highlight colour.
    """
    cm.check_lang(lang)
    style = _Style(presentation)
    u_values = np.asarray(u_values, dtype=np.float64).reshape(-1)
    if u_values.size == 0 or not np.all(np.isfinite(u_values)):
        raise ValueError("u_values must be a non-empty 1-D array of finite numbers")
    low = min(-6.0, float(u_values.min()) - 0.5)
    high = max(6.0, float(u_values.max()) + 0.5)
    u, f, df = sigmoid_curve(low, high)
    f_marks, df_marks = sigmoid_and_derivative(u_values)
    colors = [cm.HIGHLIGHT if i == highlight else cm.ACCENT for i in range(u_values.size)]
    labels = [f"i={i + 1}" if (highlight is None or i == highlight) else "" for i in range(u_values.size)]
    traces = [
        {"type": "scatter", "x": u.tolist(), "y": f.tolist(), "mode": "lines", "name": "f(u) = 1 / (1 + e<sup>−u</sup>)",
         "line": {"color": "#222222", "width": 2.5 * style.line / 2}},
        {"type": "scatter", "x": u.tolist(), "y": df.tolist(), "mode": "lines", "name": "f′(u) = f(u)(1 − f(u))",
         "line": {"color": cm.ACCENT, "width": 2.5 * style.line / 2, "dash": "dash"}},
        {"type": "scatter", "x": u_values.tolist(), "y": f_marks.tolist(), "mode": "markers+text", "text": labels,
         "textposition": "top left", "marker": {"size": 10 * style.line / 2, "color": colors, "symbol": "circle"},
         "textfont": {"size": style.small}, "name": t("backprop.fig.sigmoid_points", lang),
         "customdata": [f"i={i + 1}" for i in range(u_values.size)],
         "hovertemplate": "%{customdata}: u=%{x:.4f}<br>f(u)=%{y:.4f}<extra></extra>"},
        {"type": "scatter", "x": u_values.tolist(), "y": df_marks.tolist(), "mode": "markers",
         "marker": {"size": 9 * style.line / 2, "color": colors, "symbol": "diamond"},
         "name": t("backprop.fig.sigmoid_slopes", lang),
         "hovertemplate": "u=%{x:.4f}<br>f′(u)=%{y:.4f}<extra></extra>"},
    ]
    layout = _layout(style, round(330 * (1.2 if presentation else 1.0)), {"l": 50, "r": 10, "t": 10, "b": 40})
    layout.update(
        showlegend=True, legend={"orientation": "h", "y": -0.18, "font": {"size": style.small}},
        xaxis={"title": {"text": "u"}, "zeroline": True, "zerolinecolor": "#bbbbbb", "gridcolor": "#eeeeee"},
        yaxis={"range": [-0.05, 1.05], "gridcolor": "#eeeeee", "zeroline": False},
        plot_bgcolor="#ffffff",
    )
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# 2. convolution gradients overview
# ---------------------------------------------------------------------------------------------

def conv_gradients_figure(walk: ConvBackward, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Forward grids (x ⋆ w = y) on top, the backward pass below: δ, ``∂E/∂w = x ⋆ δ``,
    ``∂E/∂x = pad(δ) ⋆ rot180(w)``; numbers in every cell."""
    _check(ConvBackward, walk, "walk")
    cm.check_lang(lang)
    style = _Style(presentation)
    values = cm.value_scale
    signed = cm.diverging_scale
    top = [
        _Panel(walk.x, t("backprop.fig.x", lang), values(walk.x), True),
        _Panel(walk.weight, t("backprop.fig.w", lang), signed(walk.weight), True),
        _Panel(walk.output, t("backprop.fig.y", lang), values(walk.output, sequential=cm.SEQUENTIAL_SCALE), True),
    ]
    bottom = [
        _Panel(walk.delta, t("backprop.fig.delta", lang), signed(walk.delta), True),
        _Panel(walk.dweight, t("backprop.fig.dw", lang), signed(walk.dweight), True),
        _Panel(walk.dx, t("backprop.fig.dx", lang), signed(walk.dx), True),
    ]
    layout, traces, _ = _panels(
        [top, bottom], style, row_labels=[t("backprop.fig.row_forward", lang), t("backprop.fig.row_backward", lang)],
        operators={(0, 0): "⋆", (0, 1): "="},
    )
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# 3. pooling backward, animated
# ---------------------------------------------------------------------------------------------

def _play_controls(n_frames: int, labels: list[str], frame_ms: float, lang: str, style: _Style) -> tuple[list, list]:
    play = [None, {"frame": {"duration": frame_ms, "redraw": True}, "fromcurrent": True,
                   "transition": {"duration": 0}, "mode": "immediate"}]
    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    menus = [{
        "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0.0, "xanchor": "left",
        "yanchor": "top", "pad": {"t": 8, "r": 4}, "font": {"size": style.font}, "bgcolor": "#f2f2f2",
        "bordercolor": "#bbbbbb",
        "buttons": [{"label": t("figures.play", lang), "method": "animate", "args": play},
                    {"label": t("figures.pause", lang), "method": "animate", "args": pause}],
    }]
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    sliders = [{
        "active": 0, "x": 0.22 if not style.presentation else 0.28, "len": 0.78 if not style.presentation else 0.72,
        "y": 0.0, "yanchor": "top", "xanchor": "left", "pad": {"t": 4, "b": 0},
        "currentvalue": {"prefix": t("backprop.fig.window_prefix", lang), "font": {"size": style.font}, "offset": 4},
        "font": {"size": max(style.font - 2, 9), "color": "#555555" if n_frames <= 12 else "rgba(0,0,0,0)"},
        "bgcolor": "#eeeeee", "activebgcolor": cm.HIGHLIGHT, "bordercolor": "#bbbbbb", "transition": {"duration": 0},
        "steps": [{"method": "animate", "label": label, "args": [[str(i)], step_args]} for i, label in enumerate(labels)],
    }]
    return menus, sliders


def pool_backward_figure(walk: PoolBackward, *, lang: str = "en", presentation: bool = False,
                         frame_ms: float = 900) -> go.Figure:
    """Pooling forward and backward on the same grids, one window per frame.

    Left to right: the input x (window outlined; for max pooling its arg-max filled), the pooled
    output y, the upstream gradient δ (current cell outlined), and ``∂E/∂x`` accumulated over the
    windows so far (the cells receiving the current δ outlined). The equation says where δ goes.
    """
    _check(PoolBackward, walk, "walk")
    cm.check_lang(lang)
    _check_frame_ms(frame_ms)
    style = _Style(presentation)
    is_max = walk.mode == "max"
    dx_scale = cm.diverging_scale(np.concatenate([walk.dx.ravel(), walk.delta.ravel()]))
    panels = [
        _Panel(walk.x, t("backprop.fig.pool_x", lang), cm.value_scale(walk.x), True),
        _Panel(walk.output, t("backprop.fig.pool_y", lang), cm.value_scale(walk.output, sequential=cm.SEQUENTIAL_SCALE), True),
        _Panel(walk.delta, t("backprop.fig.delta", lang), cm.diverging_scale(walk.delta), True),
        _Panel(walk.partial_dx[0], t("backprop.fig.pool_dx", lang), dx_scale, True),
    ]
    operators = {(0, 0): "max →" if is_max else "avg →", (0, 2): "→"}
    layout, traces, axes = _panels([panels], style, operators=operators, top_px=8, bottom_px=150, gap_px=90)
    ax_x, ax_y, ax_d, ax_dx = axes[0]
    k = walk.kernel_size

    def shapes_for(route):
        r0, c0 = route.row * walk.stride, route.col * walk.stride
        window = dict(color=cm.HIGHLIGHT, width=style.line * 1.5)
        targets = cm.cells_path(route.targets, inset=0.08)
        return [
            cm.rect(ax_x, r0, c0, r0 + k - 1, c0 + k - 1, **window, fill=cm.HIGHLIGHT_SOFT),
            cm.rect(ax_y, route.row, route.col, route.row, route.col, **window),
            cm.rect(ax_d, route.row, route.col, route.row, route.col, **window),
            cm.rect(ax_dx, r0, c0, r0 + k - 1, c0 + k - 1, color=cm.HIGHLIGHT, width=style.line, dash="dot"),
            cm.path_shape(ax_dx, targets, color=cm.ACCENT, width=style.line * 1.6),
            cm.path_shape(ax_x, targets if is_max else "", color=cm.ACCENT, width=style.line * 1.6,
                          fill="rgba(0,114,178,0.22)", visible=is_max),
        ]

    def equation(route):
        cells = ", ".join(f"({r},{c})" for r, c in route.targets)
        if is_max:
            r, c = route.targets[0]
            return t("backprop.fig.route_max", lang, r=route.row, c=route.col, d=cm.fmt(route.delta),
                     cell=f"({r},{c})", value=cm.fmt(walk.x[r, c]))
        return t("backprop.fig.route_avg", lang, r=route.row, c=route.col, d=cm.fmt(route.delta),
                 n=len(route.targets), share=cm.fmt(route.share), cells=cells if len(route.targets) <= 9 else "…")

    equation_annotation = {
        "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.0, "yshift": -8, "xanchor": "center", "yanchor": "top",
        "showarrow": False, "font": {"size": style.font + 1, "color": cm.TEXT}, "align": "center",
    }
    first = walk.routes[0]
    layout["shapes"] = shapes_for(first)
    n_static = len(layout["annotations"])
    layout["annotations"].append({**equation_annotation, "text": equation(first)})
    frames, labels = [], []
    dx_trace = len(traces) - 1
    for i, route in enumerate(walk.routes):
        annotations = [dict(a) for a in layout["annotations"][:n_static]] + [{**equation_annotation, "text": equation(route)}]
        frames.append({
            "name": str(i), "traces": [dx_trace],
            "data": [{"type": "heatmap", "z": cm.to_list(cm.compact(walk.partial_dx[i]))}],
            "layout": {"shapes": shapes_for(route), "annotations": annotations},
        })
        labels.append(f"({route.row},{route.col})")
    menus, sliders = _play_controls(len(frames), labels, frame_ms, lang, style)
    layout["margin"]["b"] = 150
    for menu in menus:
        menu["pad"]["t"] = 62
    sliders[0]["pad"]["t"] = 56
    layout.update(updatemenus=menus, sliders=sliders)
    # for the browser-side links (ui/chart_links.py): the output y and the upstream δ cells pick a step
    layout["meta"] = {"figure": "pool_backward_animation", "output_traces": [1, 2], "steps": len(frames)}
    return go.Figure({"data": traces, "layout": layout, "frames": frames})


# ---------------------------------------------------------------------------------------------
# 4. gradient check
# ---------------------------------------------------------------------------------------------

def gradient_sweep_figure(sweep: GradientSweep, *, eps: float | None = None, lang: str = "en",
                          presentation: bool = False) -> go.Figure:
    """Relative error of central and forward differences against ε, in float32 and float64 (log–log).

    Parameters
    ----------
    sweep : GradientSweep
    eps : float, optional
        The ε chosen on the page, marked with a vertical line.
    """
    _check(GradientSweep, sweep, "sweep")
    cm.check_lang(lang)
    style = _Style(presentation)
    floor = 1e-13
    traces = []
    colors = {"float64": cm.ACCENT, "float32": cm.HIGHLIGHT}
    for dtype in sweep.central:
        for kind, errors, dash in (("central", sweep.central[dtype], "solid"), ("forward", sweep.forward[dtype], "dot")):
            traces.append({
                "type": "scatter", "mode": "lines+markers", "x": sweep.eps.tolist(),
                "y": np.maximum(errors, floor).tolist(),
                "name": t(f"backprop.fig.sweep_{kind}", lang, dtype=dtype),
                "line": {"color": colors.get(dtype, "#444444"), "dash": dash, "width": 2 * style.line / 2},
                "marker": {"size": 7 * style.line / 2, "symbol": "circle" if kind == "central" else "square"},
                "hovertemplate": "ε=%{x:.0e}<br>" + t("backprop.fig.rel_error", lang) + "=%{y:.2e}<extra></extra>",
            })
    shapes = [{"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": floor, "y1": 1e-7,
               "fillcolor": "rgba(0,158,115,0.08)", "line": {"width": 0}, "layer": "below"}]
    if eps is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": eps, "x1": eps, "y0": 0, "y1": 1,
                       "line": {"color": "#555555", "width": 1.5, "dash": "dash"}})
    layout = _layout(style, round(380 * (1.2 if presentation else 1.0)), {"l": 70, "r": 10, "t": 10, "b": 50})
    layout.update(
        showlegend=True, legend={"orientation": "h", "y": -0.2, "font": {"size": style.small}},
        xaxis={"type": "log", "title": {"text": "ε"}, "autorange": "reversed", "gridcolor": "#eeeeee",
               "exponentformat": "power"},
        yaxis={"type": "log", "title": {"text": t("backprop.fig.rel_error", lang)}, "gridcolor": "#eeeeee",
               "exponentformat": "power", "range": [-13.3, 0.3]},
        shapes=shapes, plot_bgcolor="#ffffff",
        annotations=[{"xref": "paper", "yref": "y", "x": 0.99, "y": -9, "text": t("backprop.fig.sweep_good", lang),
                      "showarrow": False, "xanchor": "right", "font": {"size": style.small, "color": "#007a5a"}}],
    )
    layout["margin"]["b"] = 90
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# 5. the tiny CNN
# ---------------------------------------------------------------------------------------------

SHORT_TEXT = "%{z:.2~g}"
"""Cell text with two significant digits, for the small cells of the CNN figures."""


def _tensor_panel(record, title: str, signed: bool) -> _Panel:
    grid = _stack_channels(record.values)
    if grid.shape[0] == 1:
        grid = grid.T  # a vector reads best as a column next to the maps
    if signed:
        scale = cm.diverging_scale(grid)
    elif record.kind == "input":
        scale = cm.value_scale(grid)
    else:
        scale = cm.value_scale(grid, sequential=cm.SEQUENTIAL_SCALE)
    return _Panel(grid, title, scale, numbers=max(grid.shape) <= 12, text_template=SHORT_TEXT)


def cnn_flow_figure(step: CNNStep, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Every activation of the tiny CNN (top row, left to right) and the gradient of the loss with
    respect to it (bottom row, computed right to left). Channels are stacked vertically."""
    _check(CNNStep, step, "step")
    cm.check_lang(lang)
    style = _Style(presentation)
    forward = [r for r in step.records if r.phase == "forward"]
    grads = {r.symbol: r for r in step.records if r.kind in ("grad_output", "grad_input", "logits_grad")}
    top, bottom = [], []
    for record in forward:
        title = f"{plain_symbol(record.symbol)}<br>{_shape_text(record.shape)}"
        top.append(_tensor_panel(record, title, record.kind == "output" and record.layer in (0, 4)))
        grad = grads.get(rf"\partial L/\partial {record.symbol}")
        bottom.append(None if grad is None else _tensor_panel(grad, f"∂L/∂{plain_symbol(record.symbol)}", True))
    operators = {(0, c): "→" for c in range(len(top) - 1)}
    operators.update({(1, c): "←" for c in range(len(bottom) - 1)})
    layout, traces, _ = _panels(
        [top, bottom], style, operators=operators,
        row_labels=[t("backprop.fig.row_forward", lang), t("backprop.fig.row_backward", lang)],
        title_px=46, min_col_units=2, colorbars=True,
    )
    return go.Figure({"data": traces, "layout": layout})


def cnn_update_figure(step: CNNStep, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Each weight tensor before the update, the step ``−η ∂L/∂W``, and after; one row per layer
    (conv filters stacked vertically)."""
    _check(CNNStep, step, "step")
    cm.check_lang(lang)
    style = _Style(presentation)
    rows = []
    for record in step.phase("update"):
        if record.kind != "param" or not record.symbol.startswith("W"):
            continue
        sym = record.symbol
        step_rec = next(r for r in step.phase("update") if r.kind == "param_step" and r.symbol.endswith(sym))
        new_rec = next(r for r in step.phase("update") if r.kind == "param_new" and r.symbol == sym + "'")
        before = _stack_channels(record.values)
        after = _stack_channels(new_rec.values)
        shared = cm.diverging_scale(np.concatenate([before[np.isfinite(before)], after[np.isfinite(after)]]))
        change = _stack_channels(step_rec.values)
        numbers = max(before.shape) <= 12
        rows.append([
            _Panel(before, t("backprop.fig.param_before", lang, name=plain_symbol(sym)), shared, numbers,
                   text_template=SHORT_TEXT),
            _Panel(change, t("backprop.fig.param_step", lang, name=plain_symbol(sym), lr=cm.fmt(step.lr)),
                   cm.diverging_scale(change), numbers, text_template=SHORT_TEXT),
            _Panel(after, t("backprop.fig.param_after", lang, name=plain_symbol(sym)), shared, numbers,
                   text_template=SHORT_TEXT),
        ])
    operators = {}
    for r in range(len(rows)):
        operators[(r, 0)] = "+"
        operators[(r, 1)] = "="
    layout, traces, _ = _panels(rows, style, operators=operators, colorbars=True)
    return go.Figure({"data": traces, "layout": layout})


def probabilities_figure(before, after, class_names, target: int, *, lang: str = "en",
                         presentation: bool = False) -> go.Figure:
    """Grouped bars: the softmax probability of each class before and after the update.

    Parameters
    ----------
    before, after : array_like, shape (n_classes,)
    class_names : list of str, length n_classes (already translated)
    target : int
        The true class, marked with ★.
    """
    cm.check_lang(lang)
    style = _Style(presentation)
    before = np.asarray(before, dtype=np.float64).reshape(-1)
    after = np.asarray(after, dtype=np.float64).reshape(-1)
    if before.shape != after.shape or before.size != len(class_names):
        raise ValueError(f"before {before.shape}, after {after.shape} and class_names ({len(class_names)}) must match")
    if not 0 <= target < before.size:
        raise ValueError(f"target must be a class index 0..{before.size - 1}, got {target!r}")
    names = [("★ " if i == target else "") + name for i, name in enumerate(class_names)]
    traces = [
        {"type": "bar", "x": names, "y": before.tolist(), "name": t("backprop.fig.before", lang),
         "marker": {"color": "#9a9a9a"}, "text": [f"{v:.3f}" for v in before], "textposition": "outside",
         "textfont": {"size": style.small}},
        {"type": "bar", "x": names, "y": after.tolist(), "name": t("backprop.fig.after", lang),
         "marker": {"color": cm.ACCENT}, "text": [f"{v:.3f}" for v in after], "textposition": "outside",
         "textfont": {"size": style.small}},
    ]
    layout = _layout(style, round(300 * (1.2 if presentation else 1.0)), {"l": 50, "r": 10, "t": 10, "b": 40})
    layout.update(barmode="group", showlegend=True, legend={"orientation": "h", "y": 1.12},
                  yaxis={"range": [0, 1.12], "title": {"text": t("backprop.fig.probability", lang)}, "gridcolor": "#eeeeee"},
                  plot_bgcolor="#ffffff")
    return go.Figure({"data": traces, "layout": layout})


def plain_symbol(symbol: str) -> str:
    """A LaTeX symbol of :mod:`cnnviz.lessons.backprop` as plain text for figure titles (``z_1`` → ``z₁``)."""
    subscripts = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    text = symbol.replace(r"\partial ", "∂").replace(r"-\eta\,", "−η ").replace("\\", "")
    out, i = [], 0
    while i < len(text):
        if text[i] == "_" and i + 1 < len(text):
            out.append(text[i + 1].translate(subscripts))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _shape_text(shape) -> str:
    return "(" + "×".join(str(s) for s in shape) + ")"


# ---------------------------------------------------------------------------------------------
# formulas with the current numbers (LaTeX strings for st.latex)
# ---------------------------------------------------------------------------------------------

def tex_number(value: float, digits: int = 4) -> str:
    """A number for LaTeX: ``digits`` significant digits, ``a\\times10^{b}`` instead of ``e`` notation,
    a true minus sign."""
    value = float(value)
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        exponent = int(exponent)
        text = rf"10^{{{exponent}}}" if mantissa in ("1", "-1") else rf"{mantissa}\times10^{{{exponent}}}"
        if mantissa == "-1":
            text = "-" + text
    return text


def tex_fixed(value: float, decimals: int = 4) -> str:
    """A number with a fixed number of decimals (the course's numbers have four)."""
    text = f"{float(value):.{decimals}f}"
    return "0" if float(text) == 0 and decimals == 0 else text


def _term(value: float, digits: int = 4, fixed: bool = False) -> str:
    text = tex_fixed(value, digits) if fixed else tex_number(value, digits)
    return f"({text})" if float(value) < 0 else text


def _sum_lines(terms: list[str], per_line: int) -> str:
    """Terms joined by + with a line break (aligned) every ``per_line`` terms."""
    lines = [" + ".join(terms[i:i + per_line]) for i in range(0, len(terms), per_line)]
    return r" \\ &\quad + ".join(lines)


def hidden_neuron_latex(net: FCNetwork, forward: FCForward, neuron: int, *, hide: bool = False,
                        per_line: int = 4) -> str:
    """``u1_i = Σ_j W1(j,i) P_j + b1(i) = … = u`` and ``A1_i = f(u) = …`` for hidden neuron ``neuron`` (0-based);
    with ``hide`` the activation is left as ``?``."""
    _check(FCNetwork, net, "net")
    i = int(neuron)
    terms = [rf"{_term(w, 4, True)}\cdot{_term(p, 4, True)}" for w, p in zip(net.w1[i], net.x)]
    terms.append(_term(net.b1[i], 4, True))
    label = i + 1
    u = "?" if hide else tex_number(forward.u1[i])
    answer = "?" if hide else tex_fixed(forward.a1[i], 4)
    sigmoid = "" if hide else rf" = \frac{{1}}{{1 + e^{{-({u})}}}}"
    return (
        r"\begin{aligned}"
        rf"u_{{1,{label}}} &= \sum_{{j=1}}^{{9}} W_1(j,{label})\,P_j + b_1({label}) \\ "
        rf"&= {_sum_lines(terms, per_line)} \\ "
        rf"&= {u} \\ "
        rf"A_1({label}) &= f(u_{{1,{label}}}){sigmoid} = {answer}"
        r"\end{aligned}"
    )


def output_layer_latex(forward: FCForward) -> str:
    """``u2_k = Σ_i W2(i,k) A1_i + b2(k)`` and the output ``y_k`` for every output neuron."""
    _check(FCForward, forward, "forward")
    softmax = forward.loss_kind == "cross_entropy"
    rows = []
    for k, (u, y) in enumerate(zip(forward.u2, forward.y)):
        out = rf"y_{{{k + 1}}} = \mathrm{{softmax}}(u_2)_{{{k + 1}}}" if softmax else rf"y_{{{k + 1}}} = f(u_{{2,{k + 1}}})"
        rows.append(rf"u_{{2,{k + 1}}} &= \textstyle\sum_i W_2(i,{k + 1})A_1(i) + b_2({k + 1}) = {tex_number(u)}, "
                    rf"&\quad {out} &= {tex_number(y)}")
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def loss_latex(net: FCNetwork, forward: FCForward) -> str:
    """The loss with the current outputs and targets substituted."""
    t_vec = net.target_vector
    if forward.loss_kind == "mse":
        terms = " + ".join(rf"({int(t_)} - {tex_number(y)})^2" for t_, y in zip(t_vec, forward.y))
        return rf"E = \tfrac12 \sum_k (t_k - y_k)^2 = \tfrac12\left[{terms}\right] = {tex_number(forward.loss)}"
    k = net.target + 1
    return rf"E = -\log y_{{{k}}} = -\log {tex_number(forward.y[net.target])} = {tex_number(forward.loss)}"


def output_delta_latex(net: FCNetwork, forward: FCForward, backward: FCBackward) -> str:
    """``δ2_k`` for every output: ``(y − t) y (1 − y)`` (squared error) or ``y − t`` (cross-entropy)."""
    t_vec = net.target_vector
    rows = []
    for k in range(len(forward.y)):
        y, tk, d = forward.y[k], int(t_vec[k]), backward.delta2[k]
        if forward.loss_kind == "mse":
            rows.append(
                rf"\delta_{{2,{k + 1}}} &= (y_{{{k + 1}}} - t_{{{k + 1}}})\,y_{{{k + 1}}}(1 - y_{{{k + 1}}}) "
                rf"= ({tex_number(y)} - {tk}) \cdot {tex_number(backward.output_derivative[k])} = {tex_number(d)}"
            )
        else:
            rows.append(rf"\delta_{{2,{k + 1}}} &= y_{{{k + 1}}} - t_{{{k + 1}}} = {tex_number(y)} - {tk} = {tex_number(d)}")
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def hidden_delta_latex(net: FCNetwork, forward: FCForward, backward: FCBackward, neuron: int) -> str:
    """``δ1_i = (Σ_k W2(i,k) δ2_k) · A1_i (1 − A1_i)`` with numbers, for hidden neuron ``neuron`` (0-based)."""
    i = int(neuron)
    label = i + 1
    terms = " + ".join(rf"{_term(w)}\cdot{_term(d)}" for w, d in zip(net.w2[:, i], backward.delta2))
    a = tex_number(forward.a1[i])
    return (
        r"\begin{aligned}"
        rf"\frac{{\partial E}}{{\partial A_1({label})}} &= \sum_k W_2({label},k)\,\delta_{{2,k}} \\ "
        rf"&= {terms} = {tex_number(backward.da1[i])} \\ "
        rf"f'(u_{{1,{label}}}) &= A_1({label})\big(1 - A_1({label})\big) = {a}\,(1 - {a}) = "
        rf"{tex_number(backward.hidden_derivative[i])} \\ "
        rf"\delta_{{1,{label}}} &= \frac{{\partial E}}{{\partial A_1({label})}} \cdot f'(u_{{1,{label}}}) = "
        rf"{tex_number(backward.da1[i])} \cdot {tex_number(backward.hidden_derivative[i])} = {tex_number(backward.delta1[i])}"
        r"\end{aligned}"
    )


def weight_gradient_latex(net: FCNetwork, backward: FCBackward, neuron: int, per_line: int = 9) -> str:
    """``∂E/∂W1(j,i) = δ1_i P_j`` for the nine inputs of hidden neuron ``neuron`` (0-based), as row
    vectors of at most ``per_line`` entries each."""
    i = int(neuron)
    label = i + 1
    grads = backward.dw1[i]
    rows = []
    for start in range(0, len(grads), per_line):
        stop = min(start + per_line, len(grads))
        entries = " & ".join(tex_number(g, 3) for g in grads[start:stop])
        rows.append(rf"&\phantom{{=}}\begin{{bmatrix}} {entries} \end{{bmatrix}}_{{j={start + 1},\dots,{stop}}}")
    rows[0] = rows[0].replace(r"&\phantom{=}", "&= ", 1)
    return (
        r"\begin{aligned}"
        rf"\frac{{\partial E}}{{\partial W_1(j,{label})}} &= \delta_{{1,{label}}}\,P_j = "
        rf"{tex_number(backward.delta1[i])}\,P_j \\ "
        + r" \\ ".join(rows) + r"\end{aligned}"
    )


def update_latex(net: FCNetwork, backward: FCBackward, new_net: FCNetwork, lr: float, neuron: int) -> str:
    """The update of ``W1(1, i)`` and ``b1(i)`` for hidden neuron ``neuron`` (0-based)."""
    i = int(neuron)
    label = i + 1
    return (
        r"\begin{aligned}"
        rf"W_1(1,{label}) &\leftarrow W_1(1,{label}) - \eta\,\frac{{\partial E}}{{\partial W_1(1,{label})}} "
        rf"= {tex_number(net.w1[i, 0])} - {tex_number(lr)}\cdot{_term(backward.dw1[i, 0])} = {tex_number(new_net.w1[i, 0])} \\ "
        rf"b_1({label}) &\leftarrow b_1({label}) - \eta\,\delta_{{1,{label}}} "
        rf"= {tex_number(net.b1[i])} - {tex_number(lr)}\cdot{_term(backward.db1[i])} = {tex_number(new_net.b1[i])}"
        r"\end{aligned}"
    )


def conv_weight_latex(walk: ConvBackward, p: int = 0, q: int = 0) -> str:
    """The general weight-gradient formula and entry ``(p, q)`` worked out."""
    oh, ow = walk.delta.shape
    terms = [rf"{_term(walk.x[i + p, j + q], 3)}\cdot{_term(walk.delta[i, j], 3)}" for i in range(oh) for j in range(ow)]
    body = " + ".join(terms) if len(terms) <= 9 else " + ".join(terms[:4]) + r" + \cdots + " + terms[-1]
    return (
        r"\frac{\partial E}{\partial w_{p,q}} = \sum_{i,j} x_{i+p,\,j+q}\;\delta_{i,j}"
        rf"\qquad \frac{{\partial E}}{{\partial w_{{{p},{q}}}}} = {body} = {tex_number(walk.dweight[p, q])}"
    )


def conv_input_latex(walk: ConvBackward) -> str:
    """The general input-gradient formula (full convolution with the rotated kernel)."""
    kh, kw = walk.weight.shape
    return (
        r"\frac{\partial E}{\partial x_{r,c}} = \sum_{i,j} \delta_{i,j}\; w_{r-i,\,c-j}"
        rf" = \big(\mathrm{{pad}}_{{{kh - 1}}}(\delta) \star \mathrm{{rot180}}(w)\big)_{{r,c}}"
    )


def conv_bias_latex(walk: ConvBackward) -> str:
    """``∂E/∂b = Σ δ`` with the numbers."""
    terms = " + ".join(_term(d, 3) for d in walk.delta.ravel()) if walk.delta.size <= 16 else r"\cdots"
    return rf"\frac{{\partial E}}{{\partial b}} = \sum_{{i,j}} \delta_{{i,j}} = {terms} = {tex_number(walk.dbias)}"


def gradient_check_latex(check) -> str:
    """Central difference, analytic gradient and relative error of a :class:`cnnviz.lessons.backprop.GradientCheck`."""
    eps = tex_number(check.eps)
    return (
        r"\begin{aligned}"
        rf"\frac{{E(w+\varepsilon) - E(w-\varepsilon)}}{{2\varepsilon}} &= \frac{{{tex_number(check.loss_plus, 10)} - "
        rf"{tex_number(check.loss_minus, 10)}}}{{2\cdot {eps}}} = {tex_number(check.central, 8)} \\ "
        rf"\frac{{\partial E}}{{\partial w}}\Big|_{{\text{{backprop}}}} &= {tex_number(check.analytic, 8)} \\ "
        rf"\text{{rel. error}} = \frac{{|a - n|}}{{\max(|a|, |n|)}} &= {tex_number(check.rel_error, 3)}"
        r"\end{aligned}"
    )


def logits_grad_latex(step: CNNStep) -> str:
    """``∂L/∂s = softmax(s) − onehot(t)`` with the numbers of the tiny CNN."""
    probs = " & ".join(tex_number(p, 3) for p in step.probs_before)
    onehot = " & ".join("1" if k == step.target else "0" for k in range(len(step.probs_before)))
    grad = next(r for r in step.records if r.kind == "logits_grad").values[0]
    grads = " & ".join(tex_number(g, 3) for g in grad)
    return (
        rf"\begin{{aligned}}\frac{{\partial L}}{{\partial s}} &= \mathrm{{softmax}}(s) - \mathrm{{onehot}}(t) \\ "
        rf"&= \begin{{bmatrix}}{probs}\end{{bmatrix}} - \begin{{bmatrix}}{onehot}\end{{bmatrix}} = "
        rf"\begin{{bmatrix}}{grads}\end{{bmatrix}}\end{{aligned}}"
    )

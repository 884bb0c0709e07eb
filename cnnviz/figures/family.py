"""Figures of the convolution-family page: dilation, groups, separable and 1×1 budgets, 1-D signals.

- :func:`dilation_figure` — one dilated kernel's taps on the input grid (holes dotted), and the
  receptive field of a stack of dilated convolutions with the number of paths to each pixel.
- :func:`groups_figure` — which input channels each filter of a grouped convolution reads.
- :func:`cost_bars_figure` — horizontal bars of parameter or multiply-add counts.
- :func:`signal_figure` — a 1-D signal and its convolution on one time axis.
- ``*_latex`` helpers write the formulas with the numbers substituted; every number comes from
  :mod:`cnnviz.nn.shapes` (or a :mod:`cnnviz.lessons.convmath` budget built on it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.lessons.trace import ConvTrace
from cnnviz.nn import shapes

__all__ = [
    "dilation_figure", "groups_figure", "cost_bars_figure", "signal_figure", "conv1d_animation_figure",
    "dilation_latex", "receptive_field_latex", "groups_params_latex", "separable_params_latex",
    "separable_macs_latex", "bottleneck_latex", "conv1d_length_latex",
]

_NOMINAL_WIDTH = 980
GROUP_COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f"]
"""Okabe–Ito colours, one per group (repeating after eight)."""
_HOLE_FILL = "#f6f6f6"
_HOLE_INK = "#a0a0a0"
_SIGNAL = "#4d4d4d"
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _check_flags(lang, presentation, show_numbers=None):
    cm.check_grid_options(lang, show_numbers, presentation)
    return 1.25 if presentation else 1.0


def _thousands(n: int) -> str:
    return f"{int(n):,}"


def _tex_int(n: int) -> str:
    """An int for LaTeX with thousands separators: ``819{,}200``."""
    return _thousands(n).replace(",", "{,}")


def _panel_axes(layout: dict, index: int, rows: int, cols: int, x_domain, y_domain, *, ticks=False, tick_font=10):
    axes = cm.grid_axes(index, rows, cols, ticks=ticks, tick_font=tick_font)
    xname, yname = list(axes)
    axes[xname].update(domain=[max(x_domain[0], 0.0), min(x_domain[1], 1.0)], anchor=cm.axis_ids(index)[1])
    axes[yname].update(domain=[max(y_domain[0], 0.0), min(y_domain[1], 1.0)], anchor=cm.axis_ids(index)[0],
                       constraintoward="top")  # panels hang from the top even when the plot is narrower than planned
    layout.update(axes)


# ---------------------------------------------------------------------------------------------
# dilation
# ---------------------------------------------------------------------------------------------

def dilation_figure(single, stacked=None, *, dilations: Sequence[int] = (), lang="en", presentation=False,
                    show_numbers=None) -> go.Figure:
    """A dilated kernel's taps, and the receptive field of stacked dilated convolutions.

    Parameters
    ----------
    single : array_like of int, shape (span, span)
        One layer: 1 at the kernel's taps, 0 in the holes (e.g.
        ``convmath.receptive_field_counts(K, [D])``); ``span = K + (K-1)(D-1)``.
    stacked : array_like of int, shape (RF, RF), optional
        Paths from each input pixel to one output pixel through the stack
        (``convmath.receptive_field_counts(K, dilations)``); 0 = never seen. Omitted for one layer.
    dilations : sequence of int
        The stack's dilations, for the right panel's title.
    lang : {"en", "zh"}
    presentation : bool
    show_numbers : bool or None
        Path counts in the cells of the right panel; None: when it is at most 17 × 17.
    """
    scale = _check_flags(lang, presentation, show_numbers)
    single = cm.as_grid(single, "single")
    if single.shape[0] != single.shape[1] or not np.isin(single, (0, 1)).all():
        raise ValueError("single must be a square grid of 0 (holes) and 1 (kernel taps)")
    taps = np.argwhere(single > 0)
    kernel_size = int(round(np.sqrt(len(taps))))
    if kernel_size ** 2 != len(taps):
        raise ValueError(f"single has {len(taps)} taps, not a square number: pass a K×K kernel's taps")
    if stacked is not None:
        stacked = cm.as_grid(stacked, "stacked")
        if stacked.shape[0] != stacked.shape[1] or np.any(stacked < 0):
            raise ValueError("stacked must be a square grid of non-negative path counts")
        if not dilations:
            raise ValueError("dilations must list the stack's dilations when stacked is given")
    span = single.shape[0]
    rf = stacked.shape[0] if stacked is not None else 0

    title_font = cm.font_size(14, presentation)
    gap = 90
    height_cap = 430 * scale
    cell = min(44 * scale, height_cap / max(span, rf or 1))
    if stacked is not None:
        cell = min(cell, (_NOMINAL_WIDTH - gap - 40) / (span + rf))
    left_cell = max(cell, min(40 * scale, height_cap / span, 260 / span))
    widths = [span * left_cell] + ([rf * cell] if stacked is not None else [])
    heights = [span * left_cell] + ([rf * cell] if stacked is not None else [])
    plot_h = max(heights)
    top, bottom = int(3.4 * title_font + 12), 34
    layout = cm.base_layout(height=int(plot_h + top + bottom), font_size=cm.font_size(12, presentation),
                            margin={"l": 12, "r": 64 if stacked is not None else 12, "t": top, "b": bottom})
    total = sum(widths) + (gap if stacked is not None else 0)
    x0 = (_NOMINAL_WIDTH - total) / 2
    traces, shapes_, annotations = [], [], []

    # left: the taps of one dilated kernel, numbered w1 … wK², holes dotted
    x_dom = (x0 / _NOMINAL_WIDTH, (x0 + widths[0]) / _NOMINAL_WIDTH)
    _panel_axes(layout, 1, span, span, x_dom, (1 - heights[0] / plot_h, 1.0))
    traces.append(cm.hatched_cells(single == 0, axis=1, pattern="." if left_cell >= 9 else "", fill=_HOLE_FILL,
                                   ink=_HOLE_INK))
    traces.append(cm.grid_heatmap(np.where(single > 0, 1.0, np.nan), axis=1,
                                  scale={"colorscale": [[0, cm.HIGHLIGHT], [1, cm.HIGHLIGHT]], "zmin": 0, "zmax": 1},
                                  numbers=False, font_size=10, hover=t("family.hover_tap", lang)))
    floor = cm.MIN_TEXT_PX[bool(presentation)]
    labels = ["w" + str(i + 1).translate(_SUBSCRIPTS) for i in range(len(taps))]
    tap_font = int(np.clip(left_cell * 0.36, floor, cm.font_size(16, presentation)))
    if left_cell >= 22 and cm.text_px(labels[-1], tap_font) <= 0.92 * left_cell:  # readable, inside the cell
        xref, yref = cm.axis_ids(1)
        traces.append({"type": "scatter", "mode": "text", "x": taps[:, 1].tolist(), "y": taps[:, 0].tolist(),
                       "text": labels, "hoverinfo": "skip", "showlegend": False, "xaxis": xref, "yaxis": yref,
                       "textfont": {"size": tap_font, "color": "#ffffff"}})
    shapes_.append(cm.rect(1, 0, 0, span - 1, span - 1, color="#555555", width=1.2, dash="dash"))
    d_single = _single_dilation(taps)
    annotations.append(cm.domain_title(1, t("family.dilation_single_title", lang, k=kernel_size, d=d_single,
                                            span=span, n=kernel_size * kernel_size), font_size=title_font))

    if stacked is not None:
        x_start = x0 + widths[0] + gap
        x_dom = (x_start / _NOMINAL_WIDTH, (x_start + widths[1]) / _NOMINAL_WIDTH)
        _panel_axes(layout, 2, rf, rf, x_dom, (1 - heights[1] / plot_h, 1.0))
        count_font = int(np.clip(cell * 0.4, floor, cm.font_size(15, presentation)))
        fits = cm.text_px(f"{int(stacked.max())}", count_font) <= 0.92 * cell and count_font <= 0.8 * cell
        numbers = show_numbers if show_numbers is not None else rf <= 17 and fits
        # dots on tiny cells only add noise: plain light fill there
        traces.append(cm.hatched_cells(stacked == 0, axis=2, pattern="." if cell >= 9 else "", fill=_HOLE_FILL,
                                       ink=_HOLE_INK))
        high = float(stacked.max()) if stacked.size else 1.0
        traces.append(cm.grid_heatmap(np.where(stacked > 0, stacked, np.nan), axis=2,
                                      scale={"colorscale": cm.SEQUENTIAL_SCALE, "zmin": 0, "zmax": max(high, 1.0)},
                                      numbers=bool(numbers), font_size=count_font,
                                      hover=t("family.hover_paths", lang), gap=1 if cell >= 6 else 0,
                                      showscale=True))
        traces[-1]["colorbar"] = cm.colorbar(x_dom[1] + 0.012, 1 - heights[1] / plot_h / 2, heights[1] / plot_h,
                                             font_size=cm.font_size(11, presentation), title=t("family.colorbar_paths", lang),
                                             scale={"zmin": 0, "zmax": max(high, 1.0)})
        centre = rf // 2
        shapes_.append(cm.rect(2, centre, centre, centre, centre, color=cm.HIGHLIGHT, width=2.5 * scale))
        shapes_.append(cm.rect(2, 0, 0, rf - 1, rf - 1, color="#555555", width=1.2, dash="dash"))
        annotations.append(cm.domain_title(2, t("family.dilation_stack_title", lang, n=len(dilations),
                                                dilations=", ".join(str(d) for d in dilations), rf=rf),
                                           font_size=title_font))
        annotations.append({"text": "→", "xref": "paper", "yref": "paper",
                            "x": (x0 + widths[0] + gap / 2) / _NOMINAL_WIDTH, "y": 1 - heights[0] / plot_h / 2,
                            "xanchor": "center", "yanchor": "middle", "showarrow": False,
                            "font": {"size": cm.font_size(26, presentation), "color": "#555555"}})
    annotations.append({"text": t("family.dilation_note", lang), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.0,
                        "xanchor": "center", "yanchor": "top", "yshift": -8, "showarrow": False,
                        "font": {"size": cm.font_size(11, presentation), "color": "#666666"}})
    layout["shapes"] = shapes_
    layout["annotations"] = annotations
    return go.Figure({"data": traces, "layout": layout})


def _single_dilation(taps: np.ndarray) -> int:
    """Spacing between neighbouring taps of a square kernel (1 for a 1×1 kernel)."""
    cols = np.unique(taps[:, 1])
    return int(cols[1] - cols[0]) if len(cols) > 1 else 1


# ---------------------------------------------------------------------------------------------
# groups
# ---------------------------------------------------------------------------------------------

def groups_figure(connectivity, *, lang="en", presentation=False) -> go.Figure:
    """Which input channels each filter of a grouped convolution reads, as a wiring diagram.

    Input channels are a column of squares on the left, filters (output channels) a column on the
    right; a line joins a filter to every channel it reads (one K×K kernel per line), coloured by
    group.

    Parameters
    ----------
    connectivity : array_like of int, shape (Co, Ci)
        Group index where filter ``o`` reads channel ``c``, -1 elsewhere
        (:func:`cnnviz.lessons.convmath.group_connectivity`).
    lang : {"en", "zh"}
    presentation : bool
    """
    scale = _check_flags(lang, presentation)
    conn = cm.as_grid(connectivity, "connectivity")
    if np.any(conn < -1) or np.any(conn != np.round(conn)):
        raise ValueError("connectivity must hold group indices (ints >= 0) and -1 for no connection")
    co, ci = conn.shape
    if max(co, ci) > 256:
        raise ValueError(f"at most 256 channels per side can be drawn, got {ci} inputs and {co} filters")
    conn = conn.astype(np.int64)
    groups = int(conn.max()) + 1 if (conn >= 0).any() else 1
    title_font = cm.font_size(14, presentation)
    font = cm.font_size(12, presentation)
    n = max(co, ci)
    plot_h = float(np.clip(n * 22 * scale, 240 * scale, 560 * scale))
    top, bottom = int(3.0 * title_font + 14), 34
    layout = cm.base_layout(height=int(plot_h + top + bottom), font_size=font,
                            margin={"l": 12, "r": 12, "t": top, "b": bottom})
    layout.update(
        plot_bgcolor="#ffffff",
        xaxis={"range": [-0.32, 1.32], "visible": False, "fixedrange": True},
        yaxis={"range": [-0.02, 1.02], "visible": False, "fixedrange": True},
    )

    def ys(count):
        return 1.0 - (np.arange(count) + 0.5) / count

    y_in, y_out = ys(ci), ys(co)
    node_px = float(np.clip(plot_h / n * 0.72, 5, 18 * scale))
    traces = []
    for g in range(groups):
        color = GROUP_COLORS[g % len(GROUP_COLORS)]
        filters, channels = np.nonzero(conn == g)
        xs, yy = [], []
        for o, c in zip(filters.tolist(), channels.tolist()):
            xs += [0.0, 1.0, None]
            yy += [float(y_in[c]), float(y_out[o]), None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": yy, "hoverinfo": "skip",
                       "line": {"color": color, "width": 1.6 * scale if len(filters) <= 128 else 0.8},
                       "opacity": 0.55, "showlegend": False})
    in_group = np.array([conn[:, c].max() for c in range(ci)])
    out_group = np.array([conn[o].max() for o in range(co)])
    labels = n <= 32
    for xpos, y, group, count, hover, anchor in (
        (0.0, y_in, in_group, ci, t("family.hover_channel", lang), "left"),
        (1.0, y_out, out_group, co, t("family.hover_filter", lang), "right"),
    ):
        traces.append({
            "type": "scatter", "mode": "markers+text" if labels else "markers", "x": [xpos] * count,
            "y": y.tolist(), "customdata": list(range(count)), "hovertemplate": hover,
            "marker": {"symbol": "square", "size": node_px, "line": {"color": "#333333", "width": 1},
                       "color": [GROUP_COLORS[gi % len(GROUP_COLORS)] if gi >= 0 else "#cccccc" for gi in group]},
            "text": [str(i) for i in range(count)], "textposition": f"middle {anchor}",
            "textfont": {"size": cm.font_size(10, presentation), "color": "#666666"}, "showlegend": False,
        })
    annotations = [
        {"text": t("family.groups_title", lang, g=groups, co=co, ci=ci), "xref": "paper", "yref": "paper",
         "x": 0.5, "y": 1.0, "yshift": 2.0 * title_font + 6, "xanchor": "center", "yanchor": "bottom",
         "showarrow": False, "font": {"size": title_font, "color": cm.TEXT}},
        {"text": t("family.axis_in_channel", lang, n=ci), "x": 0.0, "y": 1.0, "xref": "x", "yref": "paper",
         "yshift": 10, "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": font}},
        {"text": t("family.axis_filter", lang, n=co), "x": 1.0, "y": 1.0, "xref": "x", "yref": "paper",
         "yshift": 10, "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": font}},
        {"text": t("family.groups_note", lang, per=ci // groups, k="K×K"), "xref": "paper", "yref": "paper",
         "x": 0.5, "y": 0.0, "xanchor": "center", "yanchor": "top", "yshift": -8, "showarrow": False,
         "font": {"size": cm.font_size(11, presentation), "color": "#666666"}},
    ]
    if groups <= 16:
        for g in range(groups):
            rows = np.nonzero(out_group == g)[0]
            if rows.size:
                annotations.append({
                    "text": t("family.group_label", lang, g=g + 1), "x": 0.5,
                    "y": float((y_in[in_group == g].mean() + y_out[rows].mean()) / 2), "xref": "x", "yref": "y",
                    "showarrow": False, "bgcolor": "rgba(255,255,255,0.85)",
                    "font": {"size": cm.font_size(11, presentation), "color": GROUP_COLORS[g % len(GROUP_COLORS)]},
                })
    layout["annotations"] = annotations
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# bars
# ---------------------------------------------------------------------------------------------

def cost_bars_figure(labels: Sequence[str], values: Sequence[int], *, title: str, highlight: Sequence[int] = (),
                     lang="en", presentation=False) -> go.Figure:
    """Horizontal bars of counts (parameters, multiply-adds), the exact number written on each.

    Parameters
    ----------
    labels : sequence of str
        One per bar, top to bottom.
    values : sequence of int
        Non-negative counts.
    title : str
        Already translated.
    highlight : sequence of int
        Indices of bars drawn in the accent colour (the current or recommended choice).
    lang : {"en", "zh"}
    presentation : bool
    """
    scale = _check_flags(lang, presentation)
    labels = [str(label) for label in labels]
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or len(labels) != values.size or values.size == 0:
        raise ValueError(f"labels ({len(labels)}) and values ({values.size}) must be non-empty and of equal length")
    if np.any(values < 0) or not np.all(np.isfinite(values)):
        raise ValueError("values must be finite counts >= 0")
    marked = {int(i) for i in highlight}
    if any(not 0 <= i < values.size for i in marked):
        raise ValueError(f"highlight indices must be in 0..{values.size - 1}, got {sorted(marked)}")
    bar_px = 30 * scale
    font = cm.font_size(12, presentation)
    title_font = cm.font_size(14, presentation)
    height = int(values.size * bar_px * 1.35 + 2.4 * title_font + 30)
    layout = cm.base_layout(height=height, font_size=font, margin={"l": 12, "r": 24, "t": int(2.4 * title_font + 8),
                                                                   "b": 12})
    layout.update(
        plot_bgcolor="#ffffff",
        xaxis={"showgrid": True, "gridcolor": "#ececec", "zeroline": True, "zerolinecolor": "#999999",
               "range": [0, float(values.max()) * 1.28 if values.max() > 0 else 1], "fixedrange": True,
               "tickformat": "~s", "tickfont": {"size": cm.font_size(10, presentation), "color": "#777777"}},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True, "tickfont": {"size": font}},
        bargap=0.28,
        annotations=[{"text": title, "xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0, "xanchor": "left",
                      "yanchor": "bottom", "yshift": 8, "showarrow": False, "font": {"size": title_font, "color": cm.TEXT}}],
    )
    colors = [cm.ACCENT if i in marked else "#a9a9a9" for i in range(values.size)]
    trace = {"type": "bar", "orientation": "h", "x": values.tolist(), "y": labels, "marker": {"color": colors},
             "text": [_thousands(v) for v in values], "textposition": "outside", "cliponaxis": False,
             "textfont": {"size": font, "color": cm.TEXT}, "hovertemplate": "%{y}: %{x:,}<extra></extra>"}
    return go.Figure({"data": [trace], "layout": layout})


# ---------------------------------------------------------------------------------------------
# 1-D signals
# ---------------------------------------------------------------------------------------------

def signal_figure(signal, output, *, output_start: int, mode_label: str, lang="en", presentation=False) -> go.Figure:
    """A 1-D signal and its convolution as stems on one time axis.

    Parameters
    ----------
    signal : array_like, shape (N,)
        ``x[t]`` at ``t = 0 … N-1``.
    output : array_like, shape (L,)
        ``y``; sample ``i`` is drawn at ``t = output_start + i``: the time of the last input sample
        under the kernel (for ``flip=True`` exactly the time of ``y[t] = Σ w[k] x[t-k]``).
    output_start : int
        ``K - 1 - left_padding``: 0 in "full" mode, ``K - 1`` in "valid" mode.
    mode_label : str
        Translated name of the mode, for the output's title.
    lang : {"en", "zh"}
    presentation : bool
    """
    scale = _check_flags(lang, presentation)
    x = np.asarray(signal, dtype=np.float64).ravel()
    y = np.asarray(output, dtype=np.float64).ravel()
    if x.size == 0 or y.size == 0 or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("signal and output must be non-empty arrays of finite numbers")
    if not isinstance(output_start, (int, np.integer)) or isinstance(output_start, bool):
        raise ValueError(f"output_start must be an int, got {output_start!r}")
    t_x = np.arange(x.size)
    t_y = np.arange(y.size) + int(output_start)
    lo, hi = min(0, int(t_y[0])) - 0.7, max(x.size - 1, int(t_y[-1])) + 0.7
    font = cm.font_size(12, presentation)
    title_font = cm.font_size(14, presentation)
    panel_h = 150 * scale
    gap = 70 * scale
    top = 2.2 * title_font + 6
    height = int(2 * panel_h + gap + top + 40)
    layout = cm.base_layout(height=height, font_size=font, margin={"l": 48, "r": 16, "t": int(top), "b": 40})
    plot_h = 2 * panel_h + gap
    extent = max(float(np.abs(x).max()), float(np.abs(y).max()), 1e-9)
    yr = [min(0.0, float(min(x.min(), y.min()))) * 1.3 - 0.05 * extent, max(0.0, float(max(x.max(), y.max()))) * 1.3
          + 0.05 * extent]
    axis_common = {"showgrid": True, "gridcolor": "#eeeeee", "zeroline": True, "zerolinecolor": "#888888",
                   "fixedrange": True, "tickfont": {"size": cm.font_size(10, presentation), "color": "#777777"}}
    x_common = {**axis_common, "zeroline": False}
    layout.update(
        plot_bgcolor="#ffffff",
        xaxis={**x_common, "range": [lo, hi], "dtick": 1, "anchor": "y", "showticklabels": True},
        yaxis={**axis_common, "range": yr, "domain": [1 - panel_h / plot_h, 1.0], "anchor": "x"},
        xaxis2={**x_common, "range": [lo, hi], "dtick": 1, "anchor": "y2", "matches": "x",
                "title": {"text": "t", "font": {"size": font}, "standoff": 2}},
        yaxis2={**axis_common, "range": yr, "domain": [0.0, panel_h / plot_h], "anchor": "x2"},
    )

    def stems(ts, vs, color, axis):
        xref, yref = cm.axis_ids(axis)
        return {"type": "bar", "x": ts.tolist(), "y": vs.tolist(), "width": 0.32, "marker": {"color": color},
                "text": [cm.fmt(v) for v in vs], "textposition": "outside", "cliponaxis": False,
                "textfont": {"size": cm.font_size(11, presentation), "color": cm.TEXT}, "xaxis": xref, "yaxis": yref,
                "hovertemplate": "t = %{x}: %{y:.4~g}<extra></extra>"}

    layout["annotations"] = [
        cm.domain_title(1, t("family.signal_title", lang, n=x.size), font_size=title_font),
        cm.domain_title(2, t("family.output_title", lang, mode=mode_label, n=y.size), font_size=title_font),
    ]
    return go.Figure({"data": [stems(t_x, x, _SIGNAL, 1), stems(t_y, y, cm.ACCENT, 2)], "layout": layout})


def conv1d_animation_figure(trace, *, lang="en", presentation=False, frame_ms=700) -> go.Figure:
    """Animate a 1-D convolution: the (flipped) kernel sliding along the padded signal.

    Four aligned strips, one cell per sample: the padded signal with the window outlined, the
    kernel as applied under the window, the products, and the output filled in sample by sample.
    Output sample ``i`` sits under the newest input sample of its window (as in
    :func:`signal_figure`). Play / Pause and a scrub slider run in the browser.

    Parameters
    ----------
    trace : ConvTrace
        From ``cnnviz.lessons.trace.trace_conv2d(x[None, :], w[None, :], padding=(0, 0, left, right),
        flip_kernel=flip)``: one channel, one row, stride and dilation 1.
    lang : {"en", "zh"}
    presentation : bool
    frame_ms : float
        Milliseconds per frame at 1× speed (20–10000).

    Returns
    -------
    go.Figure
        One frame per output sample, named "0", "1", …; the figure itself shows sample 0.
    """
    scale = _check_flags(lang, presentation)
    if not isinstance(trace, ConvTrace):
        raise ValueError(f"trace must be a ConvTrace from cnnviz.lessons.trace.trace_conv2d, got {type(trace).__name__}")
    if trace.padded.shape[:2] != (1, 1) or trace.stride != (1, 1) or trace.dilation != (1, 1):
        raise ValueError(
            f"trace must be of a 1-D signal (one channel, one row) with stride and dilation 1, got padded shape "
            f"{trace.padded.shape}, stride {trace.stride}, dilation {trace.dilation}"
        )
    if isinstance(frame_ms, bool) or not isinstance(frame_ms, (int, float, np.integer, np.floating)) or not (
            20 <= frame_ms <= 10_000):
        raise ValueError(f"frame_ms must be a number of milliseconds between 20 and 10000, got {frame_ms!r}")
    padded = trace.padded[0, 0]
    pad_mask = trace.pad_mask[0]
    kernel = trace.kernel[0, 0]
    output = trace.output[0]
    length, n_out = padded.size, output.size
    rows_y = [0.0, 1.35, 2.7, 4.05]  # input, kernel, products, output
    cell = float(np.clip(min(46 * scale, 820 / length), 14, 46 * scale))
    font = int(np.clip(round(cell * 0.36), cm.MIN_TEXT_PX[bool(presentation)], cm.font_size(15, presentation)))
    label_px = 150 if lang == "en" else 120
    eq_font = cm.font_size(15, presentation)
    controls_px = 118
    top = 16
    bottom = int(eq_font * 2.4 + controls_px + 12)
    plot_h = (rows_y[-1] + 1) * cell
    layout = cm.base_layout(height=int(plot_h + top + bottom), font_size=cm.font_size(12, presentation),
                            margin={"l": 12, "r": 12, "t": top, "b": bottom})
    width = length * cell
    x0 = label_px / (label_px + width + 20)
    layout.update(
        xaxis={"domain": [x0, 1.0], "range": [-0.5, length - 0.5], "visible": False, "fixedrange": True,
               "constrain": "domain", "constraintoward": "left"},
        yaxis={"range": [rows_y[-1] + 0.5, -0.5], "visible": False, "fixedrange": True, "scaleanchor": "x",
               "scaleratio": 1, "constrain": "domain", "constraintoward": "top"},
    )
    out_cols = np.array([step.taps[-1][1] for step in trace.steps])  # newest sample under each window

    def strip(values, xs, y, scale_kw, name):
        return {"type": "heatmap", "z": [cm.to_list(cm.compact(values))], "x": list(map(int, xs)), "y": [y],
                "xgap": 2, "ygap": 2, "showscale": False, "texttemplate": cm.TEXT_TEMPLATE,
                "textfont": {"size": font}, "hoverongaps": False, "name": name,
                "hovertemplate": f"{name} %{{x}}: %{{z:.4~g}}<extra></extra>", **scale_kw}

    first = trace.steps[0]
    first_cols = first.taps[:, 1]
    signed = cm.diverging_scale(np.concatenate([kernel, trace.products.ravel()]))
    traces = [
        strip(np.where(pad_mask, np.nan, padded), range(length), rows_y[0], cm.value_scale(trace.x), "x"),
        cm.hatched_cells(pad_mask[None, :], axis=1),
        strip(kernel, first_cols, rows_y[1], signed, "w"),
        strip(first.products[0, 0], first_cols, rows_y[2], signed, "w·x"),
        strip(_revealed(output, 0), out_cols, rows_y[3], cm.value_scale(output, sequential=cm.SEQUENTIAL_SCALE), "y"),
        strip(_pending(n_out, 0), out_cols, rows_y[3], {"colorscale": [[0, cm.PENDING_FILL], [1, cm.PENDING_FILL]],
                                                        "zmin": 0, "zmax": 1}, ""),
    ]
    traces[-1].pop("texttemplate")
    traces[-1]["hoverinfo"] = "skip"
    if pad_mask.any():
        xref, yref = cm.axis_ids(1)
        cols = np.flatnonzero(pad_mask)
        traces.append({"type": "scatter", "mode": "text", "x": cols.tolist(), "y": [rows_y[0]] * cols.size,
                       "text": ["0"] * cols.size, "textfont": {"size": font, "color": "#6b6b6b"},
                       "hoverinfo": "skip", "showlegend": False, "xaxis": xref, "yaxis": yref})
    kernel_label = t("family.row_kernel_flipped" if trace.flipped else "family.row_kernel", lang)
    annotations = [
        {"text": label, "xref": "paper", "yref": "y", "x": x0, "y": y, "xanchor": "right", "yanchor": "middle",
         "xshift": -10, "showarrow": False, "font": {"size": cm.font_size(12, presentation), "color": cm.TEXT}}
        for label, y in zip((t("family.row_input", lang), kernel_label, t("family.row_products", lang),
                             t("family.row_output", lang)), rows_y)
    ]
    equation = {"text": _conv1d_equation(first, 0, kernel), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.0,
                "xanchor": "center", "yanchor": "top", "yshift": -10, "showarrow": False,
                "font": {"size": eq_font, "color": cm.TEXT}}

    def window_shapes(step, index):
        c0, c1 = int(step.taps[0][1]), int(step.taps[-1][1])
        oc = int(out_cols[index])
        return [
            {"type": "rect", "xref": "x", "yref": "y", "x0": c0 - 0.5, "x1": c1 + 0.5, "y0": rows_y[0] - 0.5,
             "y1": rows_y[2] + 0.5, "line": {"width": 0}, "fillcolor": cm.HIGHLIGHT_SOFT, "layer": "below"},
            {"type": "rect", "xref": "x", "yref": "y", "x0": c0 - 0.5, "x1": c1 + 0.5, "y0": rows_y[0] - 0.5,
             "y1": rows_y[0] + 0.5, "line": {"color": cm.HIGHLIGHT, "width": 3 * scale}, "fillcolor": "rgba(0,0,0,0)"},
            {"type": "rect", "xref": "x", "yref": "y", "x0": oc - 0.5, "x1": oc + 0.5, "y0": rows_y[3] - 0.5,
             "y1": rows_y[3] + 0.5, "line": {"color": cm.HIGHLIGHT, "width": 3 * scale}, "fillcolor": "rgba(0,0,0,0)"},
        ]

    frames = []
    for i, step in enumerate(trace.steps):
        cols = step.taps[:, 1].tolist()
        frames.append({
            "name": str(i),
            "data": [{"type": "heatmap", "x": cols}, {"type": "heatmap", "x": cols,
                                                      "z": [cm.to_list(cm.compact(step.products[0, 0]))]},
                     {"type": "heatmap", "z": [cm.to_list(_revealed(output, i))]},
                     {"type": "heatmap", "z": [cm.to_list(_pending(n_out, i))]}],
            "traces": [2, 3, 4, 5],
            "layout": {"shapes": window_shapes(step, i), "annotations": annotations + [
                {**equation, "text": _conv1d_equation(step, i, kernel)}]},
        })
    layout["shapes"] = window_shapes(first, 0)
    layout["annotations"] = annotations + [equation]
    layout["updatemenus"], layout["sliders"] = _play_controls(
        n_out, [f"y[{i}]" for i in range(n_out)], frame_ms, lang, scale, bottom - controls_px)
    return go.Figure({"data": traces, "layout": layout, "frames": frames})


def _revealed(output: np.ndarray, upto: int) -> np.ndarray:
    """``output`` with the samples after ``upto`` hidden (NaN)."""
    shown = np.full(output.shape, np.nan)
    shown[:upto + 1] = output[:upto + 1]
    return shown


def _pending(n: int, upto: int) -> np.ndarray:
    """Grey cover (0) on the samples after ``upto``, NaN elsewhere."""
    cover = np.full(n, np.nan)
    cover[upto + 1:] = 0.0
    return cover


def _conv1d_equation(step, index: int, kernel: np.ndarray) -> str:
    patch = step.patch[0, 0]
    if kernel.size <= 9:
        terms = " + ".join(f"{_paren(w)}·{_paren(x)}" for w, x in zip(kernel, patch))
        return f"y[{index}] = {terms} = <b>{cm.fmt(step.value, 4)}</b>"
    return f"y[{index}] = Σ w·x = <b>{cm.fmt(step.value, 4)}</b>"


def _paren(value: float) -> str:
    text = cm.fmt(value, 4)
    return f"({text})" if value < 0 else text


def _play_controls(n_frames: int, labels: list[str], frame_ms: float, lang: str, scale: float, top_px: int):
    """Play / Pause buttons, a speed menu and a scrub slider (one step per frame) under the plot."""
    def play(ms):
        return [None, {"frame": {"duration": ms, "redraw": True}, "fromcurrent": True,
                       "transition": {"duration": 0}, "mode": "immediate"}]

    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    font = {"size": cm.font_size(12, scale > 1)}
    speed = t("figures.speed", lang)
    menus = [
        {"type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0.0, "xanchor": "left",
         "yanchor": "top", "pad": {"t": top_px, "r": 4}, "font": font, "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
         "buttons": [{"label": t("figures.play", lang), "method": "animate", "args": play(frame_ms)},
                     {"label": t("figures.pause", lang), "method": "animate", "args": pause}]},
        {"type": "dropdown", "direction": "up", "showactive": True, "active": 1, "x": 0.0, "y": 0.0,
         "xanchor": "left", "yanchor": "top", "pad": {"t": top_px, "l": cm.font_size(190, scale > 1)}, "font": font,
         "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
         "buttons": [{"label": f"{speed} {f:g}×", "method": "animate", "args": play(frame_ms / f)}
                     for f in (0.5, 1, 2, 4)]},
    ]
    hide = n_frames > 16
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    slider = {
        "active": 0, "x": 0.0, "len": 1.0, "y": 0.0, "xanchor": "left", "yanchor": "top",
        "pad": {"t": top_px + 44, "b": 0}, "ticklen": 0 if hide else 4, "minorticklen": 0,
        "currentvalue": {"prefix": t("family.step_prefix", lang),
                         "font": {"size": cm.font_size(12, scale > 1), "color": cm.TEXT},
                         "xanchor": "left", "offset": 6},
        "font": {"size": cm.font_size(10, scale > 1), "color": "rgba(0,0,0,0)" if hide else "#555555"},
        "transition": {"duration": 0}, "bgcolor": "#eeeeee", "activebgcolor": cm.HIGHLIGHT, "bordercolor": "#bbbbbb",
        "steps": [{"method": "animate", "label": label, "args": [[str(i)], step_args]} for i, label in enumerate(labels)],
    }
    return menus, [slider]


# ---------------------------------------------------------------------------------------------
# formulas
# ---------------------------------------------------------------------------------------------

def dilation_latex(kernel_size: int, dilation: int) -> str:
    """``K_eff = K + (K−1)(D−1)`` with numbers, e.g. ``3 + (3−1)(2−1) = 5`` (:func:`shapes.effective_kernel_size`)."""
    span = shapes.effective_kernel_size(kernel_size, dilation)
    k, d = kernel_size, dilation
    return (rf"K_\text{{eff}} = K + (K-1)(D-1) = {k} + ({k}-1)({d}-1) = \mathbf{{{span}}}"
            rf"\qquad ({span}\times{span})")


def receptive_field_latex(kernel_size: int, dilations: Sequence[int]) -> str:
    """``RF = 1 + (K−1)·ΣD_l`` for stride-1 layers, e.g. ``1 + (3−1)(1+2+4) = 15`` (:func:`shapes.receptive_field`)."""
    rows = shapes.receptive_field([(kernel_size, 1, 0, d) for d in dilations])
    rf = rows[-1].rf
    total = "+".join(str(d) for d in dilations)
    return rf"\text{{RF}} = 1 + (K-1)\textstyle\sum_l D_l = 1 + ({kernel_size}-1)({total}) = \mathbf{{{rf}}}"


def groups_params_latex(in_channels: int, out_channels: int, kernel_size: int, groups: int, bias: bool = True) -> str:
    r"""``C_o × (C_i/g) × K × K + C_o`` with numbers (:func:`shapes.conv_params`)."""
    n = shapes.conv_params(in_channels, out_channels, kernel_size, groups, bias)
    b_sym, b_num = (r" + C_o", rf" + {out_channels}") if bias else ("", "")
    return (rf"C_o \times \frac{{C_i}}{{g}} \times K \times K{b_sym} = {out_channels} \times \frac{{{in_channels}}}"
            rf"{{{groups}}} \times {kernel_size} \times {kernel_size}{b_num} = \mathbf{{{_tex_int(n)}}}")


def separable_params_latex(cost, lang: str = "en") -> str:
    """Parameters of a standard conv vs. depthwise + pointwise, from a :class:`convmath.SeparableCost`."""
    cm.check_lang(lang)
    ci, co, k = cost.in_channels, cost.out_channels, cost.kernel_size
    b_co, b_ci = (f" + {co}", f" + {ci}") if cost.bias else ("", "")
    s_co, s_ci = (" + C_o", " + C_i") if cost.bias else ("", "")
    label = {name: t(f"family.tex_{name}", lang) for name in ("standard", "depthwise", "pointwise", "separable")}
    return (
        r"\begin{aligned}"
        rf"\text{{{label['standard']}}}: &\; C_o C_i K^2{s_co} = {co}\cdot{ci}\cdot{k}^2{b_co}"
        rf" = {_tex_int(cost.standard_params)} \\"
        rf"\text{{{label['depthwise']}}}: &\; C_i K^2{s_ci} = {ci}\cdot{k}^2{b_ci}"
        rf" = {_tex_int(cost.depthwise_params)} \\"
        rf"\text{{{label['pointwise']}}}: &\; C_o C_i{s_co} = {co}\cdot{ci}{b_co}"
        rf" = {_tex_int(cost.pointwise_params)} \\"
        rf"\text{{{label['separable']}}}: &\; {_tex_int(cost.depthwise_params)} + {_tex_int(cost.pointwise_params)}"
        rf" = \mathbf{{{_tex_int(cost.separable_params)}}}"
        r"\end{aligned}"
    )


def separable_macs_latex(cost, lang: str = "en") -> str:
    """Multiply-adds of both versions (output ``H×H``) and their ratio ``1/C_o + 1/K²``."""
    cm.check_lang(lang)
    ci, co, k, h = cost.in_channels, cost.out_channels, cost.kernel_size, cost.output_size
    label = {name: t(f"family.tex_{name}", lang) for name in ("standard", "separable", "ratio")}
    return (
        r"\begin{aligned}"
        rf"\text{{{label['standard']}}}: &\; H^2 C_o C_i K^2 = {h}^2\cdot{co}\cdot{ci}\cdot{k}^2"
        rf" = {_tex_int(cost.standard_macs)} \\"
        rf"\text{{{label['separable']}}}: &\; H^2 C_i K^2 + H^2 C_o C_i = {_tex_int(cost.depthwise_macs)} + "
        rf"{_tex_int(cost.pointwise_macs)} = {_tex_int(cost.separable_macs)} \\"
        rf"\text{{{label['ratio']}}}: &\; \tfrac{{1}}{{C_o}} + \tfrac{{1}}{{K^2}} = \tfrac{{1}}{{{co}}} + "
        rf"\tfrac{{1}}{{{k * k}}} = \mathbf{{{cost.macs_ratio:.4f}}}"
        r"\end{aligned}"
    )


def bottleneck_latex(cost, lang: str = "en") -> str:
    """Weights of a direct ``K×K`` conv vs. a 1×1 reduction first, from a :class:`convmath.BottleneckCost`."""
    cm.check_lang(lang)
    ci, co, k, w = cost.in_channels, cost.out_channels, cost.kernel_size, cost.width
    return (
        r"\begin{aligned}"
        rf"\text{{{t('family.tex_direct', lang)}}}: &\; {ci}\times{k}\times{k}\times{co}"
        rf" = \mathbf{{{_tex_int(cost.direct)}}} \\"
        rf"\text{{{t('family.tex_reduced', lang)}}}: &\; {ci}\times1\times1\times{w} + {w}\times{k}\times{k}\times{co}"
        rf" = {_tex_int(cost.reduce)} + {_tex_int(cost.expand)} = \mathbf{{{_tex_int(cost.with_bottleneck)}}}"
        r"\end{aligned}"
    )


def conv1d_length_latex(length: int, kernel_size: int, mode: str) -> str:
    """Output length of a 1-D convolution in ``mode`` with numbers (:func:`shapes.conv_output_size`).

    valid ``N − K + 1``, same ``N``, full ``N + K − 1``.
    """
    out = shapes.conv_output_size(length, kernel_size, 1, mode)
    n, k = length, kernel_size
    if mode == "valid":
        return rf"L_\text{{valid}} = N - K + 1 = {n} - {k} + 1 = \mathbf{{{out}}}"
    if mode == "same":
        return rf"L_\text{{same}} = N = \mathbf{{{out}}}"
    return rf"L_\text{{full}} = N + K - 1 = {n} + {k} - 1 = \mathbf{{{out}}}"

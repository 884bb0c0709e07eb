"""Figures of the Activations page: curves and derivatives, an activated feature map, the
saturation histograms, softmax bars and maxout's pieces.

Builders take arrays computed by :mod:`cnnviz.lessons.activations` / :mod:`cnnviz.nn.functional` and only
draw them (histogram counts are binned here, so the figure JSON stays small for large inputs).
Lines differ in colour (Okabe–Ito, colour-blind safe) *and* dash, so they also read in greyscale.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t

__all__ = [
    "LINE_STYLES", "curves_figure", "feature_map_figure", "saturation_figure", "softmax_figure", "maxout_figure",
    "activation_latex", "line_latex", "softmax_latex", "maxout_latex", "decimals",
]

LINE_STYLES = {
    "relu": ("#0072b2", "solid"),
    "leaky_relu": ("#56b4e9", "dash"),
    "sigmoid": ("#d55e00", "longdash"),
    "tanh": ("#009e73", "dashdot"),
    "gelu": ("#cc79a7", "dot"),
}
"""Colour and dash of each activation's curve."""

_PIECE_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999")
_PIECE_DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot", "dash", "dot", "dashdot")


def _check(lang, presentation) -> float:
    cm.check_lang(lang)
    cm.check_flag(presentation)
    return cm.scale(presentation)


def _vector(values, name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a 1-D array of numbers") from error
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {array.shape}")
    return array


def _layout(scale: float, height: int, margin: dict | None = None) -> dict:
    layout = cm.base_layout(width=None, height=int(height * (1.12 if scale > 1 else 1.0)),
                            font_size=cm.font_size(13, scale > 1),
                            margin=margin or {"l": 56, "r": 20, "t": 48, "b": 52})
    layout.pop("width")
    layout["plot_bgcolor"] = "#ffffff"
    return layout


def _axis(title: str, scale: float, domain=None, **extra) -> dict:
    axis = {"title": {"text": title, "font": {"size": cm.font_size(13, scale > 1)}}, "showgrid": True,
            "gridcolor": "#e6e6e6", "zeroline": True, "zerolinecolor": "#9a9a9a", "zerolinewidth": 1.2,
            "linecolor": "#9a9a9a", "showline": True, "tickfont": {"size": cm.font_size(12, scale > 1)}, "fixedrange": True}
    if domain is not None:
        axis["domain"] = list(domain)
    axis.update(extra)
    return axis


def _title(text: str, x: float, scale: float) -> dict:
    return {"text": text, "xref": "paper", "yref": "paper", "x": x, "y": 1.0, "xanchor": "center",
            "yanchor": "bottom", "yshift": 10, "showarrow": False,
            "font": {"size": cm.font_size(14, scale > 1), "color": cm.TEXT}}


# ---------------------------------------------------------------------------------------------
# curves
# ---------------------------------------------------------------------------------------------

def curves_figure(x, curves: dict, *, probe: float | None = None, lang="en", presentation=False) -> go.Figure:
    """Each activation ``f(x)`` (left) and its derivative ``f'(x)`` (right).

    Parameters
    ----------
    x : array_like, shape (N,)
        Sample points, increasing.
    curves : dict
        ``name -> (label, f, df)`` with ``f`` and ``df`` arrays of shape (N,); ``name`` picks the
        line style (:data:`LINE_STYLES`).
    probe : float, optional
        Draw a vertical guide at this x and mark every curve there.
    lang : {"en", "zh"}
    presentation : bool
    """
    scale = _check(lang, presentation)
    x = _vector(x, "x")
    if not curves:
        raise ValueError("curves must hold at least one activation")
    traces = []
    width = 3.0 * scale
    for name, (label, f, df) in curves.items():
        f, df = _vector(f, f"{name} f"), _vector(df, f"{name} df")
        if f.shape != x.shape or df.shape != x.shape:
            raise ValueError(f"{name}: f and df must have the shape of x {x.shape}, got {f.shape} and {df.shape}")
        color, dash = LINE_STYLES.get(name, ("#333333", "solid"))
        line = {"color": color, "dash": dash, "width": width}
        traces.append({"type": "scatter", "x": x.tolist(), "y": cm.compact(f).tolist(), "mode": "lines", "name": label,
                       "line": line, "legendgroup": name, "xaxis": "x", "yaxis": "y",
                       "hovertemplate": f"{label}: f(%{{x:.2f}}) = %{{y:.4f}}<extra></extra>"})
        traces.append({"type": "scatter", "x": x.tolist(), "y": cm.compact(df).tolist(), "mode": "lines", "name": label,
                       "line": line, "legendgroup": name, "showlegend": False, "xaxis": "x2", "yaxis": "y2",
                       "hovertemplate": f"{label}: f′(%{{x:.2f}}) = %{{y:.4f}}<extra></extra>"})
        if probe is not None:
            fy = float(np.interp(probe, x, f))
            dy = float(np.interp(probe, x, df))
            for axis, value in (("", fy), ("2", dy)):
                traces.append({"type": "scatter", "x": [probe], "y": [value], "mode": "markers", "showlegend": False,
                               "marker": {"color": color, "size": 10 * scale, "line": {"color": "#ffffff", "width": 1.5}},
                               "xaxis": "x" + axis, "yaxis": "y" + axis, "hoverinfo": "skip"})
    layout = _layout(scale, 430, {"l": 56, "r": 20, "t": 48, "b": 92})
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.2, "yanchor": "top",
                        "font": {"size": cm.font_size(13, presentation)}}
    layout["xaxis"] = _axis("x", scale, (0.0, 0.47))
    layout["yaxis"] = _axis("f(x)", scale)
    layout["xaxis2"] = _axis("x", scale, (0.56, 1.0), anchor="y2")
    layout["yaxis2"] = _axis("f′(x)", scale, anchor="x2")
    layout["annotations"] = [_title(t("activations.fig.functions", lang), 0.235, scale),
                             _title(t("activations.fig.derivatives", lang), 0.78, scale)]
    if probe is not None:
        layout["shapes"] = [
            {"type": "line", "xref": ref, "yref": f"{yref} domain", "x0": probe, "x1": probe, "y0": 0, "y1": 1,
             "line": {"color": "#777777", "width": 1.2, "dash": "dot"}}
            for ref, yref in (("x", "y"), ("x2", "y2"))
        ]
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# a feature map through an activation
# ---------------------------------------------------------------------------------------------

def feature_map_figure(image, pre, post, grad, *, titles: dict | None = None, lang="en",
                       presentation=False) -> go.Figure:
    """Image → signed feature map (pre-activation) → activated map → local derivative ``f'(u)``.

    Parameters
    ----------
    image : array_like, shape (H, W), values in [0, 1]
    pre, post, grad : array_like, shape (H', W')
        The feature map ``u``, ``f(u)`` and ``f'(u)``.
    titles : dict, optional
        Override subplot titles: keys "image", "pre", "post", "grad".
    """
    scale = _check(lang, presentation)
    image = cm.as_grid(image, "image")
    pre, post, grad = (cm.as_grid(a, n) for a, n in ((pre, "pre"), (post, "post"), (grad, "grad")))
    if not (pre.shape == post.shape == grad.shape):
        raise ValueError(f"pre {pre.shape}, post {post.shape} and grad {grad.shape} must have the same shape")
    titles = {"image": t("activations.fig.image", lang), "pre": t("activations.fig.pre", lang),
              "post": t("activations.fig.post", lang), "grad": t("activations.fig.grad", lang), **(titles or {})}
    panels = [
        (image, {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": 1.0}, titles["image"]),
        (pre, cm.diverging_scale(pre), titles["pre"]),
        (post, cm.value_scale(post, sequential=cm.SEQUENTIAL_SCALE), titles["post"]),
        (grad, {"colorscale": cm.SEQUENTIAL_SCALE, "zmin": 0.0, "zmax": max(float(np.max(grad)), 1e-12)},
         titles["grad"]),
    ]
    gap = 0.03
    width = (1.0 - gap * 3) / 4
    traces, annotations = [], []
    layout = _layout(scale, 370, {"l": 8, "r": 8, "t": 44, "b": 66})
    for index, (z, colours, title) in enumerate(panels, start=1):
        x0 = (index - 1) * (width + gap)
        xref, yref = cm.axis_ids(index)
        axes = cm.grid_axes(index, z.shape[0], z.shape[1])
        xname, yname = list(axes)
        axes[xname]["domain"] = [x0, x0 + width]
        axes[yname]["domain"] = [0.0, 1.0]
        axes[xname]["anchor"], axes[yname]["anchor"] = yref, xref
        layout.update(axes)
        traces.append({
            # a numpy array (not nested lists): Plotly ships it as a compact typed array, quickly
            "type": "heatmap", "z": cm.compact(z, 4).astype(np.float32), "xaxis": xref, "yaxis": yref, **colours,
            "hovertemplate": "(%{y}, %{x}) = %{z:.3~g}<extra></extra>", "showscale": True,
            "colorbar": {"orientation": "h", "x": x0 + width / 2, "xanchor": "center", "y": -0.02, "yanchor": "top",
                         "len": width * 0.9, "thickness": 10 * scale, "tickfont": {"size": cm.font_size(11, presentation)},
                         "outlinewidth": 0, "nticks": 5},
        })
        annotations.append(cm.domain_title(index, title, font_size=cm.font_size(14, presentation)))
    layout["annotations"] = annotations
    layout["plot_bgcolor"] = "#ffffff"
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# saturation
# ---------------------------------------------------------------------------------------------

def saturation_figure(u, grad, curve_x, curve_df, *, peak: float, tolerance: float, lang="en",
                      presentation=False, bins: int = 60) -> go.Figure:
    """Histogram of pre-activations with ``f'`` drawn over it (left); histogram of ``f'(u)`` (right).

    The flat region (``f' < tolerance · peak``) is shaded on the left; on the right the bars left of
    the dashed line are the units whose gradient has all but vanished.

    Parameters
    ----------
    u, grad : array_like, same shape
        Pre-activations and ``f'(u)``.
    curve_x, curve_df : array_like, shape (M,)
        ``f'`` sampled over the range of the left histogram (increasing ``curve_x``).
    peak : float
        Largest possible ``f'``.
    tolerance : float
        Fraction of ``peak`` below which a unit counts as flat.
    bins : int
    """
    scale = _check(lang, presentation)
    u = np.asarray(u, dtype=np.float64).ravel()
    grad = np.asarray(grad, dtype=np.float64).ravel()
    if u.size == 0 or u.shape != grad.shape:
        raise ValueError(f"u and grad must be non-empty and the same size, got {u.size} and {grad.size}")
    curve_x, curve_df = _vector(curve_x, "curve_x"), _vector(curve_df, "curve_df")
    if curve_x.shape != curve_df.shape:
        raise ValueError("curve_x and curve_df must have the same shape")
    if not (peak > 0 and 0 < tolerance < 1):
        raise ValueError(f"peak must be > 0 and tolerance in (0, 1), got {peak} and {tolerance}")
    lo, hi = float(curve_x[0]), float(curve_x[-1])
    counts, edges = np.histogram(np.clip(u, lo, hi), bins=bins, range=(lo, hi))
    share = 100.0 * counts / u.size
    centres = (edges[:-1] + edges[1:]) / 2
    g_counts, g_edges = np.histogram(np.clip(grad, 0.0, peak), bins=40, range=(0.0, peak * 1.0000001))
    g_share = 100.0 * g_counts / grad.size
    g_centres = (g_edges[:-1] + g_edges[1:]) / 2
    flat_line = tolerance * peak
    traces = [
        {"type": "bar", "x": cm.compact(centres).tolist(), "y": cm.compact(share).tolist(),
         "width": float(edges[1] - edges[0]), "marker": {"color": "#9db8d9", "line": {"width": 0}},
         "name": t("activations.fig.u_hist", lang), "xaxis": "x", "yaxis": "y",
         "hovertemplate": "u ≈ %{x:.3g}: %{y:.2f}%<extra></extra>"},
        {"type": "scatter", "x": cm.compact(curve_x).tolist(), "y": cm.compact(curve_df).tolist(), "mode": "lines",
         "line": {"color": cm.HIGHLIGHT, "width": 3 * scale}, "name": "f′(u)", "xaxis": "x", "yaxis": "y3",
         "hovertemplate": "f′(%{x:.3g}) = %{y:.4f}<extra></extra>"},
        {"type": "bar", "x": cm.compact(g_centres).tolist(), "y": cm.compact(g_share).tolist(),
         "width": float(g_edges[1] - g_edges[0]),
         "marker": {"color": ["#d9a58c" if c < flat_line else "#5f8fc4" for c in g_centres], "line": {"width": 0}},
         "name": t("activations.fig.grad_hist", lang), "xaxis": "x2", "yaxis": "y2",
         "hovertemplate": "f′ ≈ %{x:.3g}: %{y:.2f}%<extra></extra>"},
    ]
    # shade the flat region on the left: runs of curve_x where f' < tolerance * peak
    flat = curve_df < flat_line
    shapes = []
    edges_idx = np.flatnonzero(np.diff(np.concatenate([[0], flat.astype(int), [0]])))
    for start, stop in zip(edges_idx[::2], edges_idx[1::2]):
        shapes.append({"type": "rect", "xref": "x", "yref": "y domain", "x0": float(curve_x[start]),
                       "x1": float(curve_x[stop - 1]), "y0": 0, "y1": 1, "fillcolor": "rgba(120,120,120,0.16)",
                       "line": {"width": 0}, "layer": "below"})
    shapes.append({"type": "line", "xref": "x2", "yref": "y2 domain", "x0": flat_line, "x1": flat_line, "y0": 0,
                   "y1": 1, "line": {"color": "#444444", "width": 1.5, "dash": "dash"}})
    layout = _layout(scale, 400, {"l": 56, "r": 20, "t": 52, "b": 60})
    layout["bargap"] = 0
    layout["xaxis"] = _axis(t("activations.fig.u_axis", lang), scale, (0.0, 0.40))
    layout["yaxis"] = _axis(t("activations.fig.share", lang), scale, rangemode="tozero")
    layout["yaxis3"] = _axis("f′(u)", scale, overlaying="y", side="right", showgrid=False, range=[0, peak * 1.08],
                             zeroline=False, tickfont={"size": cm.font_size(12, presentation), "color": cm.HIGHLIGHT},
                             tickvals=[0.0, peak / 2, peak], tickformat=".3~g")
    layout["yaxis3"]["title"]["standoff"] = 4
    layout["yaxis3"]["title"]["font"]["color"] = cm.HIGHLIGHT
    layout["xaxis2"] = _axis(t("activations.fig.grad_axis", lang), scale, (0.62, 1.0), anchor="y2",
                             range=[0, peak * 1.02])
    layout["yaxis2"] = _axis(t("activations.fig.share", lang), scale, anchor="x2", rangemode="tozero")
    layout["shapes"] = shapes
    layout["annotations"] = [
        _title(t("activations.fig.u_title", lang), 0.20, scale),
        _title(t("activations.fig.grad_title", lang), 0.81, scale),
        {"text": t("activations.fig.flat_label", lang), "xref": "x2", "yref": "y2 domain", "x": flat_line, "y": 1.0,
         "xanchor": "left", "yanchor": "top", "xshift": 4, "showarrow": False,
         "font": {"size": cm.font_size(11.5, presentation), "color": "#444444"}},
    ]
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# softmax
# ---------------------------------------------------------------------------------------------

def softmax_figure(logits, probs, *, labels=None, lang="en", presentation=False) -> go.Figure:
    """Logits (left) and their softmax probabilities (right), each bar labelled with its value.

    Parameters
    ----------
    logits, probs : array_like, shape (C,)
    labels : list of str, optional
        Class names; default "z1", "z2", …
    """
    scale = _check(lang, presentation)
    logits, probs = _vector(logits, "logits"), _vector(probs, "probs")
    if logits.shape != probs.shape:
        raise ValueError(f"logits {logits.shape} and probs {probs.shape} must have the same shape")
    labels = list(labels) if labels is not None else [f"{i + 1}" for i in range(logits.size)]
    if len(labels) != logits.size:
        raise ValueError(f"labels must name each of the {logits.size} classes")
    extent = max(float(np.max(np.abs(logits))), 1e-9)
    logit_colours = ["#a64b00" if v >= 0 else "#1d4f91" for v in logits]
    text_font = {"size": cm.font_size(14, presentation)}
    traces = [
        {"type": "bar", "x": labels, "y": logits.tolist(), "marker": {"color": logit_colours},
         "text": [cm.fmt(v, 4) for v in logits], "textposition": "outside", "textfont": text_font,
         "cliponaxis": False, "xaxis": "x", "yaxis": "y", "hovertemplate": "z%{x} = %{y:.4g}<extra></extra>"},
        {"type": "bar", "x": labels, "y": probs.tolist(), "marker": {"color": "#0072b2"},
         "text": [f"{p:.3f}" for p in probs], "textposition": "outside", "textfont": text_font,
         "cliponaxis": False, "xaxis": "x2", "yaxis": "y2", "hovertemplate": "p%{x} = %{y:.4f}<extra></extra>"},
    ]
    layout = _layout(scale, 360, {"l": 56, "r": 20, "t": 56, "b": 48})
    layout["xaxis"] = _axis(t("activations.fig.class", lang), scale, (0.0, 0.44), type="category")
    layout["yaxis"] = _axis(t("activations.fig.logit", lang), scale, range=[-extent * 1.3, extent * 1.3])
    layout["xaxis2"] = _axis(t("activations.fig.class", lang), scale, (0.56, 1.0), anchor="y2", type="category")
    layout["yaxis2"] = _axis(t("activations.fig.prob", lang), scale, anchor="x2", range=[0, 1.15])
    layout["annotations"] = [_title(t("activations.fig.logits_title", lang), 0.22, scale),
                             _title(t("activations.fig.probs_title", lang), 0.78, scale)]
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# maxout
# ---------------------------------------------------------------------------------------------

def maxout_figure(x, pieces, out, winner, *, reference=None, lang="en", presentation=False) -> go.Figure:
    """Maxout of one input: the k linear pieces (thin, dashed) and their maximum (thick).

    A strip under the plot shows which piece wins at each x.

    Parameters
    ----------
    x : array_like, shape (N,)
    pieces : array_like, shape (N, K)
        ``z_j(x)`` for each piece j.
    out : array_like, shape (N,)
        ``max_j z_j(x)``.
    winner : array_like of int, shape (N,)
        Index of the winning piece.
    reference : (str, array_like of shape (N,)), optional
        A curve the maximum approximates (label, values), drawn thin and grey.
    """
    scale = _check(lang, presentation)
    x = _vector(x, "x")
    pieces = np.asarray(pieces, dtype=np.float64)
    out = _vector(out, "out")
    winner = np.asarray(winner)
    if pieces.ndim != 2 or pieces.shape[0] != x.size or out.shape != x.shape or winner.shape != x.shape:
        raise ValueError(f"pieces must be (N, K), out and winner (N,), with N = {x.size}")
    k = pieces.shape[1]
    if k > len(_PIECE_COLORS):
        raise ValueError(f"at most {len(_PIECE_COLORS)} pieces can be drawn, got {k}")
    traces = []
    for j in range(k):
        traces.append({"type": "scatter", "x": x.tolist(), "y": cm.compact(pieces[:, j]).tolist(), "mode": "lines",
                       "name": f"z{j + 1}", "line": {"color": _PIECE_COLORS[j], "dash": _PIECE_DASHES[j],
                                                      "width": 1.8 * scale},
                       "hovertemplate": f"z{j + 1}(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>"})
    if reference is not None:
        ref_label, ref_y = reference
        ref_y = _vector(ref_y, "reference")
        if ref_y.shape != x.shape:
            raise ValueError(f"reference must have the shape of x {x.shape}, got {ref_y.shape}")
        traces.append({"type": "scatter", "x": x.tolist(), "y": cm.compact(ref_y).tolist(), "mode": "lines",
                       "name": str(ref_label), "line": {"color": "#8c8c8c", "width": 7 * scale},
                       "opacity": 0.45, "hoverinfo": "skip"})
    traces.append({"type": "scatter", "x": x.tolist(), "y": cm.compact(out).tolist(), "mode": "lines",
                   "name": t("activations.fig.maxout", lang), "line": {"color": "#111111", "width": 4.5 * scale},
                   "hovertemplate": "h(%{x:.2f}) = %{y:.3f}<extra></extra>"})
    # winner strip
    strip = np.asarray(winner, dtype=np.float64)[None, :]
    colours = [[j / max(k - 1, 1), _PIECE_COLORS[j]] for j in range(k)] if k > 1 else [[0, _PIECE_COLORS[0]],
                                                                                       [1, _PIECE_COLORS[0]]]
    traces.append({"type": "heatmap", "x": x.tolist(), "y": [0], "z": strip.tolist(), "colorscale": colours,
                   "zmin": 0, "zmax": max(k - 1, 1), "showscale": False, "xaxis": "x", "yaxis": "y2",
                   "customdata": (strip + 1).astype(int).tolist(),
                   "hovertemplate": t("activations.fig.winner_hover", lang) + "<extra></extra>"})
    lo = float(min(pieces.min(), out.min()))
    hi = float(max(pieces.max(), out.max()))
    pad = 0.08 * (hi - lo if hi > lo else 1.0)
    layout = _layout(scale, 440, {"l": 56, "r": 20, "t": 30, "b": 90})
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.2, "yanchor": "top",
                        "font": {"size": cm.font_size(13, presentation)}}
    layout["xaxis"] = _axis("x", scale, anchor="y2")
    layout["yaxis"] = _axis("z, h", scale, (0.16, 1.0), range=[max(lo - pad, out.min() - 3 * pad), hi + pad])
    layout["yaxis2"] = {"domain": [0.0, 0.08], "showticklabels": False, "fixedrange": True, "showgrid": False,
                        "zeroline": False, "title": {"text": t("activations.fig.winner", lang),
                                                     "font": {"size": cm.font_size(11, presentation)}}}
    return go.Figure({"data": traces, "layout": layout})


# ---------------------------------------------------------------------------------------------
# formulas
# ---------------------------------------------------------------------------------------------

def decimals(value: float, digits: int = 4) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped (``0.25``, ``3``)."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if abs(value) < 1e6 else f"{value:.3e}"


def activation_latex(name: str, slope: float = 0.01) -> str:
    """An activation and its derivative in LaTeX (mathematics needs no translation); ``slope``
    is leaky ReLU's negative slope."""
    a = f"{slope:g}"
    return {
        "relu": r"\mathrm{ReLU}(x) = \max(0, x), \qquad f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        "leaky_relu": rf"f(x) = \begin{{cases}} x & x > 0 \\ {a}\,x & x \le 0 \end{{cases}}, \qquad "
                      rf"f'(x) = \begin{{cases}} 1 & x > 0 \\ {a} & x \le 0 \end{{cases}}",
        "sigmoid": r"\sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) \le \tfrac14",
        "tanh": r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}, \qquad \tanh'(x) = 1 - \tanh^2(x) \le 1",
        "gelu": r"\mathrm{GELU}(x) = x\,\Phi(x), \qquad \mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
    }[name]


def line_latex(slope: float, intercept: float) -> str:
    """``w x + b`` as LaTeX, written the way a person would (``x``, ``-x``, ``0``, ``0.5x - 1``)."""
    w, b = round(float(slope), 3), round(float(intercept), 3)
    term = {1.0: "x", -1.0: "-x", 0.0: ""}.get(w, f"{w:g}\\,x")
    if b == 0:
        return term or "0"
    if not term:
        return f"{b:g}"
    return f"{term} {'+' if b > 0 else '-'} {abs(b):g}"


def softmax_latex(logits, temperature: float, probs) -> str:
    """Softmax with temperature in LaTeX, with the numbers of the most probable class substituted
    (the first five terms of the sum written out)."""
    logits, probs = np.asarray(logits, dtype=np.float64), np.asarray(probs, dtype=np.float64)
    top = int(np.argmax(probs))
    terms = " + ".join(rf"e^{{{decimals(z, 3)}/{temperature:g}}}" for z in logits[:5])
    terms += r" + \dots" if logits.size > 5 else ""
    return (rf"p_i = \frac{{e^{{z_i/T}}}}{{\sum_j e^{{z_j/T}}}}, \qquad p_{{{top + 1}}} = "
            rf"\frac{{e^{{{decimals(logits[top], 3)}/{temperature:g}}}}}{{{terms}}} = \mathbf{{{probs[top]:.3f}}}")


def maxout_latex(weight, bias) -> str:
    """A one-input maxout unit ``h(x) = max_j z_j`` with its pieces ``z_j = w_j x + b_j`` in LaTeX,
    three pieces a row; ``weight`` (1, pieces, 1), ``bias`` (1, pieces)."""
    weight, bias = np.asarray(weight, dtype=np.float64), np.asarray(bias, dtype=np.float64)
    pieces = weight.shape[1]
    lines = [rf"z_{{{j + 1}}} = {line_latex(weight[0, j, 0], bias[0, j])}" for j in range(pieces)]
    rows = [r",\quad ".join(lines[i:i + 3]) for i in range(0, len(lines), 3)]
    return rf"\begin{{gathered}} h(x) = \max_{{j=1..{pieces}}} z_j \\ " + r" \\ ".join(rows) + r"\end{gathered}"

"""Figures of the Training page: live curves, filters, feature maps, histograms, confusion matrix.

Every builder validates its inputs, then returns one ``go.Figure`` sized for a full-width (or
half-width) Streamlit column: the width stretches to the container, the height is set here.
Builders are called a few times a second while a network trains, so arrays are passed to Plotly
as NumPy arrays (compact typed-array JSON), never as nested lists.

Colours: training curves and weights in Okabe–Ito blue, held-out curves and gradients in
vermillion (told apart by marker shape and dash too, so they read in greyscale); signed values
(filters, tanh maps) on the blue–white–orange diverging scale centred at 0; non-negative
activations on Cividis; images dark ink on white; counts on a single-hue light-to-dark blue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import message, t

__all__ = [
    "CurveRun", "curves_figure", "filters_figure", "probe_figure", "histograms_figure", "gradient_scale_figure",
    "confusion_figure", "misclassified_figure", "class_names", "divergence_text", "augment_strip_figure",
]

TRAIN_COLOR = "#0072b2"  # Okabe–Ito blue
TEST_COLOR = "#d55e00"  # Okabe–Ito vermillion
VAL_COLOR = "#009e73"  # Okabe–Ito bluish green: the validation split
BATCH_COLOR = "rgba(0, 114, 178, 0.28)"
COMPARE_COLORS = ("#56b4e9", "#e69f00")  # Okabe–Ito sky blue, orange: the comparison run
COUNT_SCALE = [[0.0, "#f7fbff"], [0.35, "#9ecae1"], [0.7, "#3182bd"], [1.0, "#08306b"]]
MAX_CURVE_POINTS = 400
HISTORY_KEYS = ("step", "loss", "accuracy", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy")


class CurveRun(NamedTuple):
    """One training run for :func:`curves_figure`.

    ``history`` is ``Trainer.history`` (per step: ``step``, ``loss``, ``accuracy``; per epoch:
    ``epoch``, ``train_loss``, ``train_accuracy``, ``test_loss``, ``test_accuracy``);
    ``batches_per_epoch`` converts steps to epochs; ``label`` names the run in the legend (None
    for a single run).
    """

    history: dict
    batches_per_epoch: int
    label: str | None = None


# ---------------------------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------------------------

class _Style:
    def __init__(self, presentation: bool):
        scale = cm.scale(presentation)
        self.font = cm.font_size(12, presentation)
        self.title = cm.font_size(14, presentation)
        self.small = cm.font_size(11, presentation)
        self.line = 2.4 * scale
        self.marker = round(7 * scale)
        self.cell_px = cm.scale(presentation)


def _check_flags(lang, presentation) -> _Style:
    cm.check_lang(lang)
    cm.check_flag(presentation)
    return _Style(bool(presentation))


def _layout(style: _Style, height: int, margin: dict, **extra) -> dict:
    layout = {
        "height": int(height),
        "margin": margin,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "font": {"family": cm.FONT_FAMILY, "size": style.font, "color": cm.TEXT},
        "showlegend": False,
        "hoverlabel": {"font": {"family": cm.FONT_FAMILY}},
        "uirevision": "training",
        "template": "none",
    }
    layout.update(extra)
    return layout


def _title(text: str, style: _Style, x: float = 0.0, y: float = 1.0, xanchor: str = "left") -> dict:
    return {"text": f"<b>{text}</b>", "xref": "paper", "yref": "paper", "x": x, "y": y, "xanchor": xanchor,
            "yanchor": "bottom", "showarrow": False, "font": {"size": style.title, "color": cm.TEXT}}


def _note(text: str, style: _Style, x: float = 0.5, y: float = 0.5, xref: str = "paper", yref: str = "paper") -> dict:
    return {"text": text, "xref": xref, "yref": yref, "x": x, "y": y, "showarrow": False,
            "font": {"size": style.font, "color": "#666666"}}


def _mosaic(maps: np.ndarray, cols: int, gap: int = 1, fill: float = np.nan) -> np.ndarray:
    """Tile ``maps`` (N, H, W) into rows of ``cols``, ``gap`` cells of ``fill`` between tiles."""
    n, h, w = maps.shape
    rows = math.ceil(n / cols)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), fill, dtype=np.float32)
    for i in range(n):
        r, c = divmod(i, cols)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = maps[i]
    return out


def _image_axes(name: tuple[str, str], domain_x, domain_y, rows: float, cols: float) -> dict:
    """Hidden axes for a heatmap image with square cells, rows growing downwards."""
    common = {"showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "", "fixedrange": True,
              "constrain": "domain", "showline": False}
    xname, yname = name
    return {
        f"xaxis{xname}": {**common, "domain": list(domain_x), "range": [-0.5, cols - 0.5], "anchor": f"y{yname}"},
        f"yaxis{yname}": {**common, "domain": list(domain_y), "range": [rows - 0.5, -0.5], "anchor": f"x{xname}",
                          "scaleanchor": f"x{xname}", "scaleratio": 1},
    }


def _validate_history(history, index: int) -> dict:
    if not isinstance(history, dict):
        raise ValueError(f"runs[{index}].history must be a dict like Trainer.history, got {type(history).__name__}")
    missing = [key for key in HISTORY_KEYS if key not in history]
    if missing:
        raise ValueError(f"runs[{index}].history lacks {missing}: pass Trainer.history")
    steps = len(history["step"])
    if len(history["loss"]) != steps or len(history["accuracy"]) != steps:
        raise ValueError(f"runs[{index}].history: step, loss and accuracy must have the same length")
    epochs = len(history["epoch"])
    if any(len(history[key]) != epochs for key in ("train_loss", "train_accuracy", "test_loss", "test_accuracy")):
        raise ValueError(f"runs[{index}].history: the per-epoch lists must have the same length")
    return history


def _downsample(x: np.ndarray, y: np.ndarray, points: int) -> tuple[np.ndarray, np.ndarray]:
    """Bucket means so a long curve has at most ``points`` points."""
    if len(x) <= points:
        return x, y
    edges = np.linspace(0, len(x), points + 1).astype(np.int64)
    sums_x, sums_y = np.add.reduceat(x, edges[:-1]), np.add.reduceat(y, edges[:-1])
    sizes = np.diff(edges)
    return sums_x / sizes, sums_y / sizes


# ---------------------------------------------------------------------------------------------
# learning curves
# ---------------------------------------------------------------------------------------------

def curves_figure(runs: Sequence[CurveRun], total_epochs: int, *, lang: str = "en",
                  presentation: bool = False) -> go.Figure:
    """Loss (left) and accuracy (right) against epochs, for one run and optional comparisons.

    The first run draws its per-batch training loss and accuracy (thin), the mean training value
    of each epoch (blue, circles) and the held-out value after each epoch (vermillion, squares).
    Comparison runs draw their per-epoch curves dashed with open markers, named by their label.
    A run with a validation split (``history["val_loss"]`` finite) also draws it (green, diamonds).

    Parameters
    ----------
    runs : sequence of CurveRun
        1 to 3 runs; the first is the main one.
    total_epochs : int
        The x axis spans ``[0, total_epochs]`` so the curves grow across a fixed frame.
    """
    style = _check_flags(lang, presentation)
    runs = list(runs)
    if not 1 <= len(runs) <= 3:
        raise ValueError(f"runs must hold 1 to 3 CurveRun, got {len(runs)}")
    for i, run in enumerate(runs):
        if not isinstance(run, CurveRun):
            raise ValueError(f"runs[{i}] must be a CurveRun, got {type(run).__name__}")
        _validate_history(run.history, i)
        if not isinstance(run.batches_per_epoch, (int, np.integer)) or run.batches_per_epoch < 1:
            raise ValueError(f"runs[{i}].batches_per_epoch must be an integer ≥ 1, got {run.batches_per_epoch!r}")
    if not isinstance(total_epochs, (int, np.integer)) or total_epochs < 1:
        raise ValueError(f"total_epochs must be an integer ≥ 1, got {total_epochs!r}")

    traces: list[dict] = []
    main = runs[0]
    history = main.history
    tag = f" · {main.label}" if main.label else ""
    if history["step"]:
        x = np.asarray(history["step"], np.float64) / main.batches_per_epoch
        for axis, key, scale in (("", "loss", 1.0), ("2", "accuracy", 100.0)):
            bx, by = _downsample(x, np.asarray(history[key], np.float64) * scale, MAX_CURVE_POINTS)
            traces.append({"type": "scatter", "mode": "lines", "x": bx.astype(np.float32),
                           "y": by.astype(np.float32), "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                           "line": {"color": BATCH_COLOR, "width": 1.2}, "name": t("training.fig.batch", lang) + tag,
                           "legendgroup": "batch", "showlegend": axis == "",
                           "hovertemplate": "%{y:.3~f}<extra></extra>"})
    for r, run in enumerate(runs):
        history = run.history
        tag = f" · {run.label}" if run.label else ""
        epochs = np.asarray(history["epoch"], np.float64)
        compare = r > 0
        kinds = [("train", TRAIN_COLOR, "circle"), ("test", TEST_COLOR, "square")]
        if np.isfinite(np.asarray(history.get("val_loss", []), np.float64)).any():
            kinds.append(("val", VAL_COLOR, "diamond"))
        for which, color, symbol in kinds:
            name = t(f"training.fig.{which}", lang) + tag
            if compare:
                color = {"train": COMPARE_COLORS[0], "test": COMPARE_COLORS[1], "val": VAL_COLOR}[which]
            for axis, key, scale in (("", f"{which}_loss", 1.0), ("2", f"{which}_accuracy", 100.0)):
                traces.append({
                    "type": "scatter", "mode": "lines+markers", "x": epochs.astype(np.float32),
                    "y": (np.asarray(history[key], np.float64) * scale).astype(np.float32),
                    "xaxis": f"x{axis}", "yaxis": f"y{axis}", "name": name,
                    "legendgroup": f"{which}{r}", "showlegend": axis == "",
                    "line": {"color": color, "width": style.line * (0.8 if compare else 1.0),
                             "dash": "dash" if compare else "solid"},
                    "marker": {"symbol": symbol + ("-open" if compare else ""), "size": style.marker, "color": color},
                    "hovertemplate": name + ": %{y:.3~f}<extra>" + t("training.fig.epoch", lang) + " %{x}</extra>",
                })

    axis_common = {"showline": True, "linecolor": "#888888", "gridcolor": "#e8e8e8", "zeroline": False,
                   "ticks": "outside", "tickfont": {"size": style.small}}
    x_common = {**axis_common, "range": [0, total_epochs * 1.02], "title": {"text": t("training.fig.epoch", lang)}}
    if total_epochs <= 12:
        x_common.update(tickmode="linear", tick0=0, dtick=1)
    annotations = [_title(t("training.fig.loss_title", lang), style, x=0.0, y=1.0),
                   _title(t("training.fig.accuracy_title", lang), style, x=0.54, y=1.0)]
    if not runs[0].history["step"]:
        annotations.append(_note(t("training.fig.no_steps", lang), style, x=0.23, y=0.5))
    layout = _layout(
        style, 360 if presentation else 320, {"l": 56, "r": 16, "t": 64, "b": 46},
        showlegend=True,
        legend={"orientation": "h", "x": 0.0, "y": 1.13, "xanchor": "left", "yanchor": "bottom",
                "font": {"size": style.small}},
        xaxis={**x_common, "domain": [0.0, 0.46]},
        yaxis={**axis_common, "rangemode": "tozero", "title": {"text": t("training.fig.loss_axis", lang)}},
        xaxis2={**x_common, "domain": [0.54, 1.0], "anchor": "y2"},
        yaxis2={**axis_common, "range": [0, 101], "anchor": "x2", "title": {"text": t("training.fig.accuracy_axis",
                                                                                      lang)}},
        annotations=annotations,
    )
    return go.Figure(data=traces, layout=layout)


# ---------------------------------------------------------------------------------------------
# first-layer filters
# ---------------------------------------------------------------------------------------------

def filters_figure(weights: np.ndarray, *, lang: str = "en", presentation: bool = False,
                   max_filters: int = 32) -> go.Figure:
    """The first convolution's filters as a grid of small signed heatmaps (channel 0 of each).

    Parameters
    ----------
    weights : ndarray, shape (C_out, C_in, KH, KW)
        The first Conv2d's weight; blue is negative, orange positive, white 0, one colour range
        (± the largest |w|) for all filters. Numbers are written in the cells of 3×3 or smaller
        kernels.
    max_filters : int
        Draw at most this many filters.
    """
    style = _check_flags(lang, presentation)
    weights = np.asarray(weights, np.float64)
    if weights.ndim != 4 or min(weights.shape) < 1:
        raise ValueError(f"weights must have shape (C_out, C_in, KH, KW), got {weights.shape}")
    if not isinstance(max_filters, (int, np.integer)) or max_filters < 1:
        raise ValueError(f"max_filters must be an integer ≥ 1, got {max_filters!r}")
    count, _, kh, kw = weights.shape
    shown = weights[:max_filters, 0]  # (F, KH, KW)
    n = len(shown)
    cols = n if n <= 4 else 3 if n <= 9 else 4 if n <= 16 else 6
    z = _mosaic(shown, cols)
    scale = cm.diverging_scale(shown)
    numbers = kh <= 3 and kw <= 3 and n <= 16
    trace = {"type": "heatmap", "z": z, "xgap": 1, "ygap": 1, "showscale": True, "hoverongaps": False,
             "hovertemplate": "%{z:.3~f}<extra></extra>",
             "colorbar": {"thickness": 10, "len": 0.8, "tickfont": {"size": style.small}, "outlinewidth": 0},
             **scale}
    if numbers:
        trace.update(texttemplate="%{z:.2f}", textfont={"size": style.small - 1})
    labels = []
    for i in range(n):
        r, c = divmod(i, cols)
        labels.append({"text": str(i + 1), "x": c * (kw + 1) + (kw - 1) / 2, "y": r * (kh + 1) - 0.5,
                       "xref": "x", "yref": "y", "showarrow": False, "yanchor": "bottom",
                       "font": {"size": style.small - 1, "color": "#777777"}})
    title = t("training.fig.filters_title", lang, count=count, kh=kh, kw=kw)
    if count > n:
        title += " " + t("training.fig.first_n", lang, n=n)
    nominal_width = 400 if presentation else 330  # px of the plot area in its page column
    cell_px = nominal_width / z.shape[1]
    height = int(np.clip(cell_px * (z.shape[0] + 0.8) + 48, 160, 520))
    layout = _layout(style, height, {"l": 6, "r": 6, "t": 40, "b": 6}, annotations=[_title(title, style, y=1.0)] + labels,
                     **_image_axes(("", ""), (0, 0.92), (0, 1), z.shape[0] + 0.8, z.shape[1]))
    layout["yaxis"]["range"] = [z.shape[0] - 0.5, -1.3]  # room for the filter numbers above the first row
    return go.Figure(data=[trace], layout=layout)


# ---------------------------------------------------------------------------------------------
# feature maps of one image
# ---------------------------------------------------------------------------------------------

def _normalize_maps(maps: np.ndarray) -> tuple[np.ndarray, bool]:
    """Each map divided by its own largest |value| (signed) or largest value (non-negative)."""
    signed = bool(np.any(maps < 0))
    peak = np.abs(maps).reshape(len(maps), -1).max(axis=1)
    peak = np.where(peak > 0, peak, 1.0)
    return maps / peak[:, None, None], signed


def probe_figure(image: np.ndarray, stages: Sequence[tuple[str, np.ndarray]], probabilities: np.ndarray,
                 class_labels: Sequence[str], true_label: int, *, activation: str = "relu", lang: str = "en",
                 presentation: bool = False, max_maps: int = 16) -> go.Figure:
    """One image through the network: input, each conv stage's feature maps, class probabilities.

    Parameters
    ----------
    image : ndarray, shape (H, W)
        The input, drawn dark on white.
    stages : sequence of (str, ndarray of shape (C, H', W'))
        Named feature-map stacks (``"conv1"``, ...), each map scaled to its own range
        (Cividis from 0 when all ≥ 0, the diverging scale otherwise).
    probabilities : ndarray, shape (classes,)
        Softmax output; the predicted class is coloured (blue if right, vermillion if wrong).
    class_labels : sequence of str, length classes
    true_label : int
    activation : str
        Named in the stage titles (``"conv1 + ReLU"``).
    max_maps : int
        Draw at most this many maps per stage.
    """
    style = _check_flags(lang, presentation)
    image = np.asarray(image, np.float64)
    if image.ndim != 2:
        raise ValueError(f"image must have shape (H, W), got {image.shape}")
    probabilities = np.asarray(probabilities, np.float64)
    if probabilities.ndim != 1 or len(probabilities) != len(class_labels):
        raise ValueError(f"probabilities must have one value per class label ({len(class_labels)}), "
                         f"got shape {probabilities.shape}")
    if not 0 <= int(true_label) < len(class_labels):
        raise ValueError(f"true_label must lie in [0, {len(class_labels) - 1}], got {true_label!r}")
    checked = []
    for i, stage in enumerate(stages):
        name, maps = stage
        maps = np.asarray(maps, np.float64)
        if maps.ndim != 3 or min(maps.shape) < 1:
            raise ValueError(f"stages[{i}] maps must have shape (C, H, W), got {maps.shape}")
        checked.append((str(name), maps[:max_maps], len(maps)))
    if not 1 <= len(checked) <= 4:
        raise ValueError(f"stages must hold 1 to 4 feature-map stacks, got {len(checked)}")

    # column widths proportional to each panel's width in cells, probabilities get a fixed share
    panels = [("input", image[None], 1)] + checked
    mosaics = []
    for name, maps, total in panels:
        cols = math.ceil(math.sqrt(len(maps)))
        gap = max(1, maps.shape[-1] // 8)
        if name == "input":
            mosaics.append((name, _mosaic(maps, 1, gap), False, total, maps.shape))
        else:
            normed, signed = _normalize_maps(maps)
            mosaics.append((name, _mosaic(normed, cols, gap), signed, total, maps.shape))
    bar_share = 0.19
    spacing = 0.035
    widths = np.array([m[1].shape[1] / max(m[1].shape[0], 1) for m in mosaics], np.float64)
    widths = widths / widths.sum() * (1 - bar_share - spacing * len(mosaics))
    traces, axes, annotations = [], {}, []
    x0 = 0.0
    activation_name = (t(f"training.opt.activation.{activation}", lang) if activation in ("relu", "sigmoid", "tanh")
                       else str(activation))
    for k, (name, z, signed, total, shape) in enumerate(mosaics):
        suffix = "" if k == 0 else str(k + 1)
        domain = (x0, x0 + widths[k])
        axes.update(_image_axes((suffix, suffix), domain, (0.0, 0.8), z.shape[0], z.shape[1]))
        if name == "input":
            scale = {"colorscale": cm.INPUT_SCALE, "zmin": 0.0, "zmax": max(1.0, float(np.nanmax(z)))}
            title = t("training.fig.probe_input", lang, label=class_labels[int(true_label)])
        else:
            scale = ({"colorscale": cm.DIVERGING_SCALE, "zmin": -1.0, "zmax": 1.0} if signed else
                     {"colorscale": cm.SEQUENTIAL_SCALE, "zmin": 0.0, "zmax": 1.0})
            title = t("training.fig.probe_stage", lang, name=name, activation=activation_name, count=total,
                      h=shape[1], w=shape[2])
        traces.append({"type": "heatmap", "z": z.astype(np.float32), "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                       "showscale": False, "hoverongaps": False, "hovertemplate": "%{z:.2f}<extra></extra>", **scale})
        annotations.append({**_title(title, style, x=(domain[0] + domain[1]) / 2, y=0.83, xanchor="center"),
                            "font": {"size": style.small + 1, "color": cm.TEXT}})
        x0 = domain[1] + spacing
    # probabilities as horizontal bars, classes top to bottom
    predicted = int(np.argmax(probabilities))
    colors = ["#c8c8c8"] * len(probabilities)
    colors[predicted] = TRAIN_COLOR if predicted == int(true_label) else TEST_COLOR
    bar_axis = str(len(mosaics) + 1)
    traces.append({"type": "bar", "orientation": "h", "x": (probabilities * 100).astype(np.float32),
                   "y": list(class_labels), "xaxis": f"x{bar_axis}", "yaxis": f"y{bar_axis}",
                   "marker": {"color": colors}, "texttemplate": "%{x:.0f}%", "textposition": "outside",
                   "textfont": {"size": style.small - 1}, "cliponaxis": False,
                   "hovertemplate": "%{y}: %{x:.1f}%<extra></extra>"})
    bar_left = 1 - bar_share + (0.06 if max(len(str(c)) for c in class_labels) > 3 else 0.015)
    axes[f"xaxis{bar_axis}"] = {"domain": [bar_left, 0.93], "range": [0, 100], "anchor": f"y{bar_axis}",
                                "showgrid": False, "zeroline": False, "showticklabels": False, "fixedrange": True}
    axes[f"yaxis{bar_axis}"] = {"domain": [0.0, 0.8], "anchor": f"x{bar_axis}", "autorange": "reversed",
                                "tickfont": {"size": style.small - 1}, "fixedrange": True, "type": "category",
                                "ticks": "", "automargin": True}
    verdict = "right" if predicted == int(true_label) else "wrong"
    annotations.append({**_title(t(f"training.fig.probe_{verdict}", lang, label=class_labels[predicted],
                                   p=f"{probabilities[predicted] * 100:.0f}"), style,
                                 x=(bar_left + 0.93) / 2, y=0.83, xanchor="center"),
                        "font": {"size": style.small + 1, "color": colors[predicted]}})
    height = 310 if presentation else 260
    layout = _layout(style, height, {"l": 4, "r": 4, "t": 4, "b": 4}, annotations=annotations, **axes)
    return go.Figure(data=traces, layout=layout)


# ---------------------------------------------------------------------------------------------
# weights and gradients
# ---------------------------------------------------------------------------------------------

def _check_stats(stats, name: str = "stats") -> list:
    stats = list(stats)
    if not stats:
        raise ValueError(f"{name} is empty: pass cnnviz.train.lessons.layer_stats(model)")
    for i, item in enumerate(stats):
        for attr in ("name", "weight_counts", "weight_edges", "weight_rms", "grad_counts", "grad_edges", "grad_rms"):
            if not hasattr(item, attr):
                raise ValueError(f"{name}[{i}] lacks {attr!r}: pass cnnviz.train.lessons.LayerStats items")
        if len(item.weight_edges) != len(item.weight_counts) + 1:
            raise ValueError(f"{name}[{i}]: weight_edges must have one more entry than weight_counts")
        if item.grad_counts is not None and len(item.grad_edges) != len(item.grad_counts) + 1:
            raise ValueError(f"{name}[{i}]: grad_edges must have one more entry than grad_counts")
    return stats


def histograms_figure(stats, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Per layer (columns): histogram of the weights (top, blue) and of the last gradient (bottom).

    Each panel shows the root-mean-square of its values, so layers whose gradients have shrunk by
    orders of magnitude stand out even though every panel has its own x range (symmetric around 0).

    Parameters
    ----------
    stats : sequence of cnnviz.train.lessons.LayerStats
    """
    style = _check_flags(lang, presentation)
    stats = _check_stats(stats)
    n = len(stats)
    left = 0.035  # room for the row labels
    gap = 0.03
    width = (1 - left - gap * (n - 1)) / n
    rows = (("weights", TRAIN_COLOR, (0.5, 0.84)), ("gradients", TEST_COLOR, (0.0, 0.34)))
    traces, axes, annotations = [], {}, []
    for kind, color, domain_y in rows:
        annotations.append({"text": f"<b>{t(f'training.fig.{kind}', lang)}</b>", "xref": "paper", "yref": "paper",
                            "x": 0.0, "y": (domain_y[0] + domain_y[1]) / 2, "textangle": -90, "showarrow": False,
                            "xanchor": "left", "yanchor": "middle", "font": {"size": style.small, "color": color}})
    for j, item in enumerate(stats):
        x0 = left + j * (width + gap)
        annotations.append({**_title(item.name, style, x=x0 + width / 2, y=0.93, xanchor="center"),
                            "font": {"size": style.small + 1, "color": cm.TEXT}})
        panels = ((item.weight_counts, item.weight_edges, item.weight_rms),
                  (item.grad_counts, item.grad_edges, item.grad_rms))
        for row, ((_kind, color, domain_y), (counts, edges, rms)) in enumerate(zip(rows, panels)):
            index = row * n + j + 1
            suffix = "" if index == 1 else str(index)
            axes[f"xaxis{suffix}"] = {"domain": [x0, x0 + width], "anchor": f"y{suffix}", "showgrid": False,
                                      "zeroline": True, "zerolinecolor": "#999999", "fixedrange": True,
                                      "showticklabels": False, "showline": True, "linecolor": "#bbbbbb"}
            axes[f"yaxis{suffix}"] = {"domain": list(domain_y), "anchor": f"x{suffix}", "showgrid": False,
                                      "showticklabels": False, "fixedrange": True, "rangemode": "tozero",
                                      "zeroline": False}
            if counts is None:
                annotations.append(_note(t("training.fig.no_gradient", lang), style, x=x0 + width / 2,
                                         y=(domain_y[0] + domain_y[1]) / 2))
                axes[f"xaxis{suffix}"]["visible"] = False
                axes[f"yaxis{suffix}"]["visible"] = False
                continue
            counts = np.asarray(counts, np.float64)
            edges = np.asarray(edges, np.float64)
            centers = (edges[:-1] + edges[1:]) / 2
            traces.append({"type": "bar", "x": centers.astype(np.float32), "y": counts.astype(np.float32),
                           "width": float(edges[1] - edges[0]), "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                           "marker": {"color": color, "line": {"width": 0}},
                           "hovertemplate": "%{x:.3~g}: %{y}<extra></extra>"})
            annotations.append({"text": f"rms {cm.fmt(rms, 2)}", "xref": "paper", "yref": "paper",
                                "x": x0 + width / 2, "y": domain_y[1] + 0.01, "xanchor": "center",
                                "yanchor": "bottom", "showarrow": False,
                                "font": {"size": style.small - 1, "color": color}})
            extent = cm.fmt(edges[-1], 1)
            annotations.append({"text": f"±{extent}", "xref": "paper", "yref": "paper",
                                "x": x0 + width / 2, "y": domain_y[0] - 0.015, "xanchor": "center",
                                "yanchor": "top", "showarrow": False,
                                "font": {"size": style.small - 2, "color": "#666666"}})
    layout = _layout(style, 330 if presentation else 290, {"l": 4, "r": 8, "t": 30, "b": 22},
                     annotations=[_title(t("training.fig.hist_title", lang), style, y=1.02)] + annotations,
                     bargap=0.05, **axes)
    return go.Figure(data=traces, layout=layout)


def gradient_scale_figure(runs, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Gradient RMS of each layer as bars on a log axis, one bar series per run.

    Parameters
    ----------
    runs : sequence of (str or None, sequence of LayerStats)
        The main run first; labels name the runs in the legend (None for a single run).
    """
    style = _check_flags(lang, presentation)
    runs = list(runs)
    if not 1 <= len(runs) <= 3:
        raise ValueError(f"runs must hold 1 to 3 (label, stats) pairs, got {len(runs)}")
    traces = []
    any_gradient = False
    for r, (label, stats) in enumerate(runs):
        stats = _check_stats(stats, f"runs[{r}] stats")
        values = np.array([item.grad_rms for item in stats], np.float64)
        finite = np.isfinite(values) & (values > 0)
        any_gradient |= bool(finite.any())
        color = TEST_COLOR if r == 0 else COMPARE_COLORS[1]
        traces.append({"type": "bar", "x": [item.name for item, ok in zip(stats, finite) if ok],
                       "y": values[finite], "name": label or t("training.fig.gradients", lang),
                       "marker": {"color": color, "pattern": {"shape": "" if r == 0 else "/", "fgcolor": TEST_COLOR},
                                  "line": {"color": TEST_COLOR, "width": 1}},
                       "texttemplate": "%{y:.0e}", "textposition": "outside", "cliponaxis": False,
                       "textfont": {"size": style.small - 2},
                       "hovertemplate": "%{x}: %{y:.2e}<extra>" + (label or "") + "</extra>"})
    annotations = [_title(t("training.fig.grad_scale_title", lang), style, y=1.04)]
    if not any_gradient:
        annotations.append(_note(t("training.fig.no_gradient", lang), style))
    legend = len(runs) > 1
    layout = _layout(style, 330 if presentation else 290, {"l": 46, "r": 8, "t": 52, "b": 64 if legend else 28},
                     annotations=annotations, barmode="group", showlegend=legend, bargap=0.25,
                     legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.12, "yanchor": "top",
                             "font": {"size": style.small - 1}},
                     xaxis={"type": "category", "tickfont": {"size": style.small - 1}, "fixedrange": True,
                            "visible": any_gradient},
                     yaxis={"type": "log", "gridcolor": "#e8e8e8", "exponentformat": "power", "fixedrange": True,
                            "dtick": 1, "tickfont": {"size": style.small - 2}, "visible": any_gradient})
    return go.Figure(data=traces, layout=layout)


# ---------------------------------------------------------------------------------------------
# per-epoch views
# ---------------------------------------------------------------------------------------------

def confusion_figure(confusion: np.ndarray, class_labels: Sequence[str], *, lang: str = "en",
                     presentation: bool = False) -> go.Figure:
    """Confusion matrix: rows the true class, columns the predicted one, counts in the cells.

    Colour follows ``log(1 + count)`` so that the few mistakes off the diagonal stay visible next
    to the large correct counts; the cells show the counts themselves.

    Parameters
    ----------
    confusion : ndarray, shape (classes, classes)
        Non-negative integer counts.
    class_labels : sequence of str, length classes
    """
    style = _check_flags(lang, presentation)
    confusion = np.asarray(confusion)
    if confusion.ndim != 2 or confusion.shape[0] != confusion.shape[1] or confusion.shape[0] != len(class_labels):
        raise ValueError(f"confusion must be square with one row per class label ({len(class_labels)}), "
                         f"got shape {confusion.shape}")
    if confusion.size and (confusion.min() < 0 or not np.all(confusion == np.round(confusion))):
        raise ValueError("confusion must hold non-negative integer counts")
    counts = confusion.astype(np.int64)
    labels = [str(label) for label in class_labels]
    colour = np.log1p(counts).astype(np.float32)
    trace = {"type": "heatmap", "z": colour, "x": labels, "y": labels, "text": counts.astype(str),
             "texttemplate": "%{text}", "textfont": {"size": style.small}, "colorscale": COUNT_SCALE,
             "zmin": 0.0, "zmax": float(max(colour.max(), 1.0)), "showscale": False, "xgap": 1, "ygap": 1,
             "hovertemplate": t("training.fig.confusion_hover", lang) + "<extra></extra>"}
    long_labels = max(len(label) for label in labels) > 3
    side = 340 if presentation else 300
    layout = _layout(
        style, side + (60 if long_labels else 0), {"l": 8, "r": 8, "t": 64, "b": 8},
        title={"text": f"<b>{t('training.fig.confusion_title', lang)}</b>", "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.98, "yref": "container", "yanchor": "top",
               "font": {"size": style.title, "color": cm.TEXT}},
        xaxis={"title": {"text": t("training.fig.predicted", lang), "standoff": 4}, "side": "top",
               "type": "category", "tickfont": {"size": style.small}, "fixedrange": True, "constrain": "domain",
               "tickangle": -30 if long_labels else 0},
        yaxis={"title": {"text": t("training.fig.true", lang)}, "autorange": "reversed", "type": "category",
               "tickfont": {"size": style.small}, "fixedrange": True, "scaleanchor": "x", "constrain": "domain"},
    )
    return go.Figure(data=[trace], layout=layout)


def misclassified_figure(images: np.ndarray, true: np.ndarray, predicted: np.ndarray, class_labels: Sequence[str],
                         *, lang: str = "en", presentation: bool = False, max_images: int = 24) -> go.Figure:
    """Held-out images the model got wrong, each labelled ``true → predicted``.

    Parameters
    ----------
    images : ndarray, shape (M, H, W)
        Pixel values in [0, 1], drawn dark on white.
    true, predicted : ndarray, shape (M,)
        Class indices.
    class_labels : sequence of str
    max_images : int
        Draw at most this many (rows of 8, or 6 in presentation mode).
    """
    style = _check_flags(lang, presentation)
    images = np.asarray(images, np.float64)
    true = np.asarray(true, np.int64)
    predicted = np.asarray(predicted, np.int64)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (M, H, W), got {images.shape}")
    if true.shape != (len(images),) or predicted.shape != (len(images),):
        raise ValueError(f"true and predicted must have shape ({len(images)},), got {true.shape} and {predicted.shape}")
    classes = len(class_labels)
    if len(images) and (min(true.min(), predicted.min()) < 0 or max(true.max(), predicted.max()) >= classes):
        raise ValueError(f"class indices must lie in [0, {classes - 1}]")
    title = _title(t("training.fig.misclassified_title", lang, shown=min(len(images), max_images)), style, y=1.0)
    if len(images) == 0:
        layout = _layout(style, 120, {"l": 8, "r": 8, "t": 36, "b": 8},
                         annotations=[title, _note(t("training.fig.no_mistakes", lang), style, y=0.4)],
                         xaxis={"visible": False}, yaxis={"visible": False})
        return go.Figure(data=[], layout=layout)
    images, true, predicted = images[:max_images], true[:max_images], predicted[:max_images]
    cols = min(len(images), 6 if presentation else 8)
    h, w = images.shape[1:]
    band = max(h // 3, 6)  # room for the label under each image
    rows = math.ceil(len(images) / cols)
    z = np.zeros((rows * (h + band), cols * (w + 3) - 3), np.uint8)  # 0 = white background
    annotations = [title]
    for i, image in enumerate(images):
        r, c = divmod(i, cols)
        top, left = r * (h + band), c * (w + 3)
        z[top:top + h, left:left + w] = np.clip(np.round(image * 255), 0, 255).astype(np.uint8)
        annotations.append({"text": f"{class_labels[true[i]]} → <b>{class_labels[predicted[i]]}</b>",
                            "x": left + (w - 1) / 2, "y": top + h + band / 2 - 0.5, "xref": "x", "yref": "y",
                            "showarrow": False, "font": {"size": style.small, "color": TEST_COLOR}})
    trace = {"type": "heatmap", "z": z, "colorscale": cm.INPUT_SCALE, "zmin": 0, "zmax": 255, "showscale": False,
             "hoverinfo": "skip"}
    height = int(np.clip(50 + rows * (92 if presentation else 74), 130, 560))
    layout = _layout(style, height, {"l": 4, "r": 4, "t": 36, "b": 4}, annotations=annotations,
                     **_image_axes(("", ""), (0, 1), (0, 1), z.shape[0], z.shape[1]))
    return go.Figure(data=[trace], layout=layout)


# ---------------------------------------------------------------------------------------------
# texts of the training page
# ---------------------------------------------------------------------------------------------

def class_names(class_keys: Sequence[str], lang: str) -> list[str]:
    """Display names of classes: digits as they are, i18n keys (``"data.shape_circle"``) translated."""
    return [t(key, lang) if key.startswith("data.") else str(key) for key in class_keys]


def stall_text(cause: str, config, classes: int, lang: str, steps: int = 0) -> str:
    """Translated note for a run that is not learning (:func:`cnnviz.train.stall_cause`), naming the
    likely cause from ``config`` (``steps``: the optimizer steps so far, for ``"few_steps"``)."""
    return t(f"training.stalled_{cause}", lang, lr=f"{config.lr:g}", lower=f"{config.lr / 10:g}",
             higher=f"{config.lr * 10:g}", batch=config.batch_size, chance=f"{math.log(classes):.2f}",
             guess=f"{100 / classes:.0f} %", steps=steps)


def divergence_text(event, lang: str) -> str:
    """Translated explanation of a :class:`~cnnviz.train.DivergedEvent`, naming the cause and the
    learning rate to try; with a small batch (:data:`cnnviz.train.SMALL_BATCH` or fewer images), the
    batch size too."""
    from cnnviz.train import SMALL_BATCH

    if event.reason not in ("nan", "exploded"):
        raise ValueError(f"event.reason must be 'nan' or 'exploded', got {event.reason!r}")
    text = message(event, lang)
    if 0 < event.batch_size <= SMALL_BATCH:
        text += t("training.diverged_small_batch", lang, batch=event.batch_size)
    return text


# ---------------------------------------------------------------------------------------------
# data augmentation
# ---------------------------------------------------------------------------------------------

def augment_strip_figure(original: np.ndarray, augmented: np.ndarray, *, lang: str = "en",
                         presentation: bool = False) -> go.Figure:
    """One training image and a strip of its random augmented versions, dark ink on white.

    Parameters
    ----------
    original : ndarray, shape (H, W)
    augmented : ndarray, shape (K, H, W), 1 ≤ K ≤ 12
    """
    style = _check_flags(lang, presentation)
    original = np.asarray(original, np.float64)
    augmented = np.asarray(augmented, np.float64)
    if original.ndim != 2:
        raise ValueError(f"original must have shape (H, W), got {original.shape}")
    if augmented.ndim != 3 or augmented.shape[1:] != original.shape or not 1 <= len(augmented) <= 12:
        raise ValueError(f"augmented must have shape (K, {original.shape[0]}, {original.shape[1]}) with 1 ≤ K ≤ 12, "
                         f"got {augmented.shape}")
    if not (np.all(np.isfinite(original)) and np.all(np.isfinite(augmented))):
        raise ValueError("the images must hold finite numbers")
    height, width = original.shape
    gap = 2
    tiles = [original] + list(augmented)
    strip = np.full((height, len(tiles) * (width + gap) + gap), np.nan)
    for i, tile in enumerate(tiles):
        strip[:, gap + i * (width + gap):gap + i * (width + gap) + width] = tile
    figure = go.Figure(go.Heatmap(z=strip[::-1], colorscale=[[0, "#ffffff"], [1, "#111111"]], zmin=0, zmax=1,
                                  showscale=False, hoverinfo="skip"))
    annotations = [{"text": t("training.fig.original", lang), "x": gap + width / 2, "y": height + 1, "xref": "x",
                    "yref": "y", "showarrow": False, "yanchor": "bottom", "font": {"size": style.small}}]
    figure.update_layout(**_layout(style, 150 if presentation else 120, {"l": 4, "r": 4, "t": 26, "b": 4},
                                   annotations=annotations,
                                   xaxis={"visible": False, "fixedrange": True, "constrain": "domain"},
                                   yaxis={"visible": False, "fixedrange": True, "scaleanchor": "x",
                                          "range": [-0.5, height + 4]}))
    return figure

"""Figures of the "Inside a trained CNN" page. The numbers they show (layer names, a unit's
receptive field and terms, rank correlations) come from :mod:`cnnviz.explain.units`.

Figures (arrays in, ``go.Figure`` out, inputs validated first, both languages, a
``presentation`` flag for larger fonts):

- :func:`preprocessing_figure`: a drawn or uploaded digit through the MNIST preparation steps.
- :func:`probabilities_figure`: the softmax probabilities as bars.
- :func:`network_figure`: every feature map of every layer at a glance, one column per layer.
- :func:`vector_figure`: a flat vector (flatten, fully connected, logits) as bars.
- :func:`unit_field_figure`: the receptive field of a unit on the input, and the unit in its map.
- :func:`conv_unit_figure`, :func:`pool_unit_figure`, :func:`linear_unit_figure`: the computation
  that produced one unit's value.
- :func:`explanations_figure`: attribution maps side by side (optionally a second row for a model
  with randomised weights), each with the digit's outline.
- :func:`activation_maximization_figure`: the synthesised input as it evolves, as a browser-side
  animation (play / pause / scrub), with the activation per step.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.images import DigitSteps

__all__ = [
    "preprocessing_figure", "probabilities_figure", "network_figure", "vector_figure", "unit_field_figure",
    "conv_unit_figure", "pool_unit_figure", "linear_unit_figure", "explanations_figure",
    "activation_maximization_figure", "num", "signed_terms", "softmax_latex", "conv_unit_latex",
    "pool_unit_latex", "activation_unit_latex", "flatten_unit_latex", "linear_unit_latex", "saliency_latex",
    "smoothgrad_latex", "occlusion_latex", "gradcam_latex",
]

_MAX_DISPLAY_SIDE = 140  # preprocessing panels: larger images are block-averaged down to about this
_CONTOUR_COLOR = "#d55e00"  # Okabe–Ito vermillion: the digit's outline on attribution maps
_BAR_GREY = "#9a9a9a"
_BAR_DARK = "#5a5a5a"


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# shared pieces
# ---------------------------------------------------------------------------------------------

class _Style:
    def __init__(self, presentation: bool):
        cm.check_flag(presentation)
        self.presentation = bool(presentation)
        self.scale = cm.scale(presentation)
        self.font = cm.font_size(12, presentation)
        self.title = cm.font_size(13, presentation)
        self.small = cm.font_size(10.5, presentation)


def _check(lang: str, presentation) -> _Style:
    cm.check_lang(lang)
    return _Style(presentation)


def _image(array, name: str, ndim: int = 2) -> np.ndarray:
    try:
        image = np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a numeric array") from error
    if image.ndim != ndim or image.size == 0:
        shape = "(H, W)" if ndim == 2 else "(C, H, W)"
        raise ValueError(f"{name} must have shape {shape}, got {image.shape}")
    return image


def _place(index: int, domain_x, domain_y, rows: int, cols: int, ticks: bool = False, square: bool = True) -> dict:
    axes = cm.grid_axes(index, rows, cols, ticks=ticks)
    xname, yname = list(axes)
    xref, yref = cm.axis_ids(index)

    def clip(domain):
        return [min(max(float(v), 0.0), 1.0) for v in domain]

    axes[xname].update(domain=clip(domain_x), anchor=yref)
    axes[yname].update(domain=clip(domain_y), anchor=xref)
    if not square:
        axes[yname].pop("scaleanchor", None)
        axes[yname].pop("scaleratio", None)
    return axes


def _frame(index: int, rows: int, cols: int) -> dict:
    return cm.rect(index, 0, 0, rows - 1, cols - 1, color="#b5b5b5", width=1, layer="below")


def _note(index: int, text: str, font_size: int, yshift: float = -4) -> dict:
    """A small caption under subplot ``index``."""
    xref, yref = cm.axis_ids(index)
    return {"text": text, "xref": f"{xref} domain", "yref": f"{yref} domain", "x": 0.5, "y": 0.0,
            "xanchor": "center", "yanchor": "top", "yshift": yshift, "showarrow": False,
            "font": {"size": font_size, "color": "#555555"}}


def _row_domains(count: int, gap: float = 0.03, right: float = 1.0):
    width = (right - gap * (count - 1)) / count
    return [(i * (width + gap), i * (width + gap) + width) for i in range(count)]


def _block_mean(image: np.ndarray, factor: int) -> np.ndarray:
    """Average ``factor`` × ``factor`` blocks (edge-padded), for drawing large images compactly."""
    if factor <= 1:
        return image
    rows = -(-image.shape[0] // factor) * factor
    cols = -(-image.shape[1] // factor) * factor
    padded = np.pad(image, ((0, rows - image.shape[0]), (0, cols - image.shape[1])), mode="edge")
    return padded.reshape(rows // factor, factor, cols // factor, factor).mean(axis=(1, 3))  # (h, f, w, f) -> (h, w)


def _picture(image: np.ndarray, axis: int, scale: dict, name: str = "") -> dict:
    """A heatmap of ``image`` in its own pixel coordinates, block-averaged when it is large."""
    factor = max(1, math.ceil(max(image.shape) / _MAX_DISPLAY_SIDE))
    shown = _block_mean(image, factor)
    trace = cm.grid_heatmap(shown, axis=axis, scale=scale, numbers=False, font_size=8, name=name, gap=0)
    if factor > 1:
        offset = (factor - 1) / 2
        trace.update(x0=offset, dx=factor, y0=offset, dy=factor,
                     hovertemplate="(%{y:.0f}, %{x:.0f}) ≈ %{z:.3~g}<extra></extra>")
    return trace


# ---------------------------------------------------------------------------------------------
# preprocessing
# ---------------------------------------------------------------------------------------------

def preprocessing_figure(steps: DigitSteps, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """The MNIST preparation of a digit, step by step, left to right.

    Panels: (1) the greyscale input; (2) the ink (inverted when the background was light,
    stretched to [0, 1]) with the bounding box of the pixels above the threshold; (3) the crop;
    (4) the crop scaled so its longest side is 20 pixels; (5) the 28 × 28 result with the pasted
    box (dashed), the ink's centre of mass (×) and the canvas centre (+), which coincide.

    Parameters
    ----------
    steps : cnnviz.images.DigitSteps
        From :func:`cnnviz.images.preprocess_digit`.
    lang : {"en", "zh"}
    presentation : bool
    """
    if not isinstance(steps, DigitSteps):
        raise ValueError(f"steps must be a cnnviz.images.DigitSteps, got {type(steps).__name__}")
    style = _check(lang, presentation)
    top, left, bottom, right = steps.bbox
    off_r, off_c = steps.offset
    com_r, com_c = steps.center_of_mass
    canvas = steps.centered.shape[0]
    sh, sw = steps.scaled.shape
    ink_title = "inside.fig.prep_ink_inverted" if steps.inverted else "inside.fig.prep_ink"
    panels = [
        (steps.grey, t("inside.fig.prep_grey", lang), f"{steps.grey.shape[0]}×{steps.grey.shape[1]}"),
        (steps.ink, t(ink_title, lang), t("inside.fig.prep_bbox", lang, rows=f"{top}–{bottom - 1}",
                                          cols=f"{left}–{right - 1}")),
        (steps.cropped, t("inside.fig.prep_crop", lang), f"{steps.cropped.shape[0]}×{steps.cropped.shape[1]}"),
        (steps.scaled, t("inside.fig.prep_scaled", lang), f"{sh}×{sw}"),
        (steps.centered, t("inside.fig.prep_centered", lang),
         t("inside.fig.prep_com", lang, r=f"{off_r + com_r:.1f}", c=f"{off_c + com_c:.1f}")),
    ]
    domains = _row_domains(len(panels), gap=0.025)
    data, axes, annotations, shapes_ = [], {}, [], []
    for i, (image, title, note) in enumerate(panels):
        index = i + 1
        image = np.asarray(image, dtype=np.float64)
        rows, cols = image.shape
        axes.update(_place(index, domains[i], (0.0, 1.0), rows, cols))
        scale = {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": 1.0}
        data.append(_picture(image, index, scale, name=title))
        annotations.append(cm.domain_title(index, title, font_size=style.small + 1))
        annotations.append(_note(index, note, style.small))
        shapes_.append(_frame(index, rows, cols))
    shapes_.append(cm.rect(2, top, left, bottom - 1, right - 1, color=cm.HIGHLIGHT, width=2))
    shapes_.append(cm.rect(5, off_r, off_c, off_r + sh - 1, off_c + sw - 1, color=cm.ACCENT, width=1.5, dash="dash"))
    centre = canvas / 2
    for x, y, symbol, color, label in ((off_c + com_c, off_r + com_r, "x-thin", cm.HIGHLIGHT,
                                        t("inside.fig.prep_mass", lang)),
                                       (centre, centre, "cross-thin", "#2a9df4", t("inside.fig.prep_centre", lang))):
        data.append({"type": "scatter", "mode": "markers", "x": [x], "y": [y], "xaxis": "x5", "yaxis": "y5",
                     "marker": {"symbol": symbol, "size": 16 * style.scale, "line": {"width": 3, "color": color}},
                     "hovertemplate": f"{label}: (%{{y:.2f}}, %{{x:.2f}})<extra></extra>", "showlegend": False})
    height = int(250 * style.scale)
    layout = cm.base_layout(height=height, font_size=style.font, margin={"l": 8, "r": 8, "t": 44, "b": 34})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    return go.Figure({"data": data, "layout": layout})


# ---------------------------------------------------------------------------------------------
# prediction
# ---------------------------------------------------------------------------------------------

def probabilities_figure(probs, *, predicted: int | None = None, target: int | None = None, class_names=None,
                         lang: str = "en", presentation: bool = False) -> go.Figure:
    """Softmax probabilities as bars with their percentages; the prediction in vermillion, a
    chosen explanation target (when different) in blue.

    Parameters
    ----------
    probs : array_like, shape (K,)
        Non-negative, summing to 1.
    predicted, target : int, optional
        Class indices to highlight; ``predicted`` defaults to the argmax.
    class_names : list of str, optional
        Default "0" … "K-1".
    """
    style = _check(lang, presentation)
    p = np.asarray(probs, dtype=np.float64).ravel()
    if p.size < 2 or not np.all(np.isfinite(p)) or p.min() < 0 or abs(p.sum() - 1) > 1e-3:
        raise ValueError(f"probs must be ≥ 2 finite non-negative values summing to 1, got {p.size} values summing "
                         f"to {p.sum() if p.size else 0:g}")
    predicted = int(np.argmax(p)) if predicted is None else int(predicted)
    names = [str(i) for i in range(p.size)] if class_names is None else [str(n) for n in class_names]
    if len(names) != p.size:
        raise ValueError(f"class_names must have {p.size} entries, got {len(names)}")
    for name, value in (("predicted", predicted), ("target", target)):
        if value is not None and not 0 <= int(value) < p.size:
            raise ValueError(f"{name} must lie in [0, {p.size}), got {value}")
    colors = [cm.HIGHLIGHT if i == predicted else cm.ACCENT if target is not None and i == int(target) else _BAR_GREY
              for i in range(p.size)]
    trace = {"type": "bar", "x": names, "y": p.tolist(), "marker": {"color": colors},
             "text": [f"{100 * v:.1f}%" for v in p], "textposition": "outside", "cliponaxis": False,
             "textfont": {"size": style.small},
             "hovertemplate": t("inside.fig.prob_hover", lang) + "<extra></extra>"}
    layout = cm.base_layout(height=int(250 * style.scale), font_size=style.font,
                            margin={"l": 50, "r": 10, "t": 24, "b": 40})
    layout["plot_bgcolor"] = "#ffffff"
    layout["xaxis"] = {"title": {"text": t("inside.fig.class", lang)}, "type": "category", "fixedrange": True}
    layout["yaxis"] = {"title": {"text": t("inside.fig.probability", lang)}, "range": [0, 1.12], "fixedrange": True,
                       "tickformat": ".0%", "gridcolor": "#e6e6e6"}
    return go.Figure({"data": [trace], "layout": layout})


# ---------------------------------------------------------------------------------------------
# the whole network at a glance
# ---------------------------------------------------------------------------------------------

def _mosaic(maps: np.ndarray, grid_cols: int) -> np.ndarray:
    """Tile (C, h, w) maps into one array, ``grid_cols`` maps per row, NaN one-cell gaps."""
    count, h, w = maps.shape
    grid_rows = -(-count // grid_cols)
    mosaic = np.full((grid_rows * (h + 1) - 1, grid_cols * (w + 1) - 1), np.nan)
    for k in range(count):
        r, c = divmod(k, grid_cols)
        mosaic[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w] = maps[k]
    return mosaic


def _mosaic_cols(count: int, h: int, w: int, width_px: float, height_px: float) -> int:
    """Maps per mosaic row that make the cells largest in a ``width_px`` × ``height_px`` box."""
    def cell(cols: int) -> float:
        rows = -(-count // cols)
        return min(width_px / (cols * (w + 1) - 1), height_px / (rows * (h + 1) - 1))

    return max(range(1, count + 1), key=lambda cols: (cell(cols), -cols))


def network_figure(image, outputs, names, *, selected: int | None = None, class_labels=None, lang: str = "en",
                   presentation: bool = False) -> go.Figure:
    """Every feature map of every layer, one column per layer, input on the left.

    Feature-map layers are tiled into a mosaic (maps separated by blank cells, square pixels);
    vectors (flatten, fully connected, logits) are a one-cell-wide strip, entry 0 at the top.
    Each column has its own colour range: greys from 0 for non-negative outputs (after ReLU),
    blue–white–orange around 0 for signed ones. The ``selected`` layer is outlined.

    Parameters
    ----------
    image : array_like, shape (H, W)
        The network input (drawn white on black, as the digit looks).
    outputs : list of array_like
        Each layer's output for this one input, batch axis removed: (C, h, w) or (n,).
    names : list of str
        One per layer (already short, e.g. from :func:`layer_names`).
    class_labels : list of str, optional
        One per entry of the last output (the logits): each cell then reads "label: value", so the
        ten logits of a digit classifier say which digit they score.
    selected : int, optional
        Index into ``outputs`` to outline.
    """
    style = _check(lang, presentation)
    image = _image(image, "image")
    if not isinstance(outputs, (list, tuple)) or not outputs:
        raise ValueError("outputs must be a non-empty list of arrays (one per layer)")
    if isinstance(names, str) or len(names) != len(outputs):
        raise ValueError(f"names must be a list of {len(outputs)} strings (one per layer)")
    stages = [("input", image, t("inside.fig.input", lang), f"{image.shape[0]}×{image.shape[1]}")]
    for i, (out, name) in enumerate(zip(outputs, names)):
        array = np.asarray(out, dtype=np.float64)
        if array.ndim == 3 and array.size:
            stages.append(("maps", array, str(name), "×".join(map(str, array.shape))))
        elif array.ndim == 1 and array.size:
            stages.append(("vector", array, str(name), str(array.size)))
        else:
            raise ValueError(f"outputs[{i}] must have shape (C, h, w) or (n,), got {array.shape}")
    labelled = class_labels is not None
    if labelled and (stages[-1][0] != "vector" or len(class_labels) != stages[-1][1].size):
        raise ValueError(f"class_labels must have one entry per value of the last output, got {len(class_labels)}")
    if selected is not None and not 0 <= int(selected) < len(outputs):
        raise ValueError(f"selected must lie in [0, {len(outputs)}), got {selected}")

    panel_px = 430 * style.scale  # tallest column
    map_col_px, vec_col_px, gap_px = 96 * style.scale, 36 * style.scale, 14 * style.scale
    grids = []  # (array drawn, column width px, column height px)
    for position, (kind, array, _, _) in enumerate(stages):
        if kind == "vector":
            numbered = array.size <= 10
            widen = 2.4 if labelled and position == len(stages) - 1 else (2.0 if numbered else 1.0)
            grids.append((array[:, None], vec_col_px * widen,
                          min(panel_px, max(array.size * (18 if numbered else 14) * style.scale, 60))))
            continue
        grid = array if kind == "input" else _mosaic(array, _mosaic_cols(*array.shape, map_col_px, panel_px))
        cell = min(map_col_px / grid.shape[1], panel_px / grid.shape[0])
        grids.append((grid, grid.shape[1] * cell, grid.shape[0] * cell))
    total = sum(px for _, px, _ in grids) + gap_px * (len(grids) - 1)
    data, axes, annotations, shapes_ = [], {}, [], []
    x = 0.0
    for i, ((kind, _array, title, shape_text), (grid, px, height_px)) in enumerate(zip(stages, grids)):
        index = i + 1
        x0, x1 = x / total, (x + px) / total
        x += px + gap_px
        rows, cols = grid.shape
        half = height_px / panel_px / 2
        axes.update(_place(index, (x0, x1), (0.5 - half, 0.5 + half), rows, cols, square=kind != "vector"))
        if kind == "input":
            scale = {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": max(float(np.nanmax(grid)), 1e-12)}
        else:
            scale = cm.value_scale(grid)
        hover = (f"{title}[%{{y}}] = %{{z:.3~g}}<extra></extra>" if kind == "vector"
                 else f"{title}: %{{z:.3~g}}<extra></extra>")
        data.append(cm.grid_heatmap(grid, axis=index, scale=scale, numbers=kind == "vector" and rows <= 10,
                                    font_size=style.small, name=title, hover=hover, gap=0,
                                    text_template="%{z:.2~g}"))  # two digits: neighbouring columns stay apart
        annotations.append({**cm.domain_title(index, f"<b>{title}</b><br>{shape_text}", font_size=style.small,
                                              yshift=4)})
        if selected is not None and i == int(selected) + 1:
            shapes_.append(cm.rect(index, 0, 0, rows - 1, cols - 1, color=cm.HIGHLIGHT, width=3))
        else:
            shapes_.append(_frame(index, rows, cols))
    if labelled:  # the logits: "digit: value" in each cell
        data[-1]["text"] = [[f"{label}: {cm.fmt(value)}"] for label, value in zip(class_labels, stages[-1][1])]
        data[-1]["texttemplate"] = "%{text}"
    layout = cm.base_layout(height=int(panel_px + 80 * style.scale), font_size=style.font,
                            margin={"l": 6, "r": 6, "t": int(52 * style.scale), "b": 10})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    layout["meta"] = {"stages": len(stages)}
    return go.Figure({"data": data, "layout": layout})


# ---------------------------------------------------------------------------------------------
# vectors
# ---------------------------------------------------------------------------------------------

def vector_figure(values, *, title: str = "", highlight: int | None = None, group: int | None = None,
                  labels=None, lang: str = "en", presentation: bool = False) -> go.Figure:
    """A flat vector as bars, entry ``i`` at x = i (or ``labels[i]``).

    Parameters
    ----------
    values : array_like, shape (n,)
    title : str
        Already translated.
    highlight : int, optional
        Entry drawn in vermillion (the selected unit).
    group : int, optional
        Alternate two greys every ``group`` entries (e.g. the pixels of one feature map after
        flattening).
    labels : list of str, optional
        Category labels (e.g. class names); numbers are written on the bars when n ≤ 12.
    """
    style = _check(lang, presentation)
    v = np.asarray(values, dtype=np.float64).ravel()
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError("values must be a non-empty vector of finite numbers")
    if highlight is not None and not 0 <= int(highlight) < v.size:
        raise ValueError(f"highlight must lie in [0, {v.size}), got {highlight}")
    if group is not None and (not isinstance(group, (int, np.integer)) or group < 1):
        raise ValueError(f"group must be a positive int, got {group!r}")
    if labels is not None and len(labels) != v.size:
        raise ValueError(f"labels must have {v.size} entries, got {len(labels)}")
    if group:
        colors = [_BAR_GREY if (i // group) % 2 == 0 else _BAR_DARK for i in range(v.size)]
    else:
        colors = [_BAR_DARK if x >= 0 else "#7fa7d6" for x in v]
    if highlight is not None:
        colors[int(highlight)] = cm.HIGHLIGHT
    x = [str(s) for s in labels] if labels is not None else list(range(v.size))
    trace = {"type": "bar", "x": x, "y": cm.compact(v).tolist(), "marker": {"color": colors, "line": {"width": 0}},
             "hovertemplate": "[%{x}] = %{y:.4~g}<extra></extra>"}
    if v.size <= 12:
        trace.update(text=[cm.fmt(value) for value in v], textposition="outside", cliponaxis=False,
                     textfont={"size": style.small})
    layout = cm.base_layout(height=int(240 * style.scale), font_size=style.font,
                            margin={"l": 50, "r": 10, "t": 36 if title else 14, "b": 36})
    layout["plot_bgcolor"] = "#ffffff"
    layout["bargap"] = 0.1 if v.size > 60 else 0.25
    layout["xaxis"] = {"fixedrange": True, "type": "category" if labels is not None else "linear",
                       "title": {"text": t("inside.fig.index", lang) if labels is None else ""}}
    layout["yaxis"] = {"fixedrange": True, "gridcolor": "#e6e6e6", "zerolinecolor": "#888888"}
    if title:
        layout["title"] = {"text": title, "x": 0.5, "xanchor": "center", "font": {"size": style.title}}
    return go.Figure({"data": [trace], "layout": layout})


# ---------------------------------------------------------------------------------------------
# one unit
# ---------------------------------------------------------------------------------------------

def unit_field_figure(image, box, layer_map=None, unit=None, *, titles=("", ""), lang: str = "en",
                      presentation: bool = False) -> go.Figure:
    """The receptive field of a unit on the input, next to the unit in its feature map.

    Parameters
    ----------
    image : array_like, shape (H, W)
        The network input.
    box : (row0, row1, col0, col1)
        Half-open input region (:func:`unit_field_box`); parts past the border are padding and
        drawn dashed.
    layer_map : array_like, shape (h, w), optional
        The unit's feature map; None for vector layers (only the input is drawn).
    unit : (row, col), optional
        The unit's cell in ``layer_map``.
    titles : (str, str)
        Already translated titles of the two panels.
    """
    style = _check(lang, presentation)
    image = _image(image, "image")
    if len(box) != 4:
        raise ValueError(f"box must be (row0, row1, col0, col1), got {box!r}")
    r0, r1, c0, c1 = (int(v) for v in box)
    if r1 <= r0 or c1 <= c0:
        raise ValueError(f"box must have row1 > row0 and col1 > col0, got {box!r}")
    panels = [(image, True)]
    if layer_map is not None:
        layer_map = _image(layer_map, "layer_map")
        inside_map = unit is not None and len(unit) == 2 and 0 <= unit[0] < layer_map.shape[0] and \
            0 <= unit[1] < layer_map.shape[1]
        if not inside_map:
            raise ValueError(f"unit must be a (row, col) inside the {layer_map.shape} map, got {unit!r}")
        panels.append((layer_map, False))
    domains = [(0.0, 0.44), (0.56, 1.0)] if len(panels) == 2 else [(0.2, 0.8)]
    data, axes, annotations, shapes_ = [], {}, [], []
    height = int(330 * style.scale)
    for k, (grid, is_input) in enumerate(panels):
        index = k + 1
        rows, cols = grid.shape
        axes.update(_place(index, domains[k], (0.0, 1.0), rows, cols))
        if is_input:
            scale = {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": max(float(grid.max()), 1e-12)}
        else:
            scale = cm.value_scale(grid)
        show = max(rows, cols) <= cm.NUMBERS_MAX_CELLS
        data.append(cm.grid_heatmap(grid, axis=index, scale=scale, numbers=show,
                                    font_size=cm.cell_font_size((height - 60) / max(rows, cols),
                                                                grid if show else None),
                                    gap=0 if is_input else 1, name=titles[k] if k < len(titles) else ""))
        if k < len(titles) and titles[k]:
            annotations.append(cm.domain_title(index, titles[k], font_size=style.title))
        shapes_.append(_frame(index, rows, cols))
    rows, cols = image.shape
    inside = (max(r0, 0), min(r1, rows) - 1, max(c0, 0), min(c1, cols) - 1)
    if r0 < 0 or c0 < 0 or r1 > rows or c1 > cols:
        shapes_.append(cm.rect(1, r0, c0, r1 - 1, c1 - 1, color=cm.HIGHLIGHT, width=1.5, dash="dot"))
    if inside[1] >= inside[0] and inside[3] >= inside[2]:
        shapes_.append(cm.rect(1, inside[0], inside[2], inside[1], inside[3], color=cm.HIGHLIGHT, width=3))
    if layer_map is not None:
        shapes_.append(cm.rect(2, unit[0], unit[1], unit[0], unit[1], color=cm.HIGHLIGHT, width=3))
    layout = cm.base_layout(height=height, font_size=style.font, margin={"l": 8, "r": 8, "t": 36, "b": 8})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    return go.Figure({"data": data, "layout": layout})


def conv_unit_figure(patch, kernel, products, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """How one convolution output was computed: input patch, kernel, and their products.

    One input channel: the three grids side by side. Several: one column per input channel,
    rows patch / kernel / products, each column titled with its channel's sum of products.

    Parameters
    ----------
    patch, kernel, products : array_like, shape (C, KH, KW)
        From a :class:`cnnviz.lessons.trace.ConvStep` (``patch``, ``products``) and the filter applied.
    """
    style = _check(lang, presentation)
    patch, kernel, products = (_image(a, n, 3) for a, n in ((patch, "patch"), (kernel, "kernel"),
                                                           (products, "products")))
    if not patch.shape == kernel.shape == products.shape:
        raise ValueError(f"patch, kernel and products must have one shape, got {patch.shape}, {kernel.shape}, "
                         f"{products.shape}")
    channels, kh, kw = patch.shape
    row_titles = [t("inside.fig.patch", lang), t("inside.fig.kernel", lang), t("inside.fig.products", lang)]
    grids = [patch, kernel, products]
    scales = [cm.value_scale(patch), cm.diverging_scale(kernel), cm.diverging_scale(products)]
    if channels == 1:
        layout_cells = [(0, k) for k in range(3)]
        n_rows, n_cols = 1, 3
    else:
        layout_cells = [(r, c) for r in range(3) for c in range(channels)]
        n_rows, n_cols = 3, channels
    cell_px = (44 if channels == 1 else max(18, min(40, 1000 / (channels * kw)))) * style.scale
    panel_w, panel_h = cell_px * kw, cell_px * kh
    gap_w, gap_h = 26 * style.scale, 40 * style.scale
    width = n_cols * panel_w + (n_cols - 1) * gap_w
    height = n_rows * panel_h + (n_rows - 1) * gap_h
    left_px = 0 if channels == 1 else 80 * style.scale
    data, axes, annotations, shapes_ = [], {}, [], []
    if channels == 1:
        template, font = cm.TEXT_TEMPLATE, cm.cell_font_size(cell_px, np.concatenate([g.ravel() for g in grids]))
    else:  # many small grids: two decimals ("-0.12", five characters) keep the numbers legible
        template, font = "%{z:.2f}", int(np.clip(round(1.6 * cell_px / 5.5), 7, 14))
    for index, (r, c) in enumerate(layout_cells, start=1):
        if channels == 1:
            grid, scale, title = grids[c][0], scales[c], row_titles[c]
        else:
            grid, scale = grids[r][c], scales[r]
            title = t("inside.fig.channel_sum", lang, c=c + 1, s=cm.fmt(products[c].sum())) if r == 0 else ""
        x0 = (left_px + c * (panel_w + gap_w)) / (left_px + width)
        x1 = x0 + panel_w / (left_px + width)
        y1 = 1 - r * (panel_h + gap_h) / height
        y0 = y1 - panel_h / height
        axes.update(_place(index, (x0, x1), (max(y0, 0.0), min(y1, 1.0)), kh, kw))
        data.append(cm.grid_heatmap(grid, axis=index, scale=scale, numbers=True, font_size=font, name=title,
                                    text_template=template))
        if title:
            annotations.append(cm.domain_title(index, title, font_size=style.small + 1))
        if channels > 1 and c == 0:
            xref, yref = cm.axis_ids(index)
            annotations.append({"text": f"<b>{row_titles[r]}</b>", "xref": "paper", "yref": f"{yref} domain",
                                "x": 0.0, "y": 0.5, "xanchor": "left", "yanchor": "middle", "showarrow": False,
                                "font": {"size": style.small + 1}})
        shapes_.append(_frame(index, kh, kw))
    layout = cm.base_layout(height=int(height + 50 * style.scale), font_size=style.font,
                            margin={"l": 8, "r": 8, "t": int(36 * style.scale), "b": 8})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    return go.Figure({"data": data, "layout": layout})


def pool_unit_figure(channel_map, window, window_values, best: int | None, *, titles=("", ""), lang: str = "en",
                     presentation: bool = False) -> go.Figure:
    """How one pooling output was computed: the window on its input map, and the window's values.

    Parameters
    ----------
    channel_map : array_like, shape (H, W)
        The pooling layer's input, one channel.
    window : (row0, col0, rows, cols)
        The window's top-left cell and size in ``channel_map`` coordinates.
    window_values : array_like, shape (rows, cols)
    best : int or None
        Max pooling: flat index of the maximum in ``window_values`` (outlined); None for average.
    titles : (str, str)
    """
    style = _check(lang, presentation)
    grid = _image(channel_map, "channel_map")
    values = _image(window_values, "window_values")
    if len(window) != 4:
        raise ValueError(f"window must be (row0, col0, rows, cols), got {window!r}")
    r0, c0, kh, kw = (int(v) for v in window)
    if values.shape != (kh, kw):
        raise ValueError(f"window_values must have shape ({kh}, {kw}), got {values.shape}")
    if best is not None and not 0 <= int(best) < values.size:
        raise ValueError(f"best must lie in [0, {values.size}), got {best}")
    height = int(300 * style.scale)
    data, axes, annotations, shapes_ = [], {}, [], []
    for k, (array, domain) in enumerate(((grid, (0.0, 0.5)), (values, (0.6, 0.9)))):
        index = k + 1
        rows, cols = array.shape
        axes.update(_place(index, domain, (0.0, 1.0), rows, cols))
        show = k == 1 or max(rows, cols) <= cm.NUMBERS_MAX_CELLS
        scale = cm.value_scale(grid)
        data.append(cm.grid_heatmap(array, axis=index, scale=scale, numbers=show,
                                    font_size=cm.cell_font_size((height - 60) / max(rows, cols) * (0.5 if k else 1),
                                                                array if show else None),
                                    gap=1 if max(rows, cols) <= 32 else 0, name=titles[k]))
        if titles[k]:
            annotations.append(cm.domain_title(index, titles[k], font_size=style.title))
        shapes_.append(_frame(index, rows, cols))
    shapes_.append(cm.rect(1, r0, c0, r0 + kh - 1, c0 + kw - 1, color=cm.HIGHLIGHT, width=2.5))
    if best is not None:
        br, bc = divmod(int(best), kw)
        shapes_.append(cm.rect(2, br, bc, br, bc, color=cm.ACCENT, width=3.5))
    layout = cm.base_layout(height=height, font_size=style.font, margin={"l": 8, "r": 8, "t": 36, "b": 8})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    return go.Figure({"data": data, "layout": layout})


def linear_unit_figure(index, products, weights, inputs, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """The largest terms ``w_i·a_i`` of one fully connected unit, as horizontal bars (largest on top).

    Parameters
    ----------
    index : array_like of int, shape (k,)
        Input positions ``i`` (from :func:`linear_contributions`).
    products, weights, inputs : array_like, shape (k,)
        ``w_i·a_i``, ``w_i`` and ``a_i`` for those positions.
    """
    style = _check(lang, presentation)
    index = np.asarray(index).ravel()
    arrays = [np.asarray(a, dtype=np.float64).ravel() for a in (products, weights, inputs)]
    if index.size == 0 or any(a.shape != index.shape for a in arrays):
        raise ValueError("index, products, weights and inputs must be non-empty and of one length")
    products, weights, inputs = arrays
    labels = [t("inside.fig.term", lang, i=int(i)) for i in index]
    hover = [f"w={cm.fmt(w, 4)} × a={cm.fmt(a, 4)} = {cm.fmt(p, 4)}" for w, a, p in zip(weights, inputs, products)]
    trace = {"type": "bar", "orientation": "h", "y": labels[::-1], "x": products[::-1].tolist(),
             "marker": {"color": [cm.HIGHLIGHT if p >= 0 else cm.ACCENT for p in products[::-1]]},
             "text": [cm.fmt(p) for p in products[::-1]], "textposition": "outside", "cliponaxis": False,
             "hovertext": hover[::-1], "hovertemplate": "%{hovertext}<extra></extra>",
             "textfont": {"size": style.small}}
    layout = cm.base_layout(height=int((60 + 22 * index.size) * style.scale), font_size=style.font,
                            margin={"l": 10, "r": 40, "t": 14, "b": 36})
    layout["plot_bgcolor"] = "#ffffff"
    layout["xaxis"] = {"title": {"text": t("inside.fig.contribution", lang)}, "fixedrange": True,
                       "gridcolor": "#e6e6e6", "zerolinecolor": "#555555"}
    layout["yaxis"] = {"type": "category", "fixedrange": True, "automargin": True}
    return go.Figure({"data": [trace], "layout": layout})


# ---------------------------------------------------------------------------------------------
# explanations
# ---------------------------------------------------------------------------------------------

def explanations_figure(image, maps, titles, *, signed=None, random_maps=None, random_titles=None,
                        row_titles=None, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Attribution maps side by side, each with the digit's outline; optionally a second row of
    the same maps for a model with randomised weights (the sanity check).

    Parameters
    ----------
    image : array_like, shape (H, W)
        The input, drawn first in each row; its 0.5 contour is traced over every map.
    maps : list of array_like, shape (H, W)
        One per method.
    titles : list of str
        One per method (already translated).
    signed : list of bool, optional
        Per method: draw blue–white–orange around 0 (True) or Cividis from 0 (False). Default:
        signed when the map has negative values.
    random_maps, random_titles : list, optional
        The second row (same length as ``maps``).
    row_titles : (str, str), optional
        Titles of the input panel in each row.
    """
    style = _check(lang, presentation)
    image = _image(image, "image")
    if isinstance(titles, str) or not maps or len(titles) != len(maps):
        raise ValueError("maps and titles must be non-empty lists of the same length")
    rows_of_maps = [[_image(m, f"maps[{i}]") for i, m in enumerate(maps)]]
    rows_of_titles = [list(titles)]
    if random_maps is not None:
        if random_titles is None or len(random_maps) != len(maps) or len(random_titles) != len(maps):
            raise ValueError(f"random_maps and random_titles must both have {len(maps)} entries")
        rows_of_maps.append([_image(m, f"random_maps[{i}]") for i, m in enumerate(random_maps)])
        rows_of_titles.append(list(random_titles))
    for row in rows_of_maps:
        for m in row:
            if m.shape != image.shape:
                raise ValueError(f"every map must have the input's shape {image.shape}, got {m.shape}")
    if signed is None:
        signed = [bool(np.nanmin(m) < 0) for m in rows_of_maps[0]]
    elif len(signed) != len(maps):
        raise ValueError(f"signed must have {len(maps)} entries")
    if row_titles is None:
        row_titles = [t("inside.fig.input", lang)] * len(rows_of_maps)
    n_cols = len(maps) + 1
    n_rows = len(rows_of_maps)
    col_domains = _row_domains(n_cols, gap=0.02)
    title_px, panel_px = 44 * style.scale, 200  # five square panels across the page: about 200 px each
    height = n_rows * (panel_px + title_px) + 10
    data, axes, annotations, shapes_ = [], {}, [], []
    hh, ww = image.shape
    contour = {"type": "contour", "z": cm.to_list(cm.compact(image)), "showscale": False, "hoverinfo": "skip",
               "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
               "line": {"color": _CONTOUR_COLOR, "width": 1.2}}
    index = 0
    for r in range(n_rows):
        y1 = 1 - (r * (panel_px + title_px) + title_px) / height
        y0 = y1 - panel_px / height
        for c in range(n_cols):
            index += 1
            axes.update(_place(index, col_domains[c], (max(y0, 0.0), y1), hh, ww))
            xref, yref = cm.axis_ids(index)
            if c == 0:
                grid, scale, title = image, {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": 1.0}, row_titles[r]
            else:
                grid = rows_of_maps[r][c - 1]
                scale = cm.diverging_scale(grid) if signed[c - 1] else {
                    "colorscale": cm.SEQUENTIAL_SCALE, "zmin": 0.0, "zmax": max(float(np.nanmax(grid)), 1e-12)}
                title = rows_of_titles[r][c - 1]
            data.append(cm.grid_heatmap(grid, axis=index, scale=scale, numbers=False, font_size=8, name=title, gap=0))
            if c > 0:
                data.append({**contour, "xaxis": xref, "yaxis": yref})
            annotations.append(cm.domain_title(index, title, font_size=style.small + 1))
            shapes_.append(_frame(index, hh, ww))
    layout = cm.base_layout(height=int(height), font_size=style.font, margin={"l": 6, "r": 6, "t": 6, "b": 6})
    layout.update(axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes_
    return go.Figure({"data": data, "layout": layout})


# ---------------------------------------------------------------------------------------------
# activation maximisation
# ---------------------------------------------------------------------------------------------

def activation_maximization_figure(steps, images, activations, *, title: str = "", frame_ms: float = 180,
                                   lang: str = "en", presentation: bool = False) -> go.Figure:
    """The synthesised input as gradient ascent shapes it, as a browser-side animation.

    Left: the image at the current snapshot; right: the unit's activation against the step,
    with the current snapshot marked. Play / Pause buttons and a scrub slider (one stop per
    snapshot) run in the browser; the figure opens on the last snapshot.

    Parameters
    ----------
    steps : array_like of int, shape (S,)
        Step number of each snapshot (increasing).
    images : array_like, shape (S, H, W)
        The input at each snapshot, values in [0, 1].
    activations : array_like, shape (S,)
        The unit's activation at each snapshot.
    title : str
        Already translated (e.g. "conv2, filter 3").
    frame_ms : float
        Milliseconds per frame when playing (20 to 5000).
    """
    style = _check(lang, presentation)
    steps = np.asarray(steps).ravel()
    images = _image(images, "images", 3)
    acts = np.asarray(activations, dtype=np.float64).ravel()
    count = images.shape[0]
    if steps.size != count or acts.size != count:
        raise ValueError(f"steps, images and activations must describe the same {count} snapshots, got "
                         f"{steps.size}, {count} and {acts.size}")
    if not np.all(np.isfinite(images)) or not np.all(np.isfinite(acts)):
        raise ValueError("images and activations must be finite")
    if not isinstance(frame_ms, (int, float, np.integer, np.floating)) or not 20 <= frame_ms <= 5000:
        raise ValueError(f"frame_ms must be between 20 and 5000 milliseconds, got {frame_ms!r}")
    last = count - 1
    hh, ww = images.shape[1:]
    scale = {"colorscale": cm.IMAGE_SCALE, "zmin": 0.0, "zmax": 1.0}
    image_trace = cm.grid_heatmap(images[last], axis=1, scale=scale, numbers=False, font_size=8, gap=0,
                                  name=t("inside.fig.am_image", lang))
    curve = {"type": "scatter", "mode": "lines+markers", "x": steps.tolist(), "y": cm.compact(acts).tolist(),
             "xaxis": "x2", "yaxis": "y2", "line": {"color": _BAR_DARK, "width": 2}, "marker": {"size": 5},
             "hovertemplate": t("inside.fig.am_hover", lang) + "<extra></extra>", "name": "curve"}
    marker = {"type": "scatter", "mode": "markers", "x": [int(steps[last])], "y": [float(acts[last])],
              "xaxis": "x2", "yaxis": "y2", "marker": {"size": 13 * style.scale, "color": cm.HIGHLIGHT},
              "hoverinfo": "skip", "name": "current"}
    axes = _place(1, (0.0, 0.4), (0.0, 1.0), hh, ww)
    axes["xaxis2"] = {"domain": [0.5, 1.0], "anchor": "y2", "fixedrange": True, "gridcolor": "#e6e6e6",
                      "title": {"text": t("inside.fig.am_step", lang)}}
    axes["yaxis2"] = {"domain": [0.0, 1.0], "anchor": "x2", "fixedrange": True, "gridcolor": "#e6e6e6",
                      "title": {"text": t("inside.fig.am_activation", lang)}}
    frames = [{"name": str(k), "traces": [0, 2],
               "data": [{"type": "heatmap", "z": cm.to_list(cm.compact(images[k]))},
                        {"type": "scatter", "x": [int(steps[k])], "y": [float(acts[k])]}]} for k in range(count)]
    play = [None, {"frame": {"duration": float(frame_ms), "redraw": True}, "fromcurrent": True,
                   "transition": {"duration": 0}, "mode": "immediate"}]
    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    controls_px = int(100 * style.scale)
    panel_px = int(300 * style.scale)
    menus = [{"type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0.0, "xanchor": "left",
              "yanchor": "top", "pad": {"t": 46 * style.scale, "r": 4}, "font": {"size": style.font},
              "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
              "buttons": [{"label": t("figures.play", lang), "method": "animate", "args": play},
                          {"label": t("figures.pause", lang), "method": "animate", "args": pause}]}]
    slider = {"active": last, "x": 0.2, "len": 0.8, "y": 0.0, "xanchor": "left", "yanchor": "top",
              "pad": {"t": 40 * style.scale, "b": 0},
              "currentvalue": {"prefix": t("inside.fig.am_step_prefix", lang), "font": {"size": style.font},
                               "xanchor": "left"},
              "font": {"size": style.small}, "transition": {"duration": 0}, "bgcolor": "#eeeeee",
              "activebgcolor": cm.HIGHLIGHT, "bordercolor": "#bbbbbb",
              "steps": [{"method": "animate", "label": str(int(s)), "args": [[str(k)], step_args]}
                        for k, s in enumerate(steps)]}
    layout = cm.base_layout(height=panel_px + controls_px + 40, font_size=style.font,
                            margin={"l": 10, "r": 16, "t": 40 if title else 14, "b": controls_px})
    layout["plot_bgcolor"] = "#ffffff"
    layout.update(axes)
    layout["shapes"] = [_frame(1, hh, ww)]
    layout["updatemenus"] = menus
    layout["sliders"] = [slider]
    if title:
        layout["title"] = {"text": title, "x": 0.5, "xanchor": "center", "font": {"size": style.title}}
    layout["meta"] = {"snapshots": count}
    return go.Figure({"data": [image_trace, curve, marker], "layout": layout, "frames": frames})


_SKIP_COLOR = "#009e73"  # Okabe–Ito bluish green: what the skip connection carries
_BODY_COLOR = "#e69f00"  # Okabe–Ito orange: what the block's body adds


def skip_flow_figure(names, skip_rms, body_rms, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Residual blocks as pairs of bars: the RMS of what each block's skip connection passes on
    (green) and of what its body adds (orange, hatched), for one input.

    Parameters
    ----------
    names : sequence of str, length B
    skip_rms, body_rms : array_like, shape (B,), finite, ≥ 0
    """
    style = _check(lang, presentation)
    skip = np.asarray(skip_rms, np.float64).ravel()
    body = np.asarray(body_rms, np.float64).ravel()
    names = [str(name) for name in names]
    if not names or skip.size != len(names) or body.size != len(names):
        raise ValueError("names, skip_rms and body_rms must be non-empty and of the same length")
    if not (np.all(np.isfinite(skip)) and np.all(np.isfinite(body)) and skip.min() >= 0 and body.min() >= 0):
        raise ValueError("skip_rms and body_rms must hold finite numbers ≥ 0")
    traces = [
        {"type": "bar", "x": names, "y": skip, "name": t("inside.skip.skip", lang), "marker": {"color": _SKIP_COLOR},
         "texttemplate": "%{y:.2f}", "textposition": "outside", "hovertemplate": "%{x}: %{y:.3f}<extra></extra>"},
        {"type": "bar", "x": names, "y": body, "name": t("inside.skip.body", lang),
         "marker": {"color": _BODY_COLOR, "pattern": {"shape": "/"}}, "texttemplate": "%{y:.2f}",
         "textposition": "outside", "hovertemplate": "%{x}: %{y:.3f}<extra></extra>"},
    ]
    layout = cm.base_layout(height=340 if presentation else 280, font_size=style.font,
                            margin={"l": 50, "r": 10, "t": 30, "b": 40})
    layout.update(barmode="group", showlegend=True,
                  legend={"orientation": "h", "x": 0, "y": 1.12, "yanchor": "bottom"},
                  yaxis={"title": {"text": t("inside.skip.axis", lang)}, "rangemode": "tozero", "fixedrange": True,
                         "gridcolor": "#e8e8e8"},
                  xaxis={"fixedrange": True, "type": "category"})
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ---------------------------------------------------------------------------------------------
# formulas of one unit and of the explanations, numbers substituted (LaTeX)
# ---------------------------------------------------------------------------------------------

def num(value: float, digits: int = 4) -> str:
    """A number for LaTeX: ``digits`` significant digits, minus signs kept."""
    return f"{float(value):.{digits}g}"


def signed_terms(values, digits: int = 3) -> str:
    """``1.74 - 2.58 + 0.217``: a sum written with its signs (no ``+ -``)."""
    text = ""
    for k, value in enumerate(values):
        sign = "-" if value < 0 else "+"
        text += (f" {sign} " if k else ("-" if value < 0 else "")) + num(abs(value), digits)
    return text


def softmax_latex(logits, predicted: int, probs) -> str:
    """``p_k = e^{z_k} / Σ e^{z_j}`` for the predicted class, the first four terms written out."""
    logits, probs = np.asarray(logits, dtype=np.float64), np.asarray(probs, dtype=np.float64)
    terms = " + ".join(f"e^{{{num(z, 3)}}}" for z in logits[:4]) + r" + \dots"
    return (rf"p_{{{predicted}}} = \frac{{e^{{z_{{{predicted}}}}}}}{{\sum_{{k=0}}^{{{logits.size - 1}}} e^{{z_k}}}}"
            rf" = \frac{{e^{{{num(logits[predicted], 3)}}}}}{{{terms}}} = \mathbf{{{probs[predicted]:.4f}}}")


def conv_unit_latex(traced, step, channel: int, *, max_channels: int = 8) -> str:
    """One conv unit: ``y = Σ x·w + b`` with the per-channel sums of a
    :class:`cnnviz.lessons.trace.ConvStep` of ``traced`` substituted (the first four when many)."""
    sums = step.channel_sums
    if sums.size == 1:
        middle = num(sums[0])
    elif sums.size <= max_channels:
        middle = r"\left(" + signed_terms(sums) + r"\right)"
    else:
        middle = r"\left(" + signed_terms(sums[:4]) + r" + \dots\right)"
    top_row = step.row * traced.stride[0] - traced.pad[0]  # input row under kernel row 0 (negative: padding)
    left_col = step.col * traced.stride[1] - traced.pad[2]
    b = step.bias
    return (rf"y_{{{channel + 1},{step.row},{step.col}}} = \sum_{{c,i,j}} x_{{c,\,{top_row}+i,\,{left_col}+j}}\,"
            rf"w_{{{channel + 1},c,i,j}} + b = {middle} {'+' if b >= 0 else '-'} {num(abs(b))}"
            rf" = \mathbf{{{num(step.value)}}}")


def pool_unit_latex(window, value: float, mode: str) -> str:
    """One pooling unit: ``y = max{...}`` or ``mean{...}`` of its window's values."""
    values = ", ".join(num(v, 3) for v in np.asarray(window, dtype=np.float64).ravel())
    fn = r"\max" if mode == "max" else r"\operatorname{mean}"
    return rf"y = {fn}\{{{values}\}} = \mathbf{{{num(value)}}}"


def activation_unit_latex(layer_type: str, z: float, value: float, slope: float = 0.01) -> str:
    """One activation unit, ``f(z)`` with ``z`` substituted; ``layer_type`` is the layer's class name."""
    formula = {"ReLU": rf"\mathrm{{ReLU}}(z) = \max(0, z) = \max(0, {num(z)})",
               "LeakyReLU": rf"\mathrm{{LeakyReLU}}(z) = \max(z, {slope:g}\,z) = \max({num(z)}, {num(slope * z)})",
               "Sigmoid": rf"\sigma(z) = \frac{{1}}{{1 + e^{{-z}}}} = \frac{{1}}{{1 + e^{{{num(-z)}}}}}",
               "Tanh": rf"\tanh(z) = \tanh({num(z)})"}.get(layer_type, "f(z)")
    return rf"{formula} = \mathbf{{{num(value)}}}"


def flatten_unit_latex(name: str, source_name: str, unit: int, source_shape, value: float) -> str:
    """Where flat unit ``unit`` comes from: ``index = c·h·w + r·w + q`` in the ``(C, h, w)`` input."""
    src_c, src_r, src_q = (int(v) for v in np.unravel_index(unit, tuple(source_shape)))
    _, h, w = source_shape
    return (rf"\text{{{name}}}[{unit}] = \text{{{source_name}}}[{src_c + 1}, {src_r}, {src_q}]"
            rf",\qquad {unit} = {src_c}\cdot{h * w} + {src_r}\cdot{w} + {src_q}, \qquad"
            rf" \text{{value}} = \mathbf{{{num(value)}}}")


def linear_unit_latex(unit: int, inputs: int, positive: float, negative: float, bias: float, value: float) -> str:
    """One fully connected unit: ``y = Σ w·a + b``, its positive and negative terms summed apart."""
    return (rf"y_{{{unit}}} = \sum_{{i=0}}^{{{inputs - 1}}} w_{{{unit},i}}\,a_i + b_{{{unit}}}"
            rf" = \underbrace{{{num(positive)}}}_{{>0}} \; \underbrace{{{num(negative)}}}_{{<0}}"
            rf" {'+' if bias >= 0 else '-'} {num(abs(bias))} = \mathbf{{{num(value)}}}")


def saliency_latex(saliency, target: int) -> str:
    """The saliency definition and its largest value."""
    saliency = np.asarray(saliency, dtype=np.float64)
    peak = np.unravel_index(np.argmax(saliency), saliency.shape)
    return (rf"S_{{ij}} = \left|\frac{{\partial z_{{{target}}}}}{{\partial x_{{ij}}}}\right|, \qquad "
            rf"\max S = S_{{{peak[0]},{peak[1]}}} = {num(saliency[peak])}")


def smoothgrad_latex(target: int, samples: int, sigma: float) -> str:
    """SmoothGrad: the mean saliency over ``samples`` noisy copies of the input."""
    return (rf"\hat S = \frac{{1}}{{{samples}}} \sum_{{n=1}}^{{{samples}}} \left|\nabla_x z_{{{target}}}"
            rf"\left(x + \varepsilon_n\right)\right|, \qquad \varepsilon_n \sim \mathcal{{N}}(0, {num(sigma, 3)}^2)")


def occlusion_latex(drops, target: int, base: float) -> str:
    """Occlusion: how much the class probability drops with each patch hidden, and the largest drop."""
    drops = np.asarray(drops, dtype=np.float64)
    peak = np.unravel_index(np.argmax(drops), drops.shape)
    return (rf"\Delta p_{{ij}} = p({target}\mid x) - p({target}\mid x \text{{ with patch }}(i,j) = 0)"
            rf" = {num(base)} - p_{{ij}}, \qquad \max \Delta p = \Delta p_{{{peak[0]},{peak[1]}}}"
            rf" = {num(drops[peak])}")


def gradcam_latex(weights, target: int) -> str:
    """Grad-CAM: the channel weights ``α_k`` and the map, the three largest terms written out."""
    weights = np.asarray(weights, dtype=np.float64)
    top_k = np.argsort(-weights)[:3]
    terms = " + ".join(rf"{num(weights[k], 3)}\,A^{{{k + 1}}}" for k in top_k)
    return (rf"\alpha_k = \frac{{1}}{{hw}}\sum_{{i,j}} \frac{{\partial z_{{{target}}}}}{{\partial A^k_{{ij}}}},"
            rf"\qquad L = \mathrm{{ReLU}}\Big(\sum_{{k=1}}^{{{weights.size}}} \alpha_k A^k\Big)"
            rf" = \mathrm{{ReLU}}\big({terms} + \dots\big)")

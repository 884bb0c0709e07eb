"""Static grid figures: one annotated heatmap, a grid of feature maps, an image next to its filtered
version.

All builders validate their inputs first (ValueError naming the argument), draw square cells with
row 0 at the top, write the numbers in the cells when the grid is small, and pick colour scales
that read in greyscale and for colour-blind viewers (see :mod:`cnnviz.figures._common`).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.nn.validation import chw_array

__all__ = ["heatmap_grid_figure", "feature_maps_figure", "image_pair_figure", "MAX_MAPS"]

MAX_MAPS = 128
"""Most feature maps one figure draws."""

_GAP_MAX_CELLS = 32  # grids up to this size get thin white lines between cells


def _scale(values, colorscale, zmid, *, default=cm.INPUT_SCALE) -> dict:
    """Colour keywords: automatic (sequential from 0 or diverging around 0), or the given scale,
    centred on ``zmid`` when given."""
    if colorscale is not None and not isinstance(colorscale, (str, list, tuple)):
        raise ValueError(f"colorscale must be a Plotly colour-scale name or list, got {type(colorscale).__name__}")
    if zmid is not None:
        try:
            zmid = float(zmid)
        except (TypeError, ValueError) as error:
            raise ValueError(f"zmid must be a number, got {zmid!r}") from error
        finite = values[np.isfinite(values)]
        extent = float(np.max(np.abs(finite - zmid))) if finite.size else 1.0
        extent = extent if extent > 0 else 1.0
        return {"colorscale": colorscale or cm.DIVERGING_SCALE, "zmin": zmid - extent, "zmax": zmid + extent}
    auto = cm.value_scale(values, sequential=default)
    if colorscale is not None:
        auto["colorscale"] = colorscale
    return auto


def _colorbar(domain_x, domain_y, font_size: int) -> dict:
    return {"x": domain_x[1] + 0.01, "xanchor": "left", "y": (domain_y[0] + domain_y[1]) / 2, "yanchor": "middle",
            "len": max(domain_y[1] - domain_y[0], 0.2), "thickness": 12, "outlinewidth": 0,
            "tickfont": {"size": font_size}}


def _cell_numbers(shape, cell_px: float, values, requested, presentation: bool, largest: float) -> tuple[bool, int]:
    """Whether a grid's cells show their numbers, and at what size: as requested, else for grids of
    at most 12 × 12 whose numbers fit their cells at no less than the smallest figure text."""
    fitted = cm.cell_font_size(cell_px, values, largest=cm.font_size(largest, presentation), smallest=1)
    floor = cm.MIN_TEXT_PX[presentation]
    show = requested if requested is not None else cm.numbers_on(shape, None) and fitted >= floor
    return bool(show), max(fitted, floor)


def _frame(index: int, rows: int, cols: int) -> dict:
    """A thin grey outline around a whole grid, so white cells still show where it ends."""
    return cm.rect(index, 0, 0, rows - 1, cols - 1, color="#b5b5b5", width=1, layer="below")


def _place(index: int, domain_x, domain_y, rows: int, cols: int, ticks: bool = False) -> dict:
    axes = cm.grid_axes(index, rows, cols, ticks=ticks)
    xname, yname = list(axes)
    xref, yref = cm.axis_ids(index)
    axes[xname].update(domain=list(domain_x), anchor=yref)
    axes[yname].update(domain=list(domain_y), anchor=xref)
    return axes


def heatmap_grid_figure(array2d, *, title="", numbers=None, colorscale=None, zmid=None, lang="en",
                        height=None, presentation=False) -> go.Figure:
    """One grid of numbers as a heatmap with square cells.

    Parameters
    ----------
    array2d : array_like, shape (H, W)
        NaN cells are left empty.
    title : str
        Drawn above the grid (already translated).
    numbers : bool or None
        Write the values in the cells; None: when the grid is at most 12 × 12 and they fit their
        cells at the smallest figure text (:data:`cnnviz.figures._common.MIN_TEXT_PX`).
    colorscale : str or list, optional
        Default: light-to-dark greys for non-negative values, blue–white–orange around 0 otherwise.
    zmid : float, optional
        Centre the colour scale on this value (symmetric range; diverging scale by default).
    lang : {"en", "zh"}
    height : int, optional
        Figure height in pixels; default from the grid's shape.
    presentation : bool
        Projector sizes: text never below 20 px.
    """
    grid = cm.as_grid(array2d, "array2d")
    cm.check_lang(lang)
    presentation = cm.check_flag(presentation)
    numbers = cm.check_numbers(numbers, "numbers")
    if not isinstance(title, str):
        raise ValueError(f"title must be a string, got {type(title).__name__}")
    if height is not None and (not isinstance(height, (int, np.integer)) or not 100 <= height <= 4000):
        raise ValueError(f"height must be an int number of pixels between 100 and 4000, got {height!r}")
    rows, cols = grid.shape
    show = cm.numbers_on(grid.shape, numbers)
    height = int(height or np.clip(rows * (44 if show else 8), 220, 640) + 70)
    cell_px = (height - 70) / rows
    show, font = _cell_numbers(grid.shape, cell_px, grid, numbers, presentation, 16)
    scale = _scale(grid, colorscale, zmid)
    trace = cm.grid_heatmap(grid, axis=1, scale=scale, numbers=show, font_size=font,
                            gap=1 if max(rows, cols) <= _GAP_MAX_CELLS else 0, showscale=not show)
    if not show:
        trace["colorbar"] = _colorbar((0, 0.9), (0, 1), cm.font_size(11, presentation))
    layout = cm.base_layout(height=height, font_size=cm.font_size(13, presentation),
                            margin={"l": 10, "r": 10, "t": 44 if title else 16, "b": 10})
    layout.update(_place(1, (0, 0.9 if not show else 1.0), (0, 1), rows, cols, ticks=max(rows, cols) <= 12))
    layout["shapes"] = [_frame(1, rows, cols)]
    if title:
        layout["title"] = {"text": title, "x": 0.5, "xanchor": "center", "font": {"size": cm.font_size(15, presentation)}}
    return go.Figure({"data": [trace], "layout": layout})


def feature_maps_figure(maps, *, titles=None, cols=None, shared_scale=True, colorscale=None, numbers=None,
                        lang="en", map_px=None, decimals=None, presentation=False) -> go.Figure:
    """A grid of small heatmaps, one per feature map (channel).

    Parameters
    ----------
    maps : array_like, shape (C, H, W)
        At most :data:`MAX_MAPS` maps.
    titles : list of str, optional
        One per map; default "Map 1", "Map 2", … in ``lang``.
    cols : int, optional
        Maps per row; default about √C (at most 8).
    shared_scale : bool
        One colour range for all maps (compare strengths across channels, one colour bar) or one
        per map (see each map's own pattern).
    colorscale : str or list, optional
        Default: greys from 0 for non-negative maps (after ReLU), blue–white–orange around 0 otherwise.
    numbers : bool or None
        Numbers in cells; None: when each map is at most 8 × 8 and its numbers fit their cells at
        the smallest figure text (:data:`cnnviz.figures._common.MIN_TEXT_PX`) even in the narrowest
        chart (:data:`cnnviz.figures._common.NARROWEST_CHART_PX`).
    lang : {"en", "zh"}
    map_px : int, optional
        Approximate size of one map in pixels (default from the number of maps).
    decimals : int, optional
        Cells read this many decimals (``-0.07``) instead of three significant digits.
    presentation : bool
        Projector sizes: larger text, never below 20 px.
    """
    stack = chw_array(maps, "maps", "(C, H, W)")
    count, rows, width = stack.shape
    if count > MAX_MAPS:
        raise ValueError(f"at most {MAX_MAPS} maps can be drawn, got {count}: pass a slice such as maps[:{MAX_MAPS}]")
    cm.check_lang(lang)
    numbers = cm.check_numbers(numbers, "numbers")
    presentation = cm.check_flag(presentation)
    if decimals is not None and (not isinstance(decimals, (int, np.integer)) or isinstance(decimals, bool)
                                 or not 0 <= decimals <= 6):
        raise ValueError(f"decimals must be an int from 0 to 6, got {decimals!r}")
    cm.check_flag(shared_scale, "shared_scale")
    if titles is None:
        titles = [t("figures.map", lang, i=i + 1) for i in range(count)]
    elif isinstance(titles, str) or len(titles) != count or not all(isinstance(s, str) for s in titles):
        raise ValueError(f"titles must be a list of {count} strings (one per map)")
    if cols is None:
        cols = min(8, math.ceil(math.sqrt(count)))
    elif not isinstance(cols, (int, np.integer)) or isinstance(cols, bool) or cols < 1:
        raise ValueError(f"cols must be a positive int, got {cols!r}")
    cols = int(min(cols, count))
    grid_rows = math.ceil(count / cols)
    map_px = int(map_px or np.clip(720 / cols, 70, 240))
    title_font = cm.font_size(12, presentation)
    title_px = title_font + 10
    height = int(grid_rows * (map_px * rows / max(rows, width) + title_px + 10) + 30)
    bar = shared_scale
    plot_right = 0.92 if bar else 1.0
    gap_x = 0.02
    cell_w = (plot_right - gap_x * (cols - 1)) / cols
    plot_h = height - 30
    row_h = 1.0 / grid_rows
    shared = _scale(stack, colorscale, None) if shared_scale else None
    # a map is at most map_px wide, and narrower when the columns share the narrowest chart
    narrowest = (cm.NARROWEST_CHART_PX[bool(presentation)] - 16) * cell_w
    label = "%{z:." + str(decimals) + "f}" if decimals is not None else cm.TEXT_TEMPLATE
    font = cm.cell_font_size(min(map_px, narrowest) / max(rows, width), stack, decimals=decimals,
                             largest=cm.font_size(14, presentation), smallest=1)
    floor = cm.MIN_TEXT_PX[bool(presentation)]
    show = numbers if numbers is not None else max(rows, width) <= 8 and font >= floor
    font = max(font, floor)

    data, annotations, layout_axes, shapes = [], [], {}, []
    for i in range(count):
        r, c = divmod(i, cols)
        x0 = c * (cell_w + gap_x)
        y1 = 1.0 - r * row_h - title_px / plot_h
        y0 = 1.0 - (r + 1) * row_h + 6 / plot_h
        index = i + 1
        layout_axes.update(_place(index, (x0, x0 + cell_w), (max(y0, 0.0), y1), rows, width))
        scale = shared if shared is not None else _scale(stack[i], colorscale, None)
        trace = cm.grid_heatmap(stack[i], axis=index, scale=scale, numbers=show, font_size=font,
                                gap=1 if max(rows, width) <= _GAP_MAX_CELLS else 0, name=titles[i],
                                showscale=bar and i == 0, text_template=label)
        if bar and i == 0:
            trace["colorbar"] = {"x": plot_right + 0.01, "xanchor": "left", "y": 0.5, "yanchor": "middle",
                                 "len": 0.9, "thickness": 12, "outlinewidth": 0,
                                 "tickfont": {"size": title_font}}
        data.append(trace)
        annotations.append(cm.domain_title(index, titles[i], font_size=title_font, yshift=2))
        shapes.append(_frame(index, rows, width))
    layout = cm.base_layout(height=height, font_size=title_font, margin={"l": 8, "r": 8, "t": 10, "b": 10})
    layout.update(layout_axes)
    layout["annotations"] = annotations
    layout["shapes"] = shapes
    return go.Figure({"data": data, "layout": layout})


def _as_image(array, name: str):
    """A 2-D grid (float64) or an RGB image (uint8, shape (H, W, 3))."""
    try:
        image = np.asarray(array)
        image = image.astype(np.float64) if image.dtype.kind in "biuf" else None
    except (TypeError, ValueError):
        image = None
    if image is None:
        raise ValueError(f"{name} must be a numeric array of shape (H, W) or (H, W, 3)")
    if image.ndim == 3 and image.shape[2] == 3 and image.size:
        finite = image[np.isfinite(image)]
        if finite.size and finite.max() <= 1.0 and finite.min() >= 0.0:
            image = image * 255.0
        return np.clip(np.nan_to_num(image), 0, 255).astype(np.uint8), True
    if image.ndim != 2 or image.size == 0:
        raise ValueError(f"{name} must have shape (H, W) or (H, W, 3), got {image.shape}")
    return image, False


def image_pair_figure(a, b, titles, *, colorscales=None, numbers=None, lang="en", height=None,
                      presentation=False) -> go.Figure:
    """Two images side by side: an input and its filtered version (e.g. a feature map).

    Parameters
    ----------
    a, b : array_like, shape (H, W) or (H, W, 3)
        2-D arrays are drawn as heatmaps with a colour bar; RGB images (0–255, or 0–1 floats) as
        pictures. The two may differ in size (a valid convolution shrinks the image).
    titles : (str, str)
        Already translated titles of ``a`` and ``b``.
    colorscales : (scale, scale), optional
        For 2-D inputs; default: black-to-white for a non-negative ``a`` (as the image looks),
        blue–white–orange around 0 for signed arrays, greys from 0 for a non-negative ``b``.
    numbers : bool or None
        Numbers in cells; None: only for grids of at most 12 × 12 whose numbers fit their cells at the
        smallest figure text.
    lang : {"en", "zh"}
    height : int, optional
    presentation : bool
        Projector sizes: text never below 20 px.
    """
    cm.check_lang(lang)
    presentation = cm.check_flag(presentation)
    numbers = cm.check_numbers(numbers, "numbers")
    if isinstance(titles, str) or len(titles) != 2 or not all(isinstance(s, str) for s in titles):
        raise ValueError("titles must be a pair of strings (title of a, title of b)")
    if colorscales is not None and (isinstance(colorscales, str) or len(colorscales) != 2):
        raise ValueError("colorscales must be a pair (scale of a, scale of b) or None")
    if height is not None and (not isinstance(height, (int, np.integer)) or not 100 <= height <= 4000):
        raise ValueError(f"height must be an int number of pixels between 100 and 4000, got {height!r}")
    images = [_as_image(a, "a"), _as_image(b, "b")]
    scales = colorscales or (None, None)
    tallest = max(img.shape[0] / img.shape[1] for img, _ in images)
    height = int(height or np.clip(430 * tallest, 260, 620) + 60)
    domains = [(0.0, 0.44), (0.53, 0.97)]
    data, layout_axes, annotations = [], {}, []
    for k, ((image, rgb), title) in enumerate(zip(images, titles)):
        index = k + 1
        rows, cols = image.shape[:2]
        layout_axes.update(_place(index, domains[k], (0.0, 1.0), rows, cols))
        xref, yref = cm.axis_ids(index)
        if rgb:
            data.append({"type": "image", "z": image.tolist(), "xaxis": xref, "yaxis": yref,
                         "hovertemplate": "(%{y}, %{x}) = %{z}<extra></extra>"})
        else:
            default = cm.IMAGE_SCALE if k == 0 else cm.INPUT_SCALE
            scale = _scale(image, scales[k], None, default=default)
            cell_px = (height - 60) / max(rows, cols)
            show, font = _cell_numbers(image.shape, cell_px, image, numbers, presentation, 15)
            trace = cm.grid_heatmap(image, axis=index, scale=scale, numbers=show, font_size=font,
                                    gap=1 if max(rows, cols) <= _GAP_MAX_CELLS else 0, showscale=True, name=title)
            trace["colorbar"] = _colorbar(domains[k], (0.0, 1.0), cm.font_size(10, presentation))
            data.append(trace)
        annotations.append(cm.domain_title(index, title, font_size=cm.font_size(14, presentation)))
    layout = cm.base_layout(height=height, font_size=cm.font_size(12, presentation), margin={"l": 8, "r": 8, "t": 36, "b": 8})
    layout.update(layout_axes)
    layout["annotations"] = annotations
    return go.Figure({"data": data, "layout": layout})

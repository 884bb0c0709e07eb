"""Figure of the Receptive-field page: one output unit's field, traced back through every layer.

:func:`receptive_field_figure` draws every stage of a conv/pool stack (the input, then each
layer's output) as a square grid, left to right. In each stage the units that feed the chosen
output unit are shaded by how many paths join them to it (darker = more paths, linear in the count:
the "effective" receptive field), and the full receptive field (:func:`cnnviz.nn.shapes.receptive_field_box`) is
outlined in vermillion; where it reaches past the border the cells are zero padding (hatched).
The last stage can be clicked to pick the output unit (each cell carries its ``(row, col)`` as
``customdata`` on an invisible marker, for ``st.plotly_chart(on_select=...)``).

Inputs come from :func:`cnnviz.lessons.connectivity.stack_geometry`, :func:`~cnnviz.lessons.connectivity.stage_boxes`
and :func:`~cnnviz.lessons.connectivity.influence_maps`; the builder only draws.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.lessons.connectivity import LayerSpec

__all__ = ["PICK_TRACE_NAME", "receptive_field_figure", "layer_label"]

PICK_TRACE_NAME = "pick"
"""``name`` of the invisible marker trace that makes the last stage clickable."""

PATH_SCALE = [[0.0, "#f3f3f3"], [1e-6, "#d4e4f4"], [0.5, "#5b8fc7"], [1.0, "#08306b"]]
"""Zero paths: light grey; then light to dark blue in proportion to the count (reads in greyscale,
distinct from the vermillion box)."""

_NOMINAL_WIDTH = 1000
_GAP = 0.045



def _figure(traces: list[dict], layout: dict) -> go.Figure:
    """The figure, built without Plotly's per-property validation (slow for big grids; the
    tests re-validate every builder's output with ``go.Figure(fig.to_dict())``)."""
    return go.Figure({"data": traces, "layout": layout}, _validate=False)

def layer_label(layer: LayerSpec, lang: str = "en") -> str:
    """``conv 3×3`` / ``pool 2×2`` plus the non-default stride, padding and dilation (``s2 p1 d2``)."""
    name = t(f"receptive.kind.{layer.kind}", lang)
    text = f"{name} {layer.kernel_size}×{layer.kernel_size}"
    extras = []
    default_stride = 1 if layer.kind == "conv" else layer.kernel_size
    if layer.stride != default_stride:
        extras.append(f"s{layer.stride}")
    if layer.padding:
        extras.append(f"p{layer.padding}")
    if layer.dilation != 1:
        extras.append(f"d{layer.dilation}")
    return text + (" " + " ".join(extras) if extras else "")


class _Style:
    def __init__(self, presentation: bool):
        scale = cm.scale(presentation)
        self.presentation = presentation
        self.font = cm.font_size(13, presentation)
        self.title = cm.font_size(13, presentation)
        self.note = cm.font_size(11, presentation)
        self.arrow = cm.font_size(22, presentation)
        self.box_width = 3.0 * scale
        self.panel_cap = 340 * scale


def _validate(layers, sizes, maps, boxes):
    layers = list(layers)
    if not layers or not all(isinstance(layer, LayerSpec) for layer in layers):
        raise ValueError("layers must be a non-empty list of connectivity.LayerSpec")
    sizes = [int(s) for s in sizes]
    stages = len(layers) + 1
    if len(sizes) != stages or len(maps) != stages or len(boxes) != stages:
        raise ValueError(
            f"{len(layers)} layers need {stages} sizes, maps and boxes (input first); got "
            f"{len(sizes)}, {len(maps)} and {len(boxes)}: pass a working stack's StackGeometry.sizes"
        )
    checked = []
    for stage, (size, grid) in enumerate(zip(sizes, maps)):
        grid = np.asarray(grid, dtype=np.float64)
        if grid.shape != (size, size):
            raise ValueError(f"map of stage {stage} has shape {grid.shape}, expected ({size}, {size})")
        checked.append(grid)
    boxes = [tuple(int(v) for v in box) for box in boxes]
    r0, r1, c0, c1 = boxes[-1]
    if r1 - r0 != 1 or c1 - c0 != 1 or not (0 <= r0 < sizes[-1] and 0 <= c0 < sizes[-1]):
        raise ValueError(f"the last box must be one unit inside the last {sizes[-1]}×{sizes[-1]} map, got {boxes[-1]}")
    return layers, sizes, checked, boxes


def _arrangement(stages: int, most: int) -> tuple[int, int]:
    """(rows, columns) of panels: one row up to ``most`` stages, else as few balanced rows as fit."""
    rows = math.ceil(stages / most)
    cols = math.ceil(stages / rows)
    return rows, cols


def receptive_field_figure(layers, sizes, maps, boxes, *, lang: str = "en", presentation: bool = False,
                           clickable: bool = True) -> go.Figure:
    """Every stage of a stack with the receptive field of one output unit.

    Parameters
    ----------
    layers : list of connectivity.LayerSpec
    sizes : sequence of int, side of every stage, input first (``len(layers) + 1``)
    maps : list of ndarray, shape (sizes[l], sizes[l])
        Paths from each unit to the chosen output unit (:func:`cnnviz.lessons.connectivity.influence_maps`).
    boxes : list of (row0, row1, col0, col1)
        Half-open receptive-field box in every stage (:func:`cnnviz.lessons.connectivity.stage_boxes`);
        the last one is the chosen unit itself.
    lang : "en" or "zh"
    presentation : bool
        Larger fonts and panels.
    clickable : bool
        Add the invisible, clickable markers on the last stage (trace named :data:`PICK_TRACE_NAME`).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    cm.check_lang(lang)
    cm.check_flag(presentation)
    layers, sizes, maps, boxes = _validate(layers, sizes, maps, boxes)
    style = _Style(bool(presentation))
    stages = len(sizes)
    n_rows, n_cols = _arrangement(stages, 3 if style.presentation else 4)
    col_w = (1 - _GAP * (n_cols - 1)) / n_cols
    panel_px = min(col_w * _NOMINAL_WIDTH, style.panel_cap)
    title_px = 58 if not style.presentation else 72
    row_gap_px = title_px + 30
    plot_h = n_rows * panel_px + (n_rows - 1) * row_gap_px

    traces: list[dict] = []
    axes: dict = {}
    shapes: list[dict] = []
    annotations: list[dict] = []
    last_row, last_col = boxes[-1][0], boxes[-1][2]

    for stage in range(stages):
        row, col = divmod(stage, n_cols)
        axis = stage + 1
        xref, yref = cm.axis_ids(axis)
        x0 = col * (col_w + _GAP)
        top = 1 - row * (panel_px + row_gap_px) / plot_h
        size, grid = sizes[stage], maps[stage]
        r0, r1, c0, c1 = boxes[stage]
        lo = min(0, r0, c0)
        hi = max(size, r1, c1)
        extent = hi - lo
        xname = "xaxis" if axis == 1 else f"xaxis{axis}"
        yname = "yaxis" if axis == 1 else f"yaxis{axis}"
        common = {"showgrid": False, "zeroline": False, "showline": False, "fixedrange": True,
                  "showticklabels": False, "ticks": "", "constrain": "domain"}
        axes[xname] = {**common, "domain": [x0, min(x0 + col_w, 1.0)], "range": [lo - 0.5, hi - 0.5],
                       "anchor": yref}
        axes[yname] = {**common, "domain": [max(top - panel_px / plot_h, 0.0), min(top, 1.0)],
                       "range": [hi - 0.5, lo - 0.5], "anchor": xref, "scaleanchor": xref, "scaleratio": 1}
        cell_px = panel_px / extent
        peak = float(grid.max())
        shade = grid / peak if peak > 0 else grid
        traces.append({
            "type": "heatmap", "z": cm.to_list(np.round(shade, 4)), "customdata": grid.astype(np.int64).tolist(),
            "xaxis": xref, "yaxis": yref, "colorscale": PATH_SCALE, "zmin": 0.0, "zmax": 1.0, "showscale": False,
            "xgap": 1 if cell_px >= 6 else 0, "ygap": 1 if cell_px >= 6 else 0, "hoverongaps": False,
            "hovertemplate": t("receptive.fig.hover", lang) + "<extra></extra>",
        })
        # path counts written in the cells when they fit at a readable size
        count_font = int(np.clip(cell_px * 0.38, cm.MIN_TEXT_PX[bool(style.presentation)], cm.font_size(15, style.presentation)))
        if cell_px >= 20 and peak < 1000 and cm.text_px(f"{int(peak)}", count_font) <= 0.92 * cell_px \
                and count_font <= 0.8 * cell_px:
            cells = np.argwhere(grid > 0)
            values = grid[grid > 0]
            dark = values / peak > 0.45
            for ink, chosen in (("#ffffff", dark), (cm.TEXT, ~dark)):
                if chosen.any():
                    traces.append({
                        "type": "scatter", "mode": "text", "x": cells[chosen, 1].tolist(),
                        "y": cells[chosen, 0].tolist(), "text": [f"{int(v)}" for v in values[chosen]],
                        "textfont": {"size": count_font, "color": ink},
                        "hoverinfo": "skip", "showlegend": False, "xaxis": xref, "yaxis": yref,
                    })
        # zero padding the field reaches into
        if lo < 0 or hi > size:
            ring = np.ones((extent, extent), dtype=bool)
            ring[-lo: -lo + size, -lo: -lo + size] = False
            ring[:, :] &= _box_mask(extent, lo, (r0, r1, c0, c1))
            if ring.any():
                hatch = cm.hatched_cells(ring, axis=axis)
                hatch["x"] = [None if v is None else v + lo for v in hatch["x"]]
                hatch["y"] = [None if v is None else v + lo for v in hatch["y"]]
                traces.append(hatch)
        shapes.append(cm.rect(axis, 0, 0, size - 1, size - 1, color="#8c8c8c", width=1))
        is_last = stage == stages - 1
        shapes.append(cm.rect(axis, r0, c0, r1 - 1, c1 - 1, color=cm.HIGHLIGHT,
                              width=style.box_width * (1.3 if is_last else 1.0),
                              fill="rgba(0,0,0,0)" if not is_last else cm.HIGHLIGHT_SOFT))
        # titles
        if stage == 0:
            title = t("receptive.fig.input", lang, n=size)
            detail = t("receptive.fig.input_rf", lang, rf=r1 - r0)
        else:
            title = t("receptive.fig.layer", lang, i=stage, label=layer_label(layers[stage - 1], lang), n=size)
            detail = (t("receptive.fig.unit", lang, row=last_row, col=last_col) if is_last
                      else t("receptive.fig.stage_rf", lang, rf=r1 - r0))
        annotations.append(cm.domain_title(axis, f"<b>{title}</b><br>{detail}", font_size=style.title, yshift=4))
        # arrow to the next stage in the same row
        if stage < stages - 1 and col < n_cols - 1:
            annotations.append({
                "text": "→", "xref": "paper", "yref": "paper", "x": x0 + col_w + _GAP / 2,
                "y": top - panel_px / plot_h / 2, "xanchor": "center", "yanchor": "middle", "showarrow": False,
                "font": {"size": style.arrow, "color": "#666666"},
            })
    if clickable:
        last = sizes[-1]
        axis = stages
        xref, yref = cm.axis_ids(axis)
        rows, cols = np.divmod(np.arange(last * last), last)
        traces.append({
            "type": "scatter", "mode": "markers", "name": PICK_TRACE_NAME, "x": cols.tolist(), "y": rows.tolist(),
            "customdata": np.stack([rows, cols], axis=1).tolist(), "xaxis": xref, "yaxis": yref,
            "marker": {"symbol": "square", "size": max(4.0, min(panel_px / last * 0.9, 60.0)), "opacity": 0.0,
                       "color": cm.HIGHLIGHT},
            "hovertemplate": t("receptive.fig.pick_hover", lang) + "<extra></extra>", "showlegend": False,
        })
    height = int(plot_h + title_px + 16)
    layout = cm.base_layout(height=height, font_size=style.font, margin={"l": 8, "r": 8, "t": title_px, "b": 16})
    layout.pop("width", None)
    layout.update(axes)
    layout["shapes"] = shapes
    layout["annotations"] = annotations
    layout["clickmode"] = "event+select"
    layout["dragmode"] = False
    return _figure(traces, layout)


def _box_mask(extent: int, lo: int, box) -> np.ndarray:
    """Cells of the drawn extent (origin ``lo``) inside the half-open box (row0, row1, col0, col1)."""
    r0, r1, c0, c1 = box
    coords = np.arange(extent) + lo
    rows = (coords >= r0) & (coords < r1)
    cols = (coords >= c0) & (coords < c1)
    return rows[:, None] & cols[None, :]

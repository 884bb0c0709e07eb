"""Figures and page helpers of the Architectures page.

Figures (pure Plotly; a :class:`cnnviz.architectures.Summary` in, a ``go.Figure`` out):

- :func:`volumes_figure`: the network as a row of 3-D-looking boxes, one per tensor, like the
  classic AlexNet drawing. Sizes are log-scaled so VGG's 224×224×3 input and its 7×7×512 maps
  fit in one row: a box is ``log(C)`` thick, ``log(H)`` tall and ``log(W)`` deep (oblique
  projection, drawn with isometric 2-D polygons). A flat vector is a thin bar ``log(n)`` tall.
  A layer that cannot work is a dashed vermillion box; the layers waiting behind it are dotted grey.
- :func:`cost_figure`: where the parameters live and where the multiply-adds go, one bar per
  layer with its share of the total (the fully connected layers dominate AlexNet's and VGG's
  parameters; the convolutions their compute).
- :func:`reduction_figure`: the Inception 1×1 reduction: 819,200 weights for a direct 5×5 conv
  against 4,096 + 204,800 = 208,896 with a 1×1 layer first, and the 204,800 the slides print.

Page helpers (pure Python, no Streamlit; the compact spec that puts a custom network into the URL
is parsed by :mod:`cnnviz.architectures.spec`):

- :func:`spec_error_message` (a spec error in the reader's language), :func:`summary_records`
  (the summary table's cells), :func:`cost_shares`, :func:`size_latex`, :func:`params_latex`,
  and number formats (:func:`group_digits`, :func:`compact_count`, :func:`human_bytes`).

Every number shown comes from :func:`cnnviz.architectures.summarize` (or
:func:`~cnnviz.architectures.inception_reduction_example`); the builders only draw.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from cnnviz import architectures as A
from cnnviz.architectures.spec import SpecError
from cnnviz.figures import _common as cm
from cnnviz.figures import formulas
from cnnviz.i18n import STRINGS, problem_fix, problem_message, t
from cnnviz.nn import shapes
from cnnviz.nn.shapes import ShapeError

__all__ = [
    "hparams_text", "kind_text", "row_reason", "row_fix", "summary_to_csv",
    "spec_error_message", "RECORD_COLUMNS", "summary_records", "record_label", "cost_rows", "cost_shares", "kind_group",
    "drawn_rows", "size_latex", "params_latex", "group_digits", "compact_count", "human_bytes",
    "volumes_figure", "cost_figure", "reduction_figure",
]

# ---------------------------------------------------------------------------------------------
# messages of the compact spec (parsed by cnnviz.architectures.spec)
# ---------------------------------------------------------------------------------------------

def spec_error_message(error: SpecError, lang: str = "en") -> str:
    """What is wrong with a spec, naming the token: 'layer 3 “conv”: conv and fc layers need ...'."""
    text = problem_message(error.problem, lang)
    if error.position is None:
        return text
    return t("archpage.spec.at", lang, position=error.position, token=error.token, message=text)


# ---------------------------------------------------------------------------------------------
# numbers as text
# ---------------------------------------------------------------------------------------------

def group_digits(n) -> str:
    """``1199882`` → ``"1,199,882"``."""
    return f"{int(n):,}"


def compact_count(n, lang: str = "en") -> str:
    """A large count in a few characters: en ``62.4 M`` / ``1.14 G``; zh ``6238 万`` / ``11.4 亿``."""
    cm.check_lang(lang)
    n = int(n)
    if lang == "zh":
        if abs(n) < 10_000:
            return group_digits(n)
        if abs(n) < 100_000_000:
            return f"{n / 1e4:.4g} 万"
        if abs(n) < 1e16:
            return f"{n / 1e8:.4g} 亿"
        return f"{n:.3g}"
    if abs(n) >= 1e15:
        return f"{n:.3g}"
    for size, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= size:
            return f"{n / size:.3g} {unit}"
    return str(n)


def human_bytes(n) -> str:
    """Bytes with binary units, three significant digits: ``4.4 MB`` (1 MB = 1024² bytes)."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if abs(value) < 1024 or unit == "GB":
            return f"{int(value)} B" if unit == "B" else f"{value:.3g} {unit}"
        value /= 1024
    return f"{value:.3g} GB"  # pragma: no cover - loop always returns


# ---------------------------------------------------------------------------------------------
# the summary table
# ---------------------------------------------------------------------------------------------

RECORD_COLUMNS = ("row", "layer", "status", "type", "hparams", "shape", "params", "formula", "macs", "memory", "rf",
                  "note")
"""Columns of :func:`summary_records` (``row`` only for custom networks)."""

_LABEL_KEYS = {"layer": "arch.col.name", "type": "arch.col.type", "hparams": "arch.col.hparams",
               "shape": "arch.col.out_shape", "params": "arch.col.params", "formula": "arch.col.formula",
               "macs": "arch.col.macs", "status": "arch.col.status", "memory": "archpage.col.memory",
               "rf": "archpage.col.rf", "note": "archpage.col.note", "row": "archpage.col.row"}


def record_label(column: str, lang: str = "en") -> str:
    """The translated header of a :data:`RECORD_COLUMNS` column."""
    return t(_LABEL_KEYS[column], lang)


def summary_records(summary: A.Summary, lang: str = "en", table_rows=None) -> list[dict]:
    """The summary table's cells: one dict per row plus a final totals row.

    Keys are :data:`RECORD_COLUMNS`; numbers stay numbers (``None`` where there is none) so the
    page can format and sort them; ``status`` is the code ("ok", "invalid", "waiting", "total").
    ``table_rows`` (for a custom network) gives, per layer, its 1-based row in the editable table.
    Rows inside a composite are indented by their depth.
    """
    cm.check_lang(lang)
    records = []
    layer_rows = iter(table_rows or ())
    for r in summary.rows:
        note = ""
        if r.status == "invalid":
            note = t("archpage.note.invalid", lang, reason=row_reason(r, lang), fix=row_fix(r, lang))
        elif r.status == "waiting":
            note = row_reason(r, lang)
        rf = "" if r.rf is None else t("archpage.rf_jump", lang, rf=r.rf_text, jump=r.jump_text)
        record = {
            "row": None if (table_rows is None or r.index == 0) else next(layer_rows, None),
            "layer": "\u2003" * r.depth + r.name,
            "type": kind_text(r, lang),
            "hparams": hparams_text(r, lang),
            "shape": r.shape_text,
            "params": r.params,
            "formula": r.formula,
            "macs": r.macs,
            "memory": None if r.status != "ok" or r.kind in _IN_PLACE else r.act_bytes,
            "rf": rf,
            "status": r.status,
            "note": note,
        }
        records.append(record)
    records.append({
        "row": None, "layer": t("arch.total", lang), "type": "", "hparams": "",
        "shape": A._shape_text(summary.output_shape), "params": summary.total_params,
        "formula": "", "macs": summary.total_macs, "memory": summary.activation_bytes, "rf": "",
        "status": "total", "note": "" if summary.valid else t("archpage.note.partial_totals", lang),
    })
    return records


_IN_PLACE = frozenset({"relu", "leaky_relu", "dropout", "flatten"})
"""Kinds whose output costs no extra memory in PyTorch (as :func:`cnnviz.architectures.summarize` counts)."""


# ---------------------------------------------------------------------------------------------
# where the parameters and the compute go
# ---------------------------------------------------------------------------------------------

_GROUPS = {
    "input": "input", "conv": "conv", "partial_conv": "conv", "maxpool": "pool", "avgpool": "pool",
    "subsample": "pool", "global_avgpool": "pool", "linear": "fc", "rbf": "fc", "inception": "block",
    "residual": "block", "flatten": "other", "batchnorm": "other",
}
GROUP_ORDER = ("input", "conv", "pool", "fc", "block", "other")
_GROUP_COLORS = {"input": "#bdbdbd", "conv": "#0072b2", "pool": "#56b4e9", "fc": "#e69f00", "block": "#009e73",
                 "other": "#cc79a7"}
_GROUP_PATTERN = {"fc": "/", "pool": ".", "other": "x"}


def kind_group(kind: str) -> str:
    """The colour group of a layer kind: input, conv, pool, fc, block or other."""
    return _GROUPS.get(kind, "other")


def cost_rows(summary: A.Summary, max_rows: int = 40) -> list[A.Row]:
    """Rows that hold parameters or do multiply-adds (valid ones): the leaves, or the top-level
    rows when there would be more than ``max_rows`` leaves (ResNet-18)."""
    leaves = [r for r in summary.rows if r.status == "ok" and not r.is_group and r.index and (r.params or r.macs)]
    if len(leaves) <= max_rows:
        return leaves
    return [r for r in summary.rows if r.status == "ok" and r.depth == 0 and r.index and (r.params or r.macs)]


def cost_shares(summary: A.Summary) -> dict[str, tuple[int, int]]:
    """``{group: (parameters, multiply-adds)}`` over the valid leaf rows, for "conv" and "fc"
    and everything else together as "other"."""
    shares = {"conv": [0, 0], "fc": [0, 0], "other": [0, 0]}
    for r in summary.rows:
        if r.status != "ok" or r.is_group or not r.index:
            continue
        group = kind_group(r.kind)
        group = group if group in ("conv", "fc") else "other"
        shares[group][0] += r.params or 0
        shares[group][1] += r.macs or 0
    return {k: (v[0], v[1]) for k, v in shares.items()}


def _percent(part: int, whole: int) -> str:
    if not whole:
        return ""
    share = 100 * part / whole
    if 0 < share < 0.05:
        return "<0.1%"
    return f"{share:.1f}%" if share < 10 else f"{share:.0f}%"


def cost_figure(summary: A.Summary, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Two bar charts side by side: each layer's parameters and multiply-adds, with its share.

    Bars are coloured by kind (conv blue, fully connected orange and hatched, pooling dotted),
    so the charts read in greyscale too. Only valid rows that hold parameters or do work appear.
    """
    cm.check_lang(lang)
    if not isinstance(summary, A.Summary):
        raise ValueError(f"summary must be a cnnviz.architectures.Summary, got {type(summary).__name__}")
    rows = cost_rows(summary)
    font = cm.font_size(12, presentation)
    row_px = 30 if presentation else 22
    names = [cm.plain_text(r.name) for r in rows]
    total_params = sum(r.params or 0 for r in rows) if rows else 0
    total_macs = sum(r.macs or 0 for r in rows) if rows else 0
    traces = []
    for axis, (field, total) in enumerate((("params", total_params), ("macs", total_macs)), start=1):
        xref, yref = cm.axis_ids(axis)
        for group in GROUP_ORDER:
            members = [r for r in rows if kind_group(r.kind) == group]
            if not members:
                continue
            values = [getattr(r, field) or 0 for r in members]
            traces.append({  # x as floats: counts of absurd networks exceed JSON's 64-bit integers
                "type": "bar", "orientation": "h", "x": [float(v) for v in values], "y": [cm.plain_text(r.name) for r in members],
                "xaxis": xref, "yaxis": yref, "name": t(f"archpage.group.{group}", lang),
                "legendgroup": group, "showlegend": axis == 1,
                "marker": {"color": _GROUP_COLORS[group], "line": {"color": "#333333", "width": 0.5},
                           "pattern": {"shape": _GROUP_PATTERN.get(group, ""), "fgcolor": "#333333",
                                       "size": 6, "solidity": 0.25}},
                "text": [_percent(v, total) for v in values], "textposition": "outside", "cliponaxis": False,
                "textfont": {"size": font},
                "customdata": [[group_digits(v), kind_text(r, lang)] for v, r in zip(values, members)],
                "hovertemplate": "%{y} (%{customdata[1]})<br>%{customdata[0]}<extra></extra>",
            })
    height = max(220, 110 + row_px * len(rows))
    layout = cm.base_layout(height=height, font_size=font, margin={"l": 10, "r": 40, "t": 70, "b": 30})
    common_x = {"showgrid": True, "gridcolor": "#e6e6e6", "zeroline": False, "fixedrange": True,
                "tickformat": "~s", "rangemode": "tozero"}
    common_y = {"categoryorder": "array", "categoryarray": names[::-1], "fixedrange": True, "automargin": True,
                "tickfont": {"size": font}}
    layout.update(
        xaxis={**common_x, "domain": [0.0, 0.46]}, xaxis2={**common_x, "domain": [0.54, 1.0]},
        yaxis={**common_y, "anchor": "x"}, yaxis2={**common_y, "anchor": "x2", "showticklabels": False},
        barmode="overlay", showlegend=True, bargap=0.25, plot_bgcolor="#ffffff",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": font}},
        annotations=[
            cm.domain_title(1, t("archpage.cost.params", lang, total=compact_count(total_params, lang)),
                            font_size=font + 1, yshift=30),
            cm.domain_title(2, t("archpage.cost.macs", lang, total=compact_count(total_macs, lang)),
                            font_size=font + 1, yshift=30),
        ],
    )
    if not rows:
        layout["annotations"].append({"text": t("archpage.cost.empty", lang), "xref": "paper", "yref": "paper",
                                      "x": 0.5, "y": 0.5, "showarrow": False, "font": {"size": font}})
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ---------------------------------------------------------------------------------------------
# the network as a row of volumes
# ---------------------------------------------------------------------------------------------

_SHAPE_KEEPING = frozenset({"relu", "leaky_relu", "sigmoid", "tanh", "lecun_tanh", "softmax", "dropout", "lrn",
                            "batchnorm"})


def drawn_rows(summary: A.Summary) -> list[A.Row]:
    """The top-level rows drawn as volumes: the input and every layer that makes a new shape
    (activations, dropout and normalization keep it and are left out), plus the invalid row."""
    return [r for r in summary.rows
            if r.depth == 0 and (r.index == 0 or r.kind not in _SHAPE_KEEPING or r.status == "invalid")]


def _size(n: int) -> float:
    """Log-scaled drawing length of a spatial size: 1 → 2, 28 → 11.6, 224 → 17.6."""
    return 2.0 + 2.0 * math.log2(max(int(n), 1))


def _thickness(channels: int) -> float:
    """Log-scaled thickness of a map with ``channels`` channels: 1 → 0.8, 96 → 6.7, 512 → 8.9."""
    return 0.8 + 0.9 * math.log2(max(int(channels), 1))


def _box_dims(shape) -> tuple[float, float, float]:
    """``(thickness, height, depth)`` of the box drawn for a tensor shape."""
    if shape is None:
        return 3.0, 10.0, 3.0
    if len(shape) == 3:
        c, h, w = shape
        return _thickness(c), _size(h), 0.45 * _size(w)
    (n,) = shape
    return 1.2, 2.0 + 1.5 * math.log2(max(int(n), 1)), 0.9


def _mix(color: str, other: str, amount: float) -> str:
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b))


def _box_paths(x: float, y0: float, thick: float, height: float, depth: float) -> tuple[str, str, str]:
    """SVG paths of the front, top and side faces of a box in oblique projection."""
    y1 = y0 + height
    front = f"M{x:.3f},{y0:.3f}H{x + thick:.3f}V{y1:.3f}H{x:.3f}Z"
    top = f"M{x:.3f},{y1:.3f}L{x + depth:.3f},{y1 + depth:.3f}H{x + thick + depth:.3f}L{x + thick:.3f},{y1:.3f}Z"
    side = (f"M{x + thick:.3f},{y0:.3f}L{x + thick + depth:.3f},{y0 + depth:.3f}V{y1 + depth:.3f}"
            f"L{x + thick:.3f},{y1:.3f}Z")
    return front, top, side


@dataclass
class _Box:
    row: A.Row
    x: float
    y: float  # vertical centre
    thick: float
    height: float
    depth: float
    lane: bool = False  # a box inside an Inception branch (labelled next to itself)

    @property
    def right(self) -> float:
        return self.x + self.thick + self.depth

    @property
    def centre(self) -> float:
        return self.x + (self.thick + self.depth) / 2


_MIN_SLOT = 12.0
"""Least horizontal room per box (data units), so neighbouring labels do not run together."""
_GAP = 3.0


def _make_box(row: A.Row, x: float, y: float, lane: bool = False) -> _Box:
    thick, height, depth = _box_dims(row.out_shape if row.status == "ok" else None)
    return _Box(row, x, y, thick, height, depth, lane)


def _advance(box: _Box) -> float:
    """Where the next box starts: after this one and a gap, at least a slot further."""
    return box.x + max(box.thick + box.depth + _GAP, _MIN_SLOT)


def _branch_rows(summary: A.Summary, group: A.Row, layer) -> list[list[A.Row]]:
    """The drawn rows of each branch of the Inception ``layer`` summarised by ``group``."""
    children = []
    for r in summary.rows[group.index + 1:]:
        if r.depth <= group.depth:
            break
        if r.depth == group.depth + 1:
            children.append(r)
    lanes, start = [], 0
    for branch in layer.branches:
        rows = children[start:start + len(branch)]
        start += len(branch)
        lanes.append([r for r in rows if r.kind not in _SHAPE_KEEPING or r.status == "invalid"])
    return lanes


def _layout(summary: A.Summary, network) -> tuple[list[_Box], list[tuple[float, float, float, float]]]:
    """Boxes and connector segments ``(x0, y0, x1, y1)``; Inception modules open into lanes."""
    layers = list(network.layers) if network is not None else []
    top = [r for r in summary.rows if r.depth == 0]
    layer_of = {r.index: layers[i - 1] for i, r in enumerate(top) if 0 < i <= len(layers)}
    boxes: list[_Box] = []
    links = []
    x = 0.0
    for r in drawn_rows(summary):
        layer = layer_of.get(r.index)
        if isinstance(layer, A.Inception) and boxes:
            lanes = _branch_rows(summary, r, layer)
            lane_boxes = []
            pitch = 0.0
            for lane in lanes:
                for child in lane:
                    b = _make_box(child, 0.0, 0.0, lane=True)
                    pitch = max(pitch, b.height + b.depth + 9.0)
            start = boxes[-1]
            x_lane = _advance(start) + 4.0
            x_split = x_lane - 2.5
            lane_ends = []
            for k, lane in enumerate(lanes):
                y = ((len(lanes) - 1) / 2 - k) * pitch
                xk = x_lane
                previous = None
                for child in lane:
                    b = _make_box(child, xk, y, lane=True)
                    lane_boxes.append(b)
                    if previous is None:  # fan out from the input, then run level into the lane
                        links += [(start.right, start.y, x_split, y), (x_split, y, b.x, y)]
                    else:
                        links.append((previous.x + previous.thick, y, b.x, y))
                    previous = b
                    xk = _advance(b) + 2.0
                lane_ends.append((previous.x + previous.thick if previous else x_split, y))
            boxes.extend(lane_boxes)
            x_join = max([_advance(b) for b in lane_boxes] + [x_lane])
            x = x_join + 4.0
            group_box = _make_box(r, x, 0.0)
            for end_x, y in lane_ends:  # run level to the join, then into the concatenation
                links += [(end_x, y, x_join, y), (x_join, y, group_box.x, group_box.y)]
            boxes.append(group_box)
            x = _advance(group_box)
            continue
        box = _make_box(r, x, 0.0)
        boxes.append(box)
        x = _advance(box)
    return boxes, links


_SKIP_COLORS = {False: "#009e73", True: "#cc79a7"}  # Okabe–Ito green (identity), reddish purple (projection)


def _skips(summary: A.Summary, network, boxes: list[_Box]) -> list[tuple[_Box, _Box, bool]]:
    """``(block input box, block output box, projected)`` for every residual block of ``network``."""
    if network is None:
        return []
    layers = list(network.layers)
    top = [r for r in summary.rows if r.depth == 0]
    layer_of = {r.index: layers[i - 1] for i, r in enumerate(top) if 0 < i <= len(layers)}
    main = [b for b in boxes if not b.lane]
    skips = []
    for before, box in zip(main, main[1:]):
        layer = layer_of.get(box.row.index)
        if isinstance(layer, A.Residual) and box.row.status == "ok":
            skips.append((before, box, bool(layer.shortcut)))
    return skips


def volumes_figure(summary: A.Summary, network=None, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """The network as a row of boxes, one per tensor, labelled with its name and ``C×H×W``.

    Each box is ``log(C)`` thick, ``log(H)`` tall and ``log(W)`` deep (see :func:`_box_dims`),
    coloured by the kind of layer that made it. The first invalid layer is a dashed vermillion
    box marked ✗; the layers waiting behind it are dotted grey boxes marked "?". Hovering a box
    gives its layer, shape and parameter count. When ``network`` (the
    :class:`~cnnviz.architectures.Network` summarised) is given, an Inception module opens into
    its parallel branches, one lane each, joined again at the concatenated output, and every
    residual block gets its skip connection drawn as an arc from the block's input to its output
    (dashed green: identity; solid purple: a 1×1 projection shortcut).
    """
    cm.check_lang(lang)
    if not isinstance(summary, A.Summary):
        raise ValueError(f"summary must be a cnnviz.architectures.Summary, got {type(summary).__name__}")
    if network is not None and not isinstance(network, A.Network):
        raise ValueError(f"network must be a cnnviz.architectures.Network or None, got {type(network).__name__}")
    boxes, links = _layout(summary, network)
    skips = _skips(summary, network, boxes)
    font = cm.font_size(11, presentation)
    step = 4.0 if presentation else 3.2
    main = [b for b in boxes if not b.lane]
    main_top = max((b.height / 2 + b.depth for b in main), default=10.0)
    main_bottom = min((-b.height / 2 for b in main), default=-10.0)
    stagger = len(main) > 9
    shapes_out = []
    hover = {"x": [], "y": [], "text": []}
    names = {"x": [], "y": [], "text": []}
    dims = {"x": [], "y": [], "text": [], "color": []}
    used_groups = []
    for _i, b in enumerate(boxes):
        r = b.row
        y0 = b.y - b.height / 2
        front, top_face, side = _box_paths(b.x, y0, b.thick, b.height, b.depth)
        if r.status == "ok":
            group = kind_group(r.kind)
            if group not in used_groups:
                used_groups.append(group)
            base = _GROUP_COLORS[group]
            line = {"color": _mix(base, "#000000", 0.45), "width": 0.8}
            faces = ((front, base), (top_face, _mix(base, "#ffffff", 0.45)), (side, _mix(base, "#000000", 0.25)))
            label, color = r.shape_text, cm.TEXT
            text = t("archpage.volume.hover", lang, name=cm.plain_text(r.name), kind=cm.plain_text(kind_text(r, lang)),
                     shape=r.shape_text,
                     params=group_digits(r.params or 0))
        else:
            invalid = r.status == "invalid"
            color = cm.HIGHLIGHT if invalid else "#8c8c8c"
            line = {"color": color, "width": 2 if invalid else 1.2, "dash": "dash" if invalid else "dot"}
            faces = ((front, "rgba(0,0,0,0)"), (top_face, "rgba(0,0,0,0)"), (side, "rgba(0,0,0,0)"))
            label = "✗" if invalid else "?"
            name, reason = cm.plain_text(r.name), cm.plain_text(row_reason(r, lang))  # a problem may quote typed text
            text = (t("archpage.volume.invalid_hover", lang, name=name, reason=reason, fix=cm.plain_text(row_fix(r, lang)))
                    if invalid else f"{name}: {reason}")
        for path, fill in faces:
            shapes_out.append({"type": "path", "path": path, "fillcolor": fill, "line": line, "xref": "x", "yref": "y",
                               "layer": "above"})
        if b.lane:
            name = cm.plain_text(r.name.split(".")[-1])
            name_y, dims_y = b.y + b.height / 2 + b.depth + 1.6, b.y - b.height / 2 - 1.8
        else:
            level = (main.index(b) % 2) if stagger else 0
            name = cm.plain_text(r.name) if r.index else t("arch.kind.input", lang)
            name_y, dims_y = main_top + 1.8 + level * step, main_bottom - 1.8 - level * step
        names["x"].append(b.centre)
        names["y"].append(name_y)
        names["text"].append(name)
        dims["x"].append(b.centre)
        dims["y"].append(dims_y)
        dims["text"].append(label)
        dims["color"].append(color)
        hover["x"].append(b.centre)
        hover["y"].append(b.y)
        hover["text"].append(text)
    link_x, link_y = [], []
    for x0, y0, x1, y1 in links:
        link_x += [x0, x1, None]
        link_y += [y0, y1, None]
    traces = [
        {"type": "scatter", "mode": "lines", "x": link_x, "y": link_y, "line": {"color": "#9a9a9a", "width": 1.2},
         "hoverinfo": "skip", "showlegend": False, "name": "links"},
        {"type": "scatter", "mode": "markers", "x": hover["x"], "y": hover["y"], "hovertext": hover["text"],
         "hoverinfo": "text", "marker": {"size": 28, "opacity": 0}, "showlegend": False, "name": "boxes"},
        {"type": "scatter", "mode": "text", "x": names["x"], "y": names["y"], "text": names["text"],
         "textfont": {"size": font, "color": cm.TEXT}, "hoverinfo": "skip", "showlegend": False, "name": "names"},
        {"type": "scatter", "mode": "text", "x": dims["x"], "y": dims["y"], "text": dims["text"],
         "textfont": {"size": font, "color": dims["color"]}, "hoverinfo": "skip", "showlegend": False,
         "name": "shapes"},
    ]
    levels = 1 if stagger else 0
    arc_base = main_top + 3.6 + levels * step
    arc_top = arc_base
    for start, end, projected in skips:  # each residual block's skip connection arches over it
        peak = arc_base + 1.2  # above the names
        arc_top = max(arc_top, peak)
        color = _SKIP_COLORS[projected]
        x_start = start.x + start.thick + start.depth * 0.5  # leave from the back edge, clear of the name
        x_end = end.x + end.depth * 0.5
        y_start, y_end = start.y + start.height / 2 + start.depth, end.y + end.height / 2 + end.depth
        control = (peak - 0.125 * (y_start + y_end)) / 0.75  # a cubic Bézier peaks at ¾ of its control height
        shapes_out.append({"type": "path", "xref": "x", "yref": "y", "layer": "below",
                           "path": f"M {x_start},{y_start} C {x_start},{control} {x_end},{control} {x_end},{y_end}",
                           "line": {"color": color, "width": 2.0 if projected else 1.6,
                                    "dash": "solid" if projected else "dash"}})
    for projected in sorted({p for _, _, p in skips}):
        traces.append({"type": "scatter", "mode": "lines", "x": [None], "y": [None], "showlegend": True,
                       "name": t(f"archpage.skip.{'projection' if projected else 'identity'}", lang),
                       "hoverinfo": "skip", "line": {"color": _SKIP_COLORS[projected], "width": 2,
                                                     "dash": "solid" if projected else "dash"}})
    for group in used_groups:
        traces.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "showlegend": True,
                       "name": t(f"archpage.group.{group}", lang), "hoverinfo": "skip",
                       "marker": {"symbol": "square", "size": 12, "color": _GROUP_COLORS[group],
                                  "line": {"color": "#333333", "width": 0.5}}})
    y_low = min([main_bottom - 3.6 - levels * step] + [b.y - b.height / 2 - 4.0 for b in boxes if b.lane])
    y_high = max([main_top + 3.6 + levels * step, arc_top + 2.5 if skips else 0.0]
                 + [b.y + b.height / 2 + b.depth + 3.8 for b in boxes if b.lane])
    x_low = -_MIN_SLOT / 2
    x_high = max((b.right for b in boxes), default=1.0) + _MIN_SLOT / 2
    px_per_unit = 8.0 if presentation else 6.5
    height_px = int(min(max((y_high - y_low) * px_per_unit, 300 if presentation else 260),
                         680 if presentation else 580))
    nominal_width = 1000.0
    min_span = (y_high - y_low) * nominal_width / height_px  # narrower content keeps its proportions
    if x_high - x_low < min_span:
        pad = (min_span - (x_high - x_low)) / 2
        x_low, x_high = x_low - pad, x_high + pad
    layout = cm.base_layout(height=height_px + 40, font_size=font, margin={"l": 10, "r": 10, "t": 10, "b": 40})
    layout.update(
        shapes=shapes_out, showlegend=True, plot_bgcolor="#ffffff",
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "font": {"size": font}},
        xaxis={"visible": False, "fixedrange": True, "range": [x_low, x_high]},
        yaxis={"visible": False, "fixedrange": True, "range": [y_low, y_high]},
    )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ---------------------------------------------------------------------------------------------
# formulas with numbers
# ---------------------------------------------------------------------------------------------

def _latex_number(n) -> str:
    return f"{int(n):,}".replace(",", "{,}")


def size_latex(layer, row: A.Row) -> list[str]:
    """The output-size formula of a windowed layer with the row's numbers substituted, one
    string per axis that differs (``H`` only when the map and the window are square).

    ``(227 − 11 + 2·0)/4 + 1 = 55``, rendered by :func:`cnnviz.figures.formulas.size_latex` from
    :func:`cnnviz.nn.shapes.size_steps`. For an invalid row the result is what the formula gives
    (flagged when zero or negative). Returns ``[]`` for layers without a window or without an
    input shape.
    """
    if row.in_shape is None or len(row.in_shape) != 3 or getattr(layer, "kind", None) not in (
            "conv", "maxpool", "avgpool", "subsample", "partial_conv"):
        return []
    stride = layer.kernel_size if layer.stride is None else layer.stride
    ceil = bool(getattr(layer, "ceil_mode", False))
    pool = layer.kind in ("maxpool", "avgpool", "subsample")
    per_axis = []
    for axis in range(2):
        k, s, d, p = (v[axis] if isinstance(v, (tuple, list)) else v
                      for v in (layer.kernel_size, stride, layer.dilation, layer.padding))
        try:
            steps = shapes.size_steps(row.in_shape[1 + axis], k, s, p, d, ceil, pool=pool, check=False)
        except ShapeError:
            return []
        if row.status == "ok":  # the summary's own size (it is the formula's, ceil-mode drop included)
            steps = dataclasses.replace(steps, out=row.out_shape[1 + axis], valid=True)
        per_axis.append(steps)
    return [formulas.size_latex(steps, axis)
            for axis, steps in enumerate(per_axis[:1] if per_axis[0] == per_axis[1] else per_axis)]


_SYMBOLS = {"Σⱼ": r"\sum_j ", "Co": "C_{out}", "Ci": "C_{in}", "Kh": "K_h", "Kw": "K_w", "nⱼ": "n_j",
            "out": r"\text{out}", "in": r"\text{in}", "×": r" \times "}
_SYMBOL_PATTERN = re.compile("|".join(sorted(map(re.escape, _SYMBOLS), key=len, reverse=True)))


def params_latex(row: A.Row) -> str:
    """The parameter count of a row as LaTeX: symbols, then numbers, then the total
    (``C_{out} \\times C_{in} \\times K_h \\times K_w + C_{out} = 6 \\times 1 \\times 5 \\times 5 + 6 = 156``).
    Empty when the row has no parameter formula."""
    if not row.formula:
        return ""
    numbers = row.formula.replace(",", "{,}").replace("×", r" \times ")
    symbolic = row.symbolic
    if symbolic == "Σ" or not symbolic:
        return numbers
    symbolic = _SYMBOL_PATTERN.sub(lambda m: _SYMBOLS[m.group()], symbolic)
    return f"{symbolic} = {numbers}"


# ---------------------------------------------------------------------------------------------
# the Inception 1×1 reduction
# ---------------------------------------------------------------------------------------------

def reduction_figure(example: A.ReductionExample, *, lang: str = "en", presentation: bool = False) -> go.Figure:
    """Weights of a direct ``K×K`` conv against a ``1×1`` reduction first, and what the slides print.

    Three horizontal bars: the direct conv (e.g. 819,200); the 1×1 layer (4,096) stacked with
    the K×K conv after it (204,800), summing to 208,896; and the slides' 204,800 (hatched,
    marked as leaving out the 1×1 layer's weights).
    """
    cm.check_lang(lang)
    if not isinstance(example, A.ReductionExample):
        raise ValueError(f"example must be a cnnviz.architectures.ReductionExample, got {type(example).__name__}")
    font = cm.font_size(12, presentation)
    e = example
    k = f"{e.kernel_size}×{e.kernel_size}"
    labels = [t("archpage.reduce.bar_direct", lang, k=k),
              t("archpage.reduce.bar_reduced", lang, k=k, r=e.reduced_channels),
              t("archpage.reduce.bar_slides", lang)]
    conv_color, fc_color = _GROUP_COLORS["conv"], _GROUP_COLORS["fc"]

    def bar(x, y, name, color, text, pattern=""):
        return {"type": "bar", "orientation": "h", "x": x, "y": y, "name": name,
                "marker": {"color": color, "line": {"color": "#333333", "width": 0.8},
                           "pattern": {"shape": pattern, "fgcolor": "#333333", "size": 7, "solidity": 0.2}},
                "text": text, "textposition": "inside", "insidetextanchor": "middle",
                "textfont": {"size": font}, "hovertemplate": "%{y}: %{x:,}<extra>" + name + "</extra>"}

    traces = [
        bar([e.direct_weights], [labels[0]], t("archpage.reduce.part_direct", lang, k=k), conv_color,
            [group_digits(e.direct_weights)]),
        bar([e.reduce_weights], [labels[1]], t("archpage.reduce.part_1x1", lang), fc_color, [""], "/"),
        bar([e.conv_weights], [labels[1]], t("archpage.reduce.part_conv", lang, k=k), conv_color,
            [group_digits(e.conv_weights)]),
        bar([e.slide_weights], [labels[2]], t("archpage.reduce.part_slides", lang), "#dddddd",
            [group_digits(e.slide_weights)], "x"),
    ]
    layout = cm.base_layout(height=300 if presentation else 240, font_size=font,
                            margin={"l": 10, "r": 30, "t": 20, "b": 40})
    layout.update(
        barmode="stack", plot_bgcolor="#ffffff", showlegend=False,
        xaxis={"showgrid": True, "gridcolor": "#e6e6e6", "fixedrange": True, "tickformat": ",",
               "title": {"text": t("archpage.reduce.axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "fixedrange": True, "automargin": True},
        annotations=[
            {"x": e.reduced_weights, "y": labels[1], "xref": "x", "yref": "y", "xanchor": "left", "showarrow": False,
             "text": t("archpage.reduce.sum_label", lang, a=group_digits(e.reduce_weights),
                       b=group_digits(e.conv_weights), total=group_digits(e.reduced_weights)),
             "font": {"size": font}, "xshift": 6},
            {"x": e.slide_weights, "y": labels[2], "xref": "x", "yref": "y", "xanchor": "left", "showarrow": False,
             "text": t("archpage.reduce.slides_label", lang, missing=group_digits(e.reduce_weights)),
             "font": {"size": font, "color": cm.HIGHLIGHT}, "xshift": 6},
        ],
    )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ---------------------------------------------------------------------------------------------
# texts of summary rows
# ---------------------------------------------------------------------------------------------

def hparams_text(row: A.Row, lang: str = "en") -> str:
    """A row's hyper-parameters in ``lang``: "6 filters, kernel 5×5, stride 1, padding 2"."""
    sep = t("arch.list_sep", lang)
    return sep.join(t(f"arch.hp.{key}", lang, v=value) for key, value in row.hparams)


def kind_text(row: A.Row, lang: str = "en") -> str:
    """A row's layer kind in ``lang`` ("Convolution" / "卷积")."""
    key = f"arch.kind.{row.kind}"
    return t(key, lang) if key in STRINGS else row.kind


def row_reason(row: A.Row, lang: str = "en") -> str:
    """Why a row is invalid (``""`` otherwise); for waiting rows, that it waits."""
    if row.problem is not None:
        return problem_message(row.problem, lang)
    return t("arch.status.waiting_reason", lang) if row.status == "waiting" else ""


def row_fix(row: A.Row, lang: str = "en") -> str:
    """How to fix an invalid row (``""`` otherwise)."""
    return problem_fix(row.problem, lang) if row.problem is not None else ""


def summary_to_csv(summary: A.Summary, lang: str = "en") -> str:
    """The summary as CSV text (header in ``lang``), one line per row and a final totals line."""
    columns = ("index", "name", "type", "depth", "hparams", "out_shape", "params", "formula", "macs",
               "act_elements", "act_bytes", "rf", "jump", "status", "reason", "fix")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([t(f"arch.col.{c}", lang) for c in columns])
    for r in summary.rows:
        writer.writerow([
            r.index, r.name, kind_text(r, lang), r.depth, hparams_text(r, lang), r.shape_text,
            "" if r.params is None else r.params, r.formula, "" if r.macs is None else r.macs,
            "" if r.act_elements is None else r.act_elements, "" if r.act_bytes is None else r.act_bytes,
            r.rf_text, r.jump_text, t(f"arch.status.{r.status}", lang), row_reason(r, lang), row_fix(r, lang),
        ])
    writer.writerow(["", t("arch.total", lang), "", "", "", A._shape_text(summary.output_shape), summary.total_params,
                     "", summary.total_macs, summary.activation_elements, summary.activation_bytes, "", "", "", "", ""])
    return buf.getvalue()

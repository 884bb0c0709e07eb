"""Shared pieces of the figure builders: colour scales, number formats, square-cell heatmap grids.

Colour scales are chosen to read in greyscale and for colour-blind viewers:

- :data:`INPUT_SCALE`, light-to-dark greys, for non-negative inputs (ink on paper);
- :data:`IMAGE_SCALE`, black-to-white greys, for photographs and digits as they look;
- :data:`DIVERGING_SCALE`, blue–white–orange, centred at zero, for signed kernels, products,
  gradients (blue/orange is distinguishable with every common colour-vision deficiency);
- :data:`SEQUENTIAL_SCALE`, "Cividis", for non-negative outputs and activations.

Grids are drawn as heatmaps with the row index growing downwards, square cells (the y axis is
anchored to the x axis) and thin gaps between cells; cell ``(r, c)`` is centred at ``x=c, y=r``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cnnviz.nn.validation import real_array

INPUT_SCALE = [[0.0, "#fbfbfb"], [1.0, "#262626"]]
IMAGE_SCALE = [[0.0, "#000000"], [1.0, "#ffffff"]]
DIVERGING_SCALE = [
    [0.0, "#1d4f91"],
    [0.25, "#7fa7d6"],
    [0.5, "#f7f7f7"],
    [0.75, "#f4a957"],
    [1.0, "#a64b00"],
]
SEQUENTIAL_SCALE = "Cividis"
PADDING_FILL = "#e3e3e3"
PADDING_LINE = "#8c8c8c"
PENDING_FILL = "#d9d9d9"
GAP_COLOR = "#ffffff"
HIGHLIGHT = "#d55e00"  # Okabe–Ito vermillion: window taps, the current output cell
HIGHLIGHT_SOFT = "rgba(213, 94, 0, 0.10)"
ACCENT = "#0072b2"  # Okabe–Ito blue: the max of a pooling window
TEXT = "#222222"
FONT_FAMILY = "Inter, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

MIN_TEXT_PX = {False: 12, True: 20}
"""The smallest text in a figure: 12 px on a screen, 20 px on a projector (presentation mode)."""


def plain_text(text) -> str:
    """``text`` as Plotly must show it: literally.

    Plotly draws a subset of HTML in every text it renders (titles, tick labels, trace text, hover
    text, annotations): ``<b>``, ``<i>``, ``<br>``, ``<a href=...>`` (a live link), ``<span style=...>``.
    A value from outside the app (a layer name, a file name, a typed field, a URL value) passes
    through here before it enters figure text: ``&``, ``<`` and ``>`` become entities, which Plotly
    draws as the characters themselves. The app's own templates around it keep their markup.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PRESENTATION_SCALE = 1.3  # how much larger text, lines and cells are drawn for a projector


def scale(presentation: bool) -> float:
    """The size factor of presentation mode: :data:`PRESENTATION_SCALE` when on, else 1."""
    return PRESENTATION_SCALE if presentation else 1.0


def font_size(base: float, presentation: bool) -> int:
    """The one rule for figure text: ``base`` px, 1.3× on a projector, never below :data:`MIN_TEXT_PX`."""
    return max(round(base * scale(presentation)), MIN_TEXT_PX[bool(presentation)])


NARROWEST_CHART_PX = {False: 620, True: 1180}
"""The narrowest a chart is drawn: on a phone a chart keeps 620 px and scrolls sideways in its box
(``ui/style.py``); on a projector (1280 px, presentation mode) the page column is about 1180 px."""

NUMBERS_MAX_CELLS = 12
"""Grids at most this many rows and columns show their numbers by default."""


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------

def as_grid(array, name: str) -> np.ndarray:
    """A non-empty 2-D array of real numbers as float64 (NaN allowed: blank cells), or ValueError."""
    return real_array(array, name, 2, finite=False, axes="(rows, cols)")


def check_lang(lang: str) -> str:
    """``lang`` if it is "en" or "zh", else ValueError."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    return lang


def check_numbers(value, name: str = "show_numbers"):
    """``None`` (automatic) or a bool, else ValueError."""
    if value is not None and not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True, False or None (automatic), got {value!r}")
    return None if value is None else bool(value)


def check_flag(value, name: str = "presentation") -> bool:
    """``value`` as a bool if it is True or False (NumPy bools too), else ValueError."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_grid_options(lang, show_numbers, presentation) -> None:
    """The three options every grid figure takes: ``lang``, ``show_numbers`` and ``presentation``."""
    check_lang(lang)
    check_numbers(show_numbers)
    check_flag(presentation)


def same_shape_grids(**grids) -> list[np.ndarray]:
    """Each named array through :func:`as_grid` (in order), or ValueError unless all have one shape."""
    arrays = [as_grid(array, name) for name, array in grids.items()]
    (first, a), *rest = zip(grids, arrays)
    for name, b in rest:
        if b.shape != a.shape:
            raise ValueError(f"{first} {a.shape} and {name} {b.shape} must have the same shape")
    return arrays


def numbers_on(shape, requested) -> bool:
    """Whether a grid of ``shape`` (rows, cols) shows its numbers: ``requested``, or auto if None."""
    if requested is not None:
        return bool(requested)
    return max(shape) <= NUMBERS_MAX_CELLS


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------

TEXT_TEMPLATE = "%{z:.3~g}"
"""Cell text: three significant digits, trailing zeros dropped (d3-format), like :func:`fmt`."""


def fmt(value, digits: int = 3) -> str:
    """A short label for a number: ``4``, ``-0.25``, ``0.111``, ``1.23e+03``, ``−∞``."""
    value = float(value)
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    return f"{value:.{digits}g}"


def cell_font_size(cell_px: float, values=None, *, largest: int = 16, smallest: int = 7,
                   decimals: int | None = None) -> int:
    """Font size for numbers in cells of ``cell_px`` pixels, small enough for the longest label
    of ``values`` (as :data:`TEXT_TEMPLATE` writes them, or with ``decimals`` fixed decimals) to fit."""
    size = 0.36 * cell_px
    if values is not None:
        flat = np.asarray(values, dtype=np.float64).ravel()
        flat = flat[np.isfinite(flat)][:2000]
        if flat.size:
            label = fmt if decimals is None else (lambda v: f"{v:.{decimals}f}")
            longest = max(len(label(v)) for v in np.unique(flat))
            size = min(size, 1.65 * cell_px / max(longest, 1))
    return int(np.clip(round(size), smallest, largest))


def numbers_fit(cell_px: float, values, font: float) -> bool:
    """Whether every label of ``values`` (as :data:`TEXT_TEMPLATE` writes them) at ``font`` px fits
    a cell of ``cell_px`` px: no taller than 80 % of it, no wider than 92 %."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    flat = flat[np.isfinite(flat)][:2000]
    longest = max((fmt(v) for v in np.unique(flat)), key=len, default="0")
    return font <= 0.8 * cell_px and text_px(longest, font) <= 0.92 * cell_px


def compact(array, digits: int = 6) -> np.ndarray:
    """``array`` rounded to about ``digits`` significant digits, so figure JSON stays short."""
    array = np.asarray(array, dtype=np.float64)
    finite = np.isfinite(array)
    if not finite.any():
        return array
    largest = float(np.max(np.abs(array[finite])))
    if largest == 0:
        return array
    decimals = int(digits - 1 - np.floor(np.log10(largest)))
    return np.round(array, max(decimals, 0) if largest >= 1 else decimals)


def to_list(array) -> list:
    """Nested lists with NaN/inf as None (valid JSON, drawn as empty cells)."""
    array = np.asarray(array, dtype=np.float64)
    return np.where(np.isfinite(array), array, None).tolist()


# ---------------------------------------------------------------------------------------------
# colour ranges
# ---------------------------------------------------------------------------------------------

def value_scale(values, *, sequential=INPUT_SCALE) -> dict:
    """Heatmap colour keywords for ``values``: ``sequential`` from 0 when they are all >= 0,
    else :data:`DIVERGING_SCALE` symmetric around 0 (so 0 is always white)."""
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values)]
    low = float(finite.min()) if finite.size else 0.0
    high = float(finite.max()) if finite.size else 1.0
    if low >= 0:
        return {"colorscale": sequential, "zmin": 0.0, "zmax": high if high > 0 else 1.0}
    return diverging_scale(values)


def shared_scale(*grids, sequential=INPUT_SCALE) -> dict:
    """One colour range (:func:`value_scale`) for grids that must be compared cell by cell."""
    values = np.concatenate([np.asarray(g, dtype=np.float64).ravel() for g in grids])
    return value_scale(values, sequential=sequential)


def diverging_scale(values) -> dict:
    """:data:`DIVERGING_SCALE` keywords centred at 0, spanning the largest ``|value|``."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.abs(values[np.isfinite(values)])
    extent = float(finite.max()) if finite.size else 1.0
    extent = extent if extent > 0 else 1.0
    return {"colorscale": DIVERGING_SCALE, "zmin": -extent, "zmax": extent}


def colorbar(x: float, y: float, length: float, *, font_size: int, scale: dict, horizontal: bool = False,
             title: str = "") -> dict:
    """A slim colour bar (the ``colorbar`` of a heatmap trace), in paper coordinates.

    Vertical: its left edge at ``x``, centred at ``y``, ``length`` a fraction of the plot height.
    Horizontal: centred at ``x``, its top at ``y``, ``length`` a fraction of the plot width.
    ``scale`` (``zmin``/``zmax`` as :func:`value_scale` gives them) sets three ticks: both ends and
    the middle, written like the cells (:func:`fmt`), so neighbouring bars never crowd.
    """
    low, high = float(scale["zmin"]), float(scale["zmax"])
    ticks = [low, (low + high) / 2, high] if high > low else [low]
    bar = {"thickness": 8 if horizontal else 10, "len": float(max(length, 0.02)), "lenmode": "fraction",
           "outlinewidth": 0, "ticks": "outside", "ticklen": 3, "tickvals": ticks,
           "ticktext": [fmt(v, 2).replace("-", "−") for v in ticks],
           "tickfont": {"size": font_size, "color": "#555555"}}
    if horizontal:
        bar.update(orientation="h", x=float(x), xanchor="center", y=float(y), yanchor="top")
    else:  # labels hang below their ticks: the top one keeps clear of the title
        bar.update(x=float(x), xanchor="left", y=float(y), yanchor="middle", ticklabelposition="outside bottom")
    if title:
        bar["title"] = {"text": title, "font": {"size": font_size}, "side": "top" if not horizontal else "right"}
    return bar


# ---------------------------------------------------------------------------------------------
# traces, axes, shapes
# ---------------------------------------------------------------------------------------------

def axis_ids(index: int) -> tuple[str, str]:
    """Trace references ("x3", "y3") of the ``index``-th subplot (1-based; "x", "y" for 1)."""
    suffix = "" if index == 1 else str(index)
    return "x" + suffix, "y" + suffix


def grid_heatmap(z, *, axis: int, scale: dict, numbers: bool, font_size: int, name: str = "", hover: str | None = None,
                 gap: int = 1, showscale: bool = False, text_template: str = TEXT_TEMPLATE) -> dict:
    """A heatmap trace (as a dict) drawing ``z`` (rows, cols) as a grid on subplot ``axis``.

    NaN cells are left empty. ``hover`` is a hovertemplate (default: row, col and value).
    """
    xref, yref = axis_ids(axis)
    trace = {
        "type": "heatmap",
        "z": to_list(compact(z)),
        "xaxis": xref,
        "yaxis": yref,
        "xgap": gap,
        "ygap": gap,
        "showscale": showscale,
        "name": name,
        "hovertemplate": hover or "(%{y}, %{x}) = %{z:.4~g}<extra></extra>",
        "hoverongaps": False,
        **scale,
    }
    if numbers:
        trace["texttemplate"] = text_template
        trace["textfont"] = {"size": font_size}
    return trace


def text_cells(cells, label: str, *, axis: int, font_size: int, color: str = "#6b6b6b") -> dict:
    """A scatter trace writing ``label`` at every ``(row, col)`` in ``cells`` (e.g. "0" in padding)."""
    xref, yref = axis_ids(axis)
    cells = np.asarray(cells, dtype=np.int64).reshape(-1, 2)
    return {
        "type": "scatter",
        "mode": "text",
        "x": cells[:, 1].tolist(),
        "y": cells[:, 0].tolist(),
        "text": [label] * len(cells),
        "textfont": {"size": font_size, "color": color},
        "hoverinfo": "skip",
        "showlegend": False,
        "xaxis": xref,
        "yaxis": yref,
    }


def hatched_cells(mask, *, axis: int, pattern: str = "/", fill: str = PADDING_FILL, ink: str = PADDING_LINE,
                  name: str = "", hover: str | None = None) -> dict:
    """A scatter trace filling the True cells of ``mask`` (rows, cols) with a hatch pattern.

    Each run of consecutive True cells in a row becomes one rectangle, so the trace stays small.
    """
    xref, yref = axis_ids(axis)
    xs: list = []
    ys: list = []
    mask = np.asarray(mask, dtype=bool)
    for row in range(mask.shape[0]):
        line = np.concatenate([[False], mask[row], [False]])
        edges = np.flatnonzero(line[1:] != line[:-1])  # run starts and ends (exclusive)
        for start, stop in zip(edges[::2], edges[1::2]):
            x0, x1, y0, y1 = start - 0.5, stop - 0.5, row - 0.5, row + 0.5
            xs += [x0, x1, x1, x0, x0, None]
            ys += [y0, y0, y1, y1, y0, None]
    return {
        "type": "scatter",
        "mode": "lines",
        "x": xs,
        "y": ys,
        "fill": "toself",
        "fillcolor": fill,
        "fillpattern": {"shape": pattern, "fgcolor": ink, "bgcolor": fill, "size": 7, "solidity": 0.15},
        "line": {"width": 0},
        "name": name,
        "hoverinfo": "skip" if hover is None else "text",
        "text": hover,
        "showlegend": False,
        "xaxis": xref,
        "yaxis": yref,
    }


def grid_axes(index: int, rows: int, cols: int, *, ticks: bool = False, tick_font: float = 10,
              presentation: bool = False) -> dict:
    """Layout entries for subplot ``index`` holding a rows × cols grid with square cells; tick labels
    (when ``ticks``) at ``tick_font`` px through :func:`font_size`."""
    xname = "xaxis" if index == 1 else f"xaxis{index}"
    yname = "yaxis" if index == 1 else f"yaxis{index}"
    xref, _ = axis_ids(index)
    common = {"showgrid": False, "zeroline": False, "showline": False, "fixedrange": True,
              "constrain": "domain", "ticks": "", "tickfont": {"size": font_size(tick_font, presentation), "color": "#777777"}}
    x = {**common, "range": [-0.5, cols - 0.5], "showticklabels": ticks, "side": "top"}
    y = {**common, "range": [rows - 0.5, -0.5], "showticklabels": ticks, "scaleanchor": xref, "scaleratio": 1}
    if ticks:
        x.update(tickmode="linear", tick0=0, dtick=1 if cols <= NUMBERS_MAX_CELLS else 5)
        y.update(tickmode="linear", tick0=0, dtick=1 if rows <= NUMBERS_MAX_CELLS else 5)
    return {xname: x, yname: y}


def rect(axis: int, r0: float, c0: float, r1: float, c1: float, *, color: str, width: float, dash: str = "solid",
         fill: str = "rgba(0,0,0,0)", layer: str = "above", visible: bool = True) -> dict:
    """A rectangle shape from cell (r0, c0) to cell (r1, c1) inclusive, on subplot ``axis``."""
    xref, yref = axis_ids(axis)
    return {
        "type": "rect", "xref": xref, "yref": yref,
        "x0": c0 - 0.5, "x1": c1 + 0.5, "y0": r0 - 0.5, "y1": r1 + 0.5,
        "line": {"color": color, "width": width, "dash": dash}, "fillcolor": fill, "layer": layer,
        "visible": visible,
    }


def cells_path(cells, inset: float = 0.0) -> str:
    """SVG path outlining each ``(row, col)`` cell (one closed square per cell), inset by ``inset``."""
    parts = []
    for row, col in np.asarray(cells, dtype=np.int64).reshape(-1, 2):
        x0, x1 = col - 0.5 + inset, col + 0.5 - inset
        y0, y1 = row - 0.5 + inset, row + 0.5 - inset
        parts.append(f"M{x0:g},{y0:g}H{x1:g}V{y1:g}H{x0:g}Z")
    return "".join(parts)


def path_shape(axis: int, path: str, *, color: str, width: float, fill: str = "rgba(0,0,0,0)",
               dash: str = "solid", visible: bool = True) -> dict:
    """A path shape in the data coordinates of subplot ``axis``."""
    xref, yref = axis_ids(axis)
    return {"type": "path", "xref": xref, "yref": yref, "path": path or "M0,0", "layer": "above",
            "line": {"color": color, "width": width, "dash": dash}, "fillcolor": fill,
            "visible": visible and bool(path)}


def domain_title(axis: int, text: str, *, font_size: int, yshift: float = 6) -> dict:
    """An annotation centred above subplot ``axis`` (its domain), used as the subplot title."""
    xref, yref = axis_ids(axis)
    return {
        "text": text, "xref": f"{xref} domain", "yref": f"{yref} domain", "x": 0.5, "y": 1.0,
        "xanchor": "center", "yanchor": "bottom", "yshift": yshift, "showarrow": False,
        "font": {"size": font_size, "color": TEXT},
    }


def base_layout(*, height: int, font_size: int, margin: dict, width: int | None = None) -> dict:
    """Common layout: white background and cell gaps, the app's font. ``width=None`` (the
    default) lets the figure stretch to its container."""
    layout = {
        "width": width,
        "height": height,
        "margin": margin,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": GAP_COLOR,
        "font": {"family": FONT_FAMILY, "size": font_size, "color": TEXT},
        "showlegend": False,
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    return layout


# ---------------------------------------------------------------------------------------------
# a row of static grids (used by several pages' figures)
# ---------------------------------------------------------------------------------------------

ROW_NOMINAL_WIDTH = 900
"""The width (px) a row of grids is laid out for; the browser scales it to the column."""
ROW_GAP = 0.05


@dataclass
class GridPanel:
    """One grid of a row: values, colour scale, title, optional note, outlined and hatched cells.

    ``hatch`` cells are drawn hatched with their values hidden (``hatch_label`` written in them
    when numbers are on); ``extra_shapes`` are Plotly shapes added as they are.
    """

    title: str
    z: np.ndarray
    scale: dict
    note: str = ""
    outline: np.ndarray | None = None  # bool mask (rows, cols)
    hatch: np.ndarray | None = None  # bool mask
    outline_fill: str = "rgba(0,0,0,0)"
    outline_color: str = HIGHLIGHT
    hatch_label: str = ""
    extra_shapes: list = field(default_factory=list)

    def __post_init__(self):
        self.z = np.asarray(self.z, dtype=np.float64)


def text_px(text: str, font: float) -> float:
    """Rough width of a label in px: CJK characters are about twice as wide as Latin ones."""
    return font * sum(1.0 if ord(ch) > 0x2E80 else 0.56 for ch in text)


def grid_row_figure(panels: list[GridPanel], *, presentation: bool, show_numbers, operators: dict | None = None,
                    max_height: int | None = None, dashed_box=None):
    """Grids side by side with square cells; ``operators`` maps a panel index to the symbol
    written after it. Every panel is at least as wide as its title. ``dashed_box`` =
    (r0, c0, r1, c1) draws a dashed rectangle on the first panel."""
    import plotly.graph_objects as go

    factor = scale(presentation)
    title_font = font_size(13.5, presentation)
    symbols = list((operators or {}).values())
    gap_px = max([text_px(symbol, 19 * factor) + 14 for symbol in symbols] + [ROW_GAP * ROW_NOMINAL_WIDTH])
    avail = ROW_NOMINAL_WIDTH - gap_px * (len(panels) - 1)
    cols = np.array([p.z.shape[1] for p in panels], dtype=float)
    rows = np.array([p.z.shape[0] for p in panels], dtype=float)
    least = np.array([text_px(p.title, title_font) + 6 for p in panels])
    cap_h = max_height or (440 if presentation else 360)
    cell = min(64.0 * factor, cap_h / rows.max())
    while cell > 6 and np.maximum(cols * cell, least).sum() > avail and (cols * cell > least).any():
        cell *= 0.96  # smaller cells help only while some grid is wider than its title
    widths_px = np.maximum(cols * cell, least)
    if widths_px.sum() > avail:  # long titles on many panels: squeeze (the titles may touch)
        widths_px *= avail / widths_px.sum()
    spare = max(avail - widths_px.sum(), 0.0)
    widths = widths_px / ROW_NOMINAL_WIDTH
    gap = (gap_px + spare / max(len(panels) - 1, 1)) / ROW_NOMINAL_WIDTH if len(panels) > 1 else 0.0
    starts = np.concatenate([[0.0], np.cumsum(widths + gap)[:-1]])
    if len(panels) == 1:  # one grid: the whole width (square cells shrink it to fit any column)
        starts, widths = np.array([0.0]), np.array([1.0])
    plot_h = float(np.clip(rows.max() * cell, 110, cap_h))
    has_note = any(p.note for p in panels)
    top = round(44 * factor)
    bottom = round((34 if has_note else 10) * factor)
    layout = base_layout(height=int(plot_h + top + bottom), font_size=font_size(12, presentation),
                         margin={"l": 8, "r": 8, "t": top, "b": bottom})
    layout.pop("width", None)
    traces, shapes_, annotations = [], [], []
    for index, (panel, x0, w) in enumerate(zip(panels, starts, widths), start=1):
        n_rows, n_cols = panel.z.shape
        axes = grid_axes(index, n_rows, n_cols)
        xname, yname = list(axes)
        axes[xname].update(domain=[float(x0), float(min(x0 + w, 1.0))], anchor=axis_ids(index)[1])
        axes[yname].update(domain=[0.0, 1.0], anchor=axis_ids(index)[0])
        layout.update(axes)
        numbers = numbers_on((n_rows, n_cols), show_numbers)
        font = cell_font_size(cell, panel.z, largest=font_size(16, presentation), smallest=MIN_TEXT_PX[bool(presentation)])
        z = panel.z if panel.hatch is None else np.where(panel.hatch, np.nan, panel.z)
        traces.append(grid_heatmap(z, axis=index, scale=panel.scale, numbers=numbers, font_size=font,
                                   gap=1 if max(n_rows, n_cols) <= 32 else 0))
        if panel.hatch is not None and panel.hatch.any():
            traces.append(hatched_cells(panel.hatch, axis=index))
            if numbers and panel.hatch_label:
                traces.append(text_cells(np.argwhere(panel.hatch), panel.hatch_label, axis=index, font_size=font))
        if panel.outline is not None and panel.outline.any():
            shapes_.append(path_shape(index, cells_path(np.argwhere(panel.outline), inset=0.06),
                                      color=panel.outline_color, width=2.6 * factor, fill=panel.outline_fill))
        shapes_.extend(panel.extra_shapes)
        if dashed_box is not None and index == 1:
            r0, c0, r1, c1 = dashed_box
            shapes_.append(rect(index, r0, c0, r1, c1, color="#555555", width=1.5, dash="dash"))
        shapes_.append(rect(index, 0, 0, n_rows - 1, n_cols - 1, color="#b5b5b5", width=1, layer="below"))
        annotations.append(domain_title(index, panel.title, font_size=title_font))
        if panel.note:
            xref, yref = axis_ids(index)
            annotations.append({
                "text": panel.note, "xref": f"{xref} domain", "yref": f"{yref} domain", "x": 0.5, "y": 0.0,
                "xanchor": "center", "yanchor": "top", "yshift": -4, "showarrow": False,
                "font": {"size": font_size(11.5, presentation), "color": "#555555"},
            })
    for left, symbol in (operators or {}).items():
        annotations.append({
            "text": symbol, "xref": "paper", "yref": "paper", "x": float(starts[left] + widths[left] + gap / 2),
            "y": 0.5, "xanchor": "center", "yanchor": "middle", "showarrow": False,
            "font": {"size": font_size(19, presentation), "color": "#555555"},
        })
    layout["shapes"] = shapes_
    layout["annotations"] = annotations
    return go.Figure({"data": traces, "layout": layout})


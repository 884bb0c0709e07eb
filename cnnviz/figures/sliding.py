"""Animated sliding-window figures: a kernel (or pooling window) moving over a small input.

Each builder turns a trace from :mod:`cnnviz.lessons.trace` into ONE Plotly figure whose frames are the
trace's steps. The browser animates it by itself (Play / Pause, speed buttons, a scrub slider with
one step per output cell), so a page does not rerun while it plays.

Layout (left to right): the padded input with the window's taps outlined, the kernel, the
element-wise products of the current step, and the output filled in up to the current cell
(cells not computed yet are covered in grey; the current one is outlined). An equation under the
grids spells out the current sum. With several input channels each channel gets a row (input
slice, kernel slice, products) and the single output spans the rows.

To keep the figure small, frames carry only what changes: the products heatmap(s) by trace index,
and the *first* few shapes and annotations of the layout by position, with only the keys that
change (Plotly merges frame layouts into the figure element by element). Static shapes and
annotations come after the dynamic ones.

``fig.layout.meta`` describes the figure for tests and pages: ``figure`` (its kind), ``steps``,
``output_traces`` (indices of the output heatmaps), ``step_traces`` (the traces frames update),
``dynamic_shapes`` and ``dynamic_annotations`` (how many leading shapes / annotations change).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.i18n import t
from cnnviz.lessons.trace import ConvTrace, PoolTrace, TransposedConvTrace
from cnnviz.nn.shapes import pair_text

__all__ = ["conv_animation_figure", "pool_animation_figure", "transposed_animation_figure", "MAX_CHANNELS"]

MAX_CHANNELS = 4
"""Most input channels an animation draws (one row each)."""

_NOMINAL_WIDTH = 860  # px of plot area assumed when sizing (figures stretch to the container; wider is fine)
_TERMS_MAX = 16  # spell out at most this many terms in an equation
_MIN_GAP_PX = 56  # room for the operator symbols between grids
_SMALL_CELL_PX = 36  # smallest cell of a kernel / products / window grid
_MAX_CELL_PX = 58
_DARK_OUTLINE = "#1b1b1b"
_EMPTY_PATH = "M0,0"  # placeholder path of a dynamic shape (frames fill it in)
_CONTROLS_PX = 110  # height of the buttons and slider block at the bottom


# ---------------------------------------------------------------------------------------------
# validation and sizing
# ---------------------------------------------------------------------------------------------

def _check_common(trace, kind, lang, show_numbers, presentation, frame_ms):
    if not isinstance(trace, kind):
        raise ValueError(
            f"trace must be a {kind.__name__} (from cnnviz.lessons.trace), got {type(trace).__name__}"
        )
    cm.check_grid_options(lang, show_numbers, presentation)
    if not isinstance(frame_ms, (int, float, np.integer, np.floating)) or isinstance(frame_ms, bool) or not (
        20 <= frame_ms <= 10_000
    ):
        raise ValueError(f"frame_ms must be a number of milliseconds between 20 and 10000, got {frame_ms!r}")
    if trace.in_channels > MAX_CHANNELS:
        raise ValueError(
            f"the animation draws at most {MAX_CHANNELS} input channels, the trace has {trace.in_channels}: "
            f"trace fewer channels (e.g. x[:3] and weight[:3])"
        )
    if not trace.steps:
        raise ValueError("the trace has no steps to animate")


class _Style:
    """Font sizes and line widths (bigger for a projector in presentation mode)."""

    def __init__(self, presentation: bool):
        scale = cm.scale(presentation)
        self.presentation = presentation
        self.font = cm.font_size(13, presentation)
        self.title = cm.font_size(14, presentation)
        self.equation = cm.font_size(15, presentation)
        self.note = cm.font_size(11, presentation)
        self.operator = cm.font_size(24, presentation)
        self.tap_width = 3.0 * scale
        self.cell_width = 3.5 * scale
        self.max_number_font = cm.font_size(16, presentation)

    def line_width(self, cell_px: float) -> float:
        """Outline width of a tap: thinner on small cells so the values stay visible."""
        return float(np.clip(cell_px * 0.07, 1.2, 3.0)) * (cm.scale(self.presentation))

    def number_font(self, cell_px: float, values=None) -> int:
        """Font of the numbers in cells, small enough for the longest of ``values`` to fit, even in
        the narrowest chart (never below the smallest figure text: :func:`_numbers_on` hides
        numbers that would not fit at that size)."""
        return cm.cell_font_size(_narrowest_px(cell_px, self), values, largest=self.max_number_font,
                                 smallest=cm.MIN_TEXT_PX[bool(self.presentation)])


class _Plan:
    """Where every grid goes: columns of grids, one row per channel, some columns spanning all rows.

    All main grids (input, output) share one cell size, chosen so that the tallest fits the row
    height cap and all columns fit the nominal width; small grids (kernel, products, window) get
    cells of at least ``_SMALL_CELL_PX`` so their numbers stay readable. Columns are laid out at
    their exact widths, centred, with the spare width in the gaps (which hold the operators).

    Parameters
    ----------
    columns : list of (cols, rows, small)
        Grid size per column (for a spanning column, its whole grid).
    n_rows : int
    spanning : list of int
        Columns whose grid spans all rows (the output of a multi-channel convolution).
    """

    def __init__(self, columns, n_rows, spanning, style: _Style, bottom_px: int):
        self.n_rows = n_rows
        self.style = style
        self.spanning = set(spanning)
        width = _NOMINAL_WIDTH
        n_cols = len(columns)
        avail = width - _MIN_GAP_PX * (n_cols - 1)
        row_cap = {1: 440, 2: 320, 3: 270}.get(n_rows, 230)
        main_rows = [rows / (n_rows if j in self.spanning else 1)
                     for j, (cols, rows, small) in enumerate(columns) if not small]
        small_min = _SMALL_CELL_PX * (1.25 if style.presentation else 1.0)

        def cells_for(cell):
            return [max(cell, small_min) if small else cell for cols, rows, small in columns]

        cell = min(_MAX_CELL_PX * (1.2 if style.presentation else 1.0), row_cap / max(main_rows))
        while cell > 4 and sum(c * cols for c, (cols, _, _) in zip(cells_for(cell), columns)) > avail:
            cell *= 0.97
        cells = cells_for(cell)
        # a small grid may not be taller than the row (it is as tall as the tallest main grid)
        row_px = max(rows * c for j, (c, (cols, rows, small)) in enumerate(zip(cells, columns))
                     if j not in self.spanning and not small) if len(self.spanning) < n_cols else 0.0
        row_px = max(row_px, 4 * small_min if n_rows > 1 else 120.0)
        cells = [min(c, row_px / rows) if (small and j not in self.spanning) else c
                 for j, (c, (cols, rows, small)) in enumerate(zip(cells, columns))]
        self.row_px = row_px
        self.row_gap_px = 58.0
        self.top_px = 48
        self.bottom_px = bottom_px
        self.plot_h = n_rows * row_px + (n_rows - 1) * self.row_gap_px
        for j in self.spanning:  # the spanning grid must fit the plot height
            cells[j] = min(cells[j], self.plot_h / columns[j][1])
        self.cells = cells
        self.height = int(round(self.plot_h + self.top_px + self.bottom_px))
        widths = [c * cols for c, (cols, _, _) in zip(cells, columns)]
        gap = min((width - sum(widths)) / max(n_cols - 1, 1), 3 * _MIN_GAP_PX)
        left = (width - sum(widths) - gap * (n_cols - 1)) / 2
        self.x_domains = []
        for w in widths:
            self.x_domains.append((left / width, min((left + w) / width, 1.0)))
            left += w + gap
        self.y_domains = []
        for row in range(n_rows):
            top = 1.0 - row * (row_px + self.row_gap_px) / self.plot_h
            self.y_domains.append((max(top - row_px / self.plot_h, 0.0), min(top, 1.0)))

    def domain(self, col: int, row: int):
        if col in self.spanning:
            return self.x_domains[col], (0.0, 1.0)
        return self.x_domains[col], self.y_domains[row]

    def cell_px(self, col: int) -> float:
        return self.cells[col]

    def operator_xy(self, left_col: int, row: int) -> tuple[float, float]:
        """Paper position of the operator between column ``left_col`` and the next one."""
        x = (self.x_domains[left_col][1] + self.x_domains[left_col + 1][0]) / 2
        y0, y1 = self.y_domains[row] if row >= 0 else (0.0, 1.0)
        return x, (y0 + y1) / 2


class _StackedPlan(_Plan):
    """Layout of a single-channel convolution over a wide, short input (a 1-D signal): the input
    across the top, the kernel and the products in the middle, the output across the bottom, so
    every grid gets large cells.

    ``columns`` as for :class:`_Plan`, in the order input, kernel, products, output.
    """

    def __init__(self, columns, style: _Style, bottom_px: int):
        self.n_rows = 1
        self.style = style
        self.spanning = set()
        width = _NOMINAL_WIDTH
        (in_cols, in_rows, _), (k_cols, k_rows, _), _, (out_cols, out_rows, _) = columns
        cell = min(_MAX_CELL_PX * (1.2 if style.presentation else 1.0), width / max(in_cols, out_cols),
                   140 / max(in_rows, out_rows))
        small = min(max(cell, _SMALL_CELL_PX * (1.25 if style.presentation else 1.0)),
                    (width - 3 * _MIN_GAP_PX) / (2 * k_cols), 160 / k_rows)
        self.cells = [cell, small, small, cell]
        heights = [in_rows * cell, k_rows * small, out_rows * cell]
        gap = 62.0
        self.row_px = max(heights)
        self.row_gap_px = gap
        self.top_px = 48
        self.bottom_px = bottom_px
        self.plot_h = sum(heights) + 2 * gap
        self.height = int(round(self.plot_h + self.top_px + self.bottom_px))

        def band(index):  # y domain of band 0 (top), 1, 2
            top = self.plot_h - sum(heights[:index]) - gap * index
            return ((top - heights[index]) / self.plot_h, top / self.plot_h)

        def centred(grid_w, centre):
            return ((centre - grid_w / 2) / width, (centre + grid_w / 2) / width)

        k_w = k_cols * small
        self.x_domains = [centred(in_cols * cell, width / 2), centred(k_w, width / 2 - k_w / 2 - _MIN_GAP_PX / 2),
                          centred(k_w, width / 2 + k_w / 2 + _MIN_GAP_PX / 2), centred(out_cols * cell, width / 2)]
        self._y = [band(0), band(1), band(1), band(2)]
        self.y_domains = [band(1)]

    def domain(self, col: int, row: int):
        return self.x_domains[col], self._y[col]

    def operator_xy(self, left_col: int, row: int) -> tuple[float, float]:
        middle = sum(self._y[1]) / 2
        if left_col == 0:  # "⊙" in front of the kernel
            return self.x_domains[1][0] - _MIN_GAP_PX / 2 / _NOMINAL_WIDTH, middle
        if left_col == 1:  # "=" between kernel and products
            return (self.x_domains[1][1] + self.x_domains[2][0]) / 2, middle
        return self.x_domains[2][1] + _MIN_GAP_PX / 2 / _NOMINAL_WIDTH, middle  # "Σ→" after the products


class _Canvas:
    """Accumulates traces, axes, static shapes and annotations of one figure."""

    def __init__(self, plan: _Plan):
        self.plan = plan
        self.traces: list[dict] = []
        self.axes: dict = {}
        self.n_axes = 0
        self.static_shapes: list[dict] = []
        self.static_annotations: list[dict] = []
        self._cols: dict[int, int] = {}  # axis index -> plan column

    def axis(self, col: int, row: int, rows: int, cols: int, ticks: bool = False) -> int:
        self.n_axes += 1
        index = self.n_axes
        self._cols[index] = col
        (x0, x1), (y0, y1) = self.plan.domain(col, row)
        axes = cm.grid_axes(index, rows, cols, ticks=ticks, presentation=self.plan.style.presentation)
        xname, yname = list(axes)
        if ticks:  # row numbers on the right: the gap on the left holds the operator symbol
            axes[yname]["side"] = "right"
        axes[xname]["domain"] = [x0, x1]
        axes[yname]["domain"] = [y0, y1]
        axes[xname]["anchor"] = cm.axis_ids(index)[1]
        axes[yname]["anchor"] = cm.axis_ids(index)[0]
        self.axes.update(axes)
        return index

    def add(self, trace: dict) -> int:
        self.traces.append(trace)
        return len(self.traces) - 1

    def title(self, axis: int, text: str, yshift: float = 6):
        """A title above the grid, broken onto two lines when it is wider than the grid and its gaps."""
        (x0, x1), _ = self.plan.domain(self._cols[axis], 0) if axis in self._cols else ((0.0, 1.0), None)
        room = (x1 - x0) * _NOMINAL_WIDTH + _MIN_GAP_PX
        font = self.plan.style.title
        if cm.text_px(text, font) > room and " " in text:
            text = _two_lines(text)
        self.static_annotations.append(cm.domain_title(axis, text, font_size=font, yshift=yshift))

    def note(self, axis: int, text: str):
        xref, yref = cm.axis_ids(axis)
        self.static_annotations.append({
            "text": text, "xref": f"{xref} domain", "yref": f"{yref} domain", "x": 0.5, "y": 0.0,
            "xanchor": "center", "yanchor": "top", "yshift": -4, "showarrow": False,
            "font": {"size": self.plan.style.note, "color": "#666666"},
        })

    def operator(self, left_col: int, row: int, symbol: str, font: int | None = None):
        """A symbol centred in the gap after column ``left_col``, at the middle of ``row``."""
        x, y = self.plan.operator_xy(left_col, row)
        self.static_annotations.append({
            "text": symbol, "xref": "paper", "yref": "paper", "x": x, "y": y,
            "xanchor": "center", "yanchor": "middle", "showarrow": False,
            "font": {"size": font or self.plan.style.operator, "color": "#555555"},
        })


# ---------------------------------------------------------------------------------------------
# pieces
# ---------------------------------------------------------------------------------------------

def _two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle (a title that would run into its neighbour)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "<br>" + text[cut + 1:]


def _own_cells(trace, out_h: int, out_w: int) -> bool:
    """Whether the output grid gets cells as large as a kernel's instead of the input's: when the
    padded input is too large for numbers (more than 12 × 12) but the output is not, so that the
    output's numbers stay readable (a large padding or dilation on a 12 × 12 input)."""
    return max(out_h, out_w) <= cm.NUMBERS_MAX_CELLS < max(trace.padded.shape[1:])


def _narrowest_px(cell_px: float, style: _Style) -> float:
    """A cell of ``cell_px`` px (at ``_NOMINAL_WIDTH``) in the narrowest chart the figure is drawn in."""
    return min(1.0, (cm.NARROWEST_CHART_PX[bool(style.presentation)] - 32) / _NOMINAL_WIDTH) * cell_px


def _numbers_on(shape, cell_px: float, requested, style: _Style, values) -> bool:
    """Numbers in a grid's cells: as requested, or automatically when the grid is at most
    12 × 12 or its cells are large enough to hold them (a long 1-D signal), and the numbers fit
    their cells at no less than the smallest figure text even in the narrowest chart
    (:data:`cnnviz.figures._common.NARROWEST_CHART_PX`; the figure is laid out for ``_NOMINAL_WIDTH``)."""
    if requested is not None:
        return bool(requested)
    readable = cm.numbers_fit(_narrowest_px(cell_px, style), values, cm.MIN_TEXT_PX[bool(style.presentation)])
    return readable and (max(shape) <= cm.NUMBERS_MAX_CELLS or (cell_px >= 26 and max(shape) <= 40))


def _current_cell(axis: int, style: _Style) -> dict:
    """The output cell being computed: a thick near-black frame over a lightened cell, which reads
    on every colour of the output scale, in greyscale too (frames move it)."""
    return cm.rect(axis, 0, 0, 0, 0, color=_DARK_OUTLINE, width=style.cell_width, fill="rgba(255,255,255,0.45)")


def _ticks_fit(shape, cell_px: float, style: _Style) -> bool:
    """Row and column numbers beside an output grid of at most 12 × 12 whose cells, in the narrowest
    chart, are taller than the numbers' text (:func:`cnnviz.figures._common.grid_axes` sizes them)."""
    tick_font = cm.font_size(10, style.presentation)
    return max(shape) <= cm.NUMBERS_MAX_CELLS and _narrowest_px(cell_px, style) >= 1.25 * tick_font


def _ticks_shift(style: _Style) -> int:
    """How far a title sits above a grid with column numbers on top (clear of the numbers)."""
    return cm.font_size(10, style.presentation) + 10  # the tick labels' size (cm.grid_axes) and a gap


def _outline_color(scale: dict) -> str:
    """The highlight colour, or near-black on a blue–orange grid (where orange would vanish)."""
    return _DARK_OUTLINE if scale.get("colorscale") is cm.DIVERGING_SCALE else cm.HIGHLIGHT


_WEIGHT_DY = 0.3  # a tap's "×w" label sits under the cell's own number, this far below the centre (cells)


def _weight_labels_fit(cell_px: float, number_font: float, weight_font: float, labels) -> bool:
    """Whether "×w" labels of ``weight_font`` px fit in the lower part of a cell of ``cell_px`` px:
    inside the cell and clear of the cell's own number (``number_font`` px, centred)."""
    widest = max(cm.text_px(label, weight_font) for label in labels)
    inside = widest <= 0.92 * cell_px and _WEIGHT_DY * cell_px + 0.6 * weight_font <= 0.5 * cell_px
    clear = _WEIGHT_DY * cell_px - 0.6 * weight_font >= 0.35 * number_font
    return inside and clear


def _num(value: float) -> str:
    """A number for an equation, with a true minus sign."""
    return cm.fmt(value).replace("-", "−") if not np.isinf(value) else cm.fmt(value)


def _fmt_term(value: float) -> str:
    """A term of a sum: negative numbers in parentheses."""
    text = _num(value)
    return f"({text})" if value < 0 else text


def _input_grid(canvas: _Canvas, axis: int, values, pad_mask, *, scale, numbers, font, pad_label="0",
                inserted_mask=None):
    """Heatmap of an input grid with padding (and inserted zeros) drawn hatched / dotted."""
    special = pad_mask if inserted_mask is None else (pad_mask | inserted_mask)
    z = np.where(special, np.nan, values)
    canvas.add(cm.grid_heatmap(z, axis=axis, scale=scale, numbers=numbers, font_size=font))
    if pad_mask.any():
        canvas.add(cm.hatched_cells(pad_mask, axis=axis, pattern="/"))
        if numbers:
            canvas.add(cm.text_cells(np.argwhere(pad_mask), pad_label, axis=axis, font_size=font))
    if inserted_mask is not None and inserted_mask.any():
        canvas.add(cm.hatched_cells(inserted_mask, axis=axis, pattern=".", fill="#f4f4f4", ink="#9a9a9a"))
        if numbers:
            canvas.add(cm.text_cells(np.argwhere(inserted_mask), "0", axis=axis, font_size=font, color="#8a8a8a"))


def _real_region_border(canvas: _Canvas, axis: int, pad_mask):
    """Dashed outline around the non-padding cells (the input proper)."""
    inside = np.argwhere(~pad_mask)
    if inside.size == 0 or not pad_mask.any():
        return
    (r0, c0), (r1, c1) = inside.min(axis=0), inside.max(axis=0)
    canvas.static_shapes.append(cm.rect(axis, r0, c0, r1, c1, color="#555555", width=1.5, dash="dash"))


def _pending_cover(row: int, col: int, out_h: int, out_w: int) -> dict:
    """Frame update of the grey cover over the output cells after (row, col) in row-major order:
    one L-shaped path (the rest of the current row, then every row below); empty at the end."""
    top, mid, bottom = row - 0.5, row + 0.5, out_h - 0.5
    left, split, right = -0.5, col + 0.5, out_w - 0.5
    if row == out_h - 1 and col == out_w - 1:
        return {"path": f"M{right:g},{bottom:g}Z"}
    return {"path": f"M{split:g},{top:g}H{right:g}V{bottom:g}H{left:g}V{mid:g}H{split:g}Z"}


def _pending_shape(axis: int) -> dict:
    xref, yref = cm.axis_ids(axis)
    return {"type": "path", "xref": xref, "yref": yref, "path": "M0,0Z", "fillcolor": cm.PENDING_FILL,
            "line": {"width": 0}, "layer": "above"}


def _controls(n_frames: int, labels: list[str], frame_ms: float, lang: str, style: _Style, bottom_px: int):
    """Play / Pause buttons, a speed drop-down (each choice starts playing at that speed), and a
    scrub slider with one step per frame, all under the grids."""
    def play(ms):
        return [None, {"frame": {"duration": ms, "redraw": True}, "fromcurrent": True,
                       "transition": {"duration": 0}, "mode": "immediate"}]

    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    button_font = {"size": style.font}
    buttons_top = bottom_px - _CONTROLS_PX
    speed = t("figures.speed", lang)
    updatemenus = [
        {
            "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0.0,
            "xanchor": "left", "yanchor": "top", "pad": {"t": buttons_top, "r": 4}, "font": button_font,
            "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
            "buttons": [
                {"label": t("figures.play", lang), "method": "animate", "args": play(frame_ms)},
                {"label": t("figures.pause", lang), "method": "animate", "args": pause},
            ],
        },
        {
            "type": "dropdown", "direction": "up", "showactive": True, "active": 1, "x": 0.0, "y": 0.0,
            "xanchor": "left", "yanchor": "top",
            "pad": {"t": buttons_top, "l": 250 if style.presentation else 196},
            "font": button_font, "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
            "buttons": [
                {"label": f"{speed} {factor:g}×", "method": "animate", "args": play(frame_ms / factor)}
                for factor in (0.5, 1, 2, 4)
            ],
        },
    ]
    hide_labels = n_frames > 12
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    slider = {
        "active": 0, "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top", "xanchor": "left",
        "pad": {"t": buttons_top + 44, "b": 0}, "ticklen": 0 if hide_labels else 4, "minorticklen": 0,
        "currentvalue": {"prefix": t("figures.step_prefix", lang), "font": {"size": style.font, "color": cm.TEXT},
                         "xanchor": "left", "offset": 6},
        "font": {"size": max(style.font - 2, 9), "color": "rgba(0,0,0,0)" if hide_labels else "#555555"},
        "transition": {"duration": 0},
        "bgcolor": "#eeeeee", "activebgcolor": cm.HIGHLIGHT, "bordercolor": "#bbbbbb",
        "steps": [{"method": "animate", "label": label, "args": [[str(i)], step_args]}
                  for i, label in enumerate(labels)],
    }
    return updatemenus, [slider]


def _bottom_px(equation_lines: int, style: _Style) -> int:
    """Bottom margin: the equation's lines, then the controls."""
    return int(32 + equation_lines * style.equation * 1.5 + _CONTROLS_PX + (16 if style.presentation else 0))


def _equation_annotation(style: _Style) -> dict:
    return {
        "text": "", "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.0, "xanchor": "center", "yanchor": "top",
        "yshift": -26, "showarrow": False, "align": "center",
        "font": {"size": style.equation, "color": cm.TEXT},
        "bgcolor": "rgba(255,255,255,0.9)",
    }


def _assemble(canvas: _Canvas, dynamic_shapes0, dynamic_annotations0, frames, controls, meta: dict):
    updatemenus, sliders = controls
    layout = cm.base_layout(height=canvas.plan.height, font_size=canvas.plan.style.font,
                            margin={"l": 16, "r": 16, "t": canvas.plan.top_px, "b": canvas.plan.bottom_px})
    layout.update(canvas.axes)
    layout["shapes"] = list(dynamic_shapes0) + canvas.static_shapes
    layout["annotations"] = list(dynamic_annotations0) + canvas.static_annotations
    layout["updatemenus"] = updatemenus
    layout["sliders"] = sliders
    layout["meta"] = {**meta, "steps": len(frames), "dynamic_shapes": len(dynamic_shapes0),
                      "dynamic_annotations": len(dynamic_annotations0)}
    return go.Figure({"data": canvas.traces, "layout": layout, "frames": frames})


def _merge(base: list[dict], update: list[dict]) -> list[dict]:
    """Full dynamic shapes/annotations for the base figure: static keys plus step-0 values."""
    return [{**b, **u} for b, u in zip(base, update)]


# ---------------------------------------------------------------------------------------------
# convolution
# ---------------------------------------------------------------------------------------------

def conv_animation_figure(trace, *, lang="en", show_numbers=None, presentation=False, frame_ms=600,
                          photo=False) -> go.Figure:
    """Animate a traced convolution: the kernel sliding over the padded input, one output cell
    per frame.

    Parameters
    ----------
    trace : ConvTrace
        From :func:`cnnviz.lessons.trace.trace_conv2d`, at most :data:`MAX_CHANNELS` input channels.
    lang : {"en", "zh"}
    show_numbers : bool or None
        Write the values in the cells; None: in every grid of at most 12 × 12 cells, or whose
        cells are large enough (a 1-D signal of up to 40 samples).
    presentation : bool
        Larger fonts and lines, for a projector.
    frame_ms : float
        Milliseconds per frame at 1× speed (20–10000).
    photo : bool
        The input is a photo's brightness: drawn black (0) to white, as the photo looks. Otherwise
        non-negative inputs are ink on paper (0 white, high dark), which would show a photo as its negative.

    Returns
    -------
    go.Figure
        ``len(trace.steps)`` frames named "0", "1", …; the figure itself shows step 0. A wide,
        one-channel input such as a 1-D signal (``x`` of shape (1, L)) gets a stacked layout:
        input on top, kernel and products below it, output at the bottom.
    """
    _check_common(trace, ConvTrace, lang, show_numbers, presentation, frame_ms)
    return _conv_figure(trace, False, lang, show_numbers, _Style(presentation), frame_ms, photo)


def transposed_animation_figure(trace, *, lang="en", show_numbers=None, presentation=False, frame_ms=600) -> go.Figure:
    """Animate a traced transposed convolution in its zero-insertion view.

    Left to right: the input x, the zero-inserted and padded input with the (180°-rotated)
    kernel's window, the kernel, the products, the output. The input pixels under the window
    are outlined in x too. Parameters as in :func:`conv_animation_figure`; ``trace`` is a
    :class:`~cnnviz.lessons.trace.TransposedConvTrace` from :func:`cnnviz.lessons.trace.trace_conv_transpose2d`.
    """
    _check_common(trace, TransposedConvTrace, lang, show_numbers, presentation, frame_ms)
    return _conv_figure(trace, True, lang, show_numbers, _Style(presentation), frame_ms)


def _conv_figure(trace: ConvTrace, transposed: bool, lang, show_numbers, style: _Style, frame_ms,
                 photo: bool = False) -> go.Figure:
    channels, padded_h, padded_w = trace.padded.shape
    kh, kw = trace.kernel_size
    out_h, out_w = trace.output.shape
    multi = channels > 1
    # columns: [x], padded input, kernel, products, output
    first = 1 if transposed else 0
    columns = ([(trace.x.shape[2], trace.x.shape[1], True)] if transposed else []) + [
        (padded_w, padded_h, False), (kw, kh, True), (kw, kh, True), (out_w, out_h, _own_cells(trace, out_h, out_w))]
    out_col = first + 3
    if not transposed and channels == 1 and padded_w >= max(4 * padded_h, 14) and out_w >= 4 * out_h:
        plan = _StackedPlan(columns, style, bottom_px=_bottom_px(2, style))  # a 1-D signal: grids on top of each other
    else:
        plan = _Plan(columns, channels, spanning=[out_col], style=style, bottom_px=_bottom_px(2, style))
    canvas = _Canvas(plan)

    in_scale = cm.value_scale(trace.x, sequential=cm.IMAGE_SCALE if photo else cm.INPUT_SCALE)
    kernel_scale = cm.diverging_scale(trace.kernel)
    product_scale = cm.diverging_scale(trace.products)
    out_scale = cm.value_scale(trace.output, sequential=cm.SEQUENTIAL_SCALE)
    inserted = trace.inserted_mask if transposed else None
    kernel_values = np.concatenate([trace.kernel.ravel(), trace.products.ravel()])

    in_axes, product_axes, product_traces, weight_traces, x_axes = [], [], [], [], []
    for c in range(channels):
        label = c + 1
        if transposed:
            xh, xw = trace.x.shape[1:]
            ax = canvas.axis(0, c, xh, xw)
            numbers = _numbers_on((xh, xw), plan.cell_px(0), show_numbers, style, trace.x)
            font = style.number_font(plan.cell_px(0), trace.x)
            canvas.add(cm.grid_heatmap(trace.x[c], axis=ax, scale=in_scale, numbers=numbers, font_size=font))
            canvas.title(ax, t("figures.original_input_channel", lang, c=label) if multi
                         else t("figures.original_input", lang))
            x_axes.append(ax)
            canvas.operator(0, c, "→")
        ax = canvas.axis(first, c, padded_h, padded_w)
        numbers = _numbers_on((padded_h, padded_w), plan.cell_px(first), show_numbers, style, trace.x)
        font = style.number_font(plan.cell_px(first), trace.x)
        _input_grid(canvas, ax, trace.padded[c], trace.pad_mask, scale=in_scale, numbers=numbers, font=font,
                    inserted_mask=inserted)
        _real_region_border(canvas, ax, trace.pad_mask)
        if transposed:
            title = (t("figures.stuffed_channel", lang, c=label) if multi
                     else t("figures.stuffed", lang, s=pair_text(trace.transposed_stride)))
        elif trace.pad_mask.any():
            title = t("figures.input_channel", lang, c=label) if multi else t("figures.input_padded", lang)
        else:
            title = t("figures.input_channel", lang, c=label) if multi else t("figures.input", lang)
        canvas.title(ax, title)
        in_axes.append(ax)
        weights = ["×" + _num(w) for w in trace.kernel[c].ravel()]
        weight_font = max(cm.MIN_TEXT_PX[bool(style.presentation)], round(font * 0.62))
        if numbers and _weight_labels_fit(_narrowest_px(plan.cell_px(first), style), font, weight_font, weights):
            # the kernel weight written small in the corner of each tap, as on the blackboard
            weight_traces.append(canvas.add({
                "type": "scatter", "mode": "text", "x": [], "y": [],
                "text": weights,
                "textposition": "middle center", "hoverinfo": "skip", "showlegend": False,
                "textfont": {"size": weight_font, "color": _outline_color(in_scale)},
                "xaxis": cm.axis_ids(ax)[0], "yaxis": cm.axis_ids(ax)[1],
            }))
        canvas.operator(first, c, "⊙")

        ax_k = canvas.axis(first + 1, c, kh, kw)
        k_numbers = _numbers_on((kh, kw), plan.cell_px(first + 1), show_numbers, style, kernel_values)
        k_font = style.number_font(plan.cell_px(first + 1), kernel_values)
        canvas.add(cm.grid_heatmap(trace.kernel[c], axis=ax_k, scale=kernel_scale, numbers=k_numbers,
                                   font_size=k_font))
        canvas.static_shapes.append(cm.rect(ax_k, 0, 0, kh - 1, kw - 1, color=cm.HIGHLIGHT, width=style.tap_width))
        if trace.flipped:
            title = t("figures.kernel_rotated", lang)
            title = f"{title} · {label}" if multi else title
        else:
            title = t("figures.kernel_channel", lang, c=label) if multi else t("figures.kernel", lang)
        canvas.title(ax_k, title)
        canvas.operator(first + 1, c, "=")

        ax_p = canvas.axis(first + 2, c, kh, kw)
        product_traces.append(canvas.add(cm.grid_heatmap(
            trace.products[0, 0, c], axis=ax_p, scale=product_scale, numbers=k_numbers, font_size=k_font,
        )))
        canvas.title(ax_p, t("figures.products_channel", lang, c=label) if multi else t("figures.products", lang))
        product_axes.append(ax_p)

    canvas.operator(first + 2, -1, "Σ ↓" if isinstance(plan, _StackedPlan) else "Σ→")
    o_ticks = _ticks_fit((out_h, out_w), plan.cell_px(out_col), style)
    ax_o = canvas.axis(out_col, 0, out_h, out_w, ticks=o_ticks)
    o_numbers = _numbers_on((out_h, out_w), plan.cell_px(out_col), show_numbers, style, trace.output)
    o_font = style.number_font(plan.cell_px(out_col), trace.output)
    output_trace = canvas.add(cm.grid_heatmap(trace.output, axis=ax_o, scale=out_scale, numbers=o_numbers,
                                              font_size=o_font))
    canvas.title(ax_o, t("figures.output", lang), yshift=_ticks_shift(style) if o_ticks else 6)
    last_in = in_axes[-1]
    if transposed:
        if min(trace.pad) < 0:
            canvas.note(last_in, t("figures.note_cropped", lang, p=pair_text(trace.transposed_padding)))
        else:
            canvas.note(last_in, t("figures.note_inserted", lang, p=pair_text(trace.pad[::2])))
    elif trace.pad_mask.any():
        canvas.note(last_in, t("figures.note_padding", lang))

    # dynamic shapes: per channel [taps, span box, (x highlight)], then output [cell, 2 covers]
    base_shapes = []
    for c in range(channels):
        base_shapes.append(cm.path_shape(in_axes[c], _EMPTY_PATH, color=_outline_color(in_scale),
                                         width=style.line_width(plan.cell_px(first))))
        base_shapes.append(cm.rect(in_axes[c], 0, 0, 0, 0, color=cm.HIGHLIGHT, width=1.2, dash="dot",
                                   fill=cm.HIGHLIGHT_SOFT, layer="below"))
        if transposed:
            base_shapes.append(cm.path_shape(x_axes[c], _EMPTY_PATH, color=_outline_color(in_scale),
                                             width=style.tap_width))
    base_shapes.append(_current_cell(ax_o, style))
    base_shapes.append(_pending_shape(ax_o))

    base_annotations = [_equation_annotation(style)]
    if multi:
        for c in range(channels):
            xref, yref = cm.axis_ids(product_axes[c])
            base_annotations.append({
                "text": "", "xref": f"{xref} domain", "yref": f"{yref} domain", "x": 0.5, "y": 0.0,
                "xanchor": "center", "yanchor": "top", "yshift": -4, "showarrow": False,
                "font": {"size": style.title, "color": cm.TEXT},
            })

    span_h, span_w = trace.span
    frames, labels = [], []
    first_shapes = first_annotations = None
    for step in trace.steps:
        shapes = []
        r0, c0 = step.taps[0]
        tap_path = cm.cells_path(step.taps, inset=0.07)
        for _ in range(channels):
            shapes.append({"path": tap_path})
            shapes.append({"x0": c0 - 0.5, "x1": c0 + span_w - 0.5, "y0": r0 - 0.5, "y1": r0 + span_h - 0.5})
            if transposed:
                src = trace.source_index[step.taps[:, 0], step.taps[:, 1]]
                src = src[src[:, 0] >= 0]
                shapes.append({"path": cm.cells_path(src, inset=0.07) or "M0,0", "visible": bool(len(src))})
        shapes.append({"x0": step.col - 0.5, "x1": step.col + 0.5, "y0": step.row - 0.5, "y1": step.row + 0.5})
        shapes.append(_pending_cover(step.row, step.col, out_h, out_w))
        annotations = [{"text": _conv_equation(step, channels, lang)}]
        if multi:
            annotations += [{"text": t("figures.channel_sum", lang, total=_num(s))} for s in step.channel_sums]
        data, indices = [], []
        for c in range(channels):
            data.append({"type": "heatmap", "z": cm.to_list(cm.compact(step.products[c]))})
            indices.append(product_traces[c])
        for index in weight_traces:
            data.append({"type": "scatter", "x": step.taps[:, 1].tolist(),
                         "y": (step.taps[:, 0] + _WEIGHT_DY).tolist()})
            indices.append(index)
        if first_shapes is None:
            first_shapes, first_annotations = shapes, annotations
            for d, i in zip(data, indices):
                canvas.traces[i].update({k: v for k, v in d.items() if k != "type"})
        frames.append({"name": str(step.index), "data": data, "traces": indices,
                       "layout": {"shapes": shapes, "annotations": annotations}})
        labels.append(f"({step.row},{step.col})")

    controls = _controls(len(frames), labels, frame_ms, lang, style, plan.bottom_px)
    meta = {"figure": "transposed_animation" if transposed else "conv_animation",
            "layout": "stacked" if isinstance(plan, _StackedPlan) else "columns",
            "output_traces": [output_trace], "step_traces": product_traces + weight_traces}
    return _assemble(canvas, _merge(base_shapes, first_shapes), _merge(base_annotations, first_annotations),
                     frames, controls, meta)


def _conv_equation(step, channels: int, lang: str) -> str:
    total = float(step.running_sum[-1])
    if channels > 1:
        terms = " + ".join(
            t("figures.channel_term", lang, value=_fmt_term(s), c=c + 1) for c, s in enumerate(step.channel_sums)
        )
        first = t("figures.sum_channels", lang, terms=terms, total=_num(total))
    elif step.products.size <= _TERMS_MAX:
        terms = " + ".join(_fmt_term(p) for p in step.products.ravel())
        first = t("figures.sum_terms", lang, terms=terms, total=_num(total))
    else:
        first = t("figures.sum_many", lang, n=step.products.size, total=_num(total))
    second = t("figures.output_line", lang, r=step.row, c=step.col, total=_num(total),
               bias=_fmt_term(step.bias), value=f"<b>{_num(step.value)}</b>")
    return f"{first}<br>{second}"


# ---------------------------------------------------------------------------------------------
# pooling
# ---------------------------------------------------------------------------------------------

def pool_animation_figure(trace, *, lang="en", show_numbers=None, presentation=False, frame_ms=600) -> go.Figure:
    """Animate a traced max or average pooling: the window sliding over the (padded) input.

    Each channel gets a row: the input with the window outlined (the maximum filled in blue for
    max pooling), the window's values, and that channel's output filled in up to the current
    cell. The equation lists the window's values and the max or the average with its divisor.
    Parameters as in :func:`conv_animation_figure`; ``trace`` is a :class:`~cnnviz.lessons.trace.PoolTrace`
    from :func:`cnnviz.lessons.trace.trace_pool2d`.
    """
    _check_common(trace, PoolTrace, lang, show_numbers, presentation, frame_ms)
    style = _Style(presentation)
    channels, padded_h, padded_w = trace.padded.shape
    kh, kw = trace.kernel_size
    out_h, out_w = trace.output.shape[1:]
    multi = channels > 1
    is_max = trace.mode == "max"
    columns = [(padded_w, padded_h, False), (kw, kh, True), (out_w, out_h, _own_cells(trace, out_h, out_w))]
    plan = _Plan(columns, channels, spanning=[], style=style,
                 bottom_px=_bottom_px((channels + 1 if multi else 1) + int(trace.mode == "avg"), style))
    canvas = _Canvas(plan)
    in_scale = cm.value_scale(trace.x)
    out_scale = cm.value_scale(trace.output, sequential=cm.SEQUENTIAL_SCALE)
    pad_only = trace.pad_mask & ~trace.overhang_mask

    in_axes, win_axes, out_axes, win_traces, output_traces = [], [], [], [], []
    for c in range(channels):
        label = c + 1
        ax = canvas.axis(0, c, padded_h, padded_w)
        numbers = _numbers_on((padded_h, padded_w), plan.cell_px(0), show_numbers, style, trace.x)
        font = style.number_font(plan.cell_px(0), trace.x)
        _input_grid(canvas, ax, trace.padded[c], pad_only, scale=in_scale, numbers=numbers, font=font,
                    pad_label="−∞" if is_max else "0")
        if trace.overhang_mask.any():
            canvas.add(cm.hatched_cells(trace.overhang_mask, axis=ax, pattern="x", fill="#eeeeee", ink="#b0b0b0"))
        _real_region_border(canvas, ax, trace.pad_mask)
        title = t("figures.input_channel", lang, c=label) if multi else (
            t("figures.input_padded", lang) if pad_only.any() else t("figures.input", lang))
        canvas.title(ax, title)
        in_axes.append(ax)
        canvas.operator(0, c, "→")

        ax_w = canvas.axis(1, c, kh, kw)
        w_numbers = _numbers_on((kh, kw), plan.cell_px(1), show_numbers, style, trace.x)
        w_font = style.number_font(plan.cell_px(1), trace.x)
        win_traces.append(canvas.add(cm.grid_heatmap(
            np.zeros((kh, kw)), axis=ax_w, scale=in_scale, numbers=w_numbers, font_size=w_font,
        )))
        canvas.title(ax_w, t("figures.window_channel", lang, c=label) if multi else t("figures.window", lang))
        canvas.static_shapes.append(cm.rect(ax_w, 0, 0, kh - 1, kw - 1, color=cm.HIGHLIGHT, width=style.tap_width))
        win_axes.append(ax_w)
        canvas.operator(1, c, "max<br>→" if is_max else "avg<br>→", font=style.title)

        o_ticks = _ticks_fit((out_h, out_w), plan.cell_px(2), style)
        ax_o = canvas.axis(2, c, out_h, out_w, ticks=o_ticks)
        o_numbers = _numbers_on((out_h, out_w), plan.cell_px(2), show_numbers, style, trace.output)
        o_font = style.number_font(plan.cell_px(2), trace.output)
        output_traces.append(canvas.add(cm.grid_heatmap(trace.output[c], axis=ax_o, scale=out_scale,
                                                        numbers=o_numbers, font_size=o_font)))
        canvas.title(ax_o, t("figures.output_channel", lang, c=label) if multi else t("figures.output", lang),
                     yshift=_ticks_shift(style) if o_ticks else 6)
        out_axes.append(ax_o)
    if pad_only.any():
        canvas.note(in_axes[-1], t("figures.note_padding_max" if is_max else "figures.note_padding", lang))
    elif trace.overhang_mask.any():
        canvas.note(in_axes[-1], t("figures.note_overhang", lang))

    # dynamic shapes per channel: taps, span box, window-padding outline, [max in input, max in window],
    # output cell, 2 covers
    base_shapes = []
    for c in range(channels):
        base_shapes.append(cm.path_shape(in_axes[c], _EMPTY_PATH, color=_outline_color(in_scale),
                                         width=style.line_width(plan.cell_px(0))))
        base_shapes.append(cm.rect(in_axes[c], 0, 0, 0, 0, color=cm.HIGHLIGHT, width=1.2, dash="dot",
                                   fill=cm.HIGHLIGHT_SOFT, layer="below"))
        base_shapes.append(cm.path_shape(win_axes[c], _EMPTY_PATH, color="#777777", width=1.5, dash="dash",
                                         fill="rgba(200,200,200,0.55)"))
        if is_max:
            base_shapes.append(cm.path_shape(in_axes[c], _EMPTY_PATH, color=cm.ACCENT,
                                             width=style.line_width(plan.cell_px(0)),
                                             fill="rgba(0,114,178,0.25)"))
            base_shapes.append(cm.path_shape(win_axes[c], _EMPTY_PATH, color=cm.ACCENT, width=style.cell_width,
                                             fill="rgba(0,114,178,0.25)"))
        base_shapes.append(_current_cell(out_axes[c], style))
        base_shapes.append(_pending_shape(out_axes[c]))
    base_annotations = [_equation_annotation(style)]

    span_h, span_w = trace.span
    frames, labels = [], []
    first_shapes = first_annotations = None
    for step in trace.steps:
        r0, c0 = step.taps[0]
        tap_path = cm.cells_path(step.taps, inset=0.07)
        outside = np.argwhere(~step.inside)
        outside_path = cm.cells_path(outside)
        shapes = []
        for c in range(channels):
            shapes.append({"path": tap_path})
            shapes.append({"x0": c0 - 0.5, "x1": c0 + span_w - 0.5, "y0": r0 - 0.5, "y1": r0 + span_h - 0.5})
            shapes.append({"path": outside_path or "M0,0", "visible": bool(len(outside))})
            if is_max:
                k = int(step.argmax[c])
                shapes.append({"path": cm.cells_path(step.taps[k], inset=0.07)})
                shapes.append({"path": cm.cells_path(divmod(k, kw), inset=0.05)})
            shapes.append({"x0": step.col - 0.5, "x1": step.col + 0.5, "y0": step.row - 0.5, "y1": step.row + 0.5})
            shapes.append(_pending_cover(step.row, step.col, out_h, out_w))
        annotations = [{"text": _pool_equation(step, trace, lang)}]
        window = np.where(np.isfinite(step.patch), step.patch, np.nan)
        data = [{"type": "heatmap", "z": cm.to_list(cm.compact(window[c]))} for c in range(channels)]
        if first_shapes is None:
            first_shapes, first_annotations = shapes, annotations
            for d, i in zip(data, win_traces):
                canvas.traces[i]["z"] = d["z"]
        frames.append({"name": str(step.index), "data": data, "traces": list(win_traces),
                       "layout": {"shapes": shapes, "annotations": annotations}})
        labels.append(f"({step.row},{step.col})")

    controls = _controls(len(frames), labels, frame_ms, lang, style, plan.bottom_px)
    meta = {"figure": "pool_animation", "output_traces": output_traces, "step_traces": list(win_traces)}
    return _assemble(canvas, _merge(base_shapes, first_shapes), _merge(base_annotations, first_annotations),
                     frames, controls, meta)


def _pool_equation(step, trace: PoolTrace, lang: str) -> str:
    lines = []
    multi = trace.in_channels > 1
    counted = step.inside.ravel()
    for c in range(trace.in_channels):
        values = step.patch[c].ravel()
        prefix = t("figures.channel_prefix", lang, c=c + 1) if multi else ""
        value = f"<b>{_num(step.value[c])}</b>"
        if trace.mode == "max":
            shown = values[counted]
            if shown.size <= _TERMS_MAX:
                line = t("figures.max_terms", lang, terms=", ".join(_num(v) for v in shown), value=value)
            else:
                line = t("figures.max_many", lang, n=shown.size, value=value)
        else:
            if values.size <= _TERMS_MAX:
                line = t("figures.avg_terms", lang, terms=" + ".join(_fmt_term(v) for v in values),
                         divisor=step.divisor, value=value)
            else:
                line = t("figures.avg_many", lang, n=values.size, divisor=step.divisor,
                         total=_num(step.window_sum[c]), value=value)
        lines.append(prefix + line)
    head = t("figures.pool_output_line", lang, r=step.row, c=step.col)
    text = head + ": " + lines[0] if not multi else head + "<br>" + "<br>".join(lines)
    if trace.mode == "avg" and not step.inside.all():
        key = "figures.divisor_with_pad" if trace.count_include_pad else "figures.divisor_without_pad"
        text += f"<br><span style='font-size:85%'>{t(key, lang, divisor=step.divisor)}</span>"
    return text

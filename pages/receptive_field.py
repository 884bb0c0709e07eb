"""Receptive field: build a small conv/pool stack, pick an output unit, follow its field back to the input."""

import pandas as pd
import streamlit as st

from cnnviz.figures import receptive as figs
from cnnviz.lessons import connectivity, quizzes
from cnnviz.nn.shapes import ShapeError
from ui import quiz
from ui.literal import literal
from ui.shell import intro, page_context
from ui.urlstate import show_url_notices, url_slider, url_text

CHART_CONFIG = {"displaylogo": False}
STACK_KEY = "receptive.stack"
SIZE_KEY = "receptive.size"
ROW_KEY = "receptive.row"
COL_KEY = "receptive.col"
MAP_KEY = "receptive.map"
DEFAULT_STACK = "c3, p2, c3"
DEFAULT_SIZE = 16
EXAMPLES = (  # (name, stack, input size or None to keep the current one)
    ("three_conv", "c3, c3, c3", None),
    ("conv_pool_conv", "c3, p2, c3", None),
    ("vgg", "c3p1, c3p1, p2, c3p1, c3p1, p2", None),
    ("dilated", "c3, c3d2, c3d4", None),
    ("gridding", "c3d2, c3d2", None),
    ("lenet", "c5, p2, c5, p2", 32),
)

ctx = page_context("receptive")
show_url_notices(ctx)


def use_example(stack: str, size: int | None) -> None:
    """Button callback: load an example stack (and input size) before the widgets are drawn."""
    st.session_state[STACK_KEY] = stack
    if size is not None:
        st.session_state[SIZE_KEY] = size


def pick_clicked_unit() -> None:
    """Chart callback: a click on the last map picks that output unit."""
    event = st.session_state.get(MAP_KEY)
    points = event["selection"]["points"] if event else []
    for point in points:
        cell = point.get("customdata")
        if cell is not None and len(cell) == 2:
            st.session_state[ROW_KEY], st.session_state[COL_KEY] = int(cell[0]), int(cell[1])
            return


def valid_stack(text: str) -> None:
    """URL check: a stack from a link must parse (else the default and a notice)."""
    connectivity.parse_layer_stack(text)


st.title(ctx.t("receptive.title"))
intro(ctx, ctx.t("receptive.intro"))
quiz.ask(quiz.slot("receptive_field"), ctx, lambda seed: quizzes.receptive_field_question(seed=seed))

# --- the stack ---------------------------------------------------------------------------------------
left, right = st.columns([2.2, 1], gap="large")
with left:
    stack_text = url_text(STACK_KEY, ctx.t("receptive.stack"), DEFAULT_STACK, max_chars=120, validate=valid_stack,
                          help=ctx.t("receptive.stack_help", limit=connectivity.MAX_LAYERS))
    if not ctx.presentation:
        st.caption(ctx.t("receptive.grammar"))
with right:
    input_size = url_slider(SIZE_KEY, ctx.t("receptive.size"), 4, 64, DEFAULT_SIZE)
with st.container(horizontal=True, gap="small", vertical_alignment="center"):
    st.markdown(ctx.t("receptive.examples"), width="content")
    for name, stack, size in EXAMPLES:
        st.button(ctx.t(f"receptive.example.{name}"), key=f"receptive.example.{name}", on_click=use_example,
                  args=(stack, size), help=stack)

try:
    layers = connectivity.parse_layer_stack(stack_text)
except ShapeError as error:
    st.warning(ctx.t("receptive.invalid_stack", problem=ctx.t(error)), icon=":material/edit_note:")
    st.stop()

geometry = connectivity.stack_geometry(input_size, layers)


def layer_table(geometry: connectivity.StackGeometry) -> pd.DataFrame:
    """One row per stage (input first): the layer, its output size, and RF / jump / start from cnnviz.nn.shapes."""
    c = ctx.t
    records = [{
        c("receptive.col.layer"): c("receptive.input_row"), c("receptive.col.type"): "", c("receptive.col.kernel"): "",
        c("receptive.col.stride"): "", c("receptive.col.padding"): "", c("receptive.col.dilation"): "",
        c("receptive.col.size"): f"{geometry.sizes[0]}×{geometry.sizes[0]}",
        c("receptive.col.rf"): 1, c("receptive.col.jump"): 1, c("receptive.col.start"): "0",
    }]
    for position, (layer, row) in enumerate(zip(layers, geometry.rf), start=1):
        size = geometry.sizes[position] if position < len(geometry.sizes) else None
        records.append({
            c("receptive.col.layer"): f"{position} · {layer.code}",
            c("receptive.col.type"): c(f"receptive.kind.{layer.kind}"),
            c("receptive.col.kernel"): str(layer.kernel_size), c("receptive.col.stride"): str(layer.stride),
            c("receptive.col.padding"): str(layer.padding), c("receptive.col.dilation"): str(layer.dilation),
            c("receptive.col.size"): f"{size}×{size}" if size is not None else c("receptive.empty_size"),
            c("receptive.col.rf"): int(row.rf), c("receptive.col.jump"): int(row.jump),
            c("receptive.col.start"): f"{row.start:g}",
        })
    return pd.DataFrame.from_records(records).set_index(c("receptive.col.layer"))


if not geometry.ok:
    index = geometry.failed_layer
    st.warning(ctx.t("receptive.failed", index=index + 1, code=literal(layers[index].code), size=geometry.sizes[-1],
                     problem=ctx.t(geometry)), icon=":material/block:")
    st.caption(ctx.t("receptive.failed_table"))
    st.table(layer_table(geometry))
    st.stop()

# --- pick an output unit ----------------------------------------------------------------------------
last = geometry.sizes[-1]
pick = st.columns([1, 1, 2])
with pick[0]:
    out_row = url_slider(ROW_KEY, ctx.t("receptive.row"), 0, last - 1, last // 2)
with pick[1]:
    out_col = url_slider(COL_KEY, ctx.t("receptive.col"), 0, last - 1, last // 2)
with pick[2]:
    st.caption(ctx.t("receptive.pick_hint"))

boxes = connectivity.stage_boxes(layers, out_row, out_col)
maps = connectivity.influence_maps(geometry.sizes, layers, out_row, out_col)
figure = figs.receptive_field_figure(layers, geometry.sizes, maps, boxes, lang=ctx.lang,
                                     presentation=ctx.presentation)
st.plotly_chart(figure, key=MAP_KEY, config=CHART_CONFIG, on_select=pick_clicked_unit,
                selection_mode="points")

r0, r1, c0, c1 = boxes[0]
st.markdown(ctx.t("receptive.selected", row=out_row, col=out_col, r0=r0, r1=r1 - 1, c0=c0, c1=c1 - 1,
                  rf=r1 - r0))
if r0 < 0 or c0 < 0 or r1 > input_size or c1 > input_size:
    st.markdown(ctx.t("receptive.selected_padding", size=input_size))
area, missing = connectivity.field_holes(maps[0], boxes[0])
if missing:
    st.markdown(ctx.t("receptive.holes", missing=missing, area=area))
st.caption(ctx.t("receptive.colour_note"))

# --- the table and the formulas ----------------------------------------------------------------------
st.subheader(ctx.t("receptive.table_header"))
st.table(layer_table(geometry))
if not ctx.presentation:
    st.caption(ctx.t("receptive.table_help"))
st.subheader(ctx.t("receptive.formula_header"))
st.markdown(ctx.t("receptive.formula_text"))
lines = connectivity.rf_recurrence_latex(layers, geometry.rf)
st.latex("\\begin{aligned}" + " \\\\ ".join(line.replace(" = ", " &= ", 1) for line in lines) + "\\end{aligned}")
if not ctx.presentation:
    top, jump = geometry.rf[-1].top, geometry.rf[-1].jump
    st.markdown(ctx.t("receptive.formula_box"))
    st.latex(f"\\text{{row}}_0 = {top} + {out_row}\\cdot {jump} = {r0},\\qquad "
             f"\\text{{col}}_0 = {top} + {out_col}\\cdot {jump} = {c0}")

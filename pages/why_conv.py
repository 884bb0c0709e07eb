"""Why convolution? Sparse connectivity, weight sharing, parameter counts, translation equivariance."""

import numpy as np
import streamlit as st

from cnnviz import images
from cnnviz.figures import why_conv as figs
from cnnviz.lessons import connectivity, quizzes
from cnnviz.nn import shapes
from cnnviz.train import datasets
from ui import quiz
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_number, url_select, url_slider, url_toggle

CHART_CONFIG = {"displaylogo": False}
IMAGE_SIDES = (28, 32, 224, 1000)
KERNELS = tuple(connectivity.EQUIVARIANCE_KERNELS)
PHOTO_SIDE = 32

ctx = page_context("why_conv")
show_url_notices(ctx)


@st.cache_data(max_entries=64, show_spinner=False)
def equivariance(source: str, digit: int, kernel: str, dy: int, dx: int) -> connectivity.EquivarianceDemo:
    """The equivariance demo on a test digit of class ``digit`` or on the bundled photo."""
    if source == "digit":
        digits, labels = datasets.load_mnist("test", dtype=np.float64)
        image = digits[int(np.argmax(labels == digit)), 0]  # (28, 28), the first test image of that digit
    else:
        photo = images.load_sample_image("camera", mode="L")
        image = np.clip(images.resize_to(photo, PHOTO_SIDE, resample="box"), 0.0, 1.0)
    return connectivity.equivariance_demo(
        image, connectivity.EQUIVARIANCE_KERNELS[kernel], dy, dx, rng=np.random.default_rng(0)
    )


st.title(ctx.t("why_conv.title"))
intro(ctx, ctx.t("why_conv.intro"))
quiz_slot = quiz.slot("why_conv")

# --- 1. the same layer drawn two ways ------------------------------------------------------------
page_only = ctx.presentation or ctx.embed  # projected or embedded: the diagram first, then its text
st.header(ctx.t("why_conv.s1.header"))
if not page_only:
    st.markdown(ctx.t("why_conv.s1.text"))
controls = (settings_box(ctx) if page_only else st).columns([1.2, 1, 1, 1, 1])
with controls[0]:
    dims = url_select("why_conv.dims", ctx.t("why_conv.dims"), ["1d", "2d"], "1d",
                      format_func=lambda v: ctx.t(f"why_conv.dims.{v}"), horizontal=True)
with controls[1]:
    if dims == "1d":
        size = url_slider("why_conv.length", ctx.t("why_conv.length"), 3, 16, 7)
    else:
        size = url_slider("why_conv.side", ctx.t("why_conv.side"), 3, 5, 4)
kernel_cap = 7 if dims == "1d" else 3
with controls[2]:
    kernel = url_slider(f"why_conv.k{dims[0]}", ctx.t("why_conv.kernel"), 1, min(kernel_cap, size),
                        2 if dims == "1d" else 3)
stride, padding = 1, 0
if not ctx.presentation:
    ranges = shapes.valid_conv_ranges(size, kernel)
    with controls[3]:
        stride = url_slider("why_conv.stride", ctx.t("why_conv.stride"), 1, min(3, ranges.stride[1]), 1)
    with controls[4]:
        padding = url_slider("why_conv.padding", ctx.t("why_conv.padding"), 0, kernel - 1, 0,
                             help=ctx.t("why_conv.padding_help"))

input_shape = size if dims == "1d" else (size, size)
index = connectivity.conv_weight_index(input_shape, kernel, stride, padding)
counts = connectivity.connection_counts(index)
metrics_box = None if page_only else st.container()  # projected: figures first
if dims == "1d":
    st.plotly_chart(figs.connection_diagram_figure(index, lang=ctx.lang, presentation=ctx.presentation),
                    key="why_conv.diagram", config=CHART_CONFIG)
kernel_shape = (1, kernel) if dims == "1d" else (kernel, kernel)
st.plotly_chart(figs.connectivity_matrix_figure(index, kernel_shape, lang=ctx.lang, presentation=ctx.presentation),
                key="why_conv.matrices", config=CHART_CONFIG)
if page_only:
    st.markdown(ctx.t("why_conv.s1.text"))
metrics = (metrics_box or st.container()).columns(3)
metrics[0].metric(ctx.t("why_conv.metric.dense"), f"{counts.dense:,}",
                  help=ctx.t("why_conv.metric.dense_help", inputs=counts.inputs, outputs=counts.outputs))
metrics[1].metric(ctx.t("why_conv.metric.connections"), f"{counts.connections:,}",
                  help=ctx.t("why_conv.metric.connections_help", percent=f"{100 * counts.density:.0f}"))
metrics[2].metric(ctx.t("why_conv.metric.shared"), f"{counts.shared:,}",
                  help=ctx.t("why_conv.metric.shared_help"))
st.markdown(ctx.t("why_conv.s1.summary", dense=f"{counts.dense:,}", connections=f"{counts.connections:,}",
                  percent=f"{100 * counts.density:.0f}", shared=counts.shared, outputs=counts.outputs))
st.caption(ctx.t("why_conv.s1.course"))

# --- 2. counting parameters -------------------------------------------------------------------------
st.header(ctx.t("why_conv.s2.header"))
st.markdown(ctx.t("why_conv.s2.text"))
controls = st.columns(4)
with controls[0]:
    side = url_select("why_conv.image", ctx.t("why_conv.image"), list(IMAGE_SIDES), 1000,
                      format_func=lambda v: f"{v} × {v}")
with controls[1]:
    field = url_slider("why_conv.field", ctx.t("why_conv.field"), 1, min(15, side), 10)
with controls[2]:
    filters = url_number("why_conv.filters", ctx.t("why_conv.filters"), 1, 1024, 100)
bias = False
if not ctx.presentation:
    with controls[3]:
        st.write("")
        bias = url_toggle("why_conv.bias", ctx.t("why_conv.bias"), False, help=ctx.t("why_conv.bias_help"))

quiz.ask(quiz_slot, ctx, lambda seed: quizzes.why_conv_question(side, field, filters, seed=seed))
rows = connectivity.parameter_comparison(side, field, filters, bias=bias)
cards = st.columns(1 if ctx.presentation else 2)
for position, row in enumerate(rows):
    with cards[position % len(cards)].container(border=True):
        st.markdown(ctx.t(f"why_conv.row.{row.kind}", k=field, f=filters,
                          units=connectivity.count_text(row.hidden_units)))
        st.latex(f"\\begin{{aligned}} N &= {row.symbolic} \\\\ &= {row.substituted} \\end{{aligned}}")
st.plotly_chart(figs.parameter_bars_figure(rows, lang=ctx.lang, presentation=ctx.presentation),
                key="why_conv.bars", config=CHART_CONFIG)
dense, local, shared, _ = rows
st.markdown(ctx.t("why_conv.s2.ratios", local=connectivity.count_text(dense.total // local.total),
                  shared=connectivity.count_text(local.total // shared.total)))
st.caption(ctx.t("why_conv.s2.course"))

# --- 3. locality and translation equivariance --------------------------------------------------------
st.header(ctx.t("why_conv.s3.header"))
st.markdown(ctx.t("why_conv.s3.text"))
slots = iter(st.columns([1.2, 1, 1, 1] if ctx.presentation else [1.2, 1, 1.2, 1, 1]))
with next(slots):
    source = url_select("why_conv.source", ctx.t("why_conv.source"), ["digit", "photo"], "digit",
                        format_func=lambda v: ctx.t(f"why_conv.source.{v}"), horizontal=True)
with next(slots):
    if source == "digit":
        digit = url_slider("why_conv.digit", ctx.t("why_conv.digit"), 0, 9, 3)
    else:
        digit = 0
        st.caption(ctx.t("why_conv.photo_note", side=PHOTO_SIDE))
kernel_name = "edge_vertical"
if not ctx.presentation:
    with next(slots):
        kernel_name = url_select("why_conv.kernel", ctx.t("why_conv.kernel_pick"), list(KERNELS), kernel_name,
                                 format_func=lambda v: ctx.t(f"why_conv.kernel.{v}"))
with next(slots):
    dy = url_slider("why_conv.dy", ctx.t("why_conv.dy"), -6, 6, 3)
with next(slots):
    dx = url_slider("why_conv.dx", ctx.t("why_conv.dx"), -6, 6, 2)

demo = equivariance(source, digit, kernel_name, dy, dx)
metrics = st.columns(3)
metrics[0].metric(ctx.t("why_conv.metric.conv_gap"), f"{demo.conv_gap:.3g}",
                  help=ctx.t("why_conv.metric.conv_gap_help"))
metrics[1].metric(ctx.t("why_conv.metric.conv_gap_interior", margin=demo.margin),
                  f"{demo.conv_gap_interior:.3g}")
metrics[2].metric(ctx.t("why_conv.metric.dense_gap"), f"{demo.dense_gap:.3g}",
                  help=ctx.t("why_conv.metric.dense_gap_help", scale=f"{demo.output_scale:.3g}"))
st.plotly_chart(figs.equivariance_figure(demo, photo=source == "photo", lang=ctx.lang, presentation=ctx.presentation),
                key="why_conv.equivariance", config=CHART_CONFIG)
if demo.conv_gap == 0:
    st.success(ctx.t("why_conv.s3.exact", dy=dy, dx=dx), icon=":material/check_circle:")
else:
    st.info(ctx.t("why_conv.s3.border", margin=demo.margin, value=f"{demo.conv_gap:.3g}"),
            icon=":material/border_outer:")
st.markdown(ctx.t("why_conv.s3.takeaway"))

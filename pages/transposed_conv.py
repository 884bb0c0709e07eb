"""Transposed convolution: zero insertion animated, the transposed matrix, overlaps, the size formula."""

import numpy as np
import streamlit as st

from cnnviz.figures import sliding
from cnnviz.figures import transposed as tfig
from cnnviz.lessons import convmath, quizzes
from cnnviz.lessons.trace import trace_conv_transpose2d
from cnnviz.nn import functional, shapes
from ui import quiz
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_select, url_slider

AREA = "transposed"
VIEWS = ("animation", "matrix", "overlap")
OVERLAP_INPUT = 6  # input side used to show overlap counts (big enough to see the pattern)
CHART_CONFIG = {"displaylogo": False}

ctx = page_context(AREA)
show_url_notices(ctx)
st.title(ctx.t("transposed.title"))
intro(ctx, ctx.t("transposed.intro"))
quiz.ask(quiz.slot("transposed_conv"), ctx, lambda seed: quizzes.transposed_conv_question(OVERLAP_INPUT, seed=seed))


# ---------------------------------------------------------------------------------------------
# cached computations (plain values in, arrays out)
# ---------------------------------------------------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def compute(size, kernel_size, stride, padding, output_padding, dilation, input_kind, kernel_kind):
    x = convmath.example_grid(input_kind, size, size)
    kernel = convmath.example_grid(kernel_kind, kernel_size, kernel_size)
    trace = trace_conv_transpose2d(x, kernel, stride=stride, padding=padding, output_padding=output_padding,
                                   dilation=dilation)
    y = functional.conv_transpose2d(x[None, None], kernel[None, None], stride=stride, padding=padding,
                                    output_padding=output_padding, dilation=dilation)[0, 0]
    return x, kernel, trace, y


@st.cache_data(max_entries=32, show_spinner=False)
def animation(size, kernel_size, stride, padding, output_padding, dilation, input_kind, kernel_kind, lang, presentation):
    """The zero-insertion animation (a few hundred frames for large outputs: worth caching)."""
    trace = compute(size, kernel_size, stride, padding, output_padding, dilation, input_kind, kernel_kind)[2]
    return sliding.transposed_animation_figure(trace, lang=lang, presentation=presentation)


@st.cache_data(max_entries=64, show_spinner=False)
def matrices(size, kernel_size, stride, padding, output_padding, dilation, kernel_kind):
    kernel = convmath.example_grid(kernel_kind, kernel_size, kernel_size)
    ct = convmath.conv_transpose_matrix(size, kernel, stride, padding, output_padding, dilation)
    wiring = convmath.conv_transpose_matrix(size, np.ones_like(kernel), stride, padding, output_padding, dilation)
    return ct, wiring != 0


# ---------------------------------------------------------------------------------------------
# controls: each slider's range comes from cnnviz.nn.shapes given the sliders before it
# ---------------------------------------------------------------------------------------------

def secondary_controls():
    left, right = st.columns(2)
    with left:
        input_kind = url_select("transposed.input", ctx.t("transposed.input"), convmath.EXAMPLE_GRIDS, "ramp",
                                format_func=lambda k: ctx.t(f"transposed.grid.{k}"))
    with right:
        kernel_kind = url_select("transposed.weights", ctx.t("transposed.weights"), convmath.EXAMPLE_GRIDS, "ramp",
                                 format_func=lambda k: ctx.t(f"transposed.grid.{k}"))
    return input_kind, kernel_kind


box = settings_box(ctx)
row1 = box.columns(3)
with row1[0]:
    size = url_slider("transposed.size", ctx.t("transposed.size"), 1, 5, default=2,
                      help=ctx.t("transposed.size_help"))
with row1[1]:
    kernel_size = url_slider("transposed.kernel", ctx.t("transposed.kernel"), 1, 4, default=2)
with row1[2]:
    stride = url_slider("transposed.stride", ctx.t("transposed.stride"), 1, 3, default=2,
                        help=ctx.t("transposed.stride_help"))
row2 = box.columns(3)
with row2[0]:
    dilation = url_slider("transposed.dilation", ctx.t("transposed.dilation"), 1, 3, default=1)
ranges = shapes.valid_conv_transpose_ranges(size, kernel_size, stride, 0, 0, dilation)
with row2[1]:
    padding = url_slider("transposed.padding", ctx.t("transposed.padding"), ranges.padding[0],
                         min(ranges.padding[1], 4), default=0, help=ctx.t("transposed.padding_help"))
ranges = shapes.valid_conv_transpose_ranges(size, kernel_size, stride, padding, 0, dilation)
with row2[2]:
    output_padding = url_slider("transposed.output_padding", ctx.t("transposed.output_padding"),
                                ranges.output_padding[0], ranges.output_padding[1], default=0,
                                help=ctx.t("transposed.output_padding_help"))
with box:
    input_kind, kernel_kind = secondary_controls()

problem = shapes.conv_transpose_problem(size, kernel_size, stride, padding, output_padding, dilation)
if problem is not None:  # unreachable through the sliders; explained rather than raised
    st.warning(ctx.t(problem), icon=":material/block:")
    st.stop()

x, kernel, trace, y = compute(size, kernel_size, stride, padding, output_padding, dilation, input_kind, kernel_kind)
out_size = y.shape[0]

# ---------------------------------------------------------------------------------------------
# the output-size formula
# ---------------------------------------------------------------------------------------------

def size_formula() -> None:
    """The output-size formula and the output_padding rule."""
    st.subheader(ctx.t("transposed.size_heading", h=size, out=out_size))
    st.latex(tfig.output_size_latex(size, kernel_size, stride, padding, output_padding, dilation))
    limit = max(stride, dilation) - 1
    if limit == 0:
        st.caption(ctx.t("transposed.op_rule_zero", s=stride, d=dilation))
    else:
        rule = ctx.t("transposed.op_rule", s=stride, d=dilation, limit=limit)
        sizes = convmath.conv_preimage_sizes(size, kernel_size, stride, padding, dilation)
        if len(sizes) > 1:
            rule += " " + ctx.t("transposed.op_why", k=kernel_size, s=stride, p=padding, d=dilation, h=size,
                                sizes=", ".join(str(n) for n in sizes))
        st.caption(rule)
    st.caption(ctx.t("transposed.inverse_check",
                     formula=shapes.conv_output_formula(out_size, kernel_size, stride, padding, dilation)))


if not (ctx.presentation or ctx.embed):  # projected or embedded: the views first, the formula after
    size_formula()

# ---------------------------------------------------------------------------------------------
# the views
# ---------------------------------------------------------------------------------------------

compact = ctx.presentation or ctx.embed  # projected or embedded: the figure first, its explanation after
with box if compact else st.container():
    view = url_select("transposed.view", ctx.t("transposed.view"), VIEWS, "animation", horizontal=True,
                      format_func=lambda v: ctx.t(f"transposed.view.{v}"))

if view == "animation":
    stuffed = trace.stuffed.shape[1]
    pad_each = trace.pad[0]  # D(K-1) - P zeros before the first row
    chart_box = st.container() if compact else None
    st.markdown(ctx.t("transposed.steps", s=stride, zeros=stride - 1, h=size, stuffed=stuffed,
                      pad=pad_each, d=dilation, k=kernel_size, p=padding, op=output_padding,
                      padded=trace.padded.shape[1], out=out_size))
    if pad_each < 0:
        st.caption(ctx.t("figures.note_cropped", p=padding))
    fig = animation(size, kernel_size, stride, padding, output_padding, dilation, input_kind, kernel_kind, ctx.lang,
                    ctx.presentation)
    with chart_box if chart_box is not None else st.container():
        st.plotly_chart(fig, key="transposed.animation_chart", config=CHART_CONFIG, theme=None)
        st.caption(ctx.t("transposed.animation_caption"))

elif view == "matrix":
    st.markdown(ctx.t("transposed.matrix_intro"))
    ct, wiring = matrices(size, kernel_size, stride, padding, output_padding, dilation, kernel_kind)
    if max(ct.shape) > tfig.MAX_MATRIX_SIDE:
        st.info(ctx.t("transposed.matrix_too_big", rows=ct.shape[0], cols=ct.shape[1]),
                icon=":material/zoom_out_map:")
    else:
        fig_c = tfig.conv_matrix_figure(ct.T, in_shape=(out_size, out_size), out_shape=(size, size),
                                        structure=wiring.T, lang=ctx.lang, presentation=ctx.presentation)
        st.plotly_chart(fig_c, key="transposed.matrix_c_chart", config=CHART_CONFIG, theme=None)
        st.markdown(ctx.t("transposed.matrix_middle"))
        fig_t = tfig.transposed_matrix_figure(ct, x, y, in_shape=(size, size), out_shape=(out_size, out_size),
                                              structure=wiring, lang=ctx.lang, presentation=ctx.presentation)
        st.plotly_chart(fig_t, key="transposed.matrix_t_chart", config=CHART_CONFIG, theme=None)
        st.caption(ctx.t("transposed.matrix_outro"))

else:
    counts = convmath.overlap_counts(OVERLAP_INPUT, kernel_size, stride, padding, output_padding, dilation)
    st.markdown(ctx.t("transposed.overlap_intro", n=OVERLAP_INPUT, k=kernel_size, s=stride))
    even = kernel_size % stride == 0 if dilation == 1 else None
    fig = tfig.overlap_figure(counts, lang=ctx.lang, presentation=ctx.presentation)
    st.plotly_chart(fig, key="transposed.overlap_chart", config=CHART_CONFIG, theme=None)
    st.caption(ctx.t("transposed.overlap_range", lo=int(counts.min()), hi=int(counts.max())))
    if even is True:
        st.success(ctx.t("transposed.overlap_even", k=kernel_size, s=stride), icon=":material/check_circle:")
    elif even is False:
        st.warning(ctx.t("transposed.overlap_uneven", k=kernel_size, s=stride), icon=":material/grid_on:")
    st.caption(ctx.t("transposed.overlap_source"))

if ctx.presentation or ctx.embed:
    size_formula()

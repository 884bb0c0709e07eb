"""Pooling: max and average pooling animated, the output-size formula, overlap, translation
invariance, and where the gradient goes on the way back."""

import numpy as np
import streamlit as st

from cnnviz import images
from cnnviz.figures import pooling as figs
from cnnviz.figures.sliding import pool_animation_figure
from cnnviz.lessons import quizzes
from cnnviz.lessons.trace import trace_pool2d
from cnnviz.nn import functional as F
from cnnviz.nn import shapes
from cnnviz.train import datasets
from ui import figcache, quiz, urlstate
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_number, url_select, url_slider, url_text, url_toggle

ctx = page_context("pooling")
show_url_notices(ctx)
CHART = {"displaylogo": False}
WINDOW_KEYS = ("pool.kernel", "pool.stride", "pool.padding", "pool.same_stride", "pool.ceil")
DIGIT_SIDE = 12
# The default example must give different max and average results (the course's 6×6 blocks are constant
# inside each 3×3 window, so there max = average): the classic 4×4 gives [[6, 8], [3, 4]] vs [[3.25, 5.25], [2, 2]].
DEFAULT_PRESET = "classic4"


# --------------------------------------------------------------------------------------------
# cached computations (plain values in, arrays / figures out)
# --------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def digit_grid(index: int) -> np.ndarray:
    digits, _ = datasets.load_mnist("test")
    small = images.resize_to(np.asarray(digits[index, 0]), DIGIT_SIDE, resample="box")
    return figs.preset_grid("digit", digit=small)


# st.cache_resource, not cache_data: unpickling a Plotly figure on every cache hit costs 0.2-0.8 s.
# The figure and the coverage array are shared read-only: nothing below modifies them.
@st.cache_resource(show_spinner=False, max_entries=64)
def animation(grid: tuple, kernel: int, stride: int, padding: int, ceil: bool, mode: str, include_pad: bool,
              lang: str, presentation: bool):
    trace = trace_pool2d(np.array(grid), kernel, stride, padding, 1, ceil, mode, include_pad)
    coverage = figs.window_coverage(trace.taps, trace.pad_mask.shape)
    top, left = trace.pad[0], trace.pad[2]
    h, w = trace.x.shape[1:]
    figure = pool_animation_figure(trace, lang=lang, presentation=presentation)
    return figcache.freeze(figure), coverage[top:top + h, left:left + w]


def pool(x: np.ndarray, mode: str, **settings) -> np.ndarray:
    """Pool one 2-D grid with cnnviz.nn.functional (the one source of the numbers)."""
    if mode == "max":
        return F.max_pool2d(x[None, None], settings["kernel_size"], settings["stride"], settings["padding"],
                            ceil_mode=settings["ceil_mode"])[0, 0]
    return F.avg_pool2d(x[None, None], settings["kernel_size"], settings["stride"], settings["padding"],
                        ceil_mode=settings["ceil_mode"], count_include_pad=settings["count_include_pad"])[0, 0]


# --------------------------------------------------------------------------------------------
# callbacks: a preset loads its own window; the AlexNet button loads overlapping pooling
# --------------------------------------------------------------------------------------------

def reset_window() -> None:
    urlstate.forget(*WINDOW_KEYS)


def load_alexnet() -> None:
    st.session_state["pool.mode"] = "max"
    st.session_state["pool.kernel"] = 3
    st.session_state["pool.same_stride"] = False
    st.session_state["pool.stride"] = 2
    st.session_state["pool.padding"] = 0


# --------------------------------------------------------------------------------------------
# page
# --------------------------------------------------------------------------------------------

st.title(ctx.t("pooling.title"))
intro(ctx, ctx.t("pooling.intro"))
quiz_slot = quiz.slot("pooling")

box = settings_box(ctx)
with box:
    col_input, col_mode, col_extra = st.columns([1.3, 1.0, 1.2])
    with col_input:
        preset = url_select("pool.preset", ctx.t("pooling.preset"), figs.PRESETS, DEFAULT_PRESET,
                            format_func=lambda name: ctx.t(f"pooling.preset.{name}"), on_change=reset_window)
    with col_mode:
        mode = url_select("pool.mode", ctx.t("pooling.mode"), ["max", "avg"], "max", horizontal=True,
                          format_func=lambda name: ctx.t(f"pooling.mode.{name}"))
    grid_error = None
    with col_extra:
        if preset == "random":
            size = url_slider("pool.size", ctx.t("pooling.size"), 4, figs.MAX_RANDOM_SIDE, 6)
            seed = url_number("pool.seed", ctx.t("pooling.seed"), 0, 9999, 0)
            x = figs.preset_grid("random", size=size, rng=np.random.default_rng(seed))
        elif preset == "digit":
            index = url_number("pool.digit", ctx.t("pooling.digit"), 0, 999, 0,
                               help=ctx.t("pooling.digit_help", side=DIGIT_SIDE))
            x = digit_grid(index)
        else:
            x = None
            st.caption(ctx.t(f"pooling.preset_note.{preset}"))
    if preset == "custom":
        text = url_text("pool.grid", ctx.t("pooling.grid"), figs.format_grid(figs.CLASSIC_4X4), area=True,
                        validate=figs.parse_grid, help=ctx.t("pooling.grid_help", limit=figs.MAX_GRID_SIDE),
                        max_chars=1200)
        try:
            x = figs.parse_grid(text)
        except figs.GridError as error:
            grid_error = error
    elif x is None:
        x = figs.preset_grid(preset)

if grid_error is not None:
    st.warning(ctx.t("pooling.grid_invalid", reason=ctx.t(grid_error)), icon=":material/edit_note:")
    st.stop()

height, width = x.shape
side = min(height, width)


# Window controls. Ranges come from cnnviz.nn.shapes, for both axes, so invalid settings are hard to reach.
k_hi = min(shapes.valid_pool_ranges(n, 1).kernel_size[1] for n in (height, width))
col_k, col_s, col_more = (box if ctx.presentation or ctx.embed else st).columns(3)
with col_k:
    kernel = url_slider("pool.kernel", ctx.t("pooling.kernel"), 1, k_hi, min(figs.PRESET_WINDOW[preset], k_hi),
                        help=ctx.t("pooling.kernel_help"))
with col_s:
    same_stride = url_toggle("pool.same_stride", ctx.t("pooling.same_stride"), True,
                             help=ctx.t("pooling.same_stride_help"))
with col_more:
    p_ranges = [shapes.valid_pool_ranges(n, kernel).padding for n in (height, width)]
    padding = url_slider("pool.padding", ctx.t("pooling.padding"), max(r[0] for r in p_ranges),
                         min(r[1] for r in p_ranges), 0, help=ctx.t("pooling.padding_help"))
    ceil_mode = url_toggle("pool.ceil", ctx.t("pooling.ceil"), False, help=ctx.t("pooling.ceil_help"))
    include_pad = True
    if mode == "avg":
        include_pad = url_toggle("pool.include_pad", ctx.t("pooling.include_pad"), True,
                                 help=ctx.t("pooling.include_pad_help"))
with col_s:
    if same_stride:
        stride = kernel
        st.caption(ctx.t("pooling.stride_is", stride=stride))
    else:
        s_hi = min(shapes.valid_pool_ranges(n, kernel, padding=padding).stride[1] for n in (height, width))
        stride = url_slider("pool.stride", ctx.t("pooling.stride"), 1, s_hi, min(kernel, s_hi),
                            help=ctx.t("pooling.stride_help"))
st.button(ctx.t("pooling.alexnet_button"), key="pool.alexnet", on_click=load_alexnet, icon=":material/layers:",
          help=ctx.t("pooling.alexnet_help"))

problem = shapes.pool_problem((height, width), kernel, stride, padding, 1, ceil_mode)
if problem is not None:
    st.warning(ctx.t("pooling.impossible", reason=ctx.t(problem)), icon=":material/block:")
    st.stop()

out_h, out_w = shapes.pool_output_size((height, width), kernel, stride, padding, 1, ceil_mode)
settings = {"kernel_size": kernel, "stride": stride, "padding": padding, "ceil_mode": ceil_mode,
            "count_include_pad": include_pad}
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.pooling_question(x, mode, seed=seed, **settings))
max_out = pool(x, "max", **settings)
avg_out = pool(x, "avg", **settings)
grid_key = tuple(map(tuple, x.tolist()))

# --- 1. the window slides ---------------------------------------------------------------------
st.header(ctx.t("pooling.animate_header"))
st.markdown(ctx.t(f"pooling.animate_text.{mode}"))
figure, coverage = animation(grid_key, kernel, stride, padding, ceil_mode, mode, include_pad, ctx.lang,
                             ctx.presentation)
st.plotly_chart(figure, key="pool.animation", config=CHART)
st.caption(ctx.t("pooling.animate_hint", steps=out_h * out_w))

# --- 2. output size, no parameters, overlap ---------------------------------------------------
st.header(ctx.t("pooling.size_header"))
st.latex(figs.output_size_latex(height, kernel, stride, padding, ceil_mode, "H"))
if width != height:
    st.latex(figs.output_size_latex(width, kernel, stride, padding, ceil_mode, "W"))
st.caption(ctx.t("pooling.torch_formula", formula=shapes.pool_output_formula(height, kernel, stride, padding,
                                                                             1, ceil_mode)))
left, right = st.columns([1.2, 1.0])
with left:
    m1, m2, m3 = st.columns(3)
    m1.metric(ctx.t("pooling.metric_in"), f"{height} × {width}")
    m2.metric(ctx.t("pooling.metric_out"), f"{out_h} × {out_w}",
              delta=ctx.t("pooling.metric_kept", pct=f"{100 * out_h * out_w / (height * width):.0f}"),
              delta_color="off", delta_arrow="off")
    m3.metric(ctx.t("pooling.metric_params"), "0")
    st.info(ctx.t("pooling.no_params", k=kernel, conv=shapes.conv_params(1, 1, kernel)),
            icon=":material/lightbulb:")
with right:
    st.plotly_chart(figcache.figure(figs.coverage_figure, coverage, lang=ctx.lang, presentation=ctx.presentation),
                    key="pool.coverage", config=CHART)
if stride < kernel:
    st.success(ctx.t("pooling.overlap", k=kernel, s=stride, overlap=kernel - stride,
                     alexnet=shapes.pool_output_formula(55, 3, 2)), icon=":material/join_inner:")
elif stride > kernel:
    st.warning(ctx.t("pooling.gaps", k=kernel, s=stride), icon=":material/grid_off:")
unread_rows, unread_cols = (int(np.all(coverage == 0, axis=axis).sum()) for axis in (1, 0))
if (unread_rows or unread_cols) and stride <= kernel:
    st.caption(ctx.t("pooling.dropped", rows=unread_rows, cols=unread_cols))

# --- 3. max or average ------------------------------------------------------------------------
st.header(ctx.t("pooling.compare_header"))
st.markdown(ctx.t("pooling.compare_text"))
st.plotly_chart(figcache.figure(figs.compare_figure, x, max_out, avg_out, lang=ctx.lang, presentation=ctx.presentation),
                key="pool.compare", config=CHART)

# --- 4. translation invariance ----------------------------------------------------------------
st.header(ctx.t("pooling.shift_header"))
st.markdown(ctx.t("pooling.shift_text"))
directions = {"right": (0, 1), "down": (1, 0), "left": (0, -1), "up": (-1, 0)}
c_dir, c_amount = st.columns(2)
with c_dir:
    direction = url_select("pool.shift_dir", ctx.t("pooling.shift_dir"), list(directions), "right", horizontal=True,
                           format_func=lambda name: ctx.t(f"pooling.dir.{name}"))
with c_amount:
    amount = url_slider("pool.shift", ctx.t("pooling.shift_amount"), 1, max(1, min(3, side - 1)), 1)
dy, dx = directions[direction]
shifted = figs.shift_grid(x, dy * amount, dx * amount)
out = max_out if mode == "max" else avg_out
out_shifted = pool(shifted, mode, **settings)
unchanged = int(np.sum(~figs.changed_cells(out, out_shifted)))
st.plotly_chart(figcache.figure(figs.shift_figure, x, shifted, out, out_shifted, lang=ctx.lang, presentation=ctx.presentation),
                key="pool.shift_chart", config=CHART)
st.markdown(ctx.t(f"pooling.shift_result.{mode}", unchanged=unchanged, total=out.size))

# --- 5. the backward pass ---------------------------------------------------------------------
st.header(ctx.t("pooling.backward_header"))
st.markdown(ctx.t("pooling.backward_text"))
upstream = url_select("pool.dout", ctx.t("pooling.dout"), ["ramp", "ones"], "ramp", horizontal=True,
                      format_func=lambda name: ctx.t(f"pooling.dout.{name}"))
dout = (np.arange(1.0, out_h * out_w + 1) if upstream == "ramp" else np.ones(out_h * out_w)).reshape(out_h, out_w)
x4, dout4 = x[None, None], dout[None, None]
dx_max = F.max_pool2d_backward(dout4, x4, kernel, stride, padding, ceil_mode=ceil_mode)[0, 0]
dx_avg = F.avg_pool2d_backward(dout4, x4, kernel, stride, padding, ceil_mode=ceil_mode,
                               count_include_pad=include_pad)[0, 0]
st.plotly_chart(figcache.figure(figs.backward_figure, dout, dx_max, dx_avg, lang=ctx.lang, presentation=ctx.presentation),
                key="pool.backward", config=CHART)
st.markdown(ctx.t("pooling.backward_sums", dout=f"{dout.sum():g}", dmax=f"{dx_max.sum():g}",
                  davg=f"{dx_avg.sum():g}"))
if not np.isclose(dx_avg.sum(), dout.sum()):
    st.caption(ctx.t("pooling.backward_lost"))
if stride < kernel:
    st.caption(ctx.t("pooling.backward_overlap"))

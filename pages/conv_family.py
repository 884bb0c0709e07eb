"""The convolution family: dilated, grouped / depthwise, depthwise-separable, 1×1 bottleneck, 1-D."""

import streamlit as st

from cnnviz.figures import family as ffig
from cnnviz.lessons import convmath, quizzes
from cnnviz.lessons.trace import trace_conv2d
from cnnviz.nn import shapes
from cnnviz.nn.validation import MAX_TYPED_MAGNITUDE
from ui import quiz
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_number, url_select, url_slider, url_text, url_toggle

AREA = "family"
TOPICS = ("dilated", "groups", "separable", "bottleneck", "conv1d")
CHART_CONFIG = {"displaylogo": False}
ECHO_SIGNAL = "1, 0, 2, 0, 0, 1"
ECHO_KERNEL = "1, 0.5, 0.25"
MAX_SIGNAL = 24
MAX_KERNEL1D = 7

ctx = page_context(AREA)
show_url_notices(ctx)
st.title(ctx.t("family.title"))
intro(ctx, ctx.t("family.intro"))
quiz_slot = quiz.slot("conv_family")

topic = url_select("family.topic", ctx.t("family.topic"), TOPICS, "dilated", horizontal=True,
                   format_func=lambda name: ctx.t(f"family.topic.{name}"))


def chart(fig, key):
    st.plotly_chart(fig, key=key, config=CHART_CONFIG, theme=None)


def controls_row(n):
    """A section's row of controls: inline normally, folded in a Settings expander when projected
    or embedded (the figure then shows in the first screen)."""
    return (settings_box(ctx) if ctx.presentation or ctx.embed else st).columns(n)


def optional(container_label):
    """Where secondary controls go: inline normally, in a collapsed expander in presentation mode."""
    return st.expander(container_label) if ctx.presentation else st.container()


@st.cache_data(max_entries=64, show_spinner=False)
def dilation_maps(kernel_size, dilations):
    single = convmath.receptive_field_counts(kernel_size, [dilations[0]])
    stacked = convmath.receptive_field_counts(kernel_size, list(dilations)) if len(dilations) > 1 else None
    return single, stacked


# ---------------------------------------------------------------------------------------------
# dilated convolution
# ---------------------------------------------------------------------------------------------

def dilated_section():
    st.markdown(ctx.t("family.dilated_intro"))
    cols = controls_row(4)
    with cols[0]:
        kernel_size = url_slider("family.kernel", ctx.t("family.kernel"), 2, 5, default=3)
    with cols[1]:
        dilation = url_slider("family.dilation", ctx.t("family.dilation"), 1, 3, default=2)
    with cols[2]:
        layers = url_slider("family.layers", ctx.t("family.layers"), 1, 3, default=2)
    with cols[3]:
        doubling = url_toggle("family.doubling", ctx.t("family.doubling"), False, help=ctx.t("family.doubling_help"))
    dilations = convmath.dilation_schedule(dilation, layers, doubling)
    single, stacked = dilation_maps(kernel_size, tuple(dilations))

    figure_box = st.container() if ctx.presentation or ctx.embed else None  # projected: the figure first
    st.latex(ffig.dilation_latex(kernel_size, dilation))
    st.caption(ctx.t("family.dilated_params", k=kernel_size, n=kernel_size * kernel_size,
                     span=shapes.effective_kernel_size(kernel_size, dilation)))
    if layers > 1:
        st.latex(ffig.receptive_field_latex(kernel_size, dilations))
    with figure_box if figure_box is not None else st.container():
        chart(ffig.dilation_figure(single, stacked, dilations=dilations, lang=ctx.lang,
                                   presentation=ctx.presentation), "family.dilation_chart")
    if stacked is not None:
        holes = int((stacked == 0).sum())
        if holes:
            st.warning(ctx.t("family.gridding", holes=holes, total=stacked.size), icon=":material/grid_4x4:")
        else:
            st.success(ctx.t("family.no_gridding", rf=stacked.shape[0]), icon=":material/check_circle:")
    st.caption(ctx.t("family.dilated_course"))


# ---------------------------------------------------------------------------------------------
# grouped and depthwise convolution
# ---------------------------------------------------------------------------------------------

def groups_section():
    st.markdown(ctx.t("family.groups_intro"))
    cols = controls_row(4)
    with cols[0]:
        in_channels = url_slider("family.in_channels", ctx.t("family.in_channels"), 1, 16, default=8)
    with cols[1]:
        out_channels = url_slider("family.out_channels", ctx.t("family.out_channels"), 1, 32, default=16)
    with cols[2]:
        kernel_size = url_slider("family.g_kernel", ctx.t("family.g_kernel"), 1, 5, default=3)
    with cols[3]:
        groups = url_slider("family.groups", ctx.t("family.groups"), 1, in_channels, default=2,
                            help=ctx.t("family.groups_help"))
    allowed = convmath.valid_groups(in_channels, out_channels)
    try:
        connectivity = convmath.group_connectivity(in_channels, out_channels, groups)
    except shapes.ShapeError as err:  # groups must divide both channel counts: explain, list the choices
        st.warning(ctx.t(err) + " " + ctx.t("family.groups_allowed", ci=in_channels,
                                                           co=out_channels, allowed=", ".join(map(str, allowed))),
                   icon=":material/block:")
        return
    st.latex(ffig.groups_params_latex(in_channels, out_channels, kernel_size, groups))
    st.caption(ctx.t("family.weight_shape", co=out_channels, cig=in_channels // groups, k=kernel_size,
                     standard=f"{shapes.conv_params(in_channels, out_channels, kernel_size):,}"))
    if groups == in_channels > 1:
        st.info(ctx.t("family.depthwise", ci=in_channels, m=out_channels // in_channels), icon=":material/layers:")
    left, right = st.columns([3, 2])
    with left:
        chart(ffig.groups_figure(connectivity, lang=ctx.lang, presentation=ctx.presentation), "family.groups_chart")
    with right:
        counts = [shapes.conv_params(in_channels, out_channels, kernel_size, g) for g in allowed]
        chart(ffig.cost_bars_figure([ctx.t("family.bar_groups", g=g) for g in allowed], counts,
                                    title=ctx.t("family.groups_bars_title"), highlight=[allowed.index(groups)],
                                    lang=ctx.lang, presentation=ctx.presentation), "family.groups_bars")
        st.caption(ctx.t("family.groups_allowed", ci=in_channels, co=out_channels,
                         allowed=", ".join(str(g) for g in allowed)))


# ---------------------------------------------------------------------------------------------
# depthwise-separable convolution
# ---------------------------------------------------------------------------------------------

def separable_section():
    st.markdown(ctx.t("family.separable_intro"))
    cols = controls_row(4)
    with cols[0]:
        in_channels = url_number("family.sep_in", ctx.t("family.in_channels"), 1, 1024, default=32)
    with cols[1]:
        out_channels = url_number("family.sep_out", ctx.t("family.out_channels"), 1, 1024, default=64)
    with cols[2]:
        kernel_size = url_slider("family.sep_kernel", ctx.t("family.g_kernel"), 1, 7, default=3)
    with cols[3]:
        size = url_number("family.sep_size", ctx.t("family.sep_size"), 1, 512, default=26,
                          help=ctx.t("family.sep_size_help"))
    cost = convmath.separable_cost(in_channels, out_channels, kernel_size, size)
    st.markdown(ctx.t("family.params_heading"))
    st.latex(ffig.separable_params_latex(cost, ctx.lang))
    st.markdown(ctx.t("family.macs_heading"))
    st.latex(ffig.separable_macs_latex(cost, ctx.lang))
    st.success(ctx.t("family.separable_summary", params=f"{cost.params_ratio:.1%}", macs=f"{cost.macs_ratio:.1%}",
                     times=f"{1 / cost.macs_ratio:.1f}"), icon=":material/speed:")
    labels = [ctx.t(f"family.bar_{name}") for name in ("standard", "depthwise", "pointwise", "separable")]
    left, right = st.columns(2)
    with left:
        chart(ffig.cost_bars_figure(labels, [cost.standard_params, cost.depthwise_params, cost.pointwise_params,
                                             cost.separable_params],
                                    title=ctx.t("family.params_bars_title"), highlight=[3], lang=ctx.lang,
                                    presentation=ctx.presentation), "family.separable_params")
    with right:
        chart(ffig.cost_bars_figure(labels, [cost.standard_macs, cost.depthwise_macs, cost.pointwise_macs,
                                             cost.separable_macs],
                                    title=ctx.t("family.macs_bars_title"), highlight=[3], lang=ctx.lang,
                                    presentation=ctx.presentation), "family.separable_macs")
    keras = convmath.separable_cost(32, 64, 3, size)
    st.caption(ctx.t("family.separable_caption", standard=f"{keras.standard_params:,}",
                     separable=f"{keras.separable_params:,}"))


# ---------------------------------------------------------------------------------------------
# 1×1 bottleneck
# ---------------------------------------------------------------------------------------------

def bottleneck_section():
    st.markdown(ctx.t("family.bottleneck_intro"))
    cols = controls_row(4)
    with cols[0]:
        in_channels = url_number("family.b_in", ctx.t("family.in_channels"), 1, 1024, default=128)
    with cols[1]:
        out_channels = url_number("family.b_out", ctx.t("family.out_channels"), 1, 1024, default=256)
    with cols[2]:
        kernel_size = url_slider("family.b_kernel", ctx.t("family.g_kernel"), 1, 7, default=5)
    with cols[3]:
        width = url_slider("family.width", ctx.t("family.width"), 1, 256, default=32, help=ctx.t("family.width_help"))
    cost = convmath.bottleneck_cost(in_channels, out_channels, kernel_size, width)
    st.latex(ffig.bottleneck_latex(cost, ctx.lang))
    if cost.with_bottleneck < cost.direct:
        st.success(ctx.t("family.bottleneck_saves", ratio=f"{cost.ratio:.1f}"), icon=":material/compress:")
    else:
        st.warning(ctx.t("family.bottleneck_costs", width=width), icon=":material/expand:")
    is_course = (in_channels, out_channels, kernel_size, width) == (128, 256, 5, 32)
    if is_course:
        st.caption(ctx.t("family.bottleneck_slides", reduce=f"{cost.reduce:,}", expand=f"{cost.expand:,}",
                         total=f"{cost.with_bottleneck:,}"))
    chart(ffig.cost_bars_figure([ctx.t("family.bar_direct", k=kernel_size), ctx.t("family.bar_reduce"),
                                 ctx.t("family.bar_expand", k=kernel_size), ctx.t("family.bar_bottleneck")],
                                [cost.direct, cost.reduce, cost.expand, cost.with_bottleneck],
                                title=ctx.t("family.bottleneck_bars_title"), highlight=[3], lang=ctx.lang,
                                presentation=ctx.presentation), "family.bottleneck_bars")


# ---------------------------------------------------------------------------------------------
# 1-D convolution
# ---------------------------------------------------------------------------------------------

def read_numbers(text, name, limit):
    try:
        return convmath.parse_numbers(text, name, limit)
    except ValueError:
        st.warning(ctx.t("family.bad_numbers", name=ctx.t(f"family.{name}"), limit=limit,
                         big=f"{MAX_TYPED_MAGNITUDE:,.0f}"), icon=":material/edit:")
        return None


def conv1d_section():
    st.markdown(ctx.t("family.conv1d_intro"))
    cols = st.columns([3, 2, 2])
    with cols[0]:
        signal_text = url_text("family.signal", ctx.t("family.signal"), ECHO_SIGNAL, max_chars=200)
    with cols[1]:
        kernel_text = url_text("family.kernel1d", ctx.t("family.kernel1d"), ECHO_KERNEL, max_chars=80)
    with cols[2]:
        mode = url_select("family.mode", ctx.t("family.mode"), convmath.CONV1D_MODES, "full", horizontal=True,
                          format_func=lambda m: ctx.t(f"family.mode.{m}"))
    with optional(ctx.t("family.more_settings")):
        flip = url_toggle("family.flip", ctx.t("family.flip"), True, help=ctx.t("family.flip_help"))
    signal = read_numbers(signal_text, "signal", MAX_SIGNAL)
    kernel = read_numbers(kernel_text, "kernel1d", MAX_KERNEL1D)
    if signal is None or kernel is None:
        return
    problem = shapes.conv_problem(signal.size, kernel.size, 1, mode)
    if problem is not None:
        st.warning(ctx.t(problem) + " " + ctx.t("family.conv1d_fix", n=signal.size, k=kernel.size),
                   icon=":material/block:")
        return
    left_pad, _right_pad = convmath.conv1d_padding(signal.size, kernel.size, mode)
    output = convmath.conv1d(signal, kernel, mode, flip=flip)
    st.latex(ffig.conv1d_length_latex(signal.size, kernel.size, mode))
    st.markdown(ctx.t("family.conv1d_formula_flip" if flip else "family.conv1d_formula_corr"))
    trace = trace_conv2d(signal[None, :], kernel[None, :], padding=(0, 0, left_pad, _right_pad), flip_kernel=flip)
    chart(ffig.conv1d_animation_figure(trace, lang=ctx.lang, presentation=ctx.presentation),
          "family.conv1d_animation")
    chart(ffig.signal_figure(signal, output, output_start=kernel.size - 1 - left_pad,
                             mode_label=ctx.t(f"family.mode.{mode}"), lang=ctx.lang, presentation=ctx.presentation),
          "family.conv1d_signal")
    st.caption(ctx.t("family.conv1d_modes", n=signal.size, k=kernel.size))
    st.caption(ctx.t("family.conv1d_numpy_flip" if flip else "family.conv1d_numpy_corr", mode=mode))


SECTIONS = {
    "dilated": dilated_section, "groups": groups_section, "separable": separable_section,
    "bottleneck": bottleneck_section, "conv1d": conv1d_section,
}
SECTIONS[topic]()
BOTTLENECK = {"in_channels": "family.b_in", "out_channels": "family.b_out", "kernel_size": "family.b_kernel",
              "width": "family.width"}  # the question's settings: the bottleneck section's, when it was shown
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.conv_family_question(
    **{name: st.session_state[key] for name, key in BOTTLENECK.items() if key in st.session_state}, seed=seed))

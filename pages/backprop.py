"""Backpropagation: the course's 9-5-3 network by hand, gradients through convolution and pooling,
a gradient check, and one training step of a tiny CNN with every tensor listed.

Five sections behind a URL-synced picker (``?backprop.section=conv`` opens the convolution section).
Every number comes from :mod:`cnnviz.lessons.backprop`, which orchestrates ``cnnviz.nn.functional`` and
``cnnviz.nn.layers``; figures and formulas come from :mod:`cnnviz.figures.backprop`.
"""

import numpy as np
import streamlit as st

from cnnviz.figures import backprop as FB
from cnnviz.figures.sliding import conv_animation_figure
from cnnviz.lessons import backprop as B
from cnnviz.lessons import quizzes
from cnnviz.nn import shapes
from ui import quiz
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_number, url_select, url_slider

ctx = page_context("backprop")
show_url_notices(ctx)
CHART = {"displaylogo": False}
SECTIONS = ("network", "conv", "pool", "gradcheck", "cnn")


# --------------------------------------------------------------------------------------------
# cached computations (plain values in, records out)
# --------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def fc_step(target: int, loss: str, lr: float) -> B.FCStep:
    return B.fc_step(B.course_network(target), loss, lr)


@st.cache_data(show_spinner=False, max_entries=64)
def conv_walk(example: str, size: int, kernel: int, seed: int) -> B.ConvBackward:
    if example == "course":
        x, w, delta = B.course_conv_example()
    else:
        x, w, delta = B.random_conv_example(size, kernel, np.random.default_rng(seed))
    return B.conv_backward_walkthrough(x, w, delta)


@st.cache_resource(show_spinner=False, max_entries=64)  # a read-only figure: no unpickling per hit
def conv_animation(example: str, size: int, kernel: int, seed: int, which: str, lang: str, presentation: bool):
    walk = conv_walk(example, size, kernel, seed)
    trace = walk.dweight_trace() if which == "weight" else walk.dx_trace()
    return conv_animation_figure(trace, lang=lang, presentation=presentation, frame_ms=900)


@st.cache_data(show_spinner=False, max_entries=64)
def pool_walk(mode: str, size: int, window: int, stride: int, seed: int) -> B.PoolBackward:
    x, delta = B.random_pool_example(size, window, stride, np.random.default_rng(seed))
    return B.pool_backward_walkthrough(x, delta, window, stride, mode)


@st.cache_data(show_spinner=False, max_entries=64)
def grad_check(loss: str, param: str, index: tuple, eps: float, dtype: str):
    net = B.course_network(0)
    return B.gradient_check(net, param, index, eps, loss, dtype), B.gradient_check_sweep(net, param, index, loss)


@st.cache_data(show_spinner=False, max_entries=64)
def cnn_step(pattern: str, target: str, lr: float, seed: int) -> B.CNNStep:
    return B.cnn_training_step(B.tiny_cnn_input(pattern), B.TINY_CNN_PATTERNS.index(target), lr,
                               np.random.default_rng(seed))


def show(figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config=CHART)


# --------------------------------------------------------------------------------------------
# ① the fully connected network
# --------------------------------------------------------------------------------------------

def network_section() -> None:
    st.header(ctx.t("backprop.net.header"))
    st.markdown(ctx.t("backprop.net.intro"))
    compact = ctx.presentation or ctx.embed  # projected or embedded: the figure before the exercise
    box = settings_box(ctx) if compact else st.container()
    forward_box = st.container()  # the network first (the first screen), then the exercise about it
    quiz_slot = quiz.slot("backprop")  # the exercise: predict a hidden neuron's output, then check
    col_loss, col_target, col_lr = box.columns([1.4, 1.0, 1.2])
    with col_loss:
        loss = url_select("backprop.loss", ctx.t("backprop.net.loss"), B.LOSSES, "mse", horizontal=True,
                          format_func=lambda name: ctx.t(f"backprop.net.loss.{name}"))
    with col_target:
        k = url_select("backprop.target", ctx.t("backprop.net.target"), [1, 2, 3], 1, horizontal=True)
    with col_lr:
        lr = url_slider("backprop.lr", ctx.t("backprop.net.lr"), 0.05, 3.0, 0.5, step=0.05)
    with box:
        neuron = url_select("backprop.neuron", ctx.t("backprop.net.neuron"), [1, 2, 3, 4, 5], 4,
                            horizontal=True) - 1
    step = fc_step(k - 1, loss, lr)
    net, forward, backward, update = step.net, step.forward, step.backward, step.update
    question = quiz.ask(quiz_slot, ctx, lambda seed: quizzes.backprop_question(seed=seed))
    revealed = quiz.is_done("backprop")
    if not revealed:
        st.caption(ctx.t("backprop.net.hidden_until_reveal", i=question.fields["i"]))
    hidden = None if revealed else question.fields["i"] - 1

    # -- forward
    with forward_box:
        st.subheader(ctx.t("backprop.net.forward"), anchor=False)
        show(FB.fc_network_figure(net, forward, view="forward", highlight=neuron, hide=hidden, lang=ctx.lang,
                                  presentation=ctx.presentation), "backprop.net_forward")
        st.caption(ctx.t("backprop.net.forward_caption"))
    st.markdown(ctx.t("backprop.net.hidden_formula", i=neuron + 1))
    st.latex(FB.hidden_neuron_latex(net, forward, neuron, hide=hidden == neuron, per_line=3 if ctx.presentation else 4))
    st.markdown(ctx.t("backprop.net.output_formula"))
    st.latex(FB.output_layer_latex(forward))
    st.markdown(ctx.t("backprop.net.loss_formula", k=k))
    st.latex(FB.loss_latex(net, forward))
    if not revealed:
        st.info(ctx.t("backprop.net.reveal_to_continue", i=question.fields["i"]), icon=":material/lock:")
        return

    # -- backward
    st.subheader(ctx.t("backprop.net.backward"), anchor=False)
    st.markdown(ctx.t("backprop.net.backward_intro"))
    show(FB.fc_network_figure(net, forward, backward, view="backward", highlight=neuron, lang=ctx.lang,
                              presentation=ctx.presentation), "backprop.net_backward")
    st.caption(ctx.t("backprop.net.backward_caption"))
    st.markdown(ctx.t("backprop.net.delta_output_mse" if loss == "mse" else "backprop.net.delta_output_ce"))
    st.latex(FB.output_delta_latex(net, forward, backward))
    st.markdown(ctx.t("backprop.net.delta_hidden", i=neuron + 1))
    st.latex(FB.hidden_delta_latex(net, forward, backward, neuron))
    st.markdown(ctx.t("backprop.net.weight_grads"))
    st.latex(FB.weight_gradient_latex(net, backward, neuron, per_line=5 if ctx.presentation else 9))
    col_fig, col_text = st.columns([3, 2] if not ctx.presentation else [1, 1], vertical_alignment="center")
    with col_fig:
        st.markdown(f"**{ctx.t('backprop.net.sigmoid_title')}**")
        show(FB.sigmoid_figure(forward.u1, highlight=neuron, lang=ctx.lang, presentation=ctx.presentation),
             "backprop.sigmoid")
    with col_text:
        st.info(ctx.t("backprop.net.sigmoid_note"), icon=":material/trending_down:")
        st.markdown(ctx.t("backprop.net.loss_compare"))

    # -- update
    st.subheader(ctx.t("backprop.net.update"), anchor=False)
    st.markdown(ctx.t("backprop.net.update_intro", i=neuron + 1))
    st.latex(FB.update_latex(net, backward, update.net, lr, neuron))
    col_before, col_after = st.columns(2)
    col_before.metric(ctx.t("backprop.net.loss_before"), f"{update.loss_before:.4f}")
    col_after.metric(ctx.t("backprop.net.loss_after"), f"{update.loss_after:.4f}",
                     delta=f"{update.loss_after - update.loss_before:+.4f}", delta_color="inverse")
    if not ctx.presentation:
        st.markdown(ctx.t("backprop.net.update_table", i=neuron + 1))
        st.dataframe(
            {
                ctx.t("backprop.net.col_weight"): [f"W1({j + 1},{neuron + 1})" for j in range(net.sizes[0])],
                ctx.t("backprop.net.col_old"): [f"{v:.4f}" for v in net.w1[neuron]],
                ctx.t("backprop.net.col_grad"): [f"{v:.5f}" for v in backward.dw1[neuron]],
                ctx.t("backprop.net.col_new"): [f"{v:.4f}" for v in update.net.w1[neuron]],
            },
            hide_index=True, key="backprop.update_table",
        )


# --------------------------------------------------------------------------------------------
# ② through a convolution
# --------------------------------------------------------------------------------------------

def check_message(error: float, matches: bool, what: str, grad: str) -> None:
    fields = dict(what=ctx.t(what), grad=grad, error=f"{error:.2g}")
    if matches:
        st.success(ctx.t("backprop.conv.check_ok", **fields), icon=":material/verified:")
    else:
        st.error(ctx.t("backprop.conv.check_bad", **fields), icon=":material/error:")


def conv_section() -> None:
    st.header(ctx.t("backprop.conv.header"))
    st.markdown(ctx.t("backprop.conv.intro"))
    col_example, col_rest = st.columns([1.3, 3], vertical_alignment="bottom")
    with col_example:
        example = url_select("backprop.conv_example", ctx.t("backprop.conv.example"), ["course", "random"], "course",
                             format_func=lambda name: ctx.t(f"backprop.conv.example.{name}"))
    size, kernel, seed = 3, 2, 0
    if example == "random":
        col_a, col_b, col_c = col_rest.columns(3)
        with col_a:
            size = url_slider("backprop.conv_size", ctx.t("backprop.conv.size"), 3, 6, 4)
        with col_b:
            k_hi = min(shapes.valid_conv_ranges(size, 1).kernel_size[1], 4)
            kernel = url_slider("backprop.conv_kernel", ctx.t("backprop.conv.kernel"), 1, k_hi, min(2, k_hi))
        with col_c:
            seed = url_number("backprop.conv_seed", ctx.t("backprop.conv.seed"), 0, 9999, 0)
    else:
        col_rest.caption(ctx.t("backprop.conv.course_note"))
    walk = conv_walk(example, size, kernel, seed)

    st.subheader(ctx.t("backprop.conv.overview"), anchor=False)
    show(FB.conv_gradients_figure(walk, lang=ctx.lang, presentation=ctx.presentation), "backprop.conv_overview")

    which = url_select("backprop.conv_grad", ctx.t("backprop.conv.animate"), ["weight", "input"], "weight",
                       horizontal=True, format_func=lambda name: ctx.t(f"backprop.conv.animate.{name}"))
    oh, ow = walk.delta.shape
    if which == "weight":
        st.subheader(ctx.t("backprop.conv.weight_title"), anchor=False)
        st.markdown(ctx.t("backprop.conv.weight_text"))
        st.latex(FB.conv_weight_latex(walk))
        st.caption(ctx.t("backprop.conv.weight_roles", oh=oh, ow=ow))
    else:
        st.subheader(ctx.t("backprop.conv.input_title"), anchor=False)
        st.markdown(ctx.t("backprop.conv.input_text", p=walk.full_padding[0]))
        st.latex(FB.conv_input_latex(walk))
        st.caption(ctx.t("backprop.conv.input_roles"))
    show(conv_animation(example, size, kernel, seed, which, ctx.lang, ctx.presentation), "backprop.conv_animation")
    check_message(walk.dweight_error, walk.dweight_matches, "backprop.conv.what_weight", "∂E/∂w")
    check_message(walk.dx_error, walk.dx_matches, "backprop.conv.what_input", "∂E/∂x")
    st.markdown(ctx.t("backprop.conv.bias"))
    st.latex(FB.conv_bias_latex(walk))
    st.caption(ctx.t("backprop.conv.stride_note"))


# --------------------------------------------------------------------------------------------
# ③ through pooling
# --------------------------------------------------------------------------------------------

def pool_section() -> None:
    st.header(ctx.t("backprop.pool.header"))
    st.markdown(ctx.t("backprop.pool.intro"))
    col_mode, col_size, col_window, col_stride, col_seed = st.columns([1.3, 1, 1, 1, 1])
    with col_mode:
        mode = url_select("backprop.pool_mode", ctx.t("backprop.pool.mode"), ["max", "avg"], "max", horizontal=True,
                          format_func=lambda name: ctx.t(f"backprop.pool.mode.{name}"))
    with col_size:
        size = url_slider("backprop.pool_size", ctx.t("backprop.pool.size"), 2, 8, 4)
    with col_window:
        w_hi = min(shapes.valid_pool_ranges(size, 1).kernel_size[1], 4)
        window = url_slider("backprop.pool_window", ctx.t("backprop.pool.window"), 1, w_hi, min(2, w_hi))
    with col_stride:
        s_hi = min(shapes.valid_pool_ranges(size, window).stride[1], window + 1)
        stride = url_slider("backprop.pool_stride", ctx.t("backprop.pool.stride"), 1, s_hi, min(window, s_hi))
    seed = 0
    if not ctx.presentation:
        with col_seed:
            seed = url_number("backprop.pool_seed", ctx.t("backprop.pool.seed"), 0, 9999, 0)
    walk = pool_walk(mode, size, window, stride, seed)
    if mode == "max":
        st.markdown(ctx.t("backprop.pool.rule_max"))
    else:
        st.markdown(ctx.t("backprop.pool.rule_avg", n=window * window))
    show(FB.pool_backward_figure(walk, lang=ctx.lang, presentation=ctx.presentation), "backprop.pool_backward")
    fn = "max_pool2d_backward" if mode == "max" else "avg_pool2d_backward"
    st.caption(ctx.t("backprop.pool.caption", fn=fn))
    if walk.overlapping:
        st.info(ctx.t("backprop.pool.overlap", s=stride, k=window), icon=":material/layers:")
    elif stride > window:
        st.info(ctx.t("backprop.pool.gap", s=stride, k=window), icon=":material/grid_off:")
    st.markdown(ctx.t("backprop.pool.conserved", dx=f"{walk.dx_total:g}", delta=f"{walk.delta_total:g}"))


# --------------------------------------------------------------------------------------------
# ④ gradient check
# --------------------------------------------------------------------------------------------

def gradcheck_section() -> None:
    st.header(ctx.t("backprop.gc.header"))
    st.markdown(ctx.t("backprop.gc.intro"))
    col_loss, col_param, col_eps, col_dtype = st.columns([1.4, 1.3, 1, 1])
    with col_loss:
        loss = url_select("backprop.gc_loss", ctx.t("backprop.net.loss"), B.LOSSES, "mse",
                          format_func=lambda name: ctx.t(f"backprop.net.loss.{name}"))
    with col_param:
        param = url_select("backprop.gc_param", ctx.t("backprop.gc.param"), B.PARAMETERS, "w1",
                           format_func=lambda name: ctx.t(f"backprop.gc.param.{name}"))
    with col_eps:
        eps = url_select("backprop.gc_eps", ctx.t("backprop.gc.eps"), list(B.EPSILONS), 1e-5,
                         format_func=lambda e: f"{e:.0e}")
    with col_dtype:
        dtype = url_select("backprop.gc_dtype", ctx.t("backprop.gc.dtype"), ["float64", "float32"], "float64",
                           horizontal=True)
    n_in, n_hidden, n_out = B.course_network(0).sizes
    row_label, row_count = {"w1": ("backprop.gc.hidden", n_hidden), "b1": ("backprop.gc.hidden", n_hidden),
                            "w2": ("backprop.gc.output", n_out), "b2": ("backprop.gc.output", n_out)}[param]
    col_row, col_col = st.columns(2)
    with col_row:
        row = url_slider("backprop.gc_row", ctx.t(row_label), 1, row_count, min(4, row_count))
    index = (row - 1,)
    if param in ("w1", "w2"):
        col_label, col_count = ("backprop.gc.input", n_in) if param == "w1" else ("backprop.gc.hidden", n_hidden)
        with col_col:
            col = url_slider("backprop.gc_col", ctx.t(col_label), 1, col_count, 1)
        index = (row - 1, col - 1)
    check, sweep = grad_check(loss, param, index, eps, dtype)

    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.t("backprop.gc.numeric"), f"{check.central:.8g}")
    c2.metric(ctx.t("backprop.gc.analytic"), f"{check.analytic:.8g}")
    c3.metric(ctx.t("backprop.gc.rel_error"), f"{check.rel_error:.2e}")
    st.latex(FB.gradient_check_latex(check))
    verdict = check.verdict
    message = ctx.t(f"backprop.gc.verdict.{verdict}", err=f"{check.rel_error:.2e}")
    {"excellent": st.success, "good": st.info, "suspicious": st.warning, "wrong": st.error}[verdict](message)
    st.markdown(ctx.t("backprop.gc.rel_explained"))
    st.subheader(ctx.t("backprop.gc.sweep_title"), anchor=False)
    show(FB.gradient_sweep_figure(sweep, eps=eps, lang=ctx.lang, presentation=ctx.presentation), "backprop.gc_sweep")
    st.caption(ctx.t("backprop.gc.sweep_text"))


# --------------------------------------------------------------------------------------------
# ⑤ a whole small CNN
# --------------------------------------------------------------------------------------------

def cnn_section() -> None:
    st.header(ctx.t("backprop.cnn.header"))
    st.markdown(ctx.t("backprop.cnn.intro"))
    col_pattern, col_target, col_lr, col_seed = st.columns([1.2, 1.2, 1.2, 1])
    name = lambda pattern: ctx.t(f"backprop.cnn.pattern.{pattern}")  # noqa: E731
    with col_pattern:
        pattern = url_select("backprop.cnn_pattern", ctx.t("backprop.cnn.pattern"), B.TINY_CNN_PATTERNS, "vertical",
                             format_func=name)
    with col_target:
        target = url_select("backprop.cnn_target", ctx.t("backprop.cnn.target"), B.TINY_CNN_PATTERNS, pattern,
                            format_func=name)
    with col_lr:
        lr = url_slider("backprop.cnn_lr", ctx.t("backprop.cnn.lr"), 0.05, 2.0, 0.5, step=0.05)
    seed = 0
    if not ctx.presentation:
        with col_seed:
            seed = url_number("backprop.cnn_seed", ctx.t("backprop.cnn.seed"), 0, 9999, 0)
    step = cnn_step(pattern, target, lr, seed)

    st.subheader(ctx.t("backprop.cnn.flow"), anchor=False)
    show(FB.cnn_flow_figure(step, lang=ctx.lang, presentation=ctx.presentation), "backprop.cnn_flow")
    st.caption(ctx.t("backprop.cnn.flow_caption"))
    st.markdown(ctx.t("backprop.cnn.logits_grad"))
    st.latex(FB.logits_grad_latex(step))
    st.info(ctx.t("backprop.cnn.relu_note"), icon=":material/filter_alt:")

    st.subheader(ctx.t("backprop.cnn.table"), anchor=False)
    st.dataframe(
        {
            ctx.t("backprop.cnn.col_order"): [r.order for r in step.records],
            ctx.t("backprop.cnn.col_phase"): [ctx.t(f"backprop.cnn.phase.{r.phase}") for r in step.records],
            ctx.t("backprop.cnn.col_tensor"): [FB.plain_symbol(r.symbol) for r in step.records],
            ctx.t("backprop.cnn.col_layer"): [r.layer_name or "—" for r in step.records],
            ctx.t("backprop.cnn.col_shape"): ["×".join(map(str, r.shape)) or "scalar" for r in step.records],
            ctx.t("backprop.cnn.col_min"): [f"{r.minimum:.4g}" for r in step.records],
            ctx.t("backprop.cnn.col_max"): [f"{r.maximum:.4g}" for r in step.records],
            ctx.t("backprop.cnn.col_norm"): [f"{r.norm:.4g}" for r in step.records],
        },
        hide_index=True, key="backprop.cnn_table", height=min(38 + 35 * len(step.records), 520),
    )

    st.subheader(ctx.t("backprop.cnn.update"), anchor=False)
    show(FB.cnn_update_figure(step, lang=ctx.lang, presentation=ctx.presentation), "backprop.cnn_update")

    st.subheader(ctx.t("backprop.cnn.result"), anchor=False)
    target_index = B.TINY_CNN_PATTERNS.index(target)
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.t("backprop.cnn.loss_before"), f"{step.loss_before:.4f}")
    c2.metric(ctx.t("backprop.cnn.loss_after"), f"{step.loss_after:.4f}",
              delta=f"{step.loss_after - step.loss_before:+.4f}", delta_color="inverse")
    c3.metric(ctx.t("backprop.cnn.p_target"), f"{step.probs_after[target_index]:.3f}",
              delta=f"{step.probs_after[target_index] - step.probs_before[target_index]:+.3f}")
    show(FB.probabilities_figure(step.probs_before, step.probs_after, [name(p) for p in B.TINY_CNN_PATTERNS],
                                 target_index, lang=ctx.lang, presentation=ctx.presentation), "backprop.cnn_probs")


# --------------------------------------------------------------------------------------------
# page
# --------------------------------------------------------------------------------------------

st.title(ctx.t("backprop.title"))
if not ctx.presentation:
    intro(ctx, ctx.t("backprop.intro"))
section = url_select("backprop.section", ctx.t("backprop.section"), SECTIONS, "network", horizontal=True,
                     format_func=lambda name: ctx.t(f"backprop.section.{name}"), label_visibility="collapsed")
{"network": network_section, "conv": conv_section, "pool": pool_section, "gradcheck": gradcheck_section,
 "cnn": cnn_section}[section]()
st.caption(ctx.t("backprop.from_functional"))

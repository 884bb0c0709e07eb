"""Activations: the functions and their derivatives, what they do to a real feature map, why
un-normalised inputs saturate sigmoid and tanh, softmax with a temperature, and maxout."""

import numpy as np
import pandas as pd
import streamlit as st

from cnnviz import images
from cnnviz.figures import activations as figs
from cnnviz.lessons import activations as A
from cnnviz.lessons import quizzes
from cnnviz.nn import functional as F
from ui import quiz
from ui.shell import intro, page_context
from ui.urlstate import show_url_notices, url_multiselect, url_number, url_select, url_slider, url_text

ctx = page_context("activations")
DEFAULT_LOGITS = "3, 1, -3"  # the course's softmax example
show_url_notices(ctx)
CHART = {"displaylogo": False}
CURVE_X = np.round(np.linspace(-6.0, 6.0, 601), 4)
FEATURE_SIDE = 128
SATURATION_SEED = 0



def short(value: float) -> str:
    """A statistic with about three significant digits but no exponent: 190, 34.5, 1.30, 0.00."""
    digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    return f"{round(value, digits) + 0.0:.{digits}f}"  # + 0.0 turns -0.0 into 0.0


def label(name: str) -> str:
    return ctx.t(f"activations.name.{name}")


# --------------------------------------------------------------------------------------------
# cached computations
# --------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=8)
def small_image(name: str) -> np.ndarray:
    return np.clip(images.resize_to(images.load_sample_image(name, "L"), FEATURE_SIDE, resample="box"), 0.0, 1.0)


@st.cache_data(show_spinner=False, max_entries=32)
def feature_maps(image_name: str, direction: str, name: str, slope: float):
    pre = A.edge_feature_map(small_image(image_name), direction)
    return pre, A.activate(name, pre, slope), A.derivative(name, pre, slope)


@st.cache_data(show_spinner=False, max_entries=32)
def saturation(scale: str, name: str, slope: float):
    image = small_image("camera")
    u = A.random_preactivations(image, scale, rng=np.random.default_rng(SATURATION_SEED))
    grad = A.derivative(name, u, slope)
    stats = A.saturation_stats(name, u, negative_slope=slope)
    lo, hi = np.percentile(u, [0.5, 99.5])
    reach = max(abs(lo), abs(hi), 6.0)
    curve_x = np.linspace(-reach, reach, 401)
    return u, grad, stats, curve_x, A.derivative(name, curve_x, slope), float(u.mean()), float(u.std())


# --------------------------------------------------------------------------------------------
# page
# --------------------------------------------------------------------------------------------

st.title(ctx.t("activations.title"))
intro(ctx, ctx.t("activations.intro"))
quiz_slot = quiz.slot("activations")

# --- 1. shapes and slopes ---------------------------------------------------------------------
st.header(ctx.t("activations.curves_header"))
c1, c2, c3 = st.columns([1.6, 1, 1])
with c1:
    chosen = url_multiselect("act.functions", ctx.t("activations.functions"), A.ACTIVATIONS,
                             ["relu", "leaky_relu", "sigmoid", "tanh"], format_func=label)
with c2:
    probe = url_slider("act.probe", ctx.t("activations.probe"), -6.0, 6.0, 1.0, step=0.1)
with c3.expander(ctx.t("activations.more_settings")) if ctx.presentation else c3:
    slope = url_slider("act.slope", ctx.t("activations.slope"), 0.01, 0.5, 0.1, step=0.01,
                       help=ctx.t("activations.slope_help"))

if not chosen:
    st.info(ctx.t("activations.pick_one"), icon=":material/touch_app:")
else:
    curves = {name: (label(name), A.activate(name, CURVE_X, slope), A.derivative(name, CURVE_X, slope))
              for name in chosen}
    st.plotly_chart(figs.curves_figure(CURVE_X, curves, probe=probe, lang=ctx.lang, presentation=ctx.presentation),
                    key="act.curves", config=CHART)
    at_probe = np.array([probe])
    table = pd.DataFrame({
        ctx.t("activations.col_function"): [label(name) for name in chosen],
        f"f({probe:g})": [figs.decimals(float(A.activate(name, at_probe, slope)[0])) for name in chosen],
        f"f′({probe:g})": [figs.decimals(float(A.derivative(name, at_probe, slope)[0])) for name in chosen],
    })
    left, right = st.columns([1, 1.3]) if not ctx.presentation else (st.container(), st.container())
    with left:
        st.dataframe(table, hide_index=True, key="act.probe_table")
    with right:
        for name in chosen:
            st.latex(figs.activation_latex(name, slope))
st.markdown(ctx.t("activations.curves_text"))

with st.expander(ctx.t("activations.exercise_title"), icon=":material/school:"):
    # the course's exercise is answered on /backprop, after the student predicts it: no answer here
    st.markdown(ctx.t("activations.exercise_text"))
    st.page_link("pages/backprop.py", label=ctx.t("activations.exercise_link"), icon=":material/arrow_forward:",
                 query_params={"backprop.section": "network"})

# --- 2. on a real feature map -------------------------------------------------------------------
st.header(ctx.t("activations.feature_header"))
st.markdown(ctx.t("activations.feature_text"))
f1, f2, f3 = st.columns(3)
with f1:
    feature_fn = url_select("act.feature_fn", ctx.t("activations.function"), A.ACTIVATIONS, "relu", format_func=label)
with f2:
    image_name = url_select("act.image", ctx.t("activations.image"), images.SAMPLE_IMAGES, "camera",
                            format_func=lambda name: ctx.t(f"data.sample_{name}"))
with f3:
    direction = url_select("act.edge", ctx.t("activations.edge"), ["x", "y"], "x", horizontal=True,
                           format_func=lambda d: ctx.t(f"activations.edge.{d}"))
pre, post, grad = feature_maps(image_name, direction, feature_fn, slope)
titles = {"post": ctx.t("activations.fig_post_named", name=label(feature_fn))}
st.plotly_chart(figs.feature_map_figure(small_image(image_name)[1:-1, 1:-1], pre, post, grad, titles=titles,
                                        lang=ctx.lang, presentation=ctx.presentation),
                key="act.feature_map", config=CHART)
m1, m2, m3 = st.columns(3)
m1.metric(ctx.t("activations.metric_negative"), f"{100 * np.mean(pre < 0):.0f}%")
m2.metric(ctx.t("activations.metric_zero"), f"{100 * np.mean(post == 0):.0f}%")
m3.metric(ctx.t("activations.metric_mean_grad"), figs.decimals(float(grad.mean()), 3))
st.caption(ctx.t(f"activations.feature_note.{feature_fn}"))

# --- 3. saturation ----------------------------------------------------------------------------
st.header(ctx.t("activations.saturation_header"))
st.markdown(ctx.t("activations.saturation_text"))
s1, s2 = st.columns([1.4, 1])
with s1:
    scale = url_select("act.scale", ctx.t("activations.scale"), A.INPUT_SCALES, "raw", horizontal=True,
                       format_func=lambda s: ctx.t(f"activations.scale.{s}"))
with s2:
    sat_fn = url_select("act.sat_fn", ctx.t("activations.function"), A.ACTIVATIONS, "sigmoid", format_func=label)
u_all, g_all, stats, curve_x, curve_df, u_mean, u_std = saturation(scale, sat_fn, slope)
st.plotly_chart(figs.saturation_figure(u_all, g_all, curve_x, curve_df, peak=stats.peak, tolerance=stats.tolerance,
                                       lang=ctx.lang, presentation=ctx.presentation),
                key="act.saturation", config=CHART)
k1, k2, k3 = st.columns(3)
k1.metric(ctx.t("activations.metric_u"), f"{short(u_mean)} ± {short(u_std)}")
k2.metric(ctx.t("activations.metric_flat"), f"{100 * stats.flat_fraction:.1f}%",
          help=ctx.t("activations.metric_flat_help", pct=f"{100 * stats.tolerance:.0f}"))
k3.metric(ctx.t("activations.metric_mean_deriv"), figs.decimals(stats.mean_derivative, 4),
          delta=ctx.t("activations.metric_peak", peak=figs.decimals(stats.peak, 3)), delta_color="off", delta_arrow="off")
if stats.flat_fraction > 0.5 and sat_fn in ("sigmoid", "tanh"):
    st.error(ctx.t("activations.saturated", pct=f"{100 * stats.flat_fraction:.0f}"), icon=":material/trending_flat:")
elif scale == "raw":
    st.warning(ctx.t("activations.raw_other", name=label(sat_fn)), icon=":material/warning:")
elif stats.flat_fraction == 0:
    st.success(ctx.t("activations.healthy_none"), icon=":material/trending_up:")
else:
    pct = 100 * stats.flat_fraction
    pct_text = f"{pct:.0f}" if pct >= 1 else f"{pct:.1g}"  # never "0 %" for a non-zero share
    key = "activations.healthy" if sat_fn in ("sigmoid", "tanh") else "activations.healthy_half"
    st.success(ctx.t(key, pct=pct_text, name=label(sat_fn)), icon=":material/trending_up:")
st.latex(r"\frac{\partial L}{\partial u^{(l)}} = f'\!\left(u^{(l)}\right) \odot "
         r"\left(W^{(l+1)\top} \frac{\partial L}{\partial u^{(l+1)}}\right), \qquad "
         r"\sigma' \le \tfrac14 \;\Rightarrow\; \left(\tfrac14\right)^{5} \approx 0.001")
st.caption(ctx.t("activations.saturation_note", count=f"{stats.count:,}"))

# --- 4. softmax -------------------------------------------------------------------------------
st.header(ctx.t("activations.softmax_header"))
st.markdown(ctx.t("activations.softmax_text"))
x1, x2 = st.columns([1.4, 1])
with x1:
    logits_text = url_text("act.logits", ctx.t("activations.logits"), DEFAULT_LOGITS, max_chars=200,
                           validate=A.parse_logits, help=ctx.t("activations.logits_help"))
with x2:
    temperature = url_slider("act.temperature", ctx.t("activations.temperature"), 0.1, 5.0, 1.0, step=0.1,
                             help=ctx.t("activations.temperature_help"))
try:
    logits = A.parse_logits(logits_text)
except A.LogitsError as error:
    st.warning(ctx.t("activations.logits_invalid", reason=ctx.t(error)), icon=":material/edit_note:")
    logits = None
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.activations_question(
    logits if logits is not None else A.parse_logits(DEFAULT_LOGITS), seed=seed))
if logits is not None:
    probs = A.softmax_with_temperature(logits, temperature)
    st.plotly_chart(figs.softmax_figure(logits, probs, lang=ctx.lang, presentation=ctx.presentation),
                    key="act.softmax", config=CHART)
    top = int(np.argmax(probs))
    st.latex(figs.softmax_latex(logits, temperature, probs))
    st.dataframe(pd.DataFrame({
        ctx.t("activations.col_class"): [str(i + 1) for i in range(logits.size)],
        ctx.t("activations.col_logit"): [figs.decimals(z, 3) for z in logits],
        "z / T": [figs.decimals(z / temperature, 3) for z in logits],
        ctx.t("activations.col_prob"): [f"{p:.3f}" for p in probs],
    }), hide_index=True, key="act.softmax_table")
    st.caption(ctx.t("activations.softmax_sum", total=f"{probs.sum():.3f}", t=f"{temperature:g}"))

# --- 5. maxout --------------------------------------------------------------------------------
st.header(ctx.t("activations.maxout_header"))
st.markdown(ctx.t("activations.maxout_text"))
y1, y2, y3 = st.columns(3)
with y1:
    maxout_preset = url_select("act.maxout", ctx.t("activations.maxout_preset"), A.MAXOUT_PRESETS, "relu",
                               format_func=lambda name: ctx.t(f"activations.maxout.{name}"))
pieces, seed = 2, 0
if maxout_preset in ("convex", "random"):
    with y2:
        pieces = url_slider("act.pieces", ctx.t("activations.pieces"), 2, 6, 4)
    if maxout_preset == "random":
        with y3:
            seed = url_number("act.seed", ctx.t("activations.seed"), 0, 9999, 0)
weight, bias = A.maxout_preset(maxout_preset, pieces, rng=np.random.default_rng(seed))
maxout_x = np.linspace(-4.0, 4.0, 321)
z = F.maxout_pieces(maxout_x[:, None], weight, bias)[:, 0, :]
h, winner = F.maxout(maxout_x[:, None], weight, bias)
reference = ("x²/2", maxout_x**2 / 2) if maxout_preset == "convex" else None
st.plotly_chart(figs.maxout_figure(maxout_x, z, h[:, 0], winner[:, 0], reference=reference, lang=ctx.lang,
                                   presentation=ctx.presentation),
                key="act.maxout_chart", config=CHART)
st.latex(figs.maxout_latex(weight, bias))
st.caption(ctx.t(f"activations.maxout_note.{maxout_preset}"))

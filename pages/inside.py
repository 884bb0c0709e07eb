"""Inside a trained CNN: draw, pick or upload a digit, follow it through every layer of a trained
LeNet-5, ask why the network decided what it did, and synthesise what a filter or class wants to see.

Models: the shipped ``cnnviz/assets/lenet5_mnist.npz`` is loaded once per server process
(``st.cache_resource``) and never run; every session works on its own deep copy, because forward
and backward passes write the layers' caches (two users must never share a model object that is
being run). The Training page's model (``ui.training_state`` "shared.model") and an uploaded
``.npz`` are copied into the session in the same way.
"""

import copy
import hashlib

import numpy as np
import streamlit as st

from cnnviz import explain, images, train
from cnnviz.assets import asset_path
from cnnviz.explain import units
from cnnviz.figures import grids
from cnnviz.figures import inside as figs
from cnnviz.lessons import quizzes, trace
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn import shapes
from cnnviz.train import datasets, model_file
from ui import figcache, quiz, restart, training_state, uploads
from ui.literal import literal
from ui.shell import intro, page_context
from ui.urlstate import show_url_notices, url_select, url_slider, url_toggle

ctx = page_context("inside")
show_url_notices(ctx)
restart.lost_state_notice(ctx, "inside")
CHART = {"displaylogo": False}
PRETRAINED_PATH = asset_path("lenet5_mnist.npz")
MODELS_KEY = "inside.models"  # session: {model key: this session's private model}
UPLOADED_KEY = "inside.uploaded"  # session: dict(model, config, name, digest) of the last good upload
PROBLEM_KEY = "inside.model_problem"  # session: (file name, ModelFileError) of the last rejected upload
MODEL_FILE_KEY = "inside.model_file"
MODEL_KEY = "inside.model"
CANVAS_PX = 280
STROKE_PX = 20
METHODS = ("saliency", "guided", "smoothgrad", "occlusion", "gradcam")
SANITY_SEED = 0
SMOOTHGRAD_SEED = 0
AM_SEED = 0
INPUT_SHAPE = (1, 28, 28)
MAX_UNIT_CHANNELS = 8  # input channels drawn in a conv unit's computation (the sum uses all)


# --------------------------------------------------------------------------------------------
# models: one shared read-only template, private copies per session
# --------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def pretrained_template():
    """(model, config) of the shipped LeNet-5, shared by all sessions. Read-only: never run it."""
    return model_file.load_model_bytes(PRETRAINED_PATH.read_bytes())


def private_model(key: str, make):
    """This session's own model object for ``key`` (built once by ``make``); a few are kept."""
    store = st.session_state.setdefault(MODELS_KEY, {})
    if key not in store:
        for old in list(store)[:-3]:
            del store[old]
        store[key] = make()
    return store[key]


def fresh_copy(model, config):
    """A new model with ``model``'s weights (no layer caches, nothing shared)."""
    clone = train.build_model(config, INPUT_SHAPE, 10, np.random.default_rng(0))
    clone.load_state_dict(model.state_dict())
    return clone.eval()  # running statistics, no dropout: explanations of the trained function


def load_model_file() -> None:
    """``on_change`` of the model uploader: keep a good file's model, or remember why not."""
    uploaded = st.session_state.get(MODEL_FILE_KEY)
    if uploaded is None:
        return
    try:
        model, config = model_file.read_model_file(uploaded.getvalue(), max_bytes=uploads.limit_bytes())
        if config.dataset != "mnist":
            raise model_file.ModelFileError("inside.err_not_digits")
    except model_file.ModelFileError as problem:
        st.session_state[PROBLEM_KEY] = (uploaded.name, problem)
        return
    st.session_state.pop(PROBLEM_KEY, None)
    digest = hashlib.sha1(uploaded.getvalue()).hexdigest()[:12]
    st.session_state[UPLOADED_KEY] = {"model": model, "config": config, "name": uploaded.name, "digest": digest}
    st.session_state[MODEL_KEY] = "uploaded"


# --------------------------------------------------------------------------------------------
# cached computations (keyed on plain values; the model object itself is not hashed)
# --------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def forward_pass(model_key: str, x: np.ndarray, _model):
    logits, outputs = _model.forward(x, record=True)
    return [np.array(out[0]) for out in outputs], np.array(F.softmax(logits, dim=1)[0])


@st.cache_data(show_spinner=False, max_entries=32)
def explanations(model_key: str, x: np.ndarray, target: int, patch: int, stride: int, samples: int, noise: float,
                 _model):
    gradient = explain.input_gradient(_model, x, target)[0, 0]
    saliency = explain.saliency(_model, x, target)
    guided = explain.guided_backprop(_model, x, target)
    smooth = explain.smoothgrad(_model, x, target, samples=samples, noise=noise,
                                rng=np.random.default_rng(SMOOTHGRAD_SEED))
    drops, heatmap, base = explain.occlusion(_model, x, target, patch=patch, stride=stride)
    cam, weights, maps, coarse = explain.grad_cam(_model, x, target)
    probs = explain.predict_proba(_model, x)[0]
    return {"gradient": gradient, "saliency": saliency, "guided": guided, "smoothgrad": smooth, "drops": drops,
            "occlusion": heatmap, "base": base, "gradcam": cam, "weights": weights, "maps": maps,
            "coarse": coarse, "cam_layer": explain.last_conv_index(_model), "probs": np.array(probs)}


@st.cache_data(show_spinner=False, max_entries=32)
def maximize(model_key: str, layer: int, unit: int, steps: int, _model):
    every = 4 * max(1, steps // 80)  # snapshots right after the blur of every 4th step: a smooth curve
    snapshots = list(explain.activation_maximization(_model, layer, unit, shape=(1,) + INPUT_SHAPE, steps=steps,
                                                     rng=np.random.default_rng(AM_SEED), snapshot_every=every))
    return (np.array([s for s, _, _ in snapshots]), np.array([image for _, image, _ in snapshots]),
            np.array([a for _, _, a in snapshots]))


# --------------------------------------------------------------------------------------------
# words and numbers for layers
# --------------------------------------------------------------------------------------------

def pair_text(value, collapse: bool = False) -> str:
    """``5×5``, or ``2`` when ``collapse`` and both sides are equal (strides, paddings)."""
    h, w = shapes.as_pair(value, "size", 0)
    return str(h) if collapse and h == w else f"{h}×{w}"


def describe(layer, out_shape) -> str:
    """One line: what the layer computes, in the reader's language."""
    kind = units.layer_kind(layer)
    if kind == "conv":
        text = ctx.t("inside.desc.conv", cin=layer.in_channels, cout=layer.out_channels,
                     k=pair_text(layer.kernel_size), s=pair_text(layer.stride, True),
                     p=layer.padding if isinstance(layer.padding, str) else pair_text(layer.padding, True))
    elif kind == "pool":
        stride = layer.stride if layer.stride is not None else layer.kernel_size
        key = "inside.desc.maxpool" if isinstance(layer, L.MaxPool2d) else "inside.desc.avgpool"
        text = ctx.t(key, k=pair_text(layer.kernel_size), s=pair_text(stride, True))
    elif kind == "act":
        text = ctx.t("inside.desc.act", name=type(layer).__name__)
    elif kind == "flatten":
        text = ctx.t("inside.desc.flatten", n=int(np.prod(out_shape)))
    elif kind == "linear":
        text = ctx.t("inside.desc.linear", n_in=layer.params["weight"].shape[1], n_out=layer.params["weight"].shape[0])
    else:
        text = type(layer).__name__
    return text + " → " + "×".join(map(str, out_shape))


# --------------------------------------------------------------------------------------------
# page: the model
# --------------------------------------------------------------------------------------------

st.title(ctx.t("inside.title"))
intro(ctx, ctx.t("inside.intro"))
quiz_slot = quiz.slot("inside")

template = None
try:
    template = pretrained_template()
except (OSError, model_file.ModelFileError):
    st.error(ctx.t("inside.err_no_pretrained"), icon=":material/error:")

models = {}  # choice -> (cache key, maker, config, label)
if template is not None:
    models["pretrained"] = ("pretrained", lambda: copy.deepcopy(template[0]), template[1],
                            ctx.t("inside.model.pretrained"))
shared = st.session_state.get(training_state.SHARED_MODEL_KEY)
if shared is not None and shared[1].dataset == "mnist":
    shared_id = str(st.session_state.get(training_state.SHARED_MODEL_ID_KEY, "0"))
    models["trained"] = (f"trained:{shared_id}", lambda: fresh_copy(*shared), shared[1], ctx.t("inside.model.trained"))
uploaded = st.session_state.get(UPLOADED_KEY)
if uploaded is not None:
    models["uploaded"] = (f"uploaded:{uploaded['digest']}", lambda: fresh_copy(uploaded["model"], uploaded["config"]),
                          uploaded["config"], ctx.t("inside.model.uploaded", name=literal(uploaded["name"])))

with st.container(border=True):
    model_col, file_col = st.columns([1.3, 1], gap="large")
    if not ctx.presentation:  # presenting: fewer controls
        with file_col:
            st.file_uploader(ctx.t("inside.model_file"), key=MODEL_FILE_KEY, on_change=load_model_file,
                             help=ctx.t("inside.model_file_help"))
    with model_col:
        if not models:
            st.stop()
        choice = url_select(MODEL_KEY, ctx.t("inside.model_label"), list(models), "pretrained",
                            format_func=lambda name: models[name][3], radio=True)
        model_key, make_model, config, model_label = models[choice]
        model = private_model(model_key, make_model)
        if "trained" not in models and not ctx.presentation:
            st.caption(ctx.t("inside.model_hint"))
    problem = st.session_state.get(PROBLEM_KEY)
    if problem is not None:
        name, reason = problem
        st.error(ctx.t("inside.model_load_failed", name=literal(name), reason=ctx.t(reason), current=model_label),
                 icon=":material/block:")

names = units.layer_names(model)
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.inside_question(model, names, INPUT_SHAPE, seed=seed))

# --------------------------------------------------------------------------------------------
# page: the input
# --------------------------------------------------------------------------------------------

st.header(ctx.t("inside.input_header"))
source = url_select("inside.source", ctx.t("inside.source"), ["mnist", "draw", "upload"], "mnist", horizontal=True,
                    format_func=lambda s: ctx.t(f"inside.source.{s}"))
# a model or a digit image only this session has: a link to it cannot bring it back
restart.mark_held(choice in ("uploaded", "trained")
                  or (source == "upload" and st.session_state.get("inside.image_file") is not None))
steps = None
true_label = None
if source == "mnist":
    x_test, y_test = datasets.load_mnist("test")
    pick_a, pick_b, show_col = st.columns([1, 2, 0.6])
    with pick_a:
        digit = url_select("inside.digit", ctx.t("inside.digit"), list(range(10)), 7)
    members = np.flatnonzero(y_test == digit)
    with pick_b:
        sample = url_slider("inside.sample", ctx.t("inside.sample"), 0, len(members) - 1, 0,
                            help=ctx.t("inside.sample_help", n=len(members)))
    index = int(members[sample])
    x = np.array(x_test[index:index + 1])  # (1, 1, 28, 28), a writable copy
    with show_col:
        st.image(np.kron(images.to_uint8(x[0, 0]), np.ones((4, 4), np.uint8)), width=112)  # 4× nearest upscale
    true_label = int(y_test[index])
    st.caption(ctx.t("inside.mnist_note", index=index, label=true_label) + " " + ctx.t("data.mnist_credit"))
elif source == "draw":
    from streamlit_drawable_canvas import st_canvas  # a component: importable only inside a Streamlit run

    draw_col, text_col = st.columns([1, 1.6], gap="large")
    with draw_col:
        st.html('<div style="height: 2.2rem"></div>')  # room for the canvas toolbar, drawn above the canvas
        drawing = st_canvas(stroke_width=STROKE_PX, stroke_color="#ffffff", background_color="#000000",
                            width=CANVAS_PX, height=CANVAS_PX, drawing_mode="freedraw", key="inside.canvas",
                            return_image_data=True)
    with text_col:
        st.markdown(ctx.t("inside.draw_hint"))
    image = drawing.image_data
    try:
        if image is None:
            raise images.ImageLoadError("data.err_blank")
        steps = images.preprocess_digit(np.asarray(image))
    except images.ImageLoadError as error:
        st.info(ctx.t(error), icon=":material/draw:")
        st.stop()
else:
    upload = st.file_uploader(ctx.t("inside.image_file"), key="inside.image_file",
                              help=ctx.t("inside.image_file_help"))
    if upload is None:
        st.info(ctx.t("inside.upload_prompt"), icon=":material/upload:")
        st.stop()
    try:
        loaded = uploads.guarded(lambda: images.load_image(upload.getvalue(), mode="L", max_bytes=uploads.limit_bytes()),
                                 images.ImageLoadError, "data.err_truncated")
    except images.ImageLoadError as error:
        st.error(ctx.t(error), icon=":material/broken_image:")
        st.stop()
    for notice in loaded.notices:
        st.caption(ctx.t(notice))
    try:
        steps = uploads.guarded(lambda: images.preprocess_digit(loaded.array), images.ImageLoadError,
                                "data.err_truncated")
    except images.ImageLoadError as error:
        st.error(ctx.t("inside.err_upload_blank") if error.key == "data.err_blank" else ctx.t(error),
                 icon=":material/broken_image:")
        st.stop()

if steps is not None:
    x = steps.final.copy()
    st.subheader(ctx.t("inside.prep_header"))
    st.plotly_chart(figcache.figure(figs.preprocessing_figure, steps, lang=ctx.lang, presentation=ctx.presentation),
                    key="inside.prep_chart", config=CHART)
    st.markdown(ctx.t("inside.prep_text_inverted" if steps.inverted else "inside.prep_text"))

outputs, probs = forward_pass(model_key, x, model)
predicted = int(np.argmax(probs))
classes = probs.size

# --------------------------------------------------------------------------------------------
# page: the prediction
# --------------------------------------------------------------------------------------------

st.header(ctx.t("inside.prediction_header"))
metric_col, bars_col = st.columns([1, 3], gap="large")
with metric_col:
    st.metric(ctx.t("inside.prediction"), str(predicted), help=ctx.t("inside.prediction_help"))
    st.markdown(ctx.t("inside.confidence", p=f"{100 * probs[predicted]:.1f}"))
    if true_label is not None:
        key = "inside.correct" if true_label == predicted else "inside.wrong"
        st.markdown(ctx.t(key, label=true_label))
with bars_col:
    st.plotly_chart(figcache.figure(figs.probabilities_figure, probs, predicted=predicted, lang=ctx.lang,
                                              presentation=ctx.presentation), key="inside.probs", config=CHART)

# --------------------------------------------------------------------------------------------
# page: the forward pass, layer by layer
# --------------------------------------------------------------------------------------------

st.header(ctx.t("inside.forward_header"))
st.markdown(ctx.t("inside.forward_text"))
layer_index = url_select("inside.layer", ctx.t("inside.layer"), list(range(len(model))), 0,
                         format_func=lambda i: f"{names[i]} — {describe(model[i], outputs[i].shape)}")
st.plotly_chart(figcache.figure(figs.network_figure, x[0, 0], outputs, names, selected=layer_index,
                                class_labels=tuple(str(c) for c in range(classes)), lang=ctx.lang,
                                presentation=ctx.presentation), key="inside.network", config=CHART)
layer = model[layer_index]
kind = units.layer_kind(layer)
out = outputs[layer_index]
layer_input = x[0] if layer_index == 0 else outputs[layer_index - 1]
is_last = layer_index == len(model) - 1

if out.ndim == 3:
    channels, height, width = out.shape
    pick = st.columns(3)
    with pick[0]:
        channel = url_slider("inside.channel", ctx.t("inside.channel"), 1, channels, 1) - 1  # maps count from 1
    with pick[1]:
        row = url_slider("inside.row", ctx.t("inside.row"), 0, height - 1, height // 2)
    with pick[2]:
        col = url_slider("inside.col", ctx.t("inside.col"), 0, width - 1, width // 2)
    unit = None
else:
    default_unit = predicted if is_last else 0
    unit = url_slider("inside.unit", ctx.t("inside.unit"), 0, out.size - 1, default_unit)
    channel = row = col = None

view = url_select("inside.view", ctx.t("inside.view"), ["maps", "unit"], "maps", horizontal=True,
                  format_func=lambda v: ctx.t(f"inside.view.{v}", name=names[layer_index]))
if view == "maps":
    if kind == "conv":
        weight = layer.params["weight"]
        if weight.shape[1] == 1:
            st.markdown(ctx.t("inside.filters_all", n=weight.shape[0], k=pair_text(weight.shape[2:])))
            filters = weight[:, 0]
            titles = [ctx.t("inside.filter_title", k=k + 1) for k in range(weight.shape[0])]
        else:
            st.markdown(ctx.t("inside.filters_one", k=channel + 1, cin=weight.shape[1],
                              size=pair_text(weight.shape[2:])))
            filters = weight[channel]
            titles = [ctx.t("inside.filter_slice", k=channel + 1, c=c + 1) for c in range(weight.shape[1])]
        # three a row (six filters: two rows), so that the weights fit their cells even on a phone
        st.plotly_chart(figcache.figure(grids.feature_maps_figure, filters, titles=titles,
                                        cols=min(3 if len(filters) <= 6 else 8, len(filters)), decimals=2,
                                        lang=ctx.lang, map_px=220 if ctx.presentation else 180,
                                        presentation=ctx.presentation),
                        key="inside.filters", config=CHART)
    if out.ndim == 3:
        st.markdown(ctx.t("inside.maps_text", n=out.shape[0], name=names[layer_index]))
        st.plotly_chart(figcache.figure(grids.feature_maps_figure, out, titles=[ctx.t("inside.map_title", k=k + 1)
                                                               for k in range(out.shape[0])],
                                                  cols=min(8, out.shape[0]), lang=ctx.lang,
                                                  presentation=ctx.presentation),
                        key="inside.maps", config=CHART)
    else:
        group = None
        if kind == "flatten":
            group = int(np.prod(layer_input.shape[1:]))
            st.markdown(ctx.t("inside.flatten_text", shape="×".join(map(str, layer_input.shape)), n=out.size,
                              per=group))
        labels = [str(c) for c in range(out.size)] if is_last else None
        title = ctx.t("inside.logits_title") if is_last else ctx.t("inside.vector_title", name=names[layer_index],
                                                                   n=out.size)
        st.plotly_chart(figcache.figure(figs.vector_figure, out, title=title, highlight=unit, group=group, labels=labels,
                                           lang=ctx.lang, presentation=ctx.presentation),
                        key="inside.vector", config=CHART)
        if is_last:
            st.markdown(ctx.t("inside.softmax_text"))
            st.latex(figs.softmax_latex(out, predicted, probs))

else:
    flat_shape = layer_input.shape if kind == "flatten" else None
    if out.ndim == 3:
        box = units.unit_field_box(model, layer_index, row, col, INPUT_SHAPE[1:])
        value = float(out[channel, row, col])
        field_map, field_unit = out[channel], (row, col)
        map_title = ctx.t("inside.unit_map_title", name=names[layer_index], k=channel + 1)
        st.markdown(ctx.t("inside.unit_value", name=names[layer_index], k=channel + 1, r=row, c=col, v=figs.num(value)))
    else:
        box = units.unit_field_box(model, layer_index, unit, 0, INPUT_SHAPE[1:], flat_shape=flat_shape)
        value = float(out[unit])
        field_map = field_unit = None
        map_title = ""
        if kind == "flatten":
            src_c, src_r, src_q = (int(v) for v in np.unravel_index(unit, layer_input.shape))
            field_map, field_unit = layer_input[src_c], (src_r, src_q)
            map_title = ctx.t("inside.unit_map_title", name=names[layer_index - 1], k=src_c + 1)
        st.markdown(ctx.t("inside.unit_value_flat", name=names[layer_index], i=unit, v=figs.num(value)))
    r0, r1, c0, c1 = box
    rf_text = ctx.t("inside.rf_all") if (r0, r1, c0, c1) == (0, INPUT_SHAPE[1], 0, INPUT_SHAPE[2]) and kind in (
        "linear", "act") and out.ndim == 1 else ctx.t("inside.rf_box", r0=r0, r1=r1 - 1, c0=c0, c1=c1 - 1,
                                                      h=r1 - r0, w=c1 - c0)
    st.markdown(rf_text)
    st.plotly_chart(figcache.figure(figs.unit_field_figure, x[0, 0], box, field_map, field_unit,
                                           titles=(ctx.t("inside.rf_title"), map_title), lang=ctx.lang,
                                           presentation=ctx.presentation), key="inside.field", config=CHART)

    st.subheader(ctx.t("inside.computation_header"))
    if kind == "conv":
        weight, bias = layer.params["weight"], layer.params.get("bias")
        b = float(bias[channel]) if bias is not None else 0.0
        traced = trace.trace_conv2d(layer_input, weight[channel], b, stride=layer.stride, padding=layer.padding,
                                    dilation=layer.dilation)
        step = traced.steps[row * traced.output.shape[1] + col]
        shown = min(step.patch.shape[0], MAX_UNIT_CHANNELS)
        st.plotly_chart(figcache.figure(figs.conv_unit_figure, step.patch[:shown], traced.kernel[:shown], step.products[:shown],
                                              lang=ctx.lang, presentation=ctx.presentation),
                        key="inside.conv_unit", config=CHART)
        if shown < step.patch.shape[0]:
            st.caption(ctx.t("inside.conv_first_channels", shown=shown, total=step.patch.shape[0]))
        st.latex(figs.conv_unit_latex(traced, step, channel, max_channels=MAX_UNIT_CHANNELS))
        st.caption(ctx.t("inside.conv_note", channels=step.channel_sums.size, taps=step.products.size))
    elif kind == "pool":
        mode = "max" if isinstance(layer, L.MaxPool2d) else "avg"
        kwargs = {"dilation": layer.dilation} if mode == "max" else {"count_include_pad": layer.count_include_pad}
        traced = trace.trace_pool2d(layer_input[channel:channel + 1], layer.kernel_size, layer.stride, layer.padding,
                                    ceil_mode=layer.ceil_mode, mode=mode, **kwargs)
        step = traced.steps[row * traced.output.shape[2] + col]
        top, left = int(step.taps[0][0]) - traced.pad[0], int(step.taps[0][1]) - traced.pad[2]
        window = step.patch[0]
        best = int(step.argmax[0]) if mode == "max" else None
        st.plotly_chart(figcache.figure(figs.pool_unit_figure, layer_input[channel], (top, left) + window.shape, window, best,
                                              titles=(ctx.t("inside.pool_input", name=names[layer_index - 1],
                                                            k=channel + 1), ctx.t("inside.pool_window")),
                                              lang=ctx.lang, presentation=ctx.presentation),
                        key="inside.pool_unit", config=CHART)
        st.latex(figs.pool_unit_latex(window, float(step.value[0]), mode))
    elif kind == "act":
        z = float(layer_input[channel, row, col]) if out.ndim == 3 else float(layer_input[unit])
        slope = float(getattr(layer, "negative_slope", 0.01))
        st.latex(figs.activation_unit_latex(type(layer).__name__, z, value, slope))
        st.caption(ctx.t("inside.act_note", name=names[layer_index - 1] if layer_index else ""))
    elif kind == "flatten":
        src_c, src_r, src_q = (int(v) for v in np.unravel_index(unit, layer_input.shape))
        st.latex(figs.flatten_unit_latex(names[layer_index], names[layer_index - 1], unit, layer_input.shape, value))
    elif kind == "linear":
        weight, bias = layer.params["weight"], layer.params.get("bias")
        b = float(bias[unit]) if bias is not None else 0.0
        order, products, positive, negative = units.linear_contributions(weight[unit], layer_input, top=10)
        st.markdown(ctx.t("inside.linear_text", n=layer_input.size, k=order.size))
        st.plotly_chart(figcache.figure(figs.linear_unit_figure, order, products, weight[unit][order], layer_input[order],
                                                lang=ctx.lang, presentation=ctx.presentation),
                        key="inside.linear_unit", config=CHART)
        st.latex(figs.linear_unit_latex(unit, layer_input.size, positive, negative, b, value))
        if is_last:
            st.caption(ctx.t("inside.logit_note", p=f"{100 * probs[unit]:.2f}", c=unit))
    else:
        st.caption(type(layer).__name__)

flow = explain.residual_flow(model, x)
if flow:  # a residual model: what each skip connection carries next to what its block adds
    st.subheader(ctx.t("inside.skip.header"))
    st.plotly_chart(figs.skip_flow_figure([name for name, _, _ in flow], [skip for _, skip, _ in flow],
                                          [body for _, _, body in flow], lang=ctx.lang, presentation=ctx.presentation),
                    key="inside.skip_flow", config=CHART)
    st.caption(ctx.t("inside.skip.caption"))

# --------------------------------------------------------------------------------------------
# page: explanations
# --------------------------------------------------------------------------------------------

st.header(ctx.t("inside.explain_header"))
st.markdown(ctx.t("inside.explain_text"))
samples, noise = 25, 0.15
controls = st.columns([1.3, 1, 1, 1, 1] if not ctx.presentation else [1.3, 1, 1])
with controls[0]:
    target_choice = url_select("inside.target", ctx.t("inside.target"), ["pred"] + list(range(classes)), "pred",
                               format_func=lambda c: ctx.t("inside.target_pred", c=predicted) if c == "pred"
                               else ctx.t("inside.target_class", c=c))
with controls[1]:
    patch = url_slider("inside.patch", ctx.t("inside.patch"), 1, INPUT_SHAPE[1] // 2, 4,
                       help=ctx.t("inside.patch_help"))
with controls[2]:
    stride = url_slider("inside.stride", ctx.t("inside.stride"), 1, patch, min(2, patch),
                        help=ctx.t("inside.stride_help"))
if not ctx.presentation:
    with controls[3]:
        samples = url_slider("inside.samples", ctx.t("inside.samples"), 5, 100, 25, step=5)
    with controls[4]:
        noise = url_slider("inside.noise", ctx.t("inside.noise"), 0.05, 0.5, 0.15, step=0.05)
param_layers = [i for i, lay in enumerate(model) if lay.params]
random_from = param_layers[0]
sanity_cols = st.columns([1.7, 1.3, 1])
with sanity_cols[0]:
    sanity = url_toggle("inside.sanity", ctx.t("inside.sanity"), False, help=ctx.t("inside.sanity_help"))
if sanity and not ctx.presentation:
    with sanity_cols[1]:
        random_from = url_select("inside.random_from", ctx.t("inside.random_from"), param_layers, param_layers[0],
                                 format_func=lambda i: ctx.t("inside.random_all") if i == param_layers[0]
                                 else ctx.t("inside.random_from_layer", name=names[i]))
target = predicted if target_choice == "pred" else int(target_choice)
result = explanations(model_key, x, target, patch, stride, samples, noise, model)
method_maps = [result[m] for m in METHODS]
method_titles = [ctx.t(f"inside.method.{m}") for m in METHODS]
random_maps = random_titles = None
if sanity:
    random_key = f"{model_key}|random:{random_from}"
    randomized = private_model(random_key, lambda: explain.randomized_copy(model, np.random.default_rng(SANITY_SEED),
                                                                          from_layer=random_from))
    random_result = explanations(random_key, x, target, patch, stride, samples, noise, randomized)
    random_maps = [random_result[m] for m in METHODS]
    rhos = [units.rank_correlation(a, b) for a, b in zip(method_maps, random_maps)]
    random_titles = [f"{title} · ρ = {rho:.2f}" for title, rho in zip(method_titles, rhos)]
st.markdown(ctx.t("inside.explain_for", c=target, p=f"{100 * result['probs'][target]:.1f}"))
st.plotly_chart(figcache.figure(figs.explanations_figure, x[0, 0], method_maps, method_titles,
                                signed=[m == "occlusion" for m in METHODS],
                                random_maps=random_maps, random_titles=random_titles,
                                row_titles=[ctx.t("inside.row_trained"), ctx.t("inside.row_random")]
                                if sanity else None, lang=ctx.lang, presentation=ctx.presentation),
                key="inside.explanations", config=CHART)
captions = st.columns(len(METHODS))
for method, column in zip(METHODS, captions):
    with column:
        st.markdown(f"**{ctx.t(f'inside.method.{method}')}** — {ctx.t(f'inside.what.{method}')}")
if sanity:
    random_pred = int(np.argmax(random_result["probs"]))
    st.markdown(ctx.t("inside.sanity_pred", c=random_pred, p=f"{100 * random_result['probs'][random_pred]:.1f}"))
    verdicts = []
    for method, rho in zip(METHODS, rhos):
        verdict = "inside.sanity_changed" if rho < 0.5 else "inside.sanity_same"
        verdicts.append("- " + ctx.t(verdict, name=ctx.t(f"inside.method.{method}"), rho=f"{rho:.2f}"))
    st.markdown("\n".join(verdicts))
    st.caption(ctx.t("inside.sanity_note"))

method = url_select("inside.method", ctx.t("inside.method"), list(METHODS), "occlusion", horizontal=True,
                    format_func=lambda m: ctx.t(f"inside.method.{m}"))
if method == "saliency":
    st.plotly_chart(figcache.figure(grids.image_pair_figure, result["gradient"], result["saliency"],
                                            (ctx.t("inside.gradient_signed"), ctx.t("inside.method.saliency")),
                                            lang=ctx.lang, presentation=ctx.presentation),
                    key="inside.detail_saliency", config=CHART)
    st.latex(figs.saliency_latex(result["saliency"], target))
elif method == "guided":
    st.plotly_chart(figcache.figure(grids.image_pair_figure, result["saliency"], result["guided"],
                                            (ctx.t("inside.method.saliency"), ctx.t("inside.method.guided")),
                                            colorscales=("Cividis", "Cividis"), lang=ctx.lang,
                                            presentation=ctx.presentation),
                    key="inside.detail_guided", config=CHART)
    st.latex(r"\frac{\partial z}{\partial x}:\quad \delta_{\text{in}} = \delta_{\text{out}}\,[x > 0]"
             r"\qquad\text{guided:}\quad \delta_{\text{in}} = \max(\delta_{\text{out}}, 0)\,[x > 0]")
    st.caption(ctx.t("inside.guided_note"))
elif method == "smoothgrad":
    sigma = noise * float(x.max() - x.min() or 1.0)
    st.plotly_chart(figcache.figure(grids.image_pair_figure, result["saliency"], result["smoothgrad"],
                                            (ctx.t("inside.method.saliency"), ctx.t("inside.method.smoothgrad")),
                                            colorscales=("Cividis", "Cividis"), lang=ctx.lang,
                                            presentation=ctx.presentation),
                    key="inside.detail_smoothgrad", config=CHART)
    st.latex(figs.smoothgrad_latex(target, samples, sigma))
elif method == "occlusion":
    drops = result["drops"]
    peak = np.unravel_index(np.argmax(drops), drops.shape)
    st.markdown(f"**{ctx.t('inside.drops_title', n=drops.shape[0], m=drops.shape[1])}**")
    st.plotly_chart(figcache.figure(grids.heatmap_grid_figure, drops, zmid=0.0, lang=ctx.lang,
                                    height=420 if ctx.presentation else 340, presentation=ctx.presentation),
                    key="inside.detail_occlusion", config=CHART)
    st.latex(figs.occlusion_latex(drops, target, result["base"]))
    st.caption(ctx.t("inside.occlusion_note", patch=patch, stride=stride, n=drops.size,
                     r=peak[0] * stride, c=peak[1] * stride))
else:
    weights, maps = result["weights"], result["maps"]
    cam_name = names[result["cam_layer"]]
    st.plotly_chart(figcache.figure(figs.vector_figure, weights, title=ctx.t("inside.alpha_title", name=cam_name),
                                       labels=[str(k + 1) for k in range(weights.size)], lang=ctx.lang,
                                       presentation=ctx.presentation), key="inside.detail_alpha", config=CHART)
    st.plotly_chart(figcache.figure(grids.feature_maps_figure, maps, titles=[f"A{k + 1} · α={weights[k]:.3g}"
                                                            for k in range(maps.shape[0])],
                                              cols=min(8, maps.shape[0]), lang=ctx.lang,
                                              presentation=ctx.presentation),
                    key="inside.detail_gradcam_maps", config=CHART)
    st.markdown(f"**{ctx.t('inside.coarse_title')}**")
    st.plotly_chart(figcache.figure(grids.heatmap_grid_figure, result["coarse"], lang=ctx.lang,
                                    height=460 if ctx.presentation else 380, presentation=ctx.presentation),
                    key="inside.detail_gradcam", config=CHART)
    st.latex(figs.gradcam_latex(weights, target))
st.caption(ctx.t(f"inside.limits.{method}"))

# --------------------------------------------------------------------------------------------
# page: activation maximisation
# --------------------------------------------------------------------------------------------

st.header(ctx.t("inside.am_header"))
st.markdown(ctx.t("inside.am_text"))
am_layers = [i for i, lay in enumerate(model) if units.layer_kind(lay) in ("conv", "linear")]
am_cols = st.columns(3)
with am_cols[0]:
    am_layer = url_select("inside.am_layer", ctx.t("inside.am_layer"), am_layers, am_layers[-1],
                          format_func=lambda i: ctx.t("inside.am_classes", name=names[i]) if i == len(model) - 1
                          else names[i])
am_last = am_layer == len(model) - 1
with am_cols[1]:
    am_base = 0 if am_last else 1  # digits count from 0, filters from 1 (as in the maps' titles)
    am_unit = url_slider("inside.am_unit", ctx.t("inside.am_class" if am_last else "inside.am_filter"), am_base,
                         outputs[am_layer].shape[0] - 1 + am_base, am_base) - am_base
with am_cols[2]:
    am_steps = url_slider("inside.am_steps", ctx.t("inside.am_steps"), 20, 200, 80, step=10)
am_step_numbers, am_images, am_acts = maximize(model_key, am_layer, am_unit, am_steps, model)
am_title = ctx.t("inside.am_title_class", c=am_unit) if am_last else ctx.t("inside.am_title_filter",
                                                                             name=names[am_layer], k=am_unit + 1)
st.plotly_chart(figcache.figure(figs.activation_maximization_figure, am_step_numbers, am_images, am_acts, title=am_title,
                                                    lang=ctx.lang, presentation=ctx.presentation),
                key="inside.am", config=CHART)
st.markdown(ctx.t("inside.am_result", first=figs.num(am_acts[0]), last=figs.num(am_acts[-1]), steps=int(am_step_numbers[-1])))
st.caption(ctx.t("inside.am_note"))

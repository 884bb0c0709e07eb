"""Convolution lab: a kernel sliding over an input, step by step, with the output-size formula,
cross-correlation versus convolution, several channels and filters, and the kernel on a photo."""

import numpy as np
import streamlit as st

from cnnviz import images
from cnnviz.figures import conv_lab as figs
from cnnviz.figures.grids import feature_maps_figure, image_pair_figure
from cnnviz.lessons import kernels, quizzes
from cnnviz.lessons.trace import resolve_conv_padding, trace_conv2d
from cnnviz.nn import shapes
from cnnviz.train import datasets
from ui import quiz, restart, uploads, urlstate
from ui.figcache import freeze
from ui.literal import literal
from ui.shell import intro, page_context, settings_box
from ui.urlstate import show_url_notices, url_number, url_select, url_slider, url_text, url_toggle

ctx = page_context("conv")
show_url_notices(ctx)
restart.lost_state_notice(ctx, "conv")
CHART = {"displaylogo": False}
SOURCES = ("course", "ramp", "edge", "diagonal", "checker", "digit", "typed", "photo")
PHOTOS = tuple(images.SAMPLE_IMAGES) + ("upload",)
PADDINGS = ("valid", "same", "full", "number", "sides")
KERNEL_CHOICES = tuple(kernels.KERNEL_PRESETS) + ("custom",)
DEFAULT_GRID = kernels.format_grid(kernels.RAMP_IMAGE)
DEFAULT_SIDE = {"digit": 12, "photo": 12}  # other sized inputs start at 7 × 7
MAX_SIDE_PADDING = 8  # the largest number of zeros typed on one side
REAL_SIDE = 256  # uploads are scaled down to this longest side
FRAME_MS = 700
STATE = "conv_lab."  # this page's own session-state keys; widget keys (and URL names) are "conv.*"


# --------------------------------------------------------------------------------------------
# cached computations: plain values in. Figures are cached with st.cache_resource because
# unpickling a Plotly figure (what st.cache_data does on every hit) costs 0.2-0.8 s, and frozen
# (ui.figcache.freeze) so that st.plotly_chart does not copy and re-encode them on every rerun.
# --------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=32)
def animation(x: tuple, weight: tuple, bias: float, stride: tuple, pad: tuple, dilation: int, flip: bool,
              lang: str, presentation: bool, photo: bool = False):
    trace = trace_conv2d(np.array(x), np.array(weight), bias, stride, pad, dilation, flip)
    return freeze(figs.animation_figure(trace, lang=lang, presentation=presentation, frame_ms=FRAME_MS, photo=photo))


@st.cache_resource(show_spinner=False, max_entries=16)
def real_view(image_key: str, _image: np.ndarray, weights: tuple, bias: float, stride: tuple, pad: tuple,
              dilation: int, flip: bool, titles: tuple, lang: str, presentation: bool):
    channels_first = _image[None] if _image.ndim == 2 else _image.transpose(2, 0, 1)  # (C, H, W)
    maps = kernels.convolve(channels_first, np.array(weights), bias, stride, pad, dilation, flip)
    figure = figs.real_image_figure(_image, maps, list(titles), lang=lang, presentation=presentation)
    return freeze(figure), maps.shape[1:], dict(figure.layout.meta)


@st.cache_resource(show_spinner=False, max_entries=32)
def visits_chart(size: tuple, kernel_size: tuple, stride: tuple, pad: tuple, dilation: int, lang: str,
                 presentation: bool):
    trace = trace_conv2d(np.zeros(size), np.ones(kernel_size), 0.0, stride, pad, dilation)  # only positions count
    return freeze(figs.visits_figure(trace, lang=lang, presentation=presentation))


@st.cache_resource(show_spinner=False, max_entries=32)
def flip_chart(kernel: tuple, out_xcorr: tuple, out_conv: tuple, lang: str, presentation: bool):
    return freeze(figs.flip_figure(np.array(kernel), np.array(out_xcorr), np.array(out_conv), lang=lang,
                                   presentation=presentation))


@st.cache_resource(show_spinner=False, max_entries=16)
def channel_charts(partials: tuple, bias: float, outputs: tuple, shown: int, titles: tuple, lang: str,
                   presentation: bool):
    maps = np.array(outputs)
    sums = (figs.channel_sum_figure(np.array(partials), bias, maps[shown - 1], lang=lang, presentation=presentation)
            if len(partials) > 1 else None)
    bank = (feature_maps_figure(maps, titles=list(titles), cols=len(maps), lang=lang, presentation=presentation)
            if len(maps) > 1 else None)
    return (freeze(sums) if sums is not None else None), (freeze(bank) if bank is not None else None)


@st.cache_data(show_spinner=False, max_entries=64)
def digit(index: int, side: int) -> tuple[np.ndarray, int]:
    digits, labels = datasets.load_mnist("test")
    return kernels.image_grid(np.asarray(digits[index, 0]), side), int(labels[index])


def as_tuple(array: np.ndarray) -> tuple:
    return tuple(as_tuple(a) for a in array) if array.ndim > 1 else tuple(float(v) for v in array)


# --------------------------------------------------------------------------------------------
# callbacks (they run before the script, so they may set widget values)
# --------------------------------------------------------------------------------------------

def forget(*keys: str) -> None:
    """Drop widget values (session, URL, memory) so the widgets start from their defaults."""
    urlstate.forget(*keys)


def on_source_change() -> None:
    forget("conv.size")
    if st.session_state.get("conv.input") == "typed" and STATE + "shown_grid" in st.session_state:
        st.session_state["conv.grid"] = kernels.format_grid(st.session_state[STATE + "shown_grid"])


def on_kernel_preset_change() -> None:
    forget("conv.kgrid")


def on_kernel_text_change() -> None:
    st.session_state["conv.kernel"] = "custom"


# --------------------------------------------------------------------------------------------
# photos and uploads
# --------------------------------------------------------------------------------------------

def upload_widget() -> None:
    """The uploader; a good file replaces the last good one, a bad one is explained and ignored."""
    state = st.session_state
    file = st.file_uploader(ctx.t("conv_lab.upload"), key="conv.upload", help=ctx.t("conv_lab.upload_help",
                                                                                        side=REAL_SIDE))
    if file is None:  # the reader removed the file: its complaint goes too (a good image stays)
        state.pop(STATE + "upload_error", None)
        state.pop(STATE + "upload_id", None)
    elif file.file_id != state.get(STATE + "upload_id"):
        state[STATE + "upload_id"] = file.file_id
        raw = file.getvalue()
        try:
            decoded = uploads.guarded(lambda: {mode: images.load_image(raw, mode=mode, max_side=REAL_SIDE,
                                                                       max_bytes=uploads.limit_bytes())
                                               for mode in ("L", "RGB")}, images.ImageLoadError, "data.err_truncated")
        except images.ImageLoadError as error:
            state[STATE + "upload_error"] = (file.name, error)
        else:
            state[STATE + "upload"] = {"name": file.name, "id": file.file_id, **decoded}
            state.pop(STATE + "upload_error", None)
    failed = state.get(STATE + "upload_error")
    good = state.get(STATE + "upload")
    if failed is not None:
        name, error = failed
        st.error(ctx.t("conv_lab.upload_failed", name=literal(name), reason=ctx.t(error)),
                 icon=":material/broken_image:")
        st.caption(ctx.t("conv_lab.upload_kept", name=literal(good["name"])) if good else ctx.t("conv_lab.upload_none"))
    elif good is None:
        st.caption(ctx.t("conv_lab.upload_none"))


def photo_controls() -> tuple[str, bool]:
    """Which photo (a sample or the upload) and whether to keep its colours."""
    photo = url_select("conv.photo", ctx.t("conv_lab.photo"), PHOTOS, "camera",
                       format_func=lambda name: ctx.t("conv_lab.photo_upload") if name == "upload"
                       else ctx.t(f"data.sample_{name}"))
    if photo == "upload":
        upload_widget()
    restart.mark_held(photo == "upload" and STATE + "upload" in st.session_state)
    rgb = url_toggle("conv.rgb", ctx.t("conv_lab.rgb"), False, help=ctx.t("conv_lab.rgb_help"))
    return photo, rgb


def photo_array(photo: str, rgb: bool) -> tuple[np.ndarray, str, str]:
    """The photo's pixels in [0, 1], a cache key, and a caption (credit or adaptation notices)."""
    mode = "RGB" if rgb else "L"
    good = st.session_state.get(STATE + "upload")
    if photo == "upload" and good is not None:
        result = good[mode]
        notes = " ".join(ctx.t(notice) for notice in result.notices)
        return result.array, f"upload:{good['id']}:{mode}", ctx.t("conv_lab.upload_shown", name=literal(good["name"]),
                                                                   notes=notes)
    name = "camera" if photo == "upload" else photo
    return images.load_sample_image(name, mode), f"{name}:{mode}", ctx.t(f"data.sample_{name}_credit")


# --------------------------------------------------------------------------------------------
# page: controls
# --------------------------------------------------------------------------------------------

st.title(ctx.t("conv_lab.title"))
intro(ctx, ctx.t("conv_lab.intro"))
quiz_slot = quiz.slot("conv_lab")

if ctx.presentation:  # the controls folded away: the essentials first, the rest below them
    box = settings_box(ctx)
    top = box.columns(3)
    box.markdown(f"**{ctx.t('conv_lab.more')}**")
    more = box.columns(3)
    in_main, in_more, k_main, k_more = top[0], more[0], top[1], more[1]
    hp_slots = [top[2].container(), top[2].container(), more[2].container(), more[2].container()]
else:
    cols = settings_box(ctx).columns([1.1, 1.15, 1.0], gap="medium")
    in_main = in_more = cols[0]
    k_main = k_more = cols[1]
    hp_slots = [cols[2].container() for _ in range(4)]
stride_slot, pad_slot, pad_number_slot, dilation_slot = hp_slots
messages = []  # (kind, text) shown under the controls, above the figures

# --- input -------------------------------------------------------------------------------------
grid_error = None
source_note = None  # the course / textbook example's caption, written once the output is known
photo = rgb = None
with in_main:
    st.markdown(f"**{ctx.t('conv_lab.input_header')}**")
    source = url_select("conv.input", ctx.t("conv_lab.source"), SOURCES, "course",
                        format_func=lambda name: ctx.t(f"conv_lab.source.{name}"), on_change=on_source_change)
with in_more:
    if source in ("course", "ramp"):
        grid = kernels.input_preset(source)
        source_note = st.empty()
    elif source in kernels.SIZED_INPUTS:
        side = url_slider("conv.size", ctx.t("conv_lab.size"), 3, kernels.MAX_GRID_SIDE, 7,
                          help=ctx.t("conv_lab.size_help", limit=kernels.MAX_GRID_SIDE))
        grid = kernels.input_preset(source, side)
    elif source == "digit":
        c_side, c_index = st.columns(2)
        with c_side:
            side = url_slider("conv.size", ctx.t("conv_lab.size"), 3, kernels.MAX_GRID_SIDE, DEFAULT_SIDE["digit"],
                              help=ctx.t("conv_lab.size_help", limit=kernels.MAX_GRID_SIDE))
        with c_index:
            index = url_number("conv.digit", ctx.t("conv_lab.digit"), 0, 999, 0, help=ctx.t("conv_lab.digit_help"))
        grid, label = digit(index, side)
        st.caption(ctx.t("conv_lab.digit_note", label=label, side=side))
    elif source == "typed":
        text = url_text("conv.grid", ctx.t("conv_lab.grid"), DEFAULT_GRID, area=True, max_chars=1500,
                        validate=kernels.parse_grid, height=130,
                        help=ctx.t("conv_lab.grid_help", limit=kernels.MAX_GRID_SIDE))
        try:
            grid = kernels.parse_grid(text)
            st.session_state[STATE + "good_grid"] = grid
        except kernels.GridParseError as error:
            grid_error = error
            grid = st.session_state.get(STATE + "good_grid", kernels.parse_grid(DEFAULT_GRID))
    else:
        photo, rgb = photo_controls()
        side = url_slider("conv.size", ctx.t("conv_lab.size"), 3, kernels.MAX_GRID_SIDE, DEFAULT_SIDE["photo"],
                          help=ctx.t("conv_lab.size_help", limit=kernels.MAX_GRID_SIDE))
        image, _, _ = photo_array(photo, rgb)
        grid = kernels.image_grid(image, side)  # (h, w) or (3, h, w)
    if grid.ndim == 3:
        in_channels = grid.shape[0]
        st.caption(ctx.t("conv_lab.rgb_channels"))
        x = grid
    else:
        in_channels = url_slider("conv.in_ch", ctx.t("conv_lab.in_channels"), 1, kernels.MAX_CHANNELS, 1,
                                 help=ctx.t("conv_lab.in_channels_help"))
        x = kernels.channel_stack(grid, in_channels)
if grid_error is not None:
    messages.append(("warning", ctx.t("conv_lab.grid_invalid", reason=ctx.t(grid_error))))
st.session_state[STATE + "shown_grid"] = x[0]
height, width = x.shape[1:]

# --- kernel ------------------------------------------------------------------------------------
kernel_error = None
with k_main:
    st.markdown(f"**{ctx.t('conv_lab.kernel_header')}**")
    preset = url_select("conv.kernel", ctx.t("conv_lab.kernel"), KERNEL_CHOICES, "course",
                        format_func=lambda name: ctx.t(f"conv_lab.kernel.{name}"), on_change=on_kernel_preset_change)
with k_more:
    if preset in kernels.SIZABLE_KERNELS:
        c_kh, c_kw = st.columns(2)
        with c_kh:
            kh_sel = url_slider("conv.kh", ctx.t("conv_lab.kh"), 1, kernels.lab_ranges(height, 1).kernel[1], 3,
                                on_change=on_kernel_preset_change)
        with c_kw:
            kw_sel = url_slider("conv.kw", ctx.t("conv_lab.kw"), 1, kernels.lab_ranges(width, 1).kernel[1], 3,
                                on_change=on_kernel_preset_change)
        preset_kernel = kernels.kernel_preset(preset, (kh_sel, kw_sel))
    else:
        preset_kernel = kernels.kernel_preset("course" if preset == "custom" else preset)
        if preset != "custom":
            st.caption(ctx.t("conv_lab.kernel_size_fixed", kh=preset_kernel.shape[0], kw=preset_kernel.shape[1]))
    kernel_text = url_text("conv.kgrid", ctx.t("conv_lab.kernel_grid"), kernels.format_kernel(preset_kernel),
                           area=True, max_chars=800, validate=kernels.parse_kernel, height=110,
                           on_change=on_kernel_text_change,
                           help=ctx.t("conv_lab.kernel_grid_help", limit=kernels.MAX_KERNEL_SIDE))
    try:  # the text is the truth; unedited, it is the preset exactly (the text rounds 1/15 to 0.06667)
        slices = (preset_kernel[None] if kernel_text == kernels.format_kernel(preset_kernel)
                  else kernels.parse_kernel(kernel_text))
        st.session_state[STATE + "good_kernel"] = slices
    except kernels.GridParseError as error:
        kernel_error = error
        slices = st.session_state.get(STATE + "good_kernel", preset_kernel[None])
    c_bias, c_out = st.columns(2)
    with c_bias:
        bias = url_number("conv.bias", ctx.t("conv_lab.bias"), -100.0, 100.0, 0.0, step=0.5,
                          help=ctx.t("conv_lab.bias_help"))
    with c_out:
        out_channels = url_slider("conv.out_ch", ctx.t("conv_lab.out_channels"), 1, kernels.MAX_CHANNELS, 1,
                                  help=ctx.t("conv_lab.out_channels_help"))
    shown_filter = 1
    if out_channels > 1:
        shown_filter = url_select("conv.filter", ctx.t("conv_lab.filter"), list(range(1, out_channels + 1)), 1,
                                  horizontal=True, format_func=lambda o: ctx.t("conv_lab.filter_name", o=o))
with k_main:
    flip = url_toggle("conv.flip", ctx.t("conv_lab.flip"), False, help=ctx.t("conv_lab.flip_help"))
if kernel_error is not None:
    messages.append(("warning", ctx.t("conv_lab.kernel_invalid", reason=ctx.t(kernel_error))))
if slices.shape[0] not in (1, in_channels):
    messages.append(("warning", ctx.t("conv_lab.slices_mismatch", slices=slices.shape[0], channels=in_channels)))
    slices = slices[:1]
kh, kw = slices.shape[1:]

# --- how the kernel slides ------------------------------------------------------------------------
with pad_slot:
    padding_mode = url_select("conv.pad", ctx.t("conv_lab.padding"), PADDINGS, "valid",
                              format_func=lambda name: ctx.t(f"conv_lab.padding.{name}"),
                              help=ctx.t("conv_lab.padding_help"))
with dilation_slot:
    d_hi = min(kernels.lab_ranges(height, kh).dilation[1], kernels.lab_ranges(width, kw).dilation[1])
    dilation = url_slider("conv.dil", ctx.t("conv_lab.dilation"), 1, d_hi, 1,
                          help=ctx.t("conv_lab.dilation_help"))
with pad_number_slot:
    if padding_mode == "number":
        p_h = kernels.lab_ranges(height, kh, dilation).padding
        p_w = kernels.lab_ranges(width, kw, dilation).padding
        c_ph, c_pw = st.columns(2)
        with c_ph:
            ph = url_slider("conv.ph", ctx.t("conv_lab.ph"), p_h[0], p_h[1], p_h[0])
        with c_pw:
            pw = url_slider("conv.pw", ctx.t("conv_lab.pw"), p_w[0], p_w[1], p_w[0])
        padding_arg = (ph, pw)
    elif padding_mode == "sides":
        c_top, c_bottom, c_left, c_right = st.columns(4)
        sides = []
        for column, name in zip((c_top, c_bottom, c_left, c_right), ("pt", "pb", "pl", "pr")):
            with column:
                sides.append(url_number(f"conv.{name}", ctx.t(f"conv_lab.{name}"), 0, MAX_SIDE_PADDING, 0))
        padding_arg = tuple(sides)
    else:
        padding_arg = padding_mode
with stride_slot:
    st.markdown(f"**{ctx.t('conv_lab.slide_header')}**")
    if padding_mode == "same":
        stride = (1, 1)
        st.caption(ctx.t("conv_lab.same_stride"))
    else:
        if padding_mode == "sides":  # the stride range of the padded input, sides added up
            s_h = kernels.lab_ranges(height + padding_arg[0] + padding_arg[1], kh, dilation, 0).stride
            s_w = kernels.lab_ranges(width + padding_arg[2] + padding_arg[3], kw, dilation, 0).stride
        else:
            axis_padding = (padding_arg, padding_arg) if isinstance(padding_arg, str) else padding_arg
            s_h = kernels.lab_ranges(height, kh, dilation, axis_padding[0]).stride
            s_w = kernels.lab_ranges(width, kw, dilation, axis_padding[1]).stride
        c_sh, c_sw = st.columns(2)
        with c_sh:
            sh = url_slider("conv.sh", ctx.t("conv_lab.sh"), 1, s_h[1], 1, help=ctx.t("conv_lab.stride_help"))
        with c_sw:
            sw = url_slider("conv.sw", ctx.t("conv_lab.sw"), 1, s_w[1], 1, help=ctx.t("conv_lab.stride_help"))
        stride = (sh, sw)

for kind, text in messages:
    getattr(st, kind)(text, icon=":material/edit_note:")
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.conv_lab_question((height, width), (kh, kw), stride, dilation, seed=seed))

# an impossible configuration (typed kernel or per-side padding) is explained, not drawn
if padding_mode == "sides":
    problem = shapes.conv_problem((height + padding_arg[0] + padding_arg[1], width + padding_arg[2] + padding_arg[3]),
                                  (kh, kw), stride, 0, dilation)
else:
    problem = shapes.conv_problem((height, width), (kh, kw), stride, padding_arg, dilation)
if problem is not None:
    st.warning(ctx.t("conv_lab.impossible", reason=ctx.t(problem)), icon=":material/block:")
    st.stop()

pad = resolve_conv_padding(padding_arg, (kh, kw), (dilation, dilation), stride)
padded_h, padded_w = height + pad[0] + pad[1], width + pad[2] + pad[3]
out_h, out_w = shapes.conv_output_size((padded_h, padded_w), (kh, kw), stride, 0, dilation)
weights = kernels.filter_bank(slices, out_channels, in_channels)  # (Co, Ci, Kh, Kw)
weight = weights[shown_filter - 1]  # (Ci, Kh, Kw): the filter in the animation
outputs = kernels.convolve(x, weights, bias, stride, pad, dilation, flip)  # (Co, OH, OW)
steps = out_h * out_w
if source_note is not None:  # the example's known answer, and what the current settings give instead
    shown = outputs[shown_filter - 1]
    rows = ", ".join("[" + ", ".join(f"{value + 0.0:.4g}" for value in row) + "]" for row in shown)
    values = f": [{rows}]" if steps <= 9 else ""  # a small output is listed, literally
    source_note.caption(ctx.t(f"conv_lab.source_note.{source}") + " "
                        + ctx.t("conv_lab.source_note.now", h=out_h, w=out_w, values=values))

# --------------------------------------------------------------------------------------------
# 1. the animation, with the formula and the parameter count beside it
# --------------------------------------------------------------------------------------------

st.subheader(ctx.t("conv_lab.animate_header"))
if steps <= figs.ANIMATION_MAX_STEPS:
    figure = animation(as_tuple(x), as_tuple(weight), float(bias), stride, pad, dilation, flip, ctx.lang,
                       ctx.presentation, photo=source == "photo")  # a photo is drawn as it looks, not as ink
    st.plotly_chart(figure, key="conv.animation", config=CHART)
    st.caption(ctx.t("conv_lab.animate_hint", steps=steps) if steps > 1 else ctx.t("conv_lab.animate_hint_one"))
else:
    st.info(ctx.t("conv_lab.too_many_steps", steps=steps, limit=figs.ANIMATION_MAX_STEPS), icon=":material/speed:")
    st.plotly_chart(image_pair_figure(x[0], outputs[shown_filter - 1],
                                      (ctx.t("conv_lab.fig_input"), ctx.t("conv_lab.fig_output")), lang=ctx.lang,
                                      presentation=ctx.presentation),
                    key="conv.static", config=CHART)

if ctx.presentation:  # larger type: the formulas get the full width, the numbers go below them
    formula_box = st.container()
    count_box, visits_box = st.columns(2, gap="large")
else:
    formula_box, count_box = st.columns([1.3, 1.0], gap="large")
    visits_box = count_box
with formula_box:
    st.markdown(f"**{ctx.t('conv_lab.formula_header')}**")
    st.latex(figs.output_size_latex(height, kh, stride[0], pad[0], pad[1], dilation, axis=0))
    st.latex(figs.output_size_latex(width, kw, stride[1], pad[2], pad[3], dilation, axis=1))
    lost_rows = [r - pad[0] for r in shapes.unvisited(padded_h, kh, stride[0], 0, dilation) if 0 <= r - pad[0] < height]
    lost_cols = [c - pad[2] for c in shapes.unvisited(padded_w, kw, stride[1], 0, dilation) if 0 <= c - pad[2] < width]
    for axis, lost, span_size, s in ((0, lost_rows, padded_h, stride[0]), (1, lost_cols, padded_w, stride[1])):
        if lost:
            k_axis = kh if axis == 0 else kw
            remainder = (span_size - shapes.effective_kernel_size(k_axis, dilation)) % s
            reason = (ctx.t("conv_lab.lost_remainder", remainder=remainder, stride=s) if remainder
                      else ctx.t("conv_lab.lost_dilation", dilation=dilation))
            st.warning(ctx.t(f"conv_lab.lost_{'rows' if axis == 0 else 'cols'}",
                             items=", ".join(map(str, lost)), reason=reason), icon=":material/visibility_off:")

with count_box:
    m_in, m_out, m_steps = st.columns(3)
    m_in.metric(ctx.t("conv_lab.metric_in"), f"{height} × {width}")
    m_out.metric(ctx.t("conv_lab.metric_out"), f"{out_h} × {out_w}")
    m_steps.metric(ctx.t("conv_lab.metric_steps"), f"{steps}")
    st.markdown(f"**{ctx.t('conv_lab.params_header')}**")
    st.latex(figs.params_latex(in_channels, out_channels, kh, kw))
    st.caption(ctx.t("conv_lab.params_note", co=out_channels, ci=in_channels, kh=kh, kw=kw,
                     macs=f"{shapes.conv_macs(in_channels, out_channels, (kh, kw), (out_h, out_w)):,}",
                     oh=out_h, ow=out_w))
with visits_box:
    if steps <= figs.ANIMATION_MAX_STEPS:
        visits = visits_chart((height, width), (kh, kw), stride, pad, dilation, ctx.lang, ctx.presentation)
        st.plotly_chart(visits, key="conv.visits", config=CHART)

# --------------------------------------------------------------------------------------------
# 2. cross-correlation or convolution?
# --------------------------------------------------------------------------------------------

st.subheader(ctx.t("conv_lab.flip_header"))
st.markdown(ctx.t("conv_lab.flip_text"))
out_xcorr = kernels.convolve(x, weight[None], bias, stride, pad, dilation, False)[0]
out_conv = kernels.convolve(x, weight[None], bias, stride, pad, dilation, True)[0]
st.plotly_chart(flip_chart(as_tuple(weight[0]), as_tuple(out_xcorr), as_tuple(out_conv), ctx.lang, ctx.presentation),
                key="conv.flip_chart", config=CHART)
if kernels.is_rotation_symmetric(weight):
    flip_note = "conv_lab.flip_symmetric"
else:
    flip_note = "conv_lab.flip_coincide" if np.allclose(out_xcorr, out_conv) else "conv_lab.flip_asymmetric"
st.caption(ctx.t(flip_note) + " " + ctx.t("conv_lab.flip_now_on" if flip else "conv_lab.flip_now_off"))

# --------------------------------------------------------------------------------------------
# 3. channels and filters
# --------------------------------------------------------------------------------------------

st.subheader(ctx.t("conv_lab.channels_header"))
st.markdown(ctx.t("conv_lab.channels_text", ci=in_channels, co=out_channels, kh=kh, kw=kw))
partials = kernels.channel_partials(x, weight, stride, pad, dilation, flip)
sum_chart, maps_chart = channel_charts(as_tuple(partials), float(bias), as_tuple(outputs), shown_filter,
                                       tuple(ctx.t("conv_lab.map_title", o=o + 1) for o in range(out_channels)),
                                       ctx.lang, ctx.presentation)
if sum_chart is not None:
    st.plotly_chart(sum_chart, key="conv.channel_sum", config=CHART)
    st.caption(ctx.t("conv_lab.channel_sum_note", o=shown_filter, ci=in_channels))
if maps_chart is not None:
    st.plotly_chart(maps_chart, key="conv.maps", config=CHART)
    st.caption(ctx.t("conv_lab.maps_note", co=out_channels))
if in_channels == 1 and out_channels == 1:
    st.info(ctx.t("conv_lab.channels_try"), icon=":material/layers:")

# --------------------------------------------------------------------------------------------
# 4. the kernel on a real image
# --------------------------------------------------------------------------------------------

st.subheader(ctx.t("conv_lab.real_header"))
st.markdown(ctx.t("conv_lab.real_text"))
if photo is None:  # the input is a grid: choose the photo here
    with st.columns(2)[0]:
        photo, rgb = photo_controls()
image, image_key, credit = photo_array(photo, rgb)
image_channels = 3 if image.ndim == 3 else 1
image_slices = slices if slices.shape[0] in (1, image_channels) else slices[:1]
image_weights = kernels.filter_bank(image_slices, out_channels, image_channels)
map_titles = ([ctx.t("conv_lab.map_title", o=o + 1) for o in range(out_channels)] if out_channels > 1
              else [ctx.t("conv_lab.real_map")])
real_problem = shapes.conv_problem((image.shape[0] + pad[0] + pad[1], image.shape[1] + pad[2] + pad[3]), (kh, kw),
                                   stride, 0, dilation)
if real_problem is not None:  # a tiny uploaded picture: smaller than the kernel's span
    st.warning(ctx.t("conv_lab.real_too_small", h=image.shape[0], w=image.shape[1],
                     reason=ctx.t(real_problem)), icon=":material/photo_size_select_small:")
else:
    real_figure, map_size, meta = real_view(image_key, image, as_tuple(image_weights), float(bias), stride, pad,
                                            dilation, flip, (ctx.t("conv_lab.real_photo"), *map_titles), ctx.lang,
                                            ctx.presentation)
    st.plotly_chart(real_figure, key="conv.real", config=CHART)
    st.caption(ctx.t("conv_lab.real_note", h=image.shape[0], w=image.shape[1], oh=map_size[0], ow=map_size[1],
                     low=f"{meta['zmin']:.3g}", high=f"{meta['zmax']:.3g}") + " " + credit)

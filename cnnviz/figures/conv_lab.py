"""Figures and formulas of the Convolution Lab that :mod:`cnnviz.figures.sliding` and
:mod:`cnnviz.figures.grids` do not already draw.

- :func:`animation_figure` — the sliding-window animation of :func:`~cnnviz.figures.sliding.
  conv_animation_figure` with two more buttons, "◀ Step" and "Step ▶", that move one frame back
  or forward in the browser (each frame rewrites the buttons' targets, so they always point at
  the neighbours of the frame on screen, whether it was reached by playing, scrubbing or
  stepping).
- :func:`output_size_latex`, :func:`params_latex` — the output-size formula
  ``⌊(H + 2P − D(K−1) − 1)/S⌋ + 1`` and the parameter count ``Co×Ci×Kh×Kw + Co`` as LaTeX with the
  current numbers substituted (the results come from :mod:`cnnviz.nn.shapes`).
- :func:`visits_figure` — how many windows read each cell of the padded input; cells no window
  reads (a stride that does not divide evenly, dilation holes) are outlined.
- :func:`flip_figure` — cross-correlation versus convolution: the kernel, the kernel turned by
  180°, and the two outputs.
- :func:`channel_sum_figure` — a multi-channel convolution as the sum of what each input channel
  contributes, plus the bias.
- :func:`real_image_figure` — a photo next to its feature map(s). The pictures are sent as PNG
  images (a few hundred kilobytes of numbers as heatmaps would make every rerun slow); a colour
  bar gives the feature maps' scale.

Builders validate first (``ValueError`` naming the argument), then build; colours follow
:mod:`cnnviz.figures._common` (greyscale- and colour-blind-safe); numbers are written in cells of
small grids; ``presentation=True`` gives larger fonts for a projector.
"""

from __future__ import annotations

import base64
import functools
import struct
import zlib

import numpy as np
import plotly.graph_objects as go

from cnnviz.figures import _common as cm
from cnnviz.figures.formulas import size_latex
from cnnviz.figures.sliding import conv_animation_figure
from cnnviz.i18n import t
from cnnviz.lessons.trace import ConvTrace
from cnnviz.nn import shapes

__all__ = [
    "ANIMATION_MAX_STEPS", "animation_figure", "output_size_latex", "params_latex", "visit_counts",
    "visits_figure", "flip_figure", "channel_sum_figure", "colorize", "png_data_uri", "real_image_figure",
    "MAX_PHOTO_PANELS",
]

ANIMATION_MAX_STEPS = 400
"""Most output cells (frames) the lab animates; larger configurations get a static view."""

VISITS_SCALE = [[0.0, "#ffffff"], [0.3, "#cfe0f3"], [1.0, "#1d4f91"]]
"""White → light blue → dark blue: 0, 1, 2+ windows read apart in greyscale too."""

MAX_PHOTO_PANELS = 5
"""Most pictures :func:`real_image_figure` puts in a row (the photo and up to 4 feature maps)."""

_STEP_ARGS = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}


# ---------------------------------------------------------------------------------------------
# the animation, with step buttons
# ---------------------------------------------------------------------------------------------

def _step_menu(index: int, n_frames: int, lang: str) -> dict:
    """The ◀ / ▶ buttons as they must be while frame ``index`` is on screen."""
    back, forward = str(max(index - 1, 0)), str(min(index + 1, n_frames - 1))
    return {"buttons": [
        {"label": t("conv_lab.fig.step_back", lang), "method": "animate", "args": [[back], _STEP_ARGS]},
        {"label": t("conv_lab.fig.step_forward", lang), "method": "animate", "args": [[forward], _STEP_ARGS]},
    ]}


def animation_figure(trace, *, lang="en", show_numbers=None, presentation=False, frame_ms=700,
                     photo=False) -> go.Figure:
    """The kernel sliding over the (padded) input, with Play / Pause / speed / scrub and step buttons.

    Parameters
    ----------
    trace : ConvTrace
        From :func:`cnnviz.lessons.trace.trace_conv2d`, at most 4 input channels and
        :data:`ANIMATION_MAX_STEPS` output cells.
    lang : {"en", "zh"}
    show_numbers : bool or None
        Numbers in the cells; None: automatic (small grids).
    presentation : bool
        Larger fonts, lines and cells.
    frame_ms : float
        Milliseconds per frame at 1× speed.
    photo : bool
        The input is a photo: drawn black to white as it looks (not as ink, which would be its negative).

    Returns
    -------
    go.Figure
        :func:`~cnnviz.figures.sliding.conv_animation_figure` (frames "0", "1", …, one per output
        cell) plus an updatemenu with "◀ Step" / "Step ▶"; every frame's layout sets those two
        buttons' targets to its neighbours. ``layout.meta["step_menu"]`` is that menu's index.
    """
    if not isinstance(trace, ConvTrace):
        raise ValueError(f"trace must be a ConvTrace (from cnnviz.lessons.trace.trace_conv2d), got {type(trace).__name__}")
    if trace.n_steps > ANIMATION_MAX_STEPS:
        raise ValueError(
            f"the trace has {trace.n_steps} steps, more than {ANIMATION_MAX_STEPS}: use a smaller input or a larger "
            f"stride for the animation"
        )
    fig = conv_animation_figure(trace, lang=lang, show_numbers=show_numbers, presentation=presentation,
                                frame_ms=frame_ms, photo=photo)
    menus = list(fig.layout.updatemenus)
    n_frames = len(fig.frames)
    play = menus[0]
    left = 410 if presentation else 330  # right of the speed drop-down
    step_menu = {
        "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0.0,
        "xanchor": "left", "yanchor": "top", "pad": {"t": play.pad.t, "l": left},
        "font": {"size": play.font.size}, "bgcolor": "#f2f2f2", "bordercolor": "#bbbbbb",
        **_step_menu(0, n_frames, lang),
    }
    fig.layout.updatemenus = menus + [step_menu]
    placeholders = [{} for _ in menus]  # frames merge layout arrays element by element
    for index, frame in enumerate(fig.frames):
        frame.layout.updatemenus = placeholders + [_step_menu(index, n_frames, lang)]
    fig.layout.meta = {**fig.layout.meta, "step_menu": len(menus)}
    return fig


# ---------------------------------------------------------------------------------------------
# formulas
# ---------------------------------------------------------------------------------------------

def _int_arg(value, name: str, minimum: int) -> int:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def output_size_latex(size: int, kernel_size: int, stride: int = 1, pad_before: int = 0, pad_after: int = 0,
                      dilation: int = 1, axis: int = 0) -> str:
    r"""The conv output-size formula of one axis as LaTeX, symbols first, then the numbers.

    ``H_out = ⌊(H + 2P − D(K−1) − 1) / S⌋ + 1``; with unequal padding on the two sides ``2P`` is
    written ``P_top + P_bottom`` (``P_left + P_right`` for the width). Three aligned lines: the
    formula, the numbers substituted, and the floor worked out down to the bold result, which is
    :func:`cnnviz.nn.shapes.conv_output_size` of the padded size.

    Parameters
    ----------
    size, kernel_size, stride, dilation : int
    pad_before, pad_after : int
        Zeros before (top / left) and after (bottom / right) the input on this axis.
    axis : {0, 1}
        0: the height (symbols H, K_h, S_h, P_t, P_b); 1: the width (W, K_w, S_w, P_l, P_r).

    Raises
    ------
    ValueError
        Invalid arguments, or a kernel span larger than the padded input (a
        :class:`cnnviz.nn.shapes.ShapeError`).
    """
    size = _int_arg(size, "size", 1)
    kernel_size = _int_arg(kernel_size, "kernel_size", 1)
    stride = _int_arg(stride, "stride", 1)
    dilation = _int_arg(dilation, "dilation", 1)
    pad_before = _int_arg(pad_before, "pad_before", 0)
    pad_after = _int_arg(pad_after, "pad_after", 0)
    if axis not in (0, 1):
        raise ValueError(f"axis must be 0 (height) or 1 (width), got {axis!r}")
    out = shapes.conv_output_size(size + pad_before + pad_after, kernel_size, stride, 0, dilation)
    steps = shapes.SizeSteps(size, kernel_size, stride, pad_before, pad_after, dilation, out=out)
    return size_latex(steps, axis, subscripts=True, worked=True)


def params_latex(in_channels: int, out_channels: int, kernel_h: int, kernel_w: int) -> str:
    r"""The parameter count of a conv layer with bias as LaTeX, numbers substituted:
    ``C_o × C_i × K_h × K_w + C_o = … = result`` (:func:`cnnviz.nn.shapes.conv_params`)."""
    ci = _int_arg(in_channels, "in_channels", 1)
    co = _int_arg(out_channels, "out_channels", 1)
    kh = _int_arg(kernel_h, "kernel_h", 1)
    kw = _int_arg(kernel_w, "kernel_w", 1)
    total = shapes.conv_params(ci, co, (kh, kw))
    total_text = f"{total:,}".replace(",", "{,}")
    return (r"\begin{aligned}N &= C_o \times C_i \times K_h \times K_w + C_o \\ "
            rf"&= {co} \times {ci} \times {kh} \times {kw} + {co} = \mathbf{{{total_text}}}\end{{aligned}}")


# ---------------------------------------------------------------------------------------------
# a row of static grids
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# which cells the windows read
# ---------------------------------------------------------------------------------------------

def visit_counts(trace) -> np.ndarray:
    """How many windows read each cell of ``trace.padded``.

    Returns
    -------
    ndarray of int, shape (HP, WP)
        Cells that no window reads are 0; they are the rows and columns of
        :func:`cnnviz.nn.shapes.unvisited`, and with dilation also the holes between taps.
    """
    if not isinstance(trace, ConvTrace):
        raise ValueError(f"trace must be a ConvTrace (from cnnviz.lessons.trace.trace_conv2d), got {type(trace).__name__}")
    counts = np.zeros(trace.pad_mask.shape, dtype=np.int64)
    flat = trace.taps.reshape(-1, 2)  # (OH*OW*KH*KW, 2)
    np.add.at(counts, (flat[:, 0], flat[:, 1]), 1)
    return counts


def visits_figure(trace, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """The padded input with the number of windows that read each cell.

    Input cells that no window reads are outlined (the "lost" rows and columns when the stride
    does not divide the span exactly); padding is hatched and the input proper has a dashed
    border, as in the animation.

    Parameters
    ----------
    trace : ConvTrace
    lang : {"en", "zh"}
    show_numbers : bool or None
    presentation : bool
    """
    counts = visit_counts(trace)
    cm.check_grid_options(lang, show_numbers, presentation)
    pad = trace.pad_mask
    real = np.argwhere(~pad)
    (r0, c0), (r1, c1) = real.min(axis=0), real.max(axis=0)
    never = (counts == 0) & ~pad
    scale = {"colorscale": VISITS_SCALE, "zmin": 0.0, "zmax": max(float(counts.max()), 2.0) * 1.25}
    notes = ([t("conv_lab.fig.visits_never", lang)] if never.any() else []) + (
        [t("conv_lab.fig.visits_padding", lang)] if pad.any() else [])
    note = ("，" if lang == "zh" else ", ").join(notes)
    panel = cm.GridPanel(t("conv_lab.fig.visits", lang), counts, scale, note=note, outline=never,
                   hatch=pad if pad.any() else None, outline_fill="rgba(213,94,0,0.18)")
    return cm.grid_row_figure([panel], presentation=presentation, show_numbers=show_numbers,
                       max_height=320 if presentation else 260,
                       dashed_box=(r0, c0, r1, c1) if pad.any() else None)


# ---------------------------------------------------------------------------------------------
# cross-correlation versus convolution
# ---------------------------------------------------------------------------------------------

def flip_figure(kernel, out_xcorr, out_conv, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """The kernel, the kernel turned by 180°, and the outputs of cross-correlation and convolution.

    Parameters
    ----------
    kernel : array_like, shape (Kh, Kw)
    out_xcorr, out_conv : array_like, shape (OH, OW)
        The output with the kernel as is (what deep-learning libraries compute) and with the
        kernel turned (convolution in the mathematical sense).
    lang : {"en", "zh"}
    show_numbers : bool or None
    presentation : bool
    """
    cm.check_grid_options(lang, show_numbers, presentation)
    kernel = cm.as_grid(kernel, "kernel")
    out_xcorr, out_conv = cm.same_shape_grids(out_xcorr=out_xcorr, out_conv=out_conv)
    rotated = kernel[::-1, ::-1]
    k_scale = cm.diverging_scale(kernel)
    o_scale = cm.shared_scale(out_xcorr, out_conv, sequential=cm.SEQUENTIAL_SCALE)
    differ = ~np.isclose(out_xcorr, out_conv, rtol=1e-9, atol=1e-9)
    note = (t("conv_lab.fig.flip_same", lang) if not differ.any()
            else t("conv_lab.fig.flip_differ", lang, n=int(differ.sum()), total=differ.size))
    panels = [
        cm.GridPanel(t("conv_lab.fig.kernel_as_is", lang), kernel, k_scale),
        cm.GridPanel(t("conv_lab.fig.kernel_turned", lang), rotated, k_scale),
        cm.GridPanel(t("conv_lab.fig.out_xcorr", lang), out_xcorr, o_scale),
        cm.GridPanel(t("conv_lab.fig.out_conv", lang), out_conv, o_scale, note=note, outline=differ,
               outline_color="#1b1b1b" if o_scale["colorscale"] is cm.DIVERGING_SCALE else cm.HIGHLIGHT),
    ]
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers, operators={0: "↻"})


# ---------------------------------------------------------------------------------------------
# channels
# ---------------------------------------------------------------------------------------------

def channel_sum_figure(partials, bias, output, *, lang="en", show_numbers=None, presentation=False) -> go.Figure:
    """One filter over a multi-channel input: each channel's contribution, summed, plus the bias.

    Parameters
    ----------
    partials : array_like, shape (C, OH, OW)
        Channel ``c`` cross-correlated with the filter's slice ``c`` (no bias), at most 4.
    bias : float
    output : array_like, shape (OH, OW)
        ``partials.sum(axis=0) + bias``.
    lang : {"en", "zh"}
    show_numbers : bool or None
    presentation : bool
    """
    cm.check_grid_options(lang, show_numbers, presentation)
    parts = np.asarray(partials, dtype=np.float64)
    if parts.ndim != 3 or parts.size == 0 or parts.shape[0] > 4:
        raise ValueError(f"partials must have shape (C, OH, OW) with 1 <= C <= 4, got {parts.shape}")
    output = cm.as_grid(output, "output")
    if output.shape != parts.shape[1:]:
        raise ValueError(f"output {output.shape} must have the shape of one partial {parts.shape[1:]}")
    try:
        bias = float(bias)
    except (TypeError, ValueError) as error:
        raise ValueError(f"bias must be a number, got {bias!r}") from error
    if not np.allclose(parts.sum(axis=0) + bias, output, rtol=1e-9, atol=1e-9):
        raise ValueError("output must equal partials.sum(axis=0) + bias")
    scale = cm.shared_scale(parts, output)
    panels = [cm.GridPanel(t("conv_lab.fig.channel_part", lang, c=c + 1), part, scale) for c, part in enumerate(parts)]
    panels.append(cm.GridPanel(t("conv_lab.fig.channel_total", lang), output, cm.shared_scale(output,
                                                                                       sequential=cm.SEQUENTIAL_SCALE)))
    operators = dict.fromkeys(range(len(parts) - 1), "+")
    operators[len(parts) - 1] = f"+ {cm.fmt(bias).replace('-', '−')} ="
    return cm.grid_row_figure(panels, presentation=presentation, show_numbers=show_numbers, operators=operators)


# ---------------------------------------------------------------------------------------------
# the real-image view
# ---------------------------------------------------------------------------------------------

def _hex_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def colorize(values, scale, zmin: float, zmax: float) -> np.ndarray:
    """Map values to colours of a two-or-more-stop scale, as a Plotly heatmap would draw them.

    Parameters
    ----------
    values : array_like, shape (H, W)
        NaN is drawn white.
    scale : list of [position, "#rrggbb"]
        Stops from position 0 to 1 (e.g. :data:`cnnviz.figures._common.DIVERGING_SCALE`).
    zmin, zmax : float
        The values at positions 0 and 1 (values outside are clipped); ``zmin < zmax``.

    Returns
    -------
    ndarray, shape (H, W, 3), uint8
    """
    grid = cm.as_grid(values, "values")
    zmin, zmax = float(zmin), float(zmax)
    if not zmin < zmax:
        raise ValueError(f"zmin {zmin} must be smaller than zmax {zmax}")
    try:
        positions = np.array([float(stop[0]) for stop in scale])
        colors = np.array([_hex_rgb(stop[1]) for stop in scale], dtype=np.float64)  # (stops, 3)
    except (TypeError, ValueError, IndexError) as error:
        raise ValueError("scale must be a list of [position, '#rrggbb'] stops") from error
    if len(positions) < 2 or positions[0] != 0.0 or positions[-1] != 1.0 or np.any(np.diff(positions) <= 0):
        raise ValueError("scale positions must rise from 0 to 1 with at least two stops")
    finite = np.isfinite(grid)
    u = np.clip((np.where(finite, grid, zmin) - zmin) / (zmax - zmin), 0.0, 1.0)
    rgb = np.stack([np.interp(u, positions, colors[:, channel]) for channel in range(3)], axis=-1)  # (H, W, 3)
    rgb[~finite] = 255.0
    return np.rint(rgb).astype(np.uint8)


def png_data_uri(image) -> str:
    """A ``data:image/png;base64,…`` URI of an RGB picture (a minimal PNG: 8-bit RGB, zlib).

    Parameters
    ----------
    image : array_like, shape (H, W, 3), uint8
    """
    rgb = np.asarray(image)
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3 or min(rgb.shape[:2]) < 1:
        raise ValueError(f"image must be uint8 of shape (H, W, 3), got {rgb.dtype} {rgb.shape}")
    height, width = rgb.shape[:2]
    rows = np.concatenate([np.zeros((height, 1), dtype=np.uint8), rgb.reshape(height, width * 3)], axis=1)  # filter 0

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@functools.lru_cache(maxsize=16)
def _png_memo(pixels: bytes, shape: tuple[int, int, int]) -> str:
    """:func:`png_data_uri` of pictures seen recently (the same photo under another kernel)."""
    return png_data_uri(np.frombuffer(pixels, dtype=np.uint8).reshape(shape))


def _photo_rgb(image) -> np.ndarray:
    array = np.asarray(image, dtype=np.float64)
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)  # (H, W, 3)
    if array.ndim != 3 or array.shape[2] != 3 or min(array.shape[:2]) < 1:
        raise ValueError(f"image must have shape (H, W) or (H, W, 3), got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError("image must not contain NaN or infinity")
    return np.rint(np.clip(array, 0.0, 1.0) * 255).astype(np.uint8)


def real_image_figure(image, maps, titles, *, lang="en", presentation=False) -> go.Figure:
    """A photo and its feature maps side by side, with one colour bar for the maps.

    Parameters
    ----------
    image : array_like, shape (H, W) or (H, W, 3)
        Greyscale or RGB pixels in [0, 1].
    maps : array_like, shape (M, OH, OW) or (OH, OW)
        1 .. ``MAX_PHOTO_PANELS − 1`` feature maps on one colour range: blue–white–orange around 0
        when any value is negative (edge detectors), black-to-white from 0 otherwise (blurs look
        like photos).
    titles : sequence of str
        ``1 + M`` titles, already translated: the photo's, then each map's.
    lang : {"en", "zh"}
    presentation : bool

    Returns
    -------
    go.Figure
        One ``image`` trace per panel (PNG ``source``) and an invisible heatmap that carries the
        colour bar; ``layout.meta`` holds ``zmin`` and ``zmax`` of the maps.
    """
    cm.check_lang(lang)
    cm.check_flag(presentation)
    photo = _photo_rgb(image)
    stack = np.asarray(maps, dtype=np.float64)
    if stack.ndim == 2:
        stack = stack[None]
    if stack.ndim != 3 or stack.size == 0 or not 1 <= stack.shape[0] <= MAX_PHOTO_PANELS - 1:
        raise ValueError(f"maps must have shape (M, OH, OW) with 1 <= M <= {MAX_PHOTO_PANELS - 1}, got {stack.shape}")
    if isinstance(titles, str) or len(titles) != 1 + stack.shape[0] or not all(isinstance(s, str) for s in titles):
        raise ValueError(f"titles must be {1 + stack.shape[0]} strings (the photo's, then one per map)")
    scale = cm.value_scale(stack, sequential=cm.IMAGE_SCALE)
    zmin, zmax = scale["zmin"], scale["zmax"]
    factor = cm.scale(presentation)
    panels = [photo] + [colorize(m, scale["colorscale"], zmin, zmax) for m in stack]
    count = len(panels)
    bar_room = 0.07
    gap = 0.025
    width = (1.0 - bar_room - gap * (count - 1)) / count
    tallest = max(p.shape[0] / p.shape[1] for p in panels)
    plot_h = float(np.clip(width * 1000 * tallest, 160, 560 if presentation else 460))
    top = round(40 * factor)
    layout = cm.base_layout(height=int(plot_h + top + 10), font_size=cm.font_size(12, presentation),
                            margin={"l": 4, "r": 4, "t": top, "b": 10})
    traces, annotations = [], []
    for index, (picture, title) in enumerate(zip(panels, titles), start=1):
        rows, cols = picture.shape[:2]
        x0 = (index - 1) * (width + gap)
        axes = cm.grid_axes(index, rows, cols)
        xname, yname = list(axes)
        axes[xname].update(domain=[x0, x0 + width], anchor=cm.axis_ids(index)[1])
        axes[yname].update(domain=[0.0, 1.0], anchor=cm.axis_ids(index)[0])
        layout.update(axes)
        xref, yref = cm.axis_ids(index)
        traces.append({"type": "image", "source": _png_memo(picture.tobytes(), picture.shape), "xaxis": xref,
                       "yaxis": yref,
                       "hovertemplate": "(%{y}, %{x})<extra></extra>"})
        annotations.append(cm.domain_title(index, title, font_size=cm.font_size(13.5, presentation)))
    xref, yref = cm.axis_ids(count)
    traces.append({
        "type": "heatmap", "z": [[zmin, zmax]], "x": [0, 0], "y": [0, 0], "opacity": 0.0, "hoverinfo": "skip",
        "xaxis": xref, "yaxis": yref, "showscale": True, "colorscale": scale["colorscale"], "zmin": zmin,
        "zmax": zmax,
        "colorbar": {"x": 1.0 - bar_room + 0.012, "xanchor": "left", "y": 0.5, "yanchor": "middle", "len": 0.9,
                     "thickness": 12, "outlinewidth": 0, "tickfont": {"size": cm.font_size(11, presentation)}},
    })
    layout["annotations"] = annotations
    layout["meta"] = {"figure": "real_image", "zmin": zmin, "zmax": zmax, "panels": count}
    return go.Figure({"data": traces, "layout": layout})

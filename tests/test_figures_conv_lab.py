"""cnnviz.figures.conv_lab: step buttons, formulas, visits, flip, channel sums, the real-image view."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from cnnviz.figures import _common as cm
from cnnviz.figures import conv_lab as figs
from cnnviz.lessons import kernels as K
from cnnviz.lessons.trace import trace_conv2d
from cnnviz.nn import shapes


def course_trace(**kwargs):
    return trace_conv2d(K.COURSE_IMAGE, K.COURSE_KERNEL, **kwargs)


# ---------------------------------------------------------------------------------------------
# the animation with step buttons
# ---------------------------------------------------------------------------------------------

def test_step_buttons_point_at_the_neighbours_of_every_frame():
    fig = figs.animation_figure(course_trace(), lang="en")
    spec = fig.to_plotly_json()
    menus = spec["layout"]["updatemenus"]
    index = spec["layout"]["meta"]["step_menu"]
    assert index == len(menus) - 1 == 2
    assert [b["label"] for b in menus[index]["buttons"]] == ["◀ Step", "Step ▶"]
    assert [b["args"][0] for b in menus[index]["buttons"]] == [["0"], ["1"]]
    frames = spec["frames"]
    assert len(frames) == 9 and spec["layout"]["meta"]["steps"] == 9
    for i, frame in enumerate(frames):
        frame_menus = frame["layout"]["updatemenus"]
        assert len(frame_menus) == 3 and frame_menus[0] == {} and frame_menus[1] == {}  # merged element-wise
        back, forward = frame_menus[2]["buttons"]
        assert back["args"][0] == [str(max(i - 1, 0))] and forward["args"][0] == [str(min(i + 1, 8))]
        assert back["method"] == forward["method"] == "animate"
        assert back["label"] == "◀ Step"  # the whole button: Plotly replaces nested arrays
    # the output grid is the course answer
    output = spec["data"][spec["layout"]["meta"]["output_traces"][0]]["z"]
    np.testing.assert_array_equal(output, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])


def test_step_buttons_in_chinese_and_presentation():
    fig = figs.animation_figure(course_trace(stride=2), lang="zh", presentation=True)
    menu = fig.layout.updatemenus[fig.layout.meta["step_menu"]]
    assert [b.label for b in menu.buttons] == ["◀ 上一步", "下一步 ▶"]
    assert menu.pad.l > 330 and menu.pad.t == fig.layout.updatemenus[0].pad.t
    assert len(fig.frames) == 4


def test_animation_refuses_too_many_steps_and_other_objects():
    big = trace_conv2d(np.zeros((21, 21)), np.ones((1, 1)))
    assert big.n_steps == 441 > figs.ANIMATION_MAX_STEPS
    with pytest.raises(ValueError, match="more than 400"):
        figs.animation_figure(big)
    with pytest.raises(ValueError, match="ConvTrace"):
        figs.animation_figure("trace")


# ---------------------------------------------------------------------------------------------
# formulas
# ---------------------------------------------------------------------------------------------

def test_output_size_latex_substitutes_the_numbers():
    alexnet = figs.output_size_latex(227, 11, 4, 0, 0, 1)
    assert r"\frac{H + 2P - D(K_h - 1) - 1}{S_h}" in alexnet
    assert r"\frac{227 + 2\cdot 0 - 1\cdot(11 - 1) - 1}{4}" in alexnet
    assert r"\frac{216}{4} \right\rfloor + 1 = 54 + 1 = \mathbf{55}" in alexnet
    same = figs.output_size_latex(27, 5, 1, 2, 2, 1, axis=1)
    assert same.startswith(r"\begin{aligned}W_{out}") and r"\mathbf{27}" in same and "S_w" in same
    uneven = figs.output_size_latex(7, 2, 2, 0, 1, 2, axis=0)  # per-side padding: P_t + P_b
    assert "P_t + P_b" in uneven and "7 + 0 + 1" in uneven
    assert rf"\mathbf{{{shapes.conv_output_size(8, 2, 2, 0, 2)}}}" in uneven
    with pytest.raises(ValueError, match="exceeds padded input"):
        figs.output_size_latex(3, 5)
    with pytest.raises(ValueError, match="axis"):
        figs.output_size_latex(5, 3, axis=2)


def test_params_latex():
    lenet = figs.params_latex(1, 6, 5, 5)
    assert r"6 \times 1 \times 5 \times 5 + 6 = \mathbf{156}" in lenet
    assert r"\mathbf{18{,}496}" in figs.params_latex(32, 64, 3, 3)  # the Keras example
    assert r"C_o \times C_i \times K_h \times K_w + C_o" in lenet
    with pytest.raises(ValueError):
        figs.params_latex(0, 1, 3, 3)


# ---------------------------------------------------------------------------------------------
# visits
# ---------------------------------------------------------------------------------------------

def test_visit_counts_zero_exactly_where_shapes_says():
    for size, kernel, stride, padding, dilation in [(6, 3, 2, 0, 1), (7, 2, 3, 1, 1), (9, 3, 1, 0, 3), (8, 3, 2, 1, 2)]:
        trace = trace_conv2d(np.ones((size, size)), np.ones((kernel, kernel)), 0.0, stride, padding, dilation)
        counts = figs.visit_counts(trace)
        rows, cols = shapes.unvisited((size, size), kernel, stride, padding, dilation)
        assert sorted(np.flatnonzero(counts.sum(axis=1) == 0)) == list(rows)
        assert sorted(np.flatnonzero(counts.sum(axis=0) == 0)) == list(cols)
        assert counts.sum() == trace.n_steps * kernel * kernel


def test_visits_figure_outlines_the_cells_no_window_reads():
    trace = trace_conv2d(np.ones((6, 6)), np.ones((3, 3)), stride=2)  # row and column 5 are skipped
    spec = figs.visits_figure(trace, lang="en").to_plotly_json()
    heat = spec["data"][0]
    assert heat["type"] == "heatmap" and np.array(heat["z"]).shape == (6, 6)
    outline = [s for s in spec["layout"]["shapes"] if s["type"] == "path"]
    assert len(outline) == 1 and outline[0]["path"].count("Z") == 11  # 6 + 6 - 1 cells
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert "orange = never read" in notes
    padded = figs.visits_figure(trace_conv2d(np.ones((4, 4)), np.ones((3, 3)), padding=1), lang="zh")
    texts = [a.text for a in padded.layout.annotations]
    assert "斜线 = 填充" in texts and "每个格子被几个窗口读到" in texts
    assert any(trace.type == "scatter" and trace.fill == "toself" for trace in padded.data)  # hatched padding


# ---------------------------------------------------------------------------------------------
# flip, channels
# ---------------------------------------------------------------------------------------------

def test_flip_figure_counts_the_cells_that_differ():
    x = K.input_preset("edge", 5)
    sobel = K.kernel_preset("sobel_x")
    xcorr = K.convolve(x, sobel)[0]
    conv = K.convolve(x, sobel, flip=True)[0]
    np.testing.assert_array_equal(conv, -xcorr)
    spec = figs.flip_figure(sobel, xcorr, conv, lang="en").to_plotly_json()
    assert len([d for d in spec["data"] if d["type"] == "heatmap"]) == 4
    np.testing.assert_array_equal(spec["data"][1]["z"], -sobel)
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert "6 of 9 cells differ" in notes and "↻" in notes
    same = figs.flip_figure(K.COURSE_KERNEL, K.COURSE_OUTPUT, K.COURSE_OUTPUT, lang="zh")
    assert "完全相同" in [a.text for a in same.layout.annotations]
    with pytest.raises(ValueError, match="same shape"):
        figs.flip_figure(sobel, xcorr, conv[:2])


def test_channel_sum_figure_checks_the_sum():
    x = K.channel_stack(K.COURSE_IMAGE, 3)
    weight = K.filter_bank(K.COURSE_KERNEL, 1, 3)[0]
    parts = K.channel_partials(x, weight)
    output = K.convolve(x, weight[None], 1.5)[0]
    spec = figs.channel_sum_figure(parts, 1.5, output, lang="en").to_plotly_json()
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert texts.count("+") == 2 and "+ 1.5 =" in texts and "Channel 3 ⋆ slice 3" in texts
    np.testing.assert_array_equal(spec["data"][-1]["z"], output)
    assert "+ −2 =" in [a.text for a in figs.channel_sum_figure(parts, -2, parts.sum(0) - 2).layout.annotations]
    with pytest.raises(ValueError, match="must equal"):
        figs.channel_sum_figure(parts, 0.0, output)


# ---------------------------------------------------------------------------------------------
# the real-image view
# ---------------------------------------------------------------------------------------------

def test_colorize_follows_the_scale():
    rgb = figs.colorize([[-2.0, 0.0, 2.0, np.nan]], cm.DIVERGING_SCALE, -2, 2)
    assert rgb.dtype == np.uint8 and rgb.shape == (1, 4, 3)
    assert tuple(rgb[0, 0]) == (0x1D, 0x4F, 0x91) and tuple(rgb[0, 1]) == (0xF7, 0xF7, 0xF7)
    assert tuple(rgb[0, 2]) == (0xA6, 0x4B, 0x00) and tuple(rgb[0, 3]) == (255, 255, 255)
    with pytest.raises(ValueError):
        figs.colorize([[0.0]], cm.DIVERGING_SCALE, 1, 1)


def test_png_data_uri_decodes_to_the_same_pixels():
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    uri = figs.png_data_uri(pixels)
    assert uri.startswith("data:image/png;base64,")
    decoded = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB"))
    np.testing.assert_array_equal(decoded, pixels)
    with pytest.raises(ValueError):
        figs.png_data_uri(pixels.astype(np.float32))


def test_real_image_figure():
    photo = np.zeros((12, 10))
    photo[:, 5:] = 1.0  # a vertical edge: Sobel x positive, its 180° turn negative
    maps = K.convolve(photo, K.filter_bank(K.kernel_preset("sobel_x"), 3, 1))
    fig = figs.real_image_figure(photo, maps, ["Photo", "Map 1", "Map 2", "Map 3"], lang="en")
    spec = fig.to_plotly_json()
    images = [d for d in spec["data"] if d["type"] == "image"]
    assert len(images) == 4 and all(d["source"].startswith("data:image/png") for d in images)
    bar = [d for d in spec["data"] if d["type"] == "heatmap"][0]
    assert bar["showscale"] and bar["opacity"] == 0
    assert maps.min() == -4 and maps.max() == 4
    assert spec["layout"]["meta"]["zmin"] == -4 and spec["layout"]["meta"]["zmax"] == 4
    blur = figs.real_image_figure(np.ones((4, 4, 3)) * 0.5, np.ones((3, 3)), ["a", "b"])
    assert blur.layout.meta["zmin"] == 0.0  # a non-negative map: black-to-white from 0
    with pytest.raises(ValueError, match="titles"):
        figs.real_image_figure(photo, maps, ["Photo"])
    with pytest.raises(ValueError, match="maps"):
        figs.real_image_figure(photo, np.zeros((5, 2, 2)), ["a"] * 6)


@pytest.mark.parametrize("lang, presentation", [("en", False), ("zh", True), ("en", True)])
def test_row_figures_stay_inside_the_plot_with_many_long_titles(lang, presentation):
    """Four channels, long titles and a wide "+ b =" operator still fit (regression: domains > 1)."""
    x = K.channel_stack(K.input_preset("checker", 16), 4)
    weight = K.filter_bank(K.kernel_preset("box", 7), 1, 4)[0]
    parts = K.channel_partials(x, weight)
    fig = figs.channel_sum_figure(parts, -2.5, parts.sum(0) - 2.5, lang=lang, presentation=presentation)
    domains = [axis["domain"] for name, axis in fig.to_plotly_json()["layout"].items() if name.startswith("xaxis")]
    assert len(domains) == 5
    assert all(0.0 <= lo < hi <= 1.0 for lo, hi in domains)
    assert all(a[1] <= b[0] for a, b in zip(domains, domains[1:]))  # left to right, no overlap

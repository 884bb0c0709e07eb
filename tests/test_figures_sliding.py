"""Animated sliding-window figures and static grid figures: frames, values, text, size, validation."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import pytest

from cnnviz.figures import _common as cm
from cnnviz.figures.grids import MAX_MAPS, feature_maps_figure, heatmap_grid_figure, image_pair_figure
from cnnviz.figures.sliding import (
    MAX_CHANNELS,
    conv_animation_figure,
    pool_animation_figure,
    transposed_animation_figure,
)
from cnnviz.lessons.trace import trace_conv2d, trace_conv_transpose2d, trace_pool2d

BINARY_IMAGE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
X_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def _numbers(text: str) -> list[float]:
    """Every number in an equation (true minus signs included)."""
    return [float(v) for v in re.findall(r"−?-?\d+(?:\.\d+)?", text.replace("−", "-"))]


def _paths_cells(path: str) -> int:
    return path.count("Z")


@pytest.fixture(scope="module")
def course_figure():
    trace = trace_conv2d(BINARY_IMAGE, X_KERNEL)
    return trace, conv_animation_figure(trace)


# ---------------------------------------------------------------------------------------------
# convolution
# ---------------------------------------------------------------------------------------------

def test_one_frame_per_step_with_scrub_slider(course_figure):
    trace, fig = course_figure
    assert isinstance(fig, go.Figure)
    assert len(fig.frames) == trace.n_steps == 9
    assert [f.name for f in fig.frames] == [str(i) for i in range(9)]
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["(0,0)", "(0,1)", "(0,2)", "(1,0)", "(1,1)", "(1,2)", "(2,0)", "(2,1)", "(2,2)"]
    assert all(s.method == "animate" and list(s.args[0]) == [str(i)] for i, s in enumerate(steps))
    labels = [b.label for menu in fig.layout.updatemenus for b in menu.buttons]
    assert "▶ Play" in labels and "❚❚ Pause" in labels
    assert {"Speed 0.5×", "Speed 1×", "Speed 2×", "Speed 4×"} <= set(labels)
    durations = {b.label: b.args[1]["frame"]["duration"] for menu in fig.layout.updatemenus for b in menu.buttons
                 if b.args[0] is None}
    assert durations["▶ Play"] == 600 and durations["Speed 2×"] == 300 and durations["Speed 0.5×"] == 1200
    assert fig.layout.meta["figure"] == "conv_animation" and fig.layout.meta["steps"] == 9


def test_output_values_products_and_running_sums(course_figure):
    trace, fig = course_figure
    (output_index,) = fig.layout.meta["output_traces"]
    np.testing.assert_array_equal(np.array(fig.data[output_index].z, dtype=float), [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    for frame, step in zip(fig.frames, trace.steps):
        products = next(d for d, i in zip(frame.data, frame.traces) if d.type == "heatmap")
        np.testing.assert_array_equal(np.array(products.z, dtype=float), step.products[0])
        text = frame.layout.annotations[0].text
        assert f"output({step.row}, {step.col})" in text
        numbers = _numbers(text)
        # the nine products, their sum, then "Σ + b = sum + bias = value"
        assert numbers[:9] == step.products[0].ravel().tolist()
        assert numbers[9] == step.running_sum[-1] and numbers[-1] == step.value
        assert f"<b>{cm.fmt(step.value)}</b>" in text


def test_window_taps_and_output_progress_shapes(course_figure):
    trace, fig = course_figure
    n_dynamic = fig.layout.meta["dynamic_shapes"]
    assert n_dynamic == 4  # taps, span box, current output cell, cover over pending cells
    middle = fig.frames[4].layout.shapes
    assert _paths_cells(middle[0].path) == 9 and "M1.57,1.57" in middle[0].path  # tap (1, 1) first
    assert (middle[1].x0, middle[1].x1, middle[1].y0, middle[1].y1) == (0.5, 3.5, 0.5, 3.5)
    assert (middle[2].x0, middle[2].y0) == (0.5, 0.5)  # output (1, 1) outlined
    assert middle[3].path == "M1.5,0.5H2.5V2.5H-0.5V1.5H1.5Z"  # covers (1, 2) and row 2
    last = fig.frames[-1].layout.shapes[3].path
    assert last.count("H") == 0  # nothing left to cover once every cell is computed
    # the figure itself shows step 0, with every static shape after the dynamic ones
    assert fig.layout.shapes[0].path == fig.frames[0].layout.shapes[0].path
    assert len(fig.layout.shapes) > n_dynamic


def test_frames_only_carry_what_changes(course_figure):
    _, fig = course_figure
    for frame in fig.frames:
        assert len(frame.data) == len(frame.traces) and set(frame.traces) == set(fig.layout.meta["step_traces"])
        assert len(frame.layout.shapes) == fig.layout.meta["dynamic_shapes"]
        assert len(frame.layout.annotations) == fig.layout.meta["dynamic_annotations"]
        assert frame.layout.shapes[0].to_plotly_json().keys() == {"path"}


def test_numbers_padding_and_true_convolution_titles():
    trace = trace_conv2d(BINARY_IMAGE, X_KERNEL, bias=-1, padding=1, flip_kernel=True)
    fig = conv_animation_figure(trace)
    titles = {a.text.replace("<br>", " ") for a in fig.layout.annotations}  # long titles wrap
    assert {"Input (with padding)", "Kernel rotated 180°", "Products (input × kernel)", "Output"} <= titles
    assert "hatched ▨ = zero padding" in titles
    hatches = [d for d in fig.data if d.type == "scatter" and d.fill == "toself"]
    assert len(hatches) == 1 and hatches[0].fillpattern.shape == "/"
    zeros = [d for d in fig.data if d.type == "scatter" and d.mode == "text" and d.text and set(d.text) == {"0"}]
    assert len(zeros[0].x) == 24  # the ring of padding around a 5×5 input
    assert "+ (−1) = " in fig.frames[0].layout.annotations[0].text
    assert all(d.texttemplate for d in fig.data if d.type == "heatmap")
    quiet = conv_animation_figure(trace, show_numbers=False)
    assert not any(d.texttemplate for d in quiet.data if d.type == "heatmap")


def test_three_channel_rows_and_channel_sums():
    rng = np.random.default_rng(2)
    x, w = rng.integers(0, 4, size=(3, 4, 4)).astype(float), rng.integers(-1, 2, size=(3, 2, 2)).astype(float)
    trace = trace_conv2d(x, w, bias=0.5)
    fig = conv_animation_figure(trace, lang="zh")
    assert len(fig.frames) == 9
    titles = {a.text.replace("<br>", " ") for a in fig.layout.annotations}  # long titles wrap
    assert {"输入 · 通道 1", "输入 · 通道 3", "卷积核 · 通道 2", "乘积 · 通道 3", "输出"} <= titles
    assert fig.layout.meta["dynamic_annotations"] == 4  # the equation and one Σ per channel
    for frame, step in zip(fig.frames, trace.steps):
        sums = [float(a.text.split("= ")[1].replace("−", "-")) for a in frame.layout.annotations[1:]]
        np.testing.assert_allclose(sums, step.channel_sums, atol=1e-3)
        assert f"<b>{cm.fmt(step.value).replace('-', '−')}</b>" in frame.layout.annotations[0].text
        # the products; no "×w" tap weights: three channel rows leave cells too small for them at 12 px
        assert len(frame.data) == len(fig.layout.meta["step_traces"]) == 3


def test_one_dimensional_signal_gets_a_stacked_layout_with_numbers():
    signal = np.array([0, 1, 3, 2, 0, -1, -2, 0, 1, 2, 1, 0.0])
    trace = trace_conv2d(signal[None, :], np.array([[1.0, 0.0, -1.0]]), padding=(0, 0, 2, 2), flip_kernel=True)
    fig = conv_animation_figure(trace)
    assert fig.layout.meta["layout"] == "stacked" and len(fig.frames) == 14
    assert all(d.texttemplate for d in fig.data if d.type == "heatmap")  # 16 samples, big enough cells
    # input above the kernel above the output
    assert fig.layout.yaxis.domain[0] > fig.layout.yaxis2.domain[1] > fig.layout.yaxis4.domain[1]
    assert conv_animation_figure(trace_conv2d(BINARY_IMAGE, X_KERNEL)).layout.meta["layout"] == "columns"


def test_presentation_mode_is_larger(course_figure):
    trace, fig = course_figure
    big = conv_animation_figure(trace, presentation=True, frame_ms=300)
    assert big.layout.font.size > fig.layout.font.size and big.layout.height > fig.layout.height
    assert big.layout.updatemenus[0].buttons[0].args[1]["frame"]["duration"] == 300


def test_figure_json_size_stays_small(capsys):
    rng = np.random.default_rng(0)
    small = conv_animation_figure(trace_conv2d(rng.random((7, 7)), rng.normal(size=(3, 3))))
    mnist = conv_animation_figure(trace_conv2d(rng.random((28, 28)), rng.normal(size=(3, 3)), padding=1))
    small_size, mnist_size = len(small.to_json()), len(mnist.to_json())
    with capsys.disabled():
        print(f"\nconv animation JSON: 7×7/3×3 {small_size / 1024:.1f} KiB (25 frames), "
              f"28×28/3×3 pad 1 {mnist_size / 1024:.1f} KiB (784 frames)")
    assert small_size < 60_000
    assert mnist_size < 1_000_000


# ---------------------------------------------------------------------------------------------
# pooling and transposed convolution
# ---------------------------------------------------------------------------------------------

def test_max_pool_animation_marks_the_maximum():
    x = np.array([[1.0, 5, 2, 0], [3, 4, 8, 1], [0, 2, 6, 7], [9, 1, 3, 2]])
    trace = trace_pool2d(x, 2)
    fig = pool_animation_figure(trace)
    assert len(fig.frames) == 4 and fig.layout.meta["figure"] == "pool_animation"
    (output_index,) = fig.layout.meta["output_traces"]
    np.testing.assert_array_equal(np.array(fig.data[output_index].z, dtype=float), [[5, 8], [9, 7]])
    texts = [f.layout.annotations[0].text for f in fig.frames]
    assert texts[0] == "output(0, 0): max(1, 5, 3, 4) = <b>5</b>"
    assert texts[2] == "output(1, 0): max(0, 2, 9, 1) = <b>9</b>"
    # dynamic shapes: taps, span, padding taps in the window, max in input, max in window, cell, cover
    shapes = fig.frames[2].layout.shapes
    assert shapes[4].path.startswith("M-0.45,0.55")  # the window's max is its bottom-left element
    assert shapes[3].path == "M-0.43,2.57H0.43V3.43H-0.43Z"  # the input cell (row 3, col 0) holding 9
    window = np.array(fig.frames[2].data[0].z, dtype=float)
    np.testing.assert_array_equal(window, [[0, 2], [9, 1]])


def test_avg_pool_animation_explains_the_divisor():
    trace = trace_pool2d(np.arange(9.0).reshape(3, 3), 2, stride=2, padding=1, mode="avg", count_include_pad=False)
    fig = pool_animation_figure(trace, lang="en")
    first = fig.frames[0].layout.annotations[0].text
    assert "÷ 1 = <b>0</b>" in first and "count_include_pad=False" in first
    window = fig.frames[0].data[0].z
    assert window[1][1] == 0 and window[0][0] == 0  # padding shows as 0 in an average window
    assert "(0 + 0 + 0 + 4) ÷ 1" not in first  # the divisor counts real cells only
    assert fig.frames[3].layout.annotations[0].text.startswith("output(1, 1): (4 + 5 + 7 + 8) ÷ 4")


def test_pool_padding_reads_minus_infinity_and_channels_get_rows():
    trace = trace_pool2d(np.arange(18.0).reshape(2, 3, 3), 2, stride=1, padding=1)
    fig = pool_animation_figure(trace, lang="zh")
    texts = [d for d in fig.data if d.type == "scatter" and d.mode == "text"]
    assert texts and set(texts[0].text) == {"−∞"}
    titles = {a.text.replace("<br>", " ") for a in fig.layout.annotations}  # long titles wrap
    assert {"输入 · 通道 2", "窗口 · 通道 1", "输出 · 通道 2"} <= titles
    assert len(fig.layout.meta["output_traces"]) == 2
    assert "通道 2：" in fig.frames[0].layout.annotations[0].text


def test_transposed_animation_shows_input_stuffed_grid_and_sources():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    trace = trace_conv_transpose2d(x, np.ones((3, 3)), stride=2, padding=1)
    fig = transposed_animation_figure(trace)
    assert len(fig.frames) == trace.n_steps == 9
    titles = {a.text.replace("<br>", " ") for a in fig.layout.annotations}  # long titles wrap
    assert {"Input x", "Zeros inserted (stride 2) and padded", "Kernel rotated 180°"} <= titles
    assert any("inserted zeros" in t for t in titles)
    dotted = [d for d in fig.data if d.type == "scatter" and d.fill == "toself" and d.fillpattern.shape == "."]
    assert len(dotted) == 1
    (output_index,) = fig.layout.meta["output_traces"]
    np.testing.assert_array_equal(np.array(fig.data[output_index].z, dtype=float), trace.output)
    # the middle step's window covers all four input pixels: they are outlined in x
    assert _paths_cells(fig.frames[4].layout.shapes[2].path) == 4
    assert fig.layout.meta["figure"] == "transposed_animation"


# ---------------------------------------------------------------------------------------------
# invalid arguments
# ---------------------------------------------------------------------------------------------

def test_invalid_arguments_raise(course_figure):
    trace, _ = course_figure
    with pytest.raises(ValueError, match="ConvTrace"):
        conv_animation_figure(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="PoolTrace"):
        pool_animation_figure(trace)
    with pytest.raises(ValueError, match="TransposedConvTrace"):
        transposed_animation_figure(trace)
    with pytest.raises(ValueError, match="lang"):
        conv_animation_figure(trace, lang="fr")
    with pytest.raises(ValueError, match="show_numbers"):
        conv_animation_figure(trace, show_numbers="yes")
    with pytest.raises(ValueError, match="frame_ms"):
        conv_animation_figure(trace, frame_ms=0)
    with pytest.raises(ValueError, match="presentation"):
        conv_animation_figure(trace, presentation="big")
    many = trace_conv2d(np.zeros((MAX_CHANNELS + 1, 3, 3)), np.zeros((MAX_CHANNELS + 1, 2, 2)))
    with pytest.raises(ValueError, match="at most 4 input channels"):
        conv_animation_figure(many)


# ---------------------------------------------------------------------------------------------
# static grids
# ---------------------------------------------------------------------------------------------

def test_heatmap_grid_figure_numbers_and_scales():
    fig = heatmap_grid_figure([[4, 3, 4], [2, 4, 3], [2, 3, 4]], title="Output")
    (heatmap,) = fig.data
    np.testing.assert_array_equal(np.array(heatmap.z, dtype=float), [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    assert heatmap.texttemplate == cm.TEXT_TEMPLATE and heatmap.zmin == 0 and heatmap.zmax == 4
    assert fig.layout.title.text == "Output" and list(fig.layout.yaxis.range) == [2.5, -0.5]
    signed = heatmap_grid_figure(np.array([[-2.0, 1.0]]), title="")
    assert (signed.data[0].zmin, signed.data[0].zmax) == (-2.0, 2.0)
    centred = heatmap_grid_figure(np.array([[0.0, 4.0]]), title="", zmid=1.0)
    assert (centred.data[0].zmin, centred.data[0].zmax) == (-2.0, 4.0)
    big = heatmap_grid_figure(np.zeros((40, 40)), title="big")
    assert big.data[0].texttemplate is None and big.data[0].showscale


def test_feature_maps_figure_layout_and_scales():
    maps = np.stack([np.full((4, 4), 1.0), np.full((4, 4), 3.0), np.arange(16.0).reshape(4, 4)])
    fig = feature_maps_figure(maps)
    assert len(fig.data) == 3 and [a.text for a in fig.layout.annotations] == ["Map 1", "Map 2", "Map 3"]
    assert {(d.zmin, d.zmax) for d in fig.data} == {(0.0, 15.0)}
    own = feature_maps_figure(maps, shared_scale=False, titles=["a", "b", "c"], cols=3)
    assert [d.zmax for d in own.data] == [1.0, 3.0, 15.0]
    assert len({round(own.layout[f"xaxis{i}"].domain[0], 3) for i in (2, 3)}) == 2
    assert feature_maps_figure(maps, lang="zh").layout.annotations[0].text == "特征图 1"


def test_feature_maps_figure_numbers_only_at_a_readable_size():
    """Six 5×5 filters: three a row fit their two-decimal weights at 12 px even in the narrowest
    (phone) chart; eight a row would need smaller text, so the cells stay unlabelled."""
    weights = np.random.default_rng(0).normal(0.0, 0.3, (6, 5, 5))
    three = feature_maps_figure(weights, cols=3, decimals=2, map_px=180)
    assert three.data[0].texttemplate == "%{z:.2f}" and three.data[0].textfont.size == 12
    assert feature_maps_figure(weights, cols=6, decimals=2, map_px=130).data[0].texttemplate is None
    projected = feature_maps_figure(weights, cols=3, decimals=2, map_px=180, presentation=True)
    assert projected.data[0].texttemplate is None  # 20 px numbers need larger cells
    assert {a.font.size for a in projected.layout.annotations} == {20}


def test_image_pair_figure_gray_and_rgb():
    image = np.linspace(0, 255, 64).reshape(8, 8)
    filtered = np.linspace(-5, 5, 36).reshape(6, 6)
    fig = image_pair_figure(image, filtered, ("Input", "Filtered"))
    assert [d.type for d in fig.data] == ["heatmap", "heatmap"]
    assert fig.data[0].colorscale[0][1] == "#000000"  # black-to-white, as the image looks
    assert (fig.data[1].zmin, fig.data[1].zmax) == (-5.0, 5.0)
    rgb = image_pair_figure(np.zeros((8, 8, 3)) + 0.5, filtered, ("RGB", "Filtered"))
    assert rgb.data[0].type == "image" and np.array(rgb.data[0].z)[0, 0].tolist() == [127, 127, 127]


@pytest.mark.parametrize("call, match", [
    (lambda: heatmap_grid_figure(np.zeros(3), title=""), "2-D"),
    (lambda: heatmap_grid_figure(np.zeros((0, 3)), title=""), "empty"),
    (lambda: heatmap_grid_figure(np.zeros((2, 2)), title=3), "title"),
    (lambda: heatmap_grid_figure(np.zeros((2, 2)), title="", numbers="on"), "numbers"),
    (lambda: heatmap_grid_figure([["a"]], title=""), "numbers"),
    (lambda: feature_maps_figure(np.zeros((2, 2, 2, 2))), "shape"),
    (lambda: feature_maps_figure(np.zeros((MAX_MAPS + 1, 2, 2))), "at most"),
    (lambda: feature_maps_figure(np.zeros((2, 2, 2)), titles=["one"]), "titles"),
    (lambda: feature_maps_figure(np.zeros((2, 2, 2)), cols=0), "cols"),
    (lambda: feature_maps_figure(np.zeros((2, 2, 2)), decimals=9), "decimals"),
    (lambda: feature_maps_figure(np.zeros((2, 2, 2)), presentation="yes"), "presentation"),
    (lambda: image_pair_figure(np.zeros((2, 2)), np.zeros((2, 2)), "ab"), "titles"),
    (lambda: image_pair_figure(np.zeros((2, 2, 4)), np.zeros((2, 2)), ("a", "b")), "shape"),
    (lambda: image_pair_figure(np.zeros((2, 2)), np.zeros((2, 2)), ("a", "b"), lang="de"), "lang"),
])
def test_grid_figures_validate_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_a_large_padded_input_leaves_the_output_cells_large_enough_for_numbers():
    """12 × 12 input, full padding of a dilated 3 × 3 kernel, stride 2: the 20 × 20 padded input
    has no numbers, the 8 × 8 output gets kernel-sized cells and keeps its numbers and row/column
    numbers at 12 px or more."""
    x = (np.indices((12, 12)).sum(axis=0) % 2).astype(float)[None]
    trace = trace_conv2d(x, np.ones((1, 3, 3)), stride=2, padding=4, dilation=2)
    assert trace.padded.shape[1:] == (20, 20) and trace.output.shape == (8, 8)
    fig = conv_animation_figure(trace)
    grids = [d for d in fig.data if d.type == "heatmap"]
    assert not grids[0].texttemplate  # the padded input: too many cells for numbers
    output = grids[-1]
    assert output.texttemplate and output.textfont.size >= 12
    axis = fig.layout[output.xaxis.replace("x", "xaxis")]
    assert axis.showticklabels and axis.tickfont.size >= 12

"""Step traces of conv, transposed conv and pooling: course examples, agreement with the ops."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.lessons.trace import (
    MAX_STEPS,
    ConvTrace,
    PoolTrace,
    TransposedConvTrace,
    resolve_conv_padding,
    trace_conv2d,
    trace_conv_transpose2d,
    trace_pool2d,
)
from cnnviz.nn import functional as F
from cnnviz.nn import naive

BINARY_IMAGE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
X_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


# ---------------------------------------------------------------------------------------------
# course examples
# ---------------------------------------------------------------------------------------------

def test_binary_image_example():
    trace = trace_conv2d(BINARY_IMAGE, X_KERNEL)
    np.testing.assert_array_equal(trace.output, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    assert trace.n_steps == 9
    step = trace.steps[1]  # output (0, 1): the window one column to the right
    assert (step.row, step.col) == (0, 1)
    np.testing.assert_array_equal(step.taps[:3], [[0, 1], [0, 2], [0, 3]])
    np.testing.assert_array_equal(step.patch[0], [[1, 1, 0], [1, 1, 1], [0, 1, 1]])
    np.testing.assert_array_equal(step.products[0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    np.testing.assert_array_equal(step.running_sum, [1, 1, 1, 1, 2, 2, 2, 2, 3])
    assert step.channel_sums.tolist() == [3.0] and step.bias == 0.0 and step.value == 3.0


def test_two_by_two_example_and_true_convolution():
    x = np.arange(9).reshape(3, 3)
    w = np.array([[0, 1], [2, 3]])
    trace = trace_conv2d(x, w)
    np.testing.assert_array_equal(trace.output, [[19, 25], [37, 43]])
    assert [s.value for s in trace.steps] == [19, 25, 37, 43]
    np.testing.assert_array_equal(trace.steps[0].products[0], [[0, 1], [6, 12]])

    flipped = trace_conv2d(x, w, flip_kernel=True)
    assert flipped.flipped and not trace.flipped
    np.testing.assert_array_equal(flipped.kernel[0], [[3, 2], [1, 0]])
    np.testing.assert_array_equal(flipped.weight[0], w)
    # the textbook definition: y[i, j] = sum_{m, n} w[m, n] x[i + 1 - m, j + 1 - n]
    expected = np.array([[sum(w[m, n] * x[i + 1 - m, j + 1 - n] for m in range(2) for n in range(2))
                          for j in range(2)] for i in range(2)])
    np.testing.assert_array_equal(flipped.output, expected)
    np.testing.assert_array_equal(flipped.output, [[5, 11], [23, 29]])


def test_pooling_examples():
    x = np.arange(36.0).reshape(6, 6)
    trace = trace_pool2d(x, 3, stride=3)
    assert trace.output.shape == (1, 2, 2)
    np.testing.assert_array_equal(trace.output[0], [[14, 17], [32, 35]])
    assert trace_pool2d(np.zeros((20, 20)), 10).output.shape == (1, 2, 2)
    avg = trace_pool2d(x, 3, stride=3, mode="avg")
    np.testing.assert_array_equal(avg.output[0], [[7, 10], [25, 28]])
    assert [s.divisor for s in avg.steps] == [9, 9, 9, 9]


# ---------------------------------------------------------------------------------------------
# convolution: structure and agreement with cnnviz.nn.functional / cnnviz.nn.naive
# ---------------------------------------------------------------------------------------------

def test_padding_forms():
    assert resolve_conv_padding(2, (3, 3)) == (2, 2, 2, 2)
    assert resolve_conv_padding((1, 2), (3, 3)) == (1, 1, 2, 2)
    assert resolve_conv_padding((0, 1, 2, 3), (3, 3)) == (0, 1, 2, 3)
    assert resolve_conv_padding("valid", (3, 3)) == (0, 0, 0, 0)
    assert resolve_conv_padding("same", (4, 3)) == (1, 2, 1, 1)
    assert resolve_conv_padding("same", (3, 3), dilation=(2, 2)) == (2, 2, 2, 2)
    assert resolve_conv_padding("full", (3, 2), dilation=(2, 1)) == (4, 4, 1, 1)


def test_padding_mask_and_padded_input():
    x = np.arange(1.0, 7.0).reshape(2, 3)
    trace = trace_conv2d(x, np.ones((2, 2)), padding=(1, 0, 2, 1))
    assert trace.pad == (1, 0, 2, 1)
    assert trace.padded.shape == (1, 3, 6)
    np.testing.assert_array_equal(trace.padded[0], [[0, 0, 0, 0, 0, 0], [0, 0, 1, 2, 3, 0], [0, 0, 4, 5, 6, 0]])
    np.testing.assert_array_equal(trace.pad_mask, trace.padded[0] == 0)
    assert trace.output.shape == (2, 5)


def test_dilated_taps_and_span():
    trace = trace_conv2d(np.arange(49.0).reshape(7, 7), np.ones((3, 3)), stride=2, dilation=2, padding=1)
    assert trace.span == (5, 5)
    assert trace.output.shape == (3, 3)  # (7 + 2 - 5) // 2 + 1
    step = trace.steps[4]  # output (1, 1): window starts at padded (2, 2)
    np.testing.assert_array_equal(step.taps.reshape(3, 3, 2)[:, :, 0], [[2, 2, 2], [4, 4, 4], [6, 6, 6]])
    np.testing.assert_array_equal(step.taps.reshape(3, 3, 2)[:, :, 1], [[2, 4, 6]] * 3)
    np.testing.assert_array_equal(step.patch[0], trace.padded[0][2:7:2, 2:7:2])


def _random_conv_configs(rng, count):
    paddings = [0, 1, 2, (1, 0), (0, 2), "valid", "same", "full", (0, 1, 2, 0), (2, 1, 0, 1)]
    for _ in range(count):
        channels = int(rng.integers(1, 4))
        kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
        stride = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        dilation = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        padding = paddings[int(rng.integers(len(paddings)))]
        if padding == "same":
            stride = (1, 1)
        height = int(rng.integers(dilation[0] * (kh - 1) + 1, 9))
        width = int(rng.integers(dilation[1] * (kw - 1) + 1, 9))
        x = rng.normal(size=(channels, height, width))
        w = rng.normal(size=(channels, kh, kw))
        yield x, w, float(rng.normal()), stride, padding, dilation


def test_conv_trace_equals_functional_and_naive_on_random_configs():
    rng = np.random.default_rng(7)
    for x, w, bias, stride, padding, dilation in _random_conv_configs(rng, 120):
        trace = trace_conv2d(x, w, bias, stride, padding, dilation)
        pad = trace.pad
        expected = naive.conv2d(x[None], w[None], np.array([bias]), stride, pad, dilation, 1)[0, 0]
        np.testing.assert_allclose(trace.output, expected, atol=1e-12)
        if not (isinstance(padding, tuple) and len(padding) == 4) and padding != "full":
            fast = F.conv2d(x[None], w[None], np.array([bias]), stride, padding, dilation)[0, 0]
            np.testing.assert_allclose(trace.output, fast, atol=1e-12)
        # every step is consistent with the arrays it came from
        out_h, out_w = trace.output.shape
        assert trace.n_steps == out_h * out_w
        for step in trace.steps:
            assert step.index == step.row * out_w + step.col
            rows, cols = step.taps[:, 0], step.taps[:, 1]
            np.testing.assert_array_equal(step.patch, trace.padded[:, rows, cols].reshape(step.patch.shape))
            np.testing.assert_allclose(step.products, step.patch * trace.kernel)
            np.testing.assert_allclose(step.running_sum[-1] + step.bias, step.value, atol=1e-12)
            np.testing.assert_allclose(step.channel_sums.sum() + bias, trace.output[step.row, step.col], atol=1e-12)


def test_flip_kernel_equals_cross_correlation_with_rotated_kernel():
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(2, 6, 5)), rng.normal(size=(2, 3, 2))
    flipped = trace_conv2d(x, w, 0.5, stride=(1, 2), padding=1, flip_kernel=True)
    plain = trace_conv2d(x, w[:, ::-1, ::-1], 0.5, stride=(1, 2), padding=1)
    np.testing.assert_allclose(flipped.output, plain.output)


def test_float32_and_list_inputs_are_traced_in_float64():
    trace = trace_conv2d(BINARY_IMAGE.astype(np.float32).tolist(), X_KERNEL.tolist())
    assert trace.output.dtype == np.float64 and trace.x.shape == (1, 5, 5)


# ---------------------------------------------------------------------------------------------
# transposed convolution
# ---------------------------------------------------------------------------------------------

def test_transposed_zero_insertion_view():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    w = np.array([[1.0, 10.0], [100.0, 1000.0]])
    trace = trace_conv_transpose2d(x, w, stride=2)
    assert isinstance(trace, TransposedConvTrace) and isinstance(trace, ConvTrace)
    np.testing.assert_array_equal(trace.stuffed[0], [[1, 0, 2], [0, 0, 0], [3, 0, 4]])
    assert trace.pad == (1, 1, 1, 1) and trace.padded.shape == (1, 5, 5)
    assert trace.inserted_mask.sum() == 5 and trace.pad_mask.sum() == 16
    np.testing.assert_array_equal(trace.kernel[0], [[1000, 100], [10, 1]])
    # each input pixel stamps x * w at stride spacing: 4×4 output
    expected = np.zeros((4, 4))
    for i in range(2):
        for j in range(2):
            expected[2 * i:2 * i + 2, 2 * j:2 * j + 2] += x[i, j] * w
    np.testing.assert_array_equal(trace.output, expected)
    assert trace.source_index[1, 1].tolist() == [0, 0] and trace.source_index[3, 3].tolist() == [1, 1]
    assert trace.source_index[2, 2].tolist() == [-1, -1]


def test_transposed_trace_equals_functional_on_random_configs():
    rng = np.random.default_rng(11)
    for _ in range(80):
        channels = int(rng.integers(1, 4))
        kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
        stride = tuple(int(v) for v in rng.integers(1, 4, size=2))
        dilation = tuple(int(v) for v in rng.integers(1, 3, size=2))
        padding = tuple(int(v) for v in rng.integers(0, 3, size=2))
        output_padding = tuple(int(rng.integers(0, max(s, d))) for s, d in zip(stride, dilation))
        x = rng.normal(size=(channels, int(rng.integers(1, 5)), int(rng.integers(1, 5))))
        w = rng.normal(size=(channels, kh, kw))
        bias = float(rng.normal())
        sizes = [(x.shape[1 + a] - 1) * stride[a] - 2 * padding[a] + dilation[a] * ((kh, kw)[a] - 1)
                 + output_padding[a] + 1 for a in range(2)]
        if min(sizes) < 1:
            with pytest.raises(ValueError):
                trace_conv_transpose2d(x, w, bias, stride, padding, output_padding, dilation)
            continue
        trace = trace_conv_transpose2d(x, w, bias, stride, padding, output_padding, dilation)
        expected = F.conv_transpose2d(x[None], w[:, None], np.array([bias]), stride, padding, output_padding, 1,
                                      dilation)[0, 0]
        np.testing.assert_allclose(trace.output, expected, atol=1e-12)
        reference = naive.conv_transpose2d(x[None], w[:, None], np.array([bias]), stride, padding, output_padding,
                                           1, dilation)[0, 0]
        np.testing.assert_allclose(trace.output, reference, atol=1e-12)
        # input pixels sit where source_index says
        rows, cols = np.nonzero(trace.source_index[..., 0] >= 0)
        src = trace.source_index[rows, cols]
        np.testing.assert_array_equal(trace.padded[:, rows, cols], x[:, src[:, 0], src[:, 1]])
        assert not (trace.inserted_mask & trace.pad_mask).any()


# ---------------------------------------------------------------------------------------------
# pooling
# ---------------------------------------------------------------------------------------------

def test_max_pool_padding_never_wins_and_argmax_points_at_the_max():
    x = -np.arange(1.0, 10.0).reshape(3, 3)  # all negative: a zero padding would win
    trace = trace_pool2d(x, 2, stride=1, padding=1)
    assert trace.padded[0, 0, 0] == -np.inf and trace.pad_mask.sum() == 16
    np.testing.assert_array_equal(trace.output[0], [[-1, -1, -2, -3], [-1, -1, -2, -3], [-4, -4, -5, -6],
                                                    [-7, -7, -8, -9]])
    for step in trace.steps:
        k = int(step.argmax[0])
        r, c = step.taps[k]
        assert trace.padded[0, r, c] == step.value[0] and step.inside.ravel()[k]


def test_avg_pool_divisor_rules():
    x = np.ones((3, 3))
    with_pad = trace_pool2d(x, 2, stride=2, padding=1, mode="avg", count_include_pad=True)
    without = trace_pool2d(x, 2, stride=2, padding=1, mode="avg", count_include_pad=False)
    assert with_pad.steps[0].divisor == 4 and with_pad.output[0, 0, 0] == 0.25
    assert without.steps[0].divisor == 1 and without.output[0, 0, 0] == 1.0
    np.testing.assert_array_equal(with_pad.divisors, [[4, 4], [4, 4]])


def test_pool_trace_equals_functional_on_random_configs():
    rng = np.random.default_rng(5)
    checked = 0
    while checked < 120:
        mode = ("max", "avg")[checked % 2]
        kernel = tuple(int(v) for v in rng.integers(1, 4, size=2))
        stride = tuple(int(v) for v in rng.integers(1, 4, size=2))
        padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
        dilation = (1, 1) if mode == "avg" else tuple(int(v) for v in rng.integers(1, 3, size=2))
        ceil_mode = bool(rng.integers(2))
        include = bool(rng.integers(2))
        x = rng.normal(size=(int(rng.integers(1, 4)), int(rng.integers(1, 8)), int(rng.integers(1, 8))))
        if any(d * (k - 1) + 1 > n + 2 * p for d, k, n, p in zip(dilation, kernel, x.shape[1:], padding)):
            with pytest.raises(ValueError):
                trace_pool2d(x, kernel, stride, padding, dilation, ceil_mode, mode, include)
            continue
        trace = trace_pool2d(x, kernel, stride, padding, dilation, ceil_mode, mode, include)
        if mode == "max":
            expected = F.max_pool2d(x[None], kernel, stride, padding, dilation, ceil_mode)[0]
            reference, _ = naive.max_pool2d(x[None], kernel, stride, padding, dilation, ceil_mode)
        else:
            expected = F.avg_pool2d(x[None], kernel, stride, padding, ceil_mode, include)[0]
            reference, divisors = naive.avg_pool2d(x[None], kernel, stride, padding, ceil_mode, include)
            np.testing.assert_array_equal(trace.divisors, divisors)
        np.testing.assert_allclose(trace.output, expected, atol=1e-12)
        np.testing.assert_allclose(trace.output, reference[0], atol=1e-12)
        assert trace.n_steps == trace.output.shape[1] * trace.output.shape[2]
        assert isinstance(trace, PoolTrace)
        checked += 1


def test_ceil_mode_overhang_is_marked():
    trace = trace_pool2d(np.arange(25.0).reshape(5, 5), 2, ceil_mode=True)
    assert trace.output.shape == (1, 3, 3) and trace.overhang == (1, 1)
    assert trace.padded.shape == (1, 6, 6)
    assert trace.overhang_mask.sum() == 11 and trace.pad_mask.sum() == 11
    np.testing.assert_array_equal(trace.output[0, 2], [21, 23, 24])  # last row, window cut at the edge


# ---------------------------------------------------------------------------------------------
# invalid arguments
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({"stride": 0}, "stride"),
    ({"dilation": 0}, "dilation"),
    ({"padding": -1}, "padding"),
    ({"padding": (1, 2, 3)}, "padding"),
    ({"padding": (1, -1, 0, 0)}, "padding"),
    ({"padding": "same", "stride": 2}, "stride 1"),
    ({"padding": "mirror"}, "padding"),
    ({"dilation": 4}, "span"),
    ({"bias": [1.0, 2.0]}, "bias"),
])
def test_conv_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        trace_conv2d(BINARY_IMAGE, X_KERNEL, **kwargs)


def test_invalid_shapes_and_step_cap():
    with pytest.raises(ValueError, match="channels"):
        trace_conv2d(np.zeros((2, 5, 5)), np.zeros((3, 3, 3)))
    with pytest.raises(ValueError, match="shape"):
        trace_conv2d(np.zeros(5), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="numeric"):
        trace_conv2d([["a"]], np.zeros((1, 1)))
    with pytest.raises(ValueError, match="smaller input"):
        trace_conv2d(np.zeros((52, 52)), np.zeros((1, 1)))
    assert trace_conv2d(np.zeros((50, 50)), np.zeros((1, 1))).n_steps == MAX_STEPS
    with pytest.raises(ValueError, match="mode"):
        trace_pool2d(np.zeros((4, 4)), 2, mode="median")
    with pytest.raises(ValueError, match="half"):
        trace_pool2d(np.zeros((4, 4)), 2, padding=2)
    with pytest.raises(ValueError, match="dilation"):
        trace_pool2d(np.zeros((4, 4)), 2, dilation=2, mode="avg")
    with pytest.raises(ValueError, match="output_padding"):
        trace_conv_transpose2d(np.zeros((2, 2)), np.zeros((3, 3)), stride=2, output_padding=2)
    with pytest.raises(ValueError, match="smaller input"):
        trace_conv_transpose2d(np.zeros((30, 30)), np.zeros((3, 3)), stride=2)

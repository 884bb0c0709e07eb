"""The readable loops of cnnviz.nn.naive, backward passes included, against the fast ops."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.nn import functional as F
from cnnviz.nn import naive


def test_conv2d_backward_course_example():
    # the course's 3×3 ramp with the 2×2 kernel, every output's gradient 1
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[0.0, 1.0], [2.0, 3.0]]]])
    dx, dw, db = naive.conv2d_backward(np.ones((1, 1, 2, 2)), x, w, (1, 1), (0, 0, 0, 0), (1, 1), 1)
    np.testing.assert_array_equal(dw[0, 0], [[8, 12], [20, 24]])  # each weight: the sum of the pixels it met
    np.testing.assert_array_equal(dx[0, 0], [[0, 1, 1], [2, 6, 4], [2, 5, 3]])  # each pixel: the weights that met it
    assert db.tolist() == [4.0]


@pytest.mark.parametrize("seed", range(6))
def test_conv2d_backward_matches_the_fast_op(seed):
    rng = np.random.default_rng(seed)
    groups = int(rng.integers(1, 3))
    stride = tuple(int(v) for v in rng.integers(1, 3, 2))
    dilation = tuple(int(v) for v in rng.integers(1, 3, 2))
    padding = tuple(int(v) for v in rng.integers(0, 2, 2))
    x = rng.standard_normal((2, 2 * groups, 7, 6))
    w = rng.standard_normal((2 * groups, 2, 3, 2))
    b = rng.standard_normal(2 * groups)
    out = F.conv2d(x, w, b, stride, padding, dilation, groups)
    dout = rng.standard_normal(out.shape)
    fast = F.conv2d_backward(dout, x, w, b, stride, padding, dilation, groups)
    pads = (padding[0], padding[0], padding[1], padding[1])
    slow = naive.conv2d_backward(dout, x, w, stride, pads, dilation, groups)
    for got, expected in zip(fast, slow):
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_pooling_backward_matches_the_fast_ops(seed):
    rng = np.random.default_rng(seed)
    kernel = tuple(int(v) for v in rng.integers(2, 4, 2))
    stride = tuple(int(v) for v in rng.integers(1, 4, 2))
    padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
    ceil_mode, include = bool(rng.integers(0, 2)), bool(rng.integers(0, 2))
    x = rng.standard_normal((2, 2, 7, 8))
    dout = rng.standard_normal(F.max_pool2d(x, kernel, stride, padding, 1, ceil_mode).shape)
    np.testing.assert_allclose(F.max_pool2d_backward(dout, x, kernel, stride, padding, 1, ceil_mode),
                               naive.max_pool2d_backward(dout, x, kernel, stride, padding, (1, 1), ceil_mode))
    dout = rng.standard_normal(F.avg_pool2d(x, kernel, stride, padding, ceil_mode, include).shape)
    np.testing.assert_allclose(F.avg_pool2d_backward(dout, x, kernel, stride, padding, ceil_mode, include),
                               naive.avg_pool2d_backward(dout, x, kernel, stride, padding, ceil_mode, include),
                               rtol=1e-12, atol=1e-14)


def test_linear_activations_and_loss_backward_match_the_fast_ops():
    rng = np.random.default_rng(7)
    x, w, b = rng.standard_normal((4, 5)), rng.standard_normal((3, 5)), rng.standard_normal(3)
    out = naive.linear(x, w, b)
    np.testing.assert_allclose(out, F.linear(x, w, b), rtol=1e-12)
    dout = rng.standard_normal(out.shape)
    for got, expected in zip(F.linear_backward(dout, x, w, b), naive.linear_backward(dout, x, w)):
        np.testing.assert_allclose(got, expected, rtol=1e-12)
    u = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]])
    d = rng.standard_normal(u.shape)
    np.testing.assert_array_equal(naive.relu_backward(d, u), F.relu_backward(d, u))
    np.testing.assert_allclose(naive.sigmoid_backward(d, u), F.sigmoid_backward(d, u), rtol=1e-12)
    logits, target = rng.standard_normal((4, 3)), np.array([0, 2, 1, 2])
    np.testing.assert_allclose(naive.cross_entropy_backward(logits, target), F.cross_entropy(logits, target)[1],
                               rtol=1e-12)
    # softmax of the course's [3, 1, −3] with target 0: the gradient is p − onehot
    np.testing.assert_allclose(naive.cross_entropy_backward(np.array([[3.0, 1.0, -3.0]]), [0]),
                               [[0.8789 - 1, 0.1189, 0.0022]], atol=1e-4)


@pytest.mark.parametrize(("stride", "padding", "output_padding", "dilation", "groups"), [
    ((1, 1), (0, 0), (0, 0), (1, 1), 1),
    ((2, 2), (1, 1), (1, 1), (1, 1), 1),
    ((2, 3), (0, 1), (1, 0), (1, 1), 2),
    ((1, 2), (1, 0), (0, 1), (2, 1), 1),
    ((3, 1), (2, 0), (2, 0), (2, 2), 3),
    ((2, 2), (1, 1), (0, 0), (3, 2), 2),
])
def test_conv_transpose2d_backward_matches_the_fast_op(stride, padding, output_padding, dilation, groups):
    rng = np.random.default_rng(sum(stride) + 10 * groups + 100 * sum(dilation))
    x = rng.standard_normal((2, 2 * groups, 4, 5))
    w = rng.standard_normal((2 * groups, 2, 3, 2))
    b = rng.standard_normal(2 * groups)
    out = F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation)
    np.testing.assert_allclose(naive.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation),
                               out, rtol=1e-10, atol=1e-12)
    dout = rng.standard_normal(out.shape)
    fast = F.conv_transpose2d_backward(dout, x, w, b, stride, padding, output_padding, groups, dilation)
    slow = naive.conv_transpose2d_backward(dout, x, w, stride, padding, groups, dilation)
    assert [a.shape for a in slow] == [x.shape, w.shape, b.shape]
    for got, expected in zip(fast, slow):
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_conv_transpose2d_backward_course_example():
    # one pixel 2 scattered by a 2×2 kernel at stride 2: each weight met the pixel once, the pixel met every weight
    x = np.array([[[[2.0]]]])
    w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dout = np.array([[[[1.0, 0.0], [0.0, 1.0]]]])
    dx, dw, db = naive.conv_transpose2d_backward(dout, x, w, (2, 2), (0, 0), 1, (1, 1))
    assert dx.tolist() == [[[[5.0]]]]  # 1·1 + 1·4
    np.testing.assert_array_equal(dw[0, 0], [[2, 0], [0, 2]])
    assert db.tolist() == [2.0]


@pytest.mark.parametrize("shape", [(5, 3), (4, 2, 3), (3, 2, 2, 3)])
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_backward_matches_the_fast_op(shape, training, affine):
    rng = np.random.default_rng(len(shape) + 3 * training + 7 * affine)
    channels = shape[1]
    x = rng.standard_normal(shape) * 2 + 1
    weight = rng.standard_normal(channels) if affine else None
    bias = rng.standard_normal(channels) if affine else None
    mean, var = rng.standard_normal(channels), rng.uniform(0.5, 2.0, channels)
    out, cache = F.batch_norm_forward(x, mean.copy(), var.copy(), weight, bias, training, 0.1, 1e-5)
    slow_out, _, _ = naive.batch_norm(x, mean, var, weight, bias, training, 0.1, 1e-5)
    np.testing.assert_allclose(slow_out, out, rtol=1e-10, atol=1e-12)
    dout = rng.standard_normal(shape)
    dx, dweight, dbias = F.batch_norm_backward(dout, cache)
    slow_dx, slow_dweight, slow_dbias = naive.batch_norm_backward(dout, x, mean, var, weight, training, 1e-5)
    np.testing.assert_allclose(slow_dx, dx, rtol=1e-9, atol=1e-12)
    if affine:  # the fast op returns no parameter gradients without parameters
        np.testing.assert_allclose(slow_dweight, dweight, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(slow_dbias, dbias, rtol=1e-10, atol=1e-12)
    else:
        assert dweight is None and dbias is None


def test_batch_norm_backward_in_training_sums_to_zero_per_channel():
    # the batch mean is subtracted, so moving every input of a channel by the same amount changes
    # nothing: the input gradient of each channel sums to 0
    rng = np.random.default_rng(3)
    x, dout = rng.standard_normal((4, 2, 3)), rng.standard_normal((4, 2, 3))
    dx, _, _ = naive.batch_norm_backward(dout, x, None, None, None, True, 1e-5)
    np.testing.assert_allclose(dx.sum(axis=(0, 2)), 0.0, atol=1e-12)

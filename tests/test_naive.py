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

"""cnnviz.lessons.convmath checked against cnnviz.nn.functional, cnnviz.nn.shapes and NumPy's own convolutions."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from cnnviz.lessons import convmath
from cnnviz.nn import functional, shapes


def _conv(x, k, **kw):
    return functional.conv2d(x[None, None], k[None, None], **kw)[0, 0]


def _tconv(x, k, **kw):
    return functional.conv_transpose2d(x[None, None], k[None, None], **kw)[0, 0]


# --------------------------------------------------------------------------------------------
# conv_matrix / conv_transpose_matrix
# --------------------------------------------------------------------------------------------

def test_conv_matrix_course_example():
    x = np.arange(9.0).reshape(3, 3)
    k = np.array([[0.0, 1.0], [2.0, 3.0]])
    c = convmath.conv_matrix(3, k)
    assert c.shape == (4, 9)
    assert (c @ x.ravel()).reshape(2, 2).tolist() == [[19, 25], [37, 43]]
    # first row: the kernel laid out over the first window
    assert c[0].tolist() == [0, 1, 0, 2, 3, 0, 0, 0, 0]


@pytest.mark.parametrize("size,ksize,stride,padding,dilation", [
    (5, 3, 1, 0, 1), (5, 3, 2, 1, 1), ((6, 5), (3, 2), (2, 1), (1, 0), 1), (7, 3, 1, 2, 2),
    (4, 1, 3, 0, 1), (6, 3, 1, "same", 1), (5, 2, 1, "full", 2), (8, 3, 3, 2, (2, 1)),
])
def test_conv_matrix_equals_conv2d(size, ksize, stride, padding, dilation):
    rng = np.random.default_rng(0)
    h, w = shapes.as_pair(size)
    kh, kw = shapes.as_pair(ksize)
    x, k = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
    c = convmath.conv_matrix((h, w), k, stride, padding, dilation)
    if padding == "full":
        ref = _conv(x, k, stride=stride, padding=(dilation * (kh - 1), dilation * (kw - 1)), dilation=dilation)
    else:
        ref = _conv(x, k, stride=stride, padding=padding, dilation=dilation)
    assert c.shape == (ref.size, h * w)
    np.testing.assert_allclose(c @ x.ravel(), ref.ravel(), atol=1e-12)


def test_conv_matrix_transpose_is_conv_transpose2d():
    rng = np.random.default_rng(1)
    for h, k, s, p, d in itertools.product((2, 3, 4), (1, 2, 3), (1, 2, 3), (0, 1), (1, 2)):
        if shapes.conv_transpose_problem(h, k, s, p, 0, d) is not None:
            continue
        out = shapes.conv_transpose_output_size(h, k, s, p, 0, d)
        if shapes.conv_problem(out, k, s, p, d) is not None or shapes.conv_output_size(out, k, s, p, d) != h:
            continue
        kernel = rng.normal(size=(k, k))
        y = rng.normal(size=(h, h))
        c = convmath.conv_matrix(out, kernel, s, p, d)  # conv from out×out down to h×h
        np.testing.assert_allclose(c.T @ y.ravel(), _tconv(y, kernel, stride=s, padding=p, dilation=d).ravel(),
                                   atol=1e-12)


@pytest.mark.parametrize("h,k,s,p,op,d", [
    (2, 2, 1, 0, 0, 1), (2, 2, 2, 0, 0, 1), (3, 3, 2, 1, 1, 1), (3, 3, 3, 1, 2, 1), (3, 2, 1, 0, 1, 2),
    (4, 3, 1, 0, 2, 3), (2, 3, 2, 2, 1, 2), ((3, 2), (2, 3), (2, 3), (1, 0), (1, 2), 1),
])
def test_conv_transpose_matrix_equals_conv_transpose2d(h, k, s, p, op, d):
    rng = np.random.default_rng(2)
    hh, ww = shapes.as_pair(h)
    kh, kw = shapes.as_pair(k)
    x, kernel = rng.normal(size=(hh, ww)), rng.normal(size=(kh, kw))
    t = convmath.conv_transpose_matrix((hh, ww), kernel, s, p, op, d)
    ref = _tconv(x, kernel, stride=s, padding=p, output_padding=op, dilation=d)
    assert t.shape == (ref.size, hh * ww)
    np.testing.assert_allclose(t @ x.ravel(), ref.ravel(), atol=1e-12)


def test_conv_transpose_matrix_d2l_example():
    x = np.array([[0.0, 1.0], [2.0, 3.0]])
    k = np.array([[0.0, 1.0], [2.0, 3.0]])
    t = convmath.conv_transpose_matrix(2, k)
    assert (t @ x.ravel()).reshape(3, 3).tolist() == [[0, 0, 1], [0, 4, 6], [4, 12, 9]]
    t2 = convmath.conv_transpose_matrix(2, k, stride=2)
    assert (t2 @ x.ravel()).reshape(4, 4).tolist() == [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]


def test_conv_matrix_rejects_invalid():
    with pytest.raises(shapes.ShapeError) as err:
        convmath.conv_matrix(3, np.ones((5, 5)))
    assert err.value.problem.key == "shapes.kernel_span"
    with pytest.raises(shapes.ShapeError) as err:
        convmath.conv_transpose_matrix(3, np.ones((3, 3)), stride=1, output_padding=1)
    assert err.value.problem.key == "shapes.output_padding"
    with pytest.raises(ValueError, match="kernel"):
        convmath.conv_matrix(3, np.ones(3))


# --------------------------------------------------------------------------------------------
# 1-D convolution
# --------------------------------------------------------------------------------------------

def test_conv1d_echo_example():
    x = [1, 0, 2, 0, 0, 1]
    w = [1, 0.5, 0.25]
    assert convmath.conv1d(x, w, "full", flip=True).tolist() == [1, 0.5, 2.25, 1, 0.5, 1, 0.5, 0.25]
    assert convmath.conv1d(x, w, "valid", flip=True).tolist() == [2.25, 1, 0.5, 1]
    assert convmath.conv1d(x, w, "same", flip=True).tolist() == [0.5, 2.25, 1, 0.5, 1, 0.5]


@pytest.mark.parametrize("mode", convmath.CONV1D_MODES)
@pytest.mark.parametrize("n,k", [(5, 3), (8, 1), (7, 5), (4, 4), (6, 2), (3, 5)])
def test_conv1d_matches_numpy(mode, n, k):
    rng = np.random.default_rng(n * 10 + k)
    x, w = rng.normal(size=n), rng.normal(size=k)
    if mode == "valid" and k > n:
        with pytest.raises(shapes.ShapeError):
            convmath.conv1d(x, w, mode)
        return
    length = {"valid": n - k + 1, "same": n, "full": n + k - 1}[mode]
    assert convmath.conv1d(x, w, mode).shape == (length,)
    assert length == shapes.conv_output_size(n, k, 1, mode)
    full_conv, full_corr = np.convolve(x, w, "full"), np.correlate(x, w, "full")
    if mode == "same" and k % 2 == 0:
        # PyTorch's split: (K-1)//2 zeros left, the extra one right
        start = k - 1 - (k - 1) // 2
        np.testing.assert_allclose(convmath.conv1d(x, w, mode, flip=True), full_conv[start:start + n])
        np.testing.assert_allclose(convmath.conv1d(x, w, mode), full_corr[start:start + n])
    elif mode == "same" and k > n:
        start = (k - 1) // 2  # numpy's "same" keeps max(N, K) samples; ours keeps N
        np.testing.assert_allclose(convmath.conv1d(x, w, mode, flip=True), full_conv[start:start + n])
    else:
        np.testing.assert_allclose(convmath.conv1d(x, w, mode, flip=True), np.convolve(x, w, mode))
        np.testing.assert_allclose(convmath.conv1d(x, w, mode), np.correlate(x, w, mode))


def test_conv1d_padding_and_errors():
    assert convmath.conv1d_padding(6, 3, "valid") == (0, 0)
    assert convmath.conv1d_padding(6, 3, "same") == (1, 1)
    assert convmath.conv1d_padding(6, 4, "same") == (1, 2)
    assert convmath.conv1d_padding(6, 3, "full") == (2, 2)
    with pytest.raises(ValueError, match="mode"):
        convmath.conv1d([1, 2], [1], "circular")
    with pytest.raises(ValueError, match="signal"):
        convmath.conv1d([], [1])
    with pytest.raises(ValueError, match="kernel"):
        convmath.conv1d([1, 2], [[1]])


# --------------------------------------------------------------------------------------------
# overlaps, receptive fields
# --------------------------------------------------------------------------------------------

def test_overlap_counts_checkerboard():
    even = convmath.overlap_counts(4, 4, 2, 1)  # kernel divisible by stride: interior uniform
    assert even.shape == (8, 8)
    assert set(np.unique(even[1:-1, 1:-1])) == {4}
    odd = convmath.overlap_counts(4, 3, 2)  # 3 not divisible by 2: checkerboard 1, 2, 4
    assert odd.shape == (9, 9)
    assert odd[:3, :3].tolist() == [[1, 1, 2], [1, 1, 2], [2, 2, 4]]
    assert odd.sum() == 4 * 4 * 9  # every input pixel stamps 9 cells


def test_receptive_field_counts_match_shapes():
    for k, dilations in [(3, [1]), (3, [2]), (3, [2, 2]), (3, [1, 2, 4]), (2, [3, 1]), (5, [1, 1])]:
        counts = convmath.receptive_field_counts(k, dilations)
        rf = shapes.receptive_field([(k, 1, 0, d) for d in dilations])[-1].rf
        assert counts.shape == (rf, rf)
        assert counts.sum() == k ** (2 * len(dilations))  # one path per choice of taps
        nonzero = np.flatnonzero(counts.any(axis=0))
        assert nonzero[0] == 0 and nonzero[-1] == rf - 1
    # 3×3 at dilation 2 covers 5×5 with holes (the course's example)
    single = convmath.receptive_field_counts(3, [2])
    assert single.shape == (5, 5)
    assert (single > 0).sum() == 9 and single[1].sum() == 0
    # two layers at dilation 2: odd rows/cols are never seen (gridding)
    grid = convmath.receptive_field_counts(3, [2, 2])
    assert grid.shape == (9, 9) and grid[1::2].sum() == 0
    # 1, 2, 4 doubling covers the full 15×15 field without holes
    assert (convmath.receptive_field_counts(3, [1, 2, 4]) > 0).all()
    with pytest.raises(ValueError):
        convmath.receptive_field_counts(3, [])


# --------------------------------------------------------------------------------------------
# groups and budgets
# --------------------------------------------------------------------------------------------

def test_group_connectivity():
    conn = convmath.group_connectivity(4, 6, 2)
    assert conn.shape == (6, 4)
    assert conn.tolist() == [[0, 0, -1, -1]] * 3 + [[-1, -1, 1, 1]] * 3
    for ci, co, g, k in [(8, 16, 1, 3), (8, 16, 4, 3), (8, 8, 8, 3), (6, 12, 3, 5)]:
        conn = convmath.group_connectivity(ci, co, g)
        assert (conn >= 0).sum() * k * k + co == shapes.conv_params(ci, co, k, g)
        assert ((conn >= 0).sum(axis=1) == ci // g).all()
    with pytest.raises(shapes.ShapeError) as err:
        convmath.group_connectivity(8, 16, 3)
    assert err.value.problem.key == "shapes.groups_in"


def test_group_params_match_conv2d_weight():
    rng = np.random.default_rng(3)
    ci, co, g, k = 6, 4, 2, 3
    weight = rng.normal(size=(co, ci // g, k, k))
    x = rng.normal(size=(1, ci, 5, 5))
    assert weight.size + co == shapes.conv_params(ci, co, k, g)
    out = functional.conv2d(x, weight, np.zeros(co), groups=g)
    # filter 0 ignores the second group's channels
    x2 = x.copy()
    x2[:, ci // g:] = 0
    np.testing.assert_allclose(functional.conv2d(x2, weight, np.zeros(co), groups=g)[:, 0], out[:, 0])


def test_separable_cost_keras_example():
    cost = convmath.separable_cost(32, 64, 3, 26)
    assert cost.standard_params == 18496  # Keras conv(32→64, 3×3)
    assert cost.depthwise_params == 32 * 9 + 32
    assert cost.pointwise_params == 64 * 32 + 64
    assert cost.separable_params == 2432
    assert cost.standard_macs == 64 * 26 * 26 * 32 * 9
    assert cost.separable_macs == 32 * 26 * 26 * 9 + 64 * 26 * 26 * 32
    assert cost.macs_ratio == pytest.approx(1 / 64 + 1 / 9)
    no_bias = convmath.separable_cost(32, 64, 3, 26, bias=False)
    assert no_bias.standard_params == 18432 and no_bias.separable_params == 288 + 2048


def test_bottleneck_cost_inception_example():
    cost = convmath.bottleneck_cost(128, 256, 5, 32)
    assert cost.direct == 819_200
    assert cost.reduce == 4_096
    assert cost.expand == 204_800
    assert cost.with_bottleneck == 208_896
    assert cost.ratio == pytest.approx(819_200 / 208_896)

"""The fast ops against the course's worked examples, the loop references and numerical gradients."""

import math

import numpy as np
import pytest

from cnnviz.nn import functional as F
from cnnviz.nn import naive
from cnnviz.nn.gradcheck import assert_grad_close, numerical_grad

SEED = 20261123


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


# ---------------------------------------------------------------------------------------------
# worked examples from the course notes (DESIGN.md §4)
# ---------------------------------------------------------------------------------------------

def test_course_binary_image_example():
    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]], float)
    kernel = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], float)
    out = F.conv2d(image[None, None], kernel[None, None])
    np.testing.assert_array_equal(out[0, 0], [[4, 3, 4], [2, 4, 3], [2, 3, 4]])


def test_course_three_by_three_example():
    x = np.arange(9, dtype=float).reshape(1, 1, 3, 3)
    k = np.array([[0, 1], [2, 3]], float).reshape(1, 1, 2, 2)
    np.testing.assert_array_equal(F.conv2d(x, k)[0, 0], [[19, 25], [37, 43]])


def test_course_pooling_sizes():
    assert F.max_pool2d(np.zeros((1, 1, 6, 6)), 3, 3).shape == (1, 1, 2, 2)
    assert F.avg_pool2d(np.zeros((1, 1, 20, 20)), 10).shape == (1, 1, 2, 2)


def test_alexnet_first_layers_sizes():
    x = np.zeros((1, 1, 227, 227), np.float32)
    c1 = F.conv2d(x, np.zeros((1, 1, 11, 11), np.float32), stride=4)
    assert c1.shape[2:] == (55, 55)
    p1 = F.max_pool2d(c1, 3, 2)
    assert p1.shape[2:] == (27, 27)
    c2 = F.conv2d(p1, np.zeros((1, 1, 5, 5), np.float32), padding=2)
    assert c2.shape[2:] == (27, 27)


def test_dilated_three_by_three_covers_five_by_five():
    x = np.arange(25, dtype=float).reshape(1, 1, 5, 5)
    k = np.ones((1, 1, 3, 3))
    out = F.conv2d(x, k, dilation=2)
    assert out.shape == (1, 1, 1, 1)
    assert out[0, 0, 0, 0] == x[0, 0, ::2, ::2].sum()  # the 9 taps span the whole 5x5


def test_softmax_course_example():
    np.testing.assert_allclose(F.softmax(np.array([3.0, 1.0, -3.0])), [0.8789, 0.1189, 0.0022], atol=5e-5)


def test_bp_exercise_hidden_activation():
    p = np.array([0.7656, 0.7344, 0.9609, 0.9961, 0.9141, 0.9063, 0.0977, 0.0938, 0.0859])
    w1 = np.array([0.2112, 0.1540, -0.0687, -0.0289, 0.0720, -0.1666, 0.2938, -0.0169, -0.1127])
    a1 = F.sigmoid(np.array(w1 @ p - 0.1441))
    assert round(float(a1), 2) == 0.49
    # sigmoid derivative f(u)(1 - f(u))
    u = w1 @ p - 0.1441
    np.testing.assert_allclose(F.sigmoid_backward(1.0, u), a1 * (1 - a1))


# ---------------------------------------------------------------------------------------------
# fast == naive on random configurations
# ---------------------------------------------------------------------------------------------

def _random_conv_config(rng):
    while True:
        groups = int(rng.choice([1, 1, 2, 3]))
        c_in = groups * int(rng.integers(1, 3))
        c_out = groups * int(rng.integers(1, 3))
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        sh, sw = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        dh, dw = int(rng.integers(1, 4)), int(rng.integers(1, 3))
        h, w = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        mode = rng.choice(["int", "pair", "valid", "same"])
        if mode == "int":
            padding = int(rng.integers(0, 3))
            pads = (padding,) * 4
        elif mode == "pair":
            padding = (int(rng.integers(0, 3)), int(rng.integers(0, 3)))
            pads = (padding[0], padding[0], padding[1], padding[1])
        elif mode == "valid":
            padding, pads = "valid", (0, 0, 0, 0)
        else:
            padding = "same"
            sh = sw = 1
            th, tw = dh * (kh - 1), dw * (kw - 1)
            pads = (th // 2, th - th // 2, tw // 2, tw - tw // 2)
        if dh * (kh - 1) + 1 <= h + pads[0] + pads[1] and dw * (kw - 1) + 1 <= w + pads[2] + pads[3]:
            return dict(n=int(rng.integers(1, 3)), c_in=c_in, c_out=c_out, k=(kh, kw), stride=(sh, sw),
                        dilation=(dh, dw), size=(h, w), padding=padding, pads=pads, groups=groups,
                        bias=bool(rng.integers(0, 2)))


CONV_CONFIGS = [_random_conv_config(np.random.default_rng(SEED + i)) for i in range(120)]


@pytest.mark.parametrize("cfg", CONV_CONFIGS)
def test_conv2d_matches_naive(cfg):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((cfg["n"], cfg["c_in"]) + cfg["size"])
    w = rng.standard_normal((cfg["c_out"], cfg["c_in"] // cfg["groups"]) + cfg["k"])
    b = rng.standard_normal(cfg["c_out"]) if cfg["bias"] else None
    fast = F.conv2d(x, w, b, cfg["stride"], cfg["padding"], cfg["dilation"], cfg["groups"])
    slow = naive.conv2d(x, w, b, cfg["stride"], cfg["pads"], cfg["dilation"], cfg["groups"])
    assert fast.shape == slow.shape
    np.testing.assert_allclose(fast, slow, rtol=1e-10, atol=1e-10)


def _random_transpose_config(rng):
    groups = int(rng.choice([1, 1, 2]))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    dilation = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
    k = (int(rng.integers(1, 5)), int(rng.integers(1, 4)))
    output_padding = tuple(int(rng.integers(0, max(s, d))) for s, d in zip(stride, dilation))
    size = (int(rng.integers(1, 7)), int(rng.integers(1, 7)))
    padding = [0, 0]
    for axis in range(2):
        full = (size[axis] - 1) * stride[axis] + dilation[axis] * (k[axis] - 1) + output_padding[axis] + 1
        padding[axis] = int(rng.integers(0, max(1, (full - 1) // 2 + 1)))
    return dict(n=int(rng.integers(1, 3)), c_in=groups * int(rng.integers(1, 3)), c_out=groups * int(rng.integers(1, 3)),
                groups=groups, stride=stride, dilation=dilation, k=k, output_padding=output_padding, size=size,
                padding=tuple(padding), bias=bool(rng.integers(0, 2)))


TRANSPOSE_CONFIGS = [_random_transpose_config(np.random.default_rng(SEED + 1000 + i)) for i in range(100)]


@pytest.mark.parametrize("cfg", TRANSPOSE_CONFIGS)
def test_conv_transpose2d_matches_naive(cfg):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((cfg["n"], cfg["c_in"]) + cfg["size"])
    w = rng.standard_normal((cfg["c_in"], cfg["c_out"] // cfg["groups"]) + cfg["k"])
    b = rng.standard_normal(cfg["c_out"]) if cfg["bias"] else None
    args = (cfg["stride"], cfg["padding"], cfg["output_padding"], cfg["groups"], cfg["dilation"])
    fast = F.conv_transpose2d(x, w, b, *args)
    slow = naive.conv_transpose2d(x, w, b, *args)
    assert fast.shape == slow.shape
    np.testing.assert_allclose(fast, slow, rtol=1e-10, atol=1e-10)


def _random_pool_config(rng):
    while True:
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        stride = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        padding = (int(rng.integers(0, k[0] // 2 + 1)), int(rng.integers(0, k[1] // 2 + 1)))
        dilation = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        size = (int(rng.integers(1, 12)), int(rng.integers(1, 12)))
        ceil_mode = bool(rng.integers(0, 2))
        if all(dilation[a] * (k[a] - 1) + 1 <= size[a] + 2 * padding[a] for a in range(2)):
            return dict(k=k, stride=stride, padding=padding, dilation=dilation, size=size, ceil_mode=ceil_mode,
                        count_include_pad=bool(rng.integers(0, 2)), c=int(rng.integers(1, 3)))


POOL_CONFIGS = [_random_pool_config(np.random.default_rng(SEED + 2000 + i)) for i in range(120)]


@pytest.mark.parametrize("cfg", POOL_CONFIGS)
def test_max_pool2d_matches_naive(cfg):
    x = np.random.default_rng(3).standard_normal((2, cfg["c"]) + cfg["size"])
    fast, idx = F.max_pool2d(x, cfg["k"], cfg["stride"], cfg["padding"], cfg["dilation"], cfg["ceil_mode"],
                             return_indices=True)
    slow, argmax = naive.max_pool2d(x, cfg["k"], cfg["stride"], cfg["padding"], cfg["dilation"], cfg["ceil_mode"])
    assert fast.shape == slow.shape
    np.testing.assert_array_equal(fast, slow)
    inside = argmax[..., 0] >= 0  # windows wholly in the padding have no arg-max
    np.testing.assert_array_equal(idx[inside], (argmax[..., 0] * cfg["size"][1] + argmax[..., 1])[inside])
    assert np.all(idx[~inside] == -1) and np.all(np.isneginf(fast[~inside]))


@pytest.mark.parametrize("cfg", POOL_CONFIGS)
def test_avg_pool2d_matches_naive(cfg):
    x = np.random.default_rng(4).standard_normal((2, cfg["c"]) + cfg["size"])
    args = (cfg["k"], cfg["stride"], cfg["padding"], cfg["ceil_mode"], cfg["count_include_pad"])
    if any(cfg["k"][a] > cfg["size"][a] + 2 * cfg["padding"][a] for a in range(2)):
        pytest.fail("config generator produced an invalid window")  # pragma: no cover
    fast = F.avg_pool2d(x, *args)
    slow, _ = naive.avg_pool2d(x, *args)
    assert fast.shape == slow.shape
    np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)


def test_max_pool_ties_go_to_first_maximum_like_torch():
    x = np.ones((1, 1, 2, 2))
    _, idx = F.max_pool2d(x, 2, return_indices=True)
    assert idx[0, 0, 0, 0] == 0
    dx = F.max_pool2d_backward(np.array([[[[5.0]]]]), x, 2)
    np.testing.assert_array_equal(dx[0, 0], [[5, 0], [0, 0]])


def test_avg_pool_ceil_mode_divisor_known_values():
    # 5x5 input, window 2, stride 2, ceil_mode: last row/column windows cover one input row/col
    x = np.arange(25, dtype=float).reshape(1, 1, 5, 5)
    out = F.avg_pool2d(x, 2, 2, ceil_mode=True)
    assert out.shape == (1, 1, 3, 3)
    assert out[0, 0, 2, 2] == 24.0  # window holds only x[4, 4]; divisor 1
    assert out[0, 0, 0, 2] == (4 + 9) / 2
    # padding 1, count_include_pad=True: the corner window is 1 real value over 4 cells
    padded = F.avg_pool2d(x, 2, 2, padding=1, count_include_pad=True)
    assert padded[0, 0, 0, 0] == 0 / 4 and padded[0, 0, 0, 1] == (1 + 2) / 4
    excluded = F.avg_pool2d(x, 2, 2, padding=1, count_include_pad=False)
    assert excluded[0, 0, 0, 1] == (1 + 2) / 2


def test_dtype_is_preserved():
    x = np.random.default_rng(0).standard_normal((2, 3, 8, 8)).astype(np.float32)
    w = np.random.default_rng(1).standard_normal((4, 3, 3, 3)).astype(np.float32)
    assert F.conv2d(x, w).dtype == np.float32
    assert F.conv2d(x.astype(np.float64), w.astype(np.float64)).dtype == np.float64
    assert F.max_pool2d(x, 2).dtype == np.float32
    assert F.avg_pool2d(x, 2).dtype == np.float32
    assert F.conv_transpose2d(x, w.transpose(1, 0, 2, 3).copy()).dtype == np.float32
    dx, dw, db = F.conv2d_backward(np.ones((2, 4, 6, 6), np.float32), x, w, np.zeros(4, np.float32))
    assert dx.dtype == dw.dtype == db.dtype == np.float32


def test_depthwise_conv_is_per_channel():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((1, 3, 6, 6))
    w = rng.standard_normal((3, 1, 3, 3))
    out = F.conv2d(x, w, groups=3, padding=1)
    for c in range(3):
        np.testing.assert_allclose(out[:, c:c + 1], F.conv2d(x[:, c:c + 1], w[c:c + 1], padding=1))


def test_conv_transpose_is_adjoint_of_conv():
    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 3, 9, 7))
    w = rng.standard_normal((4, 3, 3, 2))
    y = rng.standard_normal(F.conv2d(x, w, stride=2, padding=1, dilation=(1, 2)).shape)
    lhs = (F.conv2d(x, w, stride=2, padding=1, dilation=(1, 2)) * y).sum()
    back = F.conv_transpose2d(y, w, stride=2, padding=1, dilation=(1, 2))
    rhs = (back * x).sum()
    assert math.isclose(lhs, rhs, rel_tol=1e-10)
    assert back.shape[2:] == (9, 7)


# ---------------------------------------------------------------------------------------------
# gradients against central differences (float64)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cfg", CONV_CONFIGS[:25])
def test_conv2d_gradients(cfg):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((cfg["n"], cfg["c_in"]) + cfg["size"])
    w = rng.standard_normal((cfg["c_out"], cfg["c_in"] // cfg["groups"]) + cfg["k"])
    b = rng.standard_normal(cfg["c_out"])
    args = (cfg["stride"], cfg["padding"], cfg["dilation"], cfg["groups"])
    r = rng.standard_normal(F.conv2d(x, w, b, *args).shape)

    def loss():
        return float((F.conv2d(x, w, b, *args) * r).sum())

    dx, dw, db = F.conv2d_backward(r, x, w, b, *args)
    assert_grad_close(dx, numerical_grad(loss, x))
    assert_grad_close(dw, numerical_grad(loss, w))
    assert_grad_close(db, numerical_grad(loss, b))


@pytest.mark.parametrize("cfg", TRANSPOSE_CONFIGS[:20])
def test_conv_transpose2d_gradients(cfg):
    rng = np.random.default_rng(8)
    x = rng.standard_normal((cfg["n"], cfg["c_in"]) + cfg["size"])
    w = rng.standard_normal((cfg["c_in"], cfg["c_out"] // cfg["groups"]) + cfg["k"])
    b = rng.standard_normal(cfg["c_out"])
    args = (cfg["stride"], cfg["padding"], cfg["output_padding"], cfg["groups"], cfg["dilation"])
    r = rng.standard_normal(F.conv_transpose2d(x, w, b, *args).shape)

    def loss():
        return float((F.conv_transpose2d(x, w, b, *args) * r).sum())

    dx, dw, db = F.conv_transpose2d_backward(r, x, w, b, *args)
    assert_grad_close(dx, numerical_grad(loss, x))
    assert_grad_close(dw, numerical_grad(loss, w))
    assert_grad_close(db, numerical_grad(loss, b))


@pytest.mark.parametrize("cfg", POOL_CONFIGS[:25])
def test_pool_gradients(cfg):
    rng = np.random.default_rng(9)
    # distinct, well-separated values so no central difference crosses a max-pool tie
    x = rng.permutation(np.prod((1, cfg["c"]) + cfg["size"])).reshape((1, cfg["c"]) + cfg["size"]).astype(float)
    margs = (cfg["k"], cfg["stride"], cfg["padding"], cfg["dilation"], cfg["ceil_mode"])
    aargs = (cfg["k"], cfg["stride"], cfg["padding"], cfg["ceil_mode"], cfg["count_include_pad"])
    r = rng.standard_normal(F.max_pool2d(x, *margs).shape)
    assert_grad_close(F.max_pool2d_backward(r, x, *margs),
                      numerical_grad(lambda: float((F.max_pool2d(x, *margs) * r).sum()), x, eps=1e-3))
    r = rng.standard_normal(F.avg_pool2d(x, *aargs).shape)
    assert_grad_close(F.avg_pool2d_backward(r, x, *aargs),
                      numerical_grad(lambda: float((F.avg_pool2d(x, *aargs) * r).sum()), x))


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax"])
def test_activation_gradients(name):
    rng = np.random.default_rng(10)
    x = rng.standard_normal((3, 5)) * 3
    x[np.abs(x) < 1e-3] = 0.5  # keep away from ReLU's kink
    r = rng.standard_normal(x.shape)
    forward, backward = getattr(F, name), getattr(F, name + "_backward")
    assert_grad_close(backward(r, x), numerical_grad(lambda: float((forward(x) * r).sum()), x))


def test_linear_and_cross_entropy_gradients():
    rng = np.random.default_rng(11)
    x, w, b = rng.standard_normal((4, 6)), rng.standard_normal((3, 6)), rng.standard_normal(3)
    target = np.array([0, 2, 1, 2])

    def loss():
        return F.cross_entropy(F.linear(x, w, b), target)[0]

    value, dlogits = F.cross_entropy(F.linear(x, w, b), target)
    assert math.isclose(value, naive.cross_entropy(F.linear(x, w, b), target), rel_tol=1e-12)
    dx, dw, db = F.linear_backward(dlogits, x, w, b)
    assert_grad_close(dx, numerical_grad(loss, x))
    assert_grad_close(dw, numerical_grad(loss, w))
    assert_grad_close(db, numerical_grad(loss, b))


def test_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0]])
    loss, grad = F.cross_entropy(logits, np.array([0, 2]))
    assert np.isfinite(loss) and np.all(np.isfinite(grad))
    assert math.isclose(loss, 1000.0 / 2, rel_tol=1e-12)  # second sample: -log softmax = 1000


def test_mse_loss_gradient():
    rng = np.random.default_rng(12)
    pred, target = rng.standard_normal(5), rng.standard_normal(5)
    value, grad = F.mse_loss(pred, target)
    assert math.isclose(value, float(((pred - target) ** 2).mean()))
    assert_grad_close(grad, numerical_grad(lambda: F.mse_loss(pred, target)[0], pred))


# ---------------------------------------------------------------------------------------------
# invalid configurations: ValueError saying what to change
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), dilation=3), "kernel span 7 exceeds padded input 5"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=0), "stride must be ≥ 1"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=-2), "stride must be ≥ 1"),
    (lambda: F.conv2d(np.zeros((1, 3, 5, 5)), np.zeros((2, 1, 3, 3)), groups=2), "not divisible by groups"),
    (lambda: F.conv2d(np.zeros((1, 3, 5, 5)), np.zeros((2, 2, 3, 3))), "input channels"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5), int), np.zeros((1, 1, 3, 3))), "float32 or float64"),
    (lambda: F.conv2d(np.zeros((5, 5)), np.zeros((1, 1, 3, 3))), "4 dimensions"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), padding="same", stride=2), "stride 1"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), padding="half"), "padding must be"),
    (lambda: F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), np.zeros(2)), "bias has 2 entries"),
    (lambda: F.conv_transpose2d(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 3, 3)), stride=2, output_padding=2),
     "output_padding 2 must be smaller than stride 2 or dilation 1"),
    (lambda: F.conv_transpose2d(np.zeros((1, 1, 1, 1)), np.zeros((1, 1, 1, 1)), padding=1), "cuts away everything"),
    (lambda: F.max_pool2d(np.zeros((1, 1, 4, 4)), 2, padding=2), "at most half"),
    (lambda: F.max_pool2d(np.zeros((1, 1, 2, 2)), 3), "exceeds padded input"),
    (lambda: F.avg_pool2d(np.zeros((1, 1, 4, 4)), 2, stride=0), "stride must be ≥ 1"),
    (lambda: F.cross_entropy(np.zeros((2, 3)), np.array([0, 3])), "target values"),
])
def test_invalid_configurations_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_errors_carry_a_key_and_fields_translated_at_the_edge():
    from cnnviz.errors import CnnvizError
    from cnnviz.i18n import message

    with pytest.raises(CnnvizError) as info:
        F.conv2d(np.zeros((5, 5)), np.zeros((1, 1, 3, 3)))
    assert info.value.key == "nn.ndim" and info.value.fields["shape"] == (5, 5)
    assert message(info.value, "zh") == "x 必须是 4 维数组 (N, C_in, H, W)，实际形状为 (5, 5)"
    with pytest.raises(CnnvizError) as info:
        F.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), dilation=3)
    assert info.value.key == "shapes.kernel_span" and message(info.value, "zh").startswith("卷积核覆盖范围 7")

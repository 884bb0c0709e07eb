"""cnnviz.lessons.activations: GELU, activations by name, temperature softmax, maxout, saturation, feature maps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cnnviz import images
from cnnviz.i18n import message
from cnnviz.lessons import activations as A
from cnnviz.nn import functional as F


def numerical_derivative(fn, x, eps=1e-6):
    return (fn(x + eps) - fn(x - eps)) / (2 * eps)


# --------------------------------------------------------------------------------------------
# GELU
# --------------------------------------------------------------------------------------------

def test_gelu_known_values_exact_and_tanh():
    x = np.array([-1.0, 0.0, 1.0, 2.0])
    # x * Phi(x): Phi(1) = 0.841344746..., Phi(2) = 0.977249868...
    np.testing.assert_allclose(F.gelu(x), [-0.15865525393145707, 0.0, 0.8413447460685429, 1.9544997361036416],
                               rtol=1e-12)
    np.testing.assert_allclose(F.gelu(x, approximate="tanh"),
                               [-0.15880800939172324, 0.0, 0.8411919906082768, 1.9545976940871754], rtol=1e-12)


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_gelu_backward_matches_numerical_gradient(approximate):
    x = np.linspace(-4.0, 4.0, 41)
    expected = numerical_derivative(lambda v: F.gelu(v, approximate), x)
    np.testing.assert_allclose(F.gelu_backward(np.ones_like(x), x, approximate), expected, atol=1e-8)
    dout = np.random.default_rng(0).normal(size=x.shape)
    np.testing.assert_allclose(F.gelu_backward(dout, x, approximate), dout * expected, atol=1e-8)


def test_gelu_keeps_float32_and_rejects_bad_mode():
    assert F.gelu(np.ones(3, dtype=np.float32)).dtype == np.float32
    with pytest.raises(ValueError, match="approximate"):
        F.gelu(np.ones(2), approximate="fast")


# --------------------------------------------------------------------------------------------
# activations by name
# --------------------------------------------------------------------------------------------

def test_activate_uses_the_functional_definitions():
    x = np.linspace(-5, 5, 21)
    np.testing.assert_array_equal(A.activate("relu", x), F.relu(x))
    np.testing.assert_array_equal(A.activate("leaky_relu", x, 0.2), F.leaky_relu(x, 0.2))
    np.testing.assert_array_equal(A.activate("sigmoid", x), F.sigmoid(x))
    np.testing.assert_array_equal(A.activate("tanh", x), F.tanh(x))
    np.testing.assert_array_equal(A.activate("gelu", x), F.gelu(x))


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "sigmoid", "tanh", "gelu"])
def test_derivative_matches_numerical_gradient_away_from_kinks(name):
    x = np.array([-3.7, -1.2, -0.3, 0.4, 1.1, 2.9])
    expected = numerical_derivative(lambda v: A.activate(name, v, 0.1), x)
    np.testing.assert_allclose(A.derivative(name, x, 0.1), expected, atol=1e-7)


def test_derivative_conventions_and_peaks():
    assert A.derivative("relu", np.array([0.0]))[0] == 0.0  # PyTorch's convention at 0
    assert A.derivative("leaky_relu", np.array([-2.0]), 0.3)[0] == pytest.approx(0.3)
    assert A.derivative("sigmoid", np.array([0.0]))[0] == pytest.approx(0.25)
    assert A.PEAK_DERIVATIVE["sigmoid"] == 0.25
    assert A.PEAK_DERIVATIVE["gelu"] == pytest.approx(1.12890, abs=1e-4)
    grid = np.linspace(-8, 8, 3201)
    for name in A.ACTIVATIONS:
        assert A.derivative(name, grid).max() <= A.PEAK_DERIVATIVE[name] + 1e-9


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="activation must be one of"):
        A.activate("swish", np.zeros(2))


# --------------------------------------------------------------------------------------------
# softmax with temperature
# --------------------------------------------------------------------------------------------

def test_softmax_course_example():
    np.testing.assert_allclose(A.softmax_with_temperature([3, 1, -3]), [0.8789, 0.1189, 0.0022], atol=5e-5)


def test_temperature_divides_the_logits():
    np.testing.assert_allclose(A.softmax_with_temperature([3.0, 1.0, -3.0], 2.0),
                               F.softmax(np.array([1.5, 0.5, -1.5])))
    sharp = A.softmax_with_temperature([3.0, 1.0, -3.0], 0.1)
    flat = A.softmax_with_temperature([3.0, 1.0, -3.0], 100.0)
    assert sharp[0] > 0.9999 and np.ptp(flat) < 0.03
    assert A.softmax_with_temperature([[1.0, 2.0], [5.0, 5.0]]).sum(axis=-1) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize("temperature", [0, -1.0, float("inf"), float("nan"), True])
def test_bad_temperature(temperature):
    with pytest.raises(ValueError, match="temperature"):
        A.softmax_with_temperature([1.0, 2.0], temperature)


# --------------------------------------------------------------------------------------------
# maxout
# --------------------------------------------------------------------------------------------

def test_maxout_presets_reproduce_relu_and_abs():
    x = np.linspace(-3, 3, 13)[:, None]
    w, b = A.maxout_preset("relu")
    out, winner = F.maxout(x, w, b)
    np.testing.assert_allclose(out[:, 0], F.relu(x[:, 0]))
    assert winner.shape == (13, 1) and winner[-1, 0] == 1 and winner[0, 0] == 0
    w, b = A.maxout_preset("abs")
    np.testing.assert_allclose(F.maxout(x, w, b)[0][:, 0], np.abs(x[:, 0]))


def test_convex_preset_is_tangent_to_the_parabola():
    w, b = A.maxout_preset("convex", 4)
    points = w[0, :, 0]
    np.testing.assert_allclose(points, [-3, -1, 1, 3])
    x = np.linspace(-4, 4, 81)[:, None]
    out = F.maxout(x, w, b)[0][:, 0]
    assert np.all(out <= x[:, 0] ** 2 / 2 + 1e-12)
    np.testing.assert_allclose(F.maxout(points[:, None], w, b)[0][:, 0], points**2 / 2)


def test_random_preset_is_seeded():
    a = A.maxout_preset("random", 3, rng=np.random.default_rng(5))
    b = A.maxout_preset("random", 3, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a[0], b[0])
    assert a[0].shape == (1, 3, 1) and a[1].shape == (1, 3)
    with pytest.raises(ValueError, match="rng"):
        A.maxout_preset("random", 3)


def test_maxout_backward_matches_numerical_gradients():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(5, 3))
    w = rng.normal(size=(2, 4, 3))
    b = rng.normal(size=(2, 4))
    dout = rng.normal(size=(5, 2))
    dx, dw, db = F.maxout_backward(dout, x, w, b)

    def loss(x_, w_, b_):
        return float((F.maxout(x_, w_, b_)[0] * dout).sum())

    eps = 1e-6
    for array, grad in ((x, dx), (w, dw), (b, db)):
        numeric = np.zeros_like(array)
        for index in np.ndindex(*array.shape):
            old = array[index]
            array[index] = old + eps
            up = loss(x, w, b)
            array[index] = old - eps
            down = loss(x, w, b)
            array[index] = old
            numeric[index] = (up - down) / (2 * eps)
        np.testing.assert_allclose(grad, numeric, atol=1e-6)


def test_maxout_shape_errors():
    with pytest.raises(ValueError, match="in_features"):
        F.maxout(np.zeros((2, 3)), np.zeros((1, 2, 4)), np.zeros((1, 2)))
    with pytest.raises(ValueError, match="bias"):
        F.maxout(np.zeros((2, 3)), np.zeros((1, 2, 3)), np.zeros((2,)))


# --------------------------------------------------------------------------------------------
# typed logits
# --------------------------------------------------------------------------------------------

def test_parse_logits_reads_commas_spaces_and_unicode_minus():
    np.testing.assert_array_equal(A.parse_logits("3, 1, -3"), [3, 1, -3])
    np.testing.assert_array_equal(A.parse_logits(" 0.5 ;2  −1 "), [0.5, 2, -1])


@pytest.mark.parametrize("text, key", [
    ("3, one, 2", "activations.logits.not_number"),
    ("5", "activations.logits.count"),
    ("", "activations.logits.count"),
    ("1, 2, 1000", "activations.logits.too_large"),
    ("1, nan", "activations.logits.too_large"),
])
def test_parse_logits_errors_are_translatable(text, key):
    with pytest.raises(A.LogitsError) as info:
        A.parse_logits(text)
    assert info.value.key == key
    assert message(info.value, "zh") != message(info.value, "en")


# --------------------------------------------------------------------------------------------
# saturation and feature maps
# --------------------------------------------------------------------------------------------

def test_saturation_stats_counts_the_flat_region():
    stats = A.saturation_stats("sigmoid", np.array([0.0, 10.0, -10.0, 1.0]))
    assert stats.count == 4
    assert stats.flat_fraction == pytest.approx(0.5)
    assert stats.peak == 0.25
    # sigmoid' < 5% of 1/4 exactly when |u| > ~4.37
    assert A.saturation_stats("sigmoid", np.array([4.3])).flat_fraction == 0.0
    assert A.saturation_stats("sigmoid", np.array([4.5])).flat_fraction == 1.0
    assert A.saturation_stats("relu", np.array([-1.0, 2.0])).flat_fraction == 0.5


def test_raw_pixels_saturate_sigmoid_but_standardised_ones_do_not():
    image = images.resize_to(images.load_sample_image("camera", "L"), 64, resample="box")
    raw = A.random_preactivations(image, "raw", rng=np.random.default_rng(0))
    standard = A.random_preactivations(image, "standard", rng=np.random.default_rng(0))
    assert raw.shape == (8, 62, 62)
    assert A.saturation_stats("sigmoid", raw).flat_fraction > 0.9
    assert A.saturation_stats("sigmoid", standard).flat_fraction < 0.05
    assert A.saturation_stats("sigmoid", standard).mean_derivative > 50 * A.saturation_stats("sigmoid", raw).mean_derivative


def test_scale_pixels():
    x = np.array([[0.0, 0.5], [1.0, 0.5]])
    np.testing.assert_allclose(A.scale_pixels(x, "raw"), 255 * x)
    np.testing.assert_allclose(A.scale_pixels(x, "unit"), x)
    standard = A.scale_pixels(x, "standard")
    assert standard.mean() == pytest.approx(0.0) and standard.std() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="scale"):
        A.scale_pixels(x, "percent")


def test_edge_feature_map_is_a_sobel_cross_correlation():
    step = np.array([[0, 0, 1, 1]] * 3, dtype=float)
    np.testing.assert_allclose(A.edge_feature_map(step, "x"), [[4.0, 4.0]])
    np.testing.assert_allclose(A.edge_feature_map(step.T, "y"), [[4.0], [4.0]])
    np.testing.assert_allclose(A.edge_feature_map(step, "y"), [[0.0, 0.0]])
    with pytest.raises(ValueError, match="3 × 3"):
        A.edge_feature_map(np.zeros((2, 5)))


def test_course_sigmoid_neuron_exercise():
    p = np.array([0.7656, 0.7344, 0.9609, 0.9961, 0.9141, 0.9063, 0.0977, 0.0938, 0.0859])
    w1 = np.array([0.2112, 0.1540, -0.0687, -0.0289, 0.0720, -0.1666, 0.2938, -0.0169, -0.1127])
    u = float(F.linear(p[None], w1[None], np.array([-0.1441]))[0, 0])
    a1 = float(A.activate("sigmoid", np.array([u]))[0])
    assert round(a1, 2) == 0.49
    assert A.derivative("sigmoid", np.array([u]))[0] == pytest.approx(a1 * (1 - a1))
    assert math.isclose(a1, 1 / (1 + math.exp(-u)))

"""Explanation methods against direct computations, and the shipped pretrained model."""


import numpy as np
import pytest

from cnnviz import explain, images
from cnnviz.assets import asset_path
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn.gradcheck import assert_grad_close, numerical_grad
from cnnviz.train import datasets
from cnnviz.train.model_file import load_model_bytes

PRETRAINED = asset_path("lenet5_mnist.npz")


def small_net(rng):
    return L.Sequential(
        L.Conv2d(1, 3, 3, padding=1, rng=rng, dtype=np.float64), L.Tanh(), L.MaxPool2d(2),
        L.Conv2d(3, 4, 3, rng=rng, dtype=np.float64), L.ReLU(),
        L.Flatten(), L.Linear(4 * 2 * 2, 5, rng=rng, dtype=np.float64),
    )


@pytest.fixture
def net_and_input():
    rng = np.random.default_rng(0)
    return small_net(rng), rng.random((1, 1, 8, 8))


@pytest.mark.parametrize("score", ["logit", "prob"])
def test_input_gradient_equals_numerical_gradient(net_and_input, score):
    model, x = net_and_input
    target = 2

    def value():
        logits = model.forward(x)
        return float(logits[0, target] if score == "logit" else F.softmax(logits, dim=1)[0, target])

    grad = explain.input_gradient(model, x, target, score)
    assert_grad_close(grad, numerical_grad(value, x))
    np.testing.assert_allclose(explain.saliency(model, x, target, score), np.abs(grad[0]).max(axis=0))


def test_occlusion_equals_direct_loop(net_and_input):
    model, x = net_and_input
    drops, heatmap, base = explain.occlusion(model, x, 1, patch=3, stride=2, fill=0.0, batch_size=4)
    assert drops.shape == (3, 3) and heatmap.shape == (8, 8)
    assert base == pytest.approx(F.softmax(model.forward(x), dim=1)[0, 1])
    for i, r in enumerate(range(0, 6, 2)):
        for j, c in enumerate(range(0, 6, 2)):
            occluded = x.copy()
            occluded[0, 0, r:r + 3, c:c + 3] = 0.0
            expected = base - F.softmax(model.forward(occluded), dim=1)[0, 1]
            assert drops[i, j] == pytest.approx(expected, abs=1e-12)
    # pixel (0, 0) is covered only by the first patch
    assert heatmap[0, 0] == pytest.approx(drops[0, 0])


def test_grad_cam_weights_are_spatially_averaged_gradients(net_and_input):
    model, x = net_and_input
    index = explain.last_conv_index(model)
    assert index == 4  # the ReLU after the last conv
    cam, weights, maps, coarse = explain.grad_cam(model, x, 3)
    _, outputs = model.forward(x, record=True)
    feature = outputs[index].copy()

    def score_from_feature():
        out = feature
        for layer in model.layers[index + 1:]:
            out = layer.forward(out)
        return float(out[0, 3])

    numeric = numerical_grad(score_from_feature, feature)[0]
    np.testing.assert_allclose(weights, numeric.mean(axis=(1, 2)), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(coarse, np.maximum((weights[:, None, None] * maps).sum(0), 0))
    assert cam.shape == (8, 8) and cam.min() >= 0 and cam.max() <= 1


def test_upsample_bilinear_matches_known_values():
    out = explain.upsample_bilinear(np.array([[0.0, 1.0], [2.0, 3.0]]), (4, 4))
    np.testing.assert_allclose(out[0], [0, 0.25, 0.75, 1])
    np.testing.assert_allclose(out[:, 0], [0, 0.5, 1.5, 2])


def test_smoothgrad_is_deterministic_and_averages(net_and_input):
    model, x = net_and_input
    a = explain.smoothgrad(model, x, 0, samples=8, rng=np.random.default_rng(1))
    b = explain.smoothgrad(model, x, 0, samples=8, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(a, b)
    one = explain.smoothgrad(model, x, 0, samples=1, noise=0.0)
    np.testing.assert_allclose(one, explain.saliency(model, x, 0))


def test_activation_maximization_raises_the_activation(net_and_input):
    model, _ = net_and_input
    trace = list(explain.activation_maximization(model, 1, 0, shape=(1, 1, 8, 8), steps=30, lr=0.05,
                                                 snapshot_every=10))  # a tanh feature map
    assert [step for step, _, _ in trace] == [10, 20, 30]
    assert trace[-1][2] > trace[0][2]
    assert trace[-1][1].shape == (8, 8)
    logits = list(explain.activation_maximization(model, -1, 2, shape=(1, 1, 8, 8), steps=20, snapshot_every=1))
    assert logits[-1][2] > logits[0][2]  # a class logit


def test_randomized_copy_changes_weights_but_not_the_original(net_and_input):
    model, x = net_and_input
    before = model.state_dict()
    clone = explain.randomized_copy(model, np.random.default_rng(5), from_layer=3)
    np.testing.assert_array_equal(clone[0].params["weight"], before["0.weight"])
    assert not np.allclose(clone[3].params["weight"], before["3.weight"])
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(value, before[name])


def test_bad_arguments_are_explained(net_and_input):
    model, x = net_and_input
    with pytest.raises(ValueError, match="target class"):
        explain.saliency(model, x, 9)
    with pytest.raises(ValueError, match="one input"):
        explain.saliency(model, x[0], 0)
    with pytest.raises(ValueError, match="patch"):
        explain.occlusion(model, x, 0, patch=20)


@pytest.mark.parametrize(("call", "key", "en", "zh"), [
    (lambda model, x: explain.saliency(model, x, 9), "explain.target", "target class must lie in [0, 5), got 9",
     "目标类别必须在 [0, 5) 之间，实际是 9"),
    (lambda model, x: explain.occlusion(model, x, 0, patch=20), "explain.patch", "patch must lie in [1, 8], got 20",
     "遮挡块大小（`patch`）必须在 [1, 8] 之间，实际是 20"),
    (lambda model, x: explain.occlusion(model, x, 0, stride=0), "explain.stride", "stride must be ≥ 1, got 0",
     "步长（`stride`）必须 ≥ 1，实际是 0"),
    (lambda model, x: explain.input_gradient(model, x, 0, score="odds"), "explain.score",
     "score must be 'logit' or 'prob', got 'odds'", "`score` 必须是 `'logit'` 或 `'prob'`，实际是 'odds'"),
    (lambda model, x: explain.grad_cam(L.Sequential(L.Flatten(), L.Linear(64, 3)), x, 0), "explain.gradcam_conv",
     "Grad-CAM needs a network with a convolution layer", "Grad-CAM 需要含有卷积层的网络"),
])
def test_explanation_errors_carry_a_key_and_read_in_both_languages(net_and_input, call, key, en, zh):
    from cnnviz.errors import CnnvizError
    from cnnviz.i18n import message

    with pytest.raises(CnnvizError) as caught:
        call(*net_and_input)
    assert isinstance(caught.value, ValueError) and caught.value.key == key
    assert str(caught.value) == message(caught.value, "en") == en
    assert message(caught.value, "zh") == zh


# ---------------------------------------------------------------------------------------------
# the shipped pretrained LeNet-5
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pretrained():
    model, config = load_model_bytes(PRETRAINED.read_bytes())
    return model, config


def test_pretrained_model_reaches_96_percent_on_held_out_split(pretrained):
    model, config = pretrained
    assert config.model == "lenet5" and model.parameter_count() == 61_706
    x, y = datasets.load_mnist("test")
    accuracy = float((model.forward(x).argmax(axis=1) == y).mean())
    assert accuracy >= 0.96, accuracy


def test_drawn_digits_are_preprocessed_and_recognised(pretrained):
    """A held-out digit 'drawn' big, dark-on-white like a canvas, comes back as its own class."""
    model, _ = pretrained
    x, y = datasets.load_mnist("test")
    correct = 0
    for i in range(20):
        digit = x[i, 0]
        big = np.kron(digit, np.ones((8, 8)))  # 224×224, as a canvas would give
        canvas = 1.0 - big  # dark ink on white paper
        steps = images.preprocess_digit(canvas)
        correct += int(model.forward(steps.final.astype(np.float32)).argmax() == y[i])
    assert correct >= 18

"""Guided backpropagation: the ReLU rule by hand, nested ReLUs, and the model left as it was."""

import numpy as np

from cnnviz import explain
from cnnviz.nn import layers as L


def test_guided_gradient_by_hand_on_a_two_layer_network():
    rng = np.random.default_rng(0)
    model = L.Sequential(L.Linear(4, 3, rng=rng, dtype=np.float64), L.ReLU(), L.Linear(3, 2, rng=rng, dtype=np.float64))
    model[0].params["bias"][:] = [0.5, -0.2, 0.1]
    x = rng.standard_normal((1, 4))
    w1, w2 = model[0].params["weight"], model[2].params["weight"]
    active = (x @ w1.T + model[0].params["bias"] > 0)[0]
    expected = w1.T @ (active * np.maximum(w2[1], 0))  # only positive gradients, only through active units
    np.testing.assert_allclose(explain.guided_gradient(model, x, 1)[0], expected, rtol=1e-12)
    plain = w1.T @ (active * w2[1])
    np.testing.assert_allclose(explain.input_gradient(model, x, 1)[0], plain, rtol=1e-12)  # ReLUs restored
    assert all("backward" not in vars(layer) for layer in model)


def test_guided_backprop_reaches_relus_inside_residual_blocks():
    rng = np.random.default_rng(1)
    body = L.Sequential(L.Conv2d(2, 2, 3, padding=1, rng=rng, dtype=np.float64), L.ReLU(),
                        L.Conv2d(2, 2, 3, padding=1, rng=rng, dtype=np.float64))
    model = L.Sequential(L.Conv2d(1, 2, 3, padding=1, rng=rng, dtype=np.float64), L.ReLU(),
                         L.Residual(body, None, L.ReLU()), L.Flatten(), L.Linear(2 * 6 * 6, 3, rng=rng, dtype=np.float64))
    x = rng.standard_normal((1, 1, 6, 6))
    calls = []
    inner = body[1]
    original = type(inner).backward

    def spy(self, dout):
        calls.append(float(dout.min()))
        return original(self, dout)

    try:
        type(inner).backward = spy
        explain.input_gradient(model, x, 0)
        assert min(calls) < 0  # plain backprop sends negative gradients into the inner ReLU
    finally:
        type(inner).backward = original
    guided = explain.guided_backprop(model, x, 0)
    saliency = explain.saliency(model, x, 0)
    assert guided.shape == saliency.shape == (6, 6) and np.all(guided >= 0)
    assert not np.allclose(guided, saliency)


def test_inside_details_guided_backprop_beside_saliency(app_test):
    from cnnviz.i18n import t

    at = app_test("inside", query={"inside.method": "guided"})
    assert not at.exception
    assert at.radio(key="inside.method").value == "guided"
    assert t("inside.limits.guided", "en") in [c.value for c in at.caption]
    assert t("inside.guided_note", "en") in [c.value for c in at.caption]

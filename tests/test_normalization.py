"""BatchNorm1d/2d, Dropout, Residual and train()/eval(): loop references, numerical gradients
(float64), running statistics over several steps, modes, and saving the buffers."""

import numpy as np
import pytest

from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn import naive
from cnnviz.nn.gradcheck import assert_grad_close, numerical_grad


@pytest.mark.parametrize("shape", [(4, 3), (3, 2, 5), (2, 3, 4, 5)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_matches_loop_reference(shape, training):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape) * 3 + 1
    c = shape[1]
    mean, var = rng.standard_normal(c), rng.uniform(0.5, 2, c)
    weight, bias = rng.standard_normal(c), rng.standard_normal(c)
    expected, expected_mean, expected_var = naive.batch_norm(x, mean, var, weight, bias, training, 0.1, 1e-5)
    running_mean, running_var = mean.copy(), var.copy()
    out = F.batch_norm(x, running_mean, running_var, weight, bias, training, 0.1, 1e-5)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(running_mean, expected_mean, rtol=1e-12)  # updated in place, as in torch
    np.testing.assert_allclose(running_var, expected_var, rtol=1e-12)
    if not training:
        np.testing.assert_array_equal(running_mean, mean)


def test_batch_norm_known_values():
    # one channel holding 1, 2, 3, 4: mean 2.5, biased var 1.25, unbiased var 5/3
    x = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    running_mean, running_var = np.zeros(1), np.ones(1)
    out = F.batch_norm(x, running_mean, running_var, training=True, momentum=0.1, eps=0.0 + 1e-12)
    np.testing.assert_allclose(out.ravel(), (np.array([1, 2, 3, 4]) - 2.5) / np.sqrt(1.25), rtol=1e-9)
    np.testing.assert_allclose(running_mean, [0.25])  # 0.9·0 + 0.1·2.5
    np.testing.assert_allclose(running_var, [0.9 + 0.1 * 5 / 3])  # the unbiased estimate


@pytest.mark.parametrize("layer_cls,shape", [(L.BatchNorm2d, (3, 2, 3, 4)), (L.BatchNorm1d, (5, 3)),
                                             (L.BatchNorm1d, (2, 3, 4))])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradients_match_numerical(layer_cls, shape, training):
    rng = np.random.default_rng(1)
    layer = layer_cls(shape[1], dtype=np.float64)
    layer.params["weight"][:] = rng.standard_normal(shape[1])
    layer.params["bias"][:] = rng.standard_normal(shape[1])
    layer.buffers["running_mean"][:] = rng.standard_normal(shape[1])
    layer.buffers["running_var"][:] = rng.uniform(0.5, 2, shape[1])
    layer.train(training)
    x = rng.standard_normal(shape)
    r = rng.standard_normal(shape)  # loss = sum(out · r)
    layer.forward(x)
    dx = layer.backward(r)

    def loss():
        return float((layer.forward(x) * r).sum())

    assert_grad_close(dx, numerical_grad(loss, x))
    for key in ("weight", "bias"):
        layer.forward(x)
        layer.backward(r)
        assert_grad_close(layer.grads[key], numerical_grad(loss, layer.params[key]))


def test_running_statistics_after_several_steps():
    rng = np.random.default_rng(2)
    layer = L.BatchNorm2d(3, momentum=0.2, dtype=np.float64)
    mean, var = np.zeros(3), np.ones(3)
    for _ in range(5):
        x = rng.standard_normal((4, 3, 2, 3)) * 2 + 5
        layer.forward(x)
        _, mean, var = naive.batch_norm(x, mean, var, None, None, True, 0.2, 1e-5)
    np.testing.assert_allclose(layer.buffers["running_mean"], mean, rtol=1e-12)
    np.testing.assert_allclose(layer.buffers["running_var"], var, rtol=1e-12)
    assert int(layer.buffers["num_batches_tracked"]) == 5
    assert np.all(layer.buffers["running_mean"] > 3)  # moved towards the data's mean 5
    layer.eval()
    x = rng.standard_normal((2, 3, 2, 2))
    expected = (x - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5)
    np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-10)
    assert int(layer.buffers["num_batches_tracked"]) == 5  # eval leaves the statistics alone


def test_momentum_none_is_a_cumulative_average():
    rng = np.random.default_rng(3)
    layer = L.BatchNorm1d(2, momentum=None, dtype=np.float64)
    batches = [rng.standard_normal((6, 2)) + i for i in range(3)]
    for x in batches:
        layer.forward(x)
    np.testing.assert_allclose(layer.buffers["running_mean"], np.mean([b.mean(axis=0) for b in batches], axis=0))
    np.testing.assert_allclose(layer.buffers["running_var"], np.mean([b.var(axis=0, ddof=1) for b in batches], axis=0))


def test_batch_norm_errors_name_the_fix():
    with pytest.raises(ValueError, match="num_features must equal"):
        L.BatchNorm2d(3).forward(np.zeros((2, 4, 3, 3), np.float32))
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        L.BatchNorm2d(3).forward(np.zeros((2, 3), np.float32))
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        L.BatchNorm1d(3).forward(np.zeros((1, 3), np.float32))
    np.testing.assert_array_equal(L.BatchNorm1d(3).eval().forward(np.ones((1, 3), np.float32)).shape, (1, 3))
    with pytest.raises(ValueError, match="momentum"):
        L.BatchNorm2d(3, momentum=2)


def test_dropout_matches_loop_reference_and_its_mask():
    rng = np.random.default_rng(4)
    layer = L.Dropout(0.3, rng=np.random.default_rng(5))
    x = rng.standard_normal((3, 4, 5))
    out = layer.forward(x)
    keep = np.random.default_rng(5).random(x.shape) >= 0.3  # the same draws: the rng keyword seeds the mask
    np.testing.assert_allclose(out, naive.dropout(x, keep, 0.3), rtol=1e-12)
    dout = rng.standard_normal(x.shape)
    np.testing.assert_allclose(layer.backward(dout), naive.dropout(dout, keep, 0.3), rtol=1e-12)
    assert 0.2 < 1 - keep.mean() < 0.4
    np.testing.assert_array_equal(F.dropout(x, 0.3, training=False), x)


def _block(rng, ci, co, stride):
    body = L.Sequential(L.Conv2d(ci, co, 3, stride, 1, bias=False, rng=rng, dtype=np.float64),
                        L.BatchNorm2d(co, dtype=np.float64),
                        L.ReLU(), L.Conv2d(co, co, 3, 1, 1, rng=rng, dtype=np.float64))
    shortcut = None if ci == co and stride == 1 else L.Conv2d(ci, co, 1, stride, rng=rng, dtype=np.float64)
    return L.Residual(body, shortcut, L.Tanh())


@pytest.mark.parametrize("ci,co,stride", [(2, 2, 1), (2, 3, 2)])
def test_residual_forward_and_gradients(ci, co, stride):
    rng = np.random.default_rng(6)
    block = _block(rng, ci, co, stride)
    x = rng.standard_normal((2, ci, 5, 4))
    out = block.forward(x)
    skip = x if block.shortcut is None else block.shortcut.forward(x)
    np.testing.assert_allclose(out, np.tanh(block.body.forward(x) + skip), rtol=1e-12)
    r = rng.standard_normal(out.shape)
    block.forward(x)
    dx = block.backward(r)

    def loss():
        return float((block.forward(x) * r).sum())

    assert_grad_close(dx, numerical_grad(loss, x))
    for _name, layer, key in block.named_parameters():
        block.forward(x)
        block.backward(r)
        assert_grad_close(layer.grads[key], numerical_grad(loss, layer.params[key]))


def test_identity_skip_passes_the_gradient_unchanged():
    # a body whose output does not depend on x (all-zero weights): the whole gradient goes through the skip
    body = L.Sequential(L.Conv2d(2, 2, 3, padding=1, init="kaiming", rng=np.random.default_rng(0), dtype=np.float64))
    body[0].params["weight"][:] = 0
    block = L.Residual(body)
    x = np.random.default_rng(1).standard_normal((1, 2, 4, 4))
    block.forward(x)
    dout = np.random.default_rng(2).standard_normal(x.shape)
    np.testing.assert_array_equal(block.backward(dout), dout)


def test_residual_shape_mismatch_suggests_a_projection():
    rng = np.random.default_rng(0)
    block = L.Residual(L.Sequential(L.Conv2d(2, 4, 3, padding=1, rng=rng)))
    with pytest.raises(ValueError, match="1×1 projection shortcut Conv2d\\(2, 4, 1"):
        block.forward(np.zeros((1, 2, 5, 5), np.float32))


def test_train_and_eval_switch_every_nested_layer():
    rng = np.random.default_rng(7)
    model = L.Sequential(L.Conv2d(1, 2, 3, rng=rng), L.BatchNorm2d(2), L.ReLU(), _block(rng, 2, 2, 1),
                         L.Flatten(), L.Dropout(0.5, rng=rng), L.Linear(2 * 4 * 4, 3, rng=rng))
    assert model.eval() is model
    assert all(not layer.training for _, layer in model.named_modules())
    x = rng.standard_normal((3, 1, 6, 6)).astype(np.float32)
    np.testing.assert_array_equal(model.forward(x), model.forward(x))  # eval is deterministic
    np.testing.assert_array_equal(model[1].buffers["running_mean"], np.zeros(2))  # and leaves the buffers
    model.train()
    assert all(layer.training for _, layer in model.named_modules())
    assert not np.array_equal(model.forward(x), model.forward(x))  # dropout draws new masks
    assert int(model[3].body[1].buffers["num_batches_tracked"]) == 2


def test_state_dict_keeps_buffers_under_torch_names():
    rng = np.random.default_rng(8)
    model = L.Sequential(L.Conv2d(1, 2, 3, rng=rng), L.BatchNorm2d(2), L.ReLU(), _block(rng, 2, 2, 1))
    model.forward(rng.standard_normal((4, 1, 6, 6)).astype(np.float32))
    state = model.state_dict()
    assert list(state)[:7] == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                               "1.num_batches_tracked"]
    assert "3.body.1.running_var" in state and "3.body.0.weight" in state
    other = L.Sequential(L.Conv2d(1, 2, 3, rng=rng), L.BatchNorm2d(2), L.ReLU(), _block(rng, 2, 2, 1))
    other.load_state_dict(state)
    for name, value in other.state_dict().items():
        np.testing.assert_array_equal(value, state[name])
    assert int(other[1].buffers["num_batches_tracked"]) == 1
    with pytest.raises(ValueError, match="running_var"):
        other.load_state_dict(dict(state, **{"1.running_var": np.zeros(3)}))
    assert model.parameter_count() == 2 * 9 + 2 + 4 + 2 * 2 * 9 + 4 + 2 * 2 * 9 + 2


def test_resnet18_builds_with_batch_norm_and_skips():
    from cnnviz import architectures as A

    model = A.build_model("resnet18", rng=np.random.default_rng(0), input_shape=(3, 32, 32))
    assert model.parameter_count() == 11_689_512 == A.summarize("resnet18").total_params
    state = model.state_dict()
    assert "4.body.1.running_var" in state and "6.shortcut.1.running_mean" in state
    assert "4.shortcut.0.weight" not in state  # stage 1 keeps its shape: identity skips
    model.eval()
    out = model.forward(np.random.default_rng(1).standard_normal((2, 3, 32, 32)).astype(np.float32))
    assert out.shape == (2, 1000) and np.all(np.isfinite(out))

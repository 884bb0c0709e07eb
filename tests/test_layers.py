"""Layers: torch shapes, gradients through a whole Sequential, state dicts, optimizers."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn import shapes
from cnnviz.nn.gradcheck import assert_grad_close, numerical_grad
from cnnviz.nn.optim import SGD, Adam, make_optimizer


def tiny_cnn(rng, dtype=np.float64):
    return L.Sequential(
        L.Conv2d(2, 3, 3, padding=1, rng=rng, dtype=dtype), L.LeakyReLU(0.1),
        L.MaxPool2d(2, ceil_mode=True),
        L.Conv2d(3, 4, (2, 3), stride=(1, 2), dilation=(2, 1), groups=1, rng=rng, dtype=dtype), L.Tanh(),
        L.AvgPool2d(2, stride=1, padding=1, count_include_pad=False),
        L.ConvTranspose2d(4, 2, 2, stride=2, rng=rng, dtype=dtype), L.Sigmoid(),
        L.Flatten(), L.Linear(2 * 6 * 4, 5, rng=rng, dtype=dtype), L.ReLU(), L.Linear(5, 3, rng=rng, dtype=dtype),
    )


def test_torch_parameter_shapes_and_counts():
    rng = np.random.default_rng(0)
    conv = L.Conv2d(3, 8, (3, 5), groups=1, rng=rng)
    assert conv.params["weight"].shape == (8, 3, 3, 5) and conv.params["bias"].shape == (8,)
    assert conv.parameter_count() == 8 * 3 * 3 * 5 + 8
    grouped = L.Conv2d(4, 6, 3, groups=2, bias=False, rng=rng)
    assert grouped.params["weight"].shape == (6, 2, 3, 3) and "bias" not in grouped.params
    transposed = L.ConvTranspose2d(4, 6, 3, groups=2, rng=rng)
    assert transposed.params["weight"].shape == (4, 3, 3, 3)
    assert L.Linear(9216, 128, rng=rng).parameter_count() == 1_179_776  # the course's Keras dense layer
    assert L.Conv2d(1, 32, 3, rng=rng).parameter_count() == 320
    assert L.Conv2d(32, 64, 3, rng=rng).parameter_count() == 18_496
    assert L.Conv2d(1, 8, 5, rng=rng).parameter_count() == 208  # ConvNetJS: 8×5×5×1+8
    assert L.Conv2d(1, 6, 5, rng=rng).parameter_count() == 156  # LeNet-5 C1: (5·5+1)·6


def test_sequential_gradients_match_numerical():
    rng = np.random.default_rng(1)
    model = tiny_cnn(rng)
    x = rng.standard_normal((2, 2, 7, 8))
    target = np.array([0, 2])
    logits, outputs = model.forward(x, record=True)
    assert len(outputs) == len(model) and outputs[-1] is logits and logits.shape == (2, 3)
    loss, dlogits = F.cross_entropy(logits, target)
    dx = model.backward(dlogits)

    def loss_fn():
        return F.cross_entropy(model.forward(x), target)[0]

    assert_grad_close(dx, numerical_grad(loss_fn, x))
    for _name, layer, key in model.named_parameters():
        assert_grad_close(layer.grads[key], numerical_grad(loss_fn, layer.params[key]))


def test_backward_never_modifies_dout_or_params():
    rng = np.random.default_rng(2)
    model = tiny_cnn(rng)
    x = rng.standard_normal((2, 2, 7, 8))
    out = model.forward(x)
    dout = rng.standard_normal(out.shape)
    before_dout, before_params = dout.copy(), model.state_dict()
    model.backward(dout)
    np.testing.assert_array_equal(dout, before_dout)
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(value, before_params[name])


def test_first_layer_can_skip_input_gradient():
    rng = np.random.default_rng(3)
    model = L.Sequential(L.Conv2d(1, 2, 3, rng=rng), L.Flatten())
    out = model.forward(rng.standard_normal((1, 1, 4, 4)).astype(np.float32))
    assert model.backward(np.ones_like(out), input_grad=False) is None
    assert model[0].grads["weight"].shape == (2, 1, 3, 3)


def test_initialisation_is_seeded_and_scaled():
    a = L.Conv2d(16, 32, 3, rng=np.random.default_rng(7)).params["weight"]
    b = L.Conv2d(16, 32, 3, rng=np.random.default_rng(7)).params["weight"]
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32
    # PyTorch's default (kaiming_uniform a=√5): U(±1/√fan_in) for weight and bias, std 1/√(3·fan_in)
    bound = 1 / math.sqrt(16 * 9)
    assert np.abs(a).max() <= bound and np.abs(a).max() > 0.99 * bound
    assert math.isclose(a.std(), bound / math.sqrt(3), rel_tol=0.05)
    bias = L.Conv2d(16, 32, 3, rng=np.random.default_rng(7)).params["bias"]
    assert np.abs(bias).max() <= bound and np.abs(bias).max() > 0.5 * bound
    he = L.Conv2d(16, 32, 3, init="kaiming", rng=np.random.default_rng(7)).params["weight"]
    assert math.isclose(he.std(), math.sqrt(2 / (16 * 9)), rel_tol=0.05)  # He: var = 2 / fan_in
    glorot = L.Linear(100, 300, init="xavier", rng=np.random.default_rng(0)).params["weight"]
    assert np.abs(glorot).max() <= math.sqrt(6 / 400)
    with pytest.raises(ValueError, match="init must be"):
        L.Linear(2, 2, init="zeros")


def test_state_dict_uses_torch_names_and_validates():
    model = L.Sequential(L.Conv2d(1, 2, 3, rng=np.random.default_rng(0)), L.ReLU(), L.Flatten(),
                         L.Linear(8, 3, rng=np.random.default_rng(0)))
    state = model.state_dict()
    assert list(state) == ["0.weight", "0.bias", "3.weight", "3.bias"]
    other = L.Sequential(L.Conv2d(1, 2, 3, rng=np.random.default_rng(1)), L.ReLU(), L.Flatten(),
                         L.Linear(8, 3, rng=np.random.default_rng(1)))
    other.load_state_dict(state)
    np.testing.assert_array_equal(other[3].params["weight"], state["3.weight"])
    bad = dict(state, **{"3.weight": np.zeros((4, 8))})
    with pytest.raises(ValueError, match="3.weight has shape"):
        other.load_state_dict(bad)
    with pytest.raises(ValueError, match="missing"):
        other.load_state_dict({"0.weight": state["0.weight"]})
    with pytest.raises(ValueError, match="finite"):
        other.load_state_dict(dict(state, **{"0.bias": np.array([np.nan, 0.0])}))


def test_backward_before_forward_is_a_clear_error():
    with pytest.raises(ValueError, match="before forward"):
        L.Linear(2, 2, rng=np.random.default_rng(0)).backward(np.zeros((1, 2)))


# ---------------------------------------------------------------------------------------------
# optimizers against hand-computed updates
# ---------------------------------------------------------------------------------------------

def _one_param_model(value, grad):
    layer = L.Linear(1, 1, bias=False, rng=np.random.default_rng(0), dtype=np.float64)
    layer.params["weight"][...] = value
    layer.grads["weight"] = np.array([[grad]])
    return L.Sequential(layer)


def test_sgd_update_by_hand():
    model = _one_param_model(1.0, 0.5)
    SGD(model, lr=0.1).step()
    assert model[0].params["weight"][0, 0] == pytest.approx(1.0 - 0.1 * 0.5)


def test_sgd_momentum_and_weight_decay_by_hand():
    model = _one_param_model(1.0, 0.5)
    opt = SGD(model, lr=0.1, momentum=0.9, weight_decay=0.01)
    opt.step()  # g = 0.5 + 0.01*1 = 0.51, v = 0.51, w = 1 - 0.051 = 0.949
    assert model[0].params["weight"][0, 0] == pytest.approx(0.949)
    opt.step()  # g = 0.5 + 0.00949 = 0.50949, v = 0.9*0.51 + 0.50949 = 0.96849, w = 0.949 - 0.096849
    assert model[0].params["weight"][0, 0] == pytest.approx(0.949 - 0.096849)


def test_adam_update_by_hand():
    model = _one_param_model(1.0, 0.5)
    opt = Adam(model, lr=0.01)
    opt.step()  # m̂ = g, v̂ = g²: the first step is lr * sign(g)
    assert model[0].params["weight"][0, 0] == pytest.approx(1.0 - 0.01 * 0.5 / (0.5 + 1e-8))
    model[0].grads["weight"] = np.array([[-1.0]])
    opt.step()
    m = 0.9 * 0.05 + 0.1 * -1.0
    v = 0.999 * 0.00025 + 0.001 * 1.0
    m_hat, v_hat = m / (1 - 0.9 ** 2), v / (1 - 0.999 ** 2)
    expected = 1.0 - 0.01 * 0.5 / (0.5 + 1e-8) - 0.01 * m_hat / (math.sqrt(v_hat) + 1e-8)
    assert model[0].params["weight"][0, 0] == pytest.approx(expected)


@pytest.mark.parametrize("kwargs, message", [
    (dict(name="sgd", lr=0.0), "learning rate"), (dict(name="sgd", lr=float("nan")), "learning rate"),
    (dict(name="momentum", lr=0.1, weight_decay=-1), "weight_decay"), (dict(name="rmsprop", lr=0.1), "optimizer must"),
])
def test_optimizer_arguments_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_optimizer(model=_one_param_model(0.0, 0.0), **kwargs)


# ---------------------------------------------------------------------------------------------
# property tests: shape formulas == real output shapes; parameter counts == array sizes
# ---------------------------------------------------------------------------------------------

conv_cases = st.fixed_dictionaries({
    "size": st.tuples(st.integers(1, 12), st.integers(1, 12)),
    "kernel": st.tuples(st.integers(1, 5), st.integers(1, 5)),
    "stride": st.tuples(st.integers(1, 4), st.integers(1, 4)),
    "padding": st.tuples(st.integers(0, 3), st.integers(0, 3)),
    "dilation": st.tuples(st.integers(1, 3), st.integers(1, 3)),
    "groups": st.sampled_from([1, 2]),
})


@settings(max_examples=150, deadline=None)
@given(conv_cases)
def test_conv_output_size_formula_equals_real_shape(case):
    valid = all(case["dilation"][a] * (case["kernel"][a] - 1) + 1 <= case["size"][a] + 2 * case["padding"][a]
                for a in range(2))
    x = np.zeros((1, 2) + case["size"])
    w = np.zeros((2, 2 // case["groups"]) + case["kernel"])
    if valid:
        out = F.conv2d(x, w, None, case["stride"], case["padding"], case["dilation"], case["groups"])
        for a in range(2):
            assert out.shape[2 + a] == shapes.conv_output_size(
                case["size"][a], case["kernel"][a], case["stride"][a], case["padding"][a], case["dilation"][a])
    else:  # a kernel wider than the padded input is refused
        with pytest.raises(ValueError):
            F.conv2d(x, w, None, case["stride"], case["padding"], case["dilation"], case["groups"])


@settings(max_examples=150, deadline=None)
@given(conv_cases, st.booleans())
def test_pool_output_size_formula_equals_real_shape(case, ceil_mode):
    padding = tuple(min(p, k // 2) for p, k in zip(case["padding"], case["kernel"]))
    assume(all(case["dilation"][a] * (case["kernel"][a] - 1) + 1 <= case["size"][a] + 2 * padding[a]
               for a in range(2)))
    x = np.zeros((1, 1) + case["size"])
    out = F.max_pool2d(x, case["kernel"], case["stride"], padding, case["dilation"], ceil_mode)
    for a in range(2):
        assert out.shape[2 + a] == shapes.pool_output_size(
            case["size"][a], case["kernel"][a], case["stride"][a], padding[a], case["dilation"][a], ceil_mode)
    if case["dilation"] == (1, 1):
        assert F.avg_pool2d(x, case["kernel"], case["stride"], padding, ceil_mode).shape == out.shape


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.integers(1, 5), st.integers(1, 4), st.integers(0, 3), st.integers(1, 3), st.data())
def test_conv_transpose_output_size_formula_equals_real_shape(size, kernel, stride, padding, dilation, data):
    output_padding = data.draw(st.integers(0, max(stride, dilation) - 1))
    expected = (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1
    assume(expected >= 1)
    out = F.conv_transpose2d(np.zeros((1, 1, size, size)), np.zeros((1, 1, kernel, kernel)), None, stride, padding,
                             output_padding, 1, dilation)
    assert out.shape[2] == expected == shapes.conv_transpose_output_size(size, kernel, stride, padding,
                                                                         output_padding, dilation)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 5), st.integers(1, 5), st.sampled_from([1, 2]),
       st.booleans())
def test_parameter_count_formula_equals_array_sizes(ci, co, kh, kw, groups, bias):
    ci, co = ci * groups, co * groups
    layer = L.Conv2d(ci, co, (kh, kw), groups=groups, bias=bias, rng=np.random.default_rng(0))
    assert layer.parameter_count() == shapes.conv_params(ci, co, (kh, kw), groups=groups, bias=bias)
    assert layer.parameter_count() == co * (ci // groups) * kh * kw + (co if bias else 0)


def test_dropout_trains_scaled_and_is_identity_in_eval():
    layer = L.Dropout(0.5, rng=np.random.default_rng(0))
    x = np.ones((1000,))
    out = layer.forward(x)
    assert set(np.unique(out)) == {0.0, 2.0} and abs(out.mean() - 1) < 0.1
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), out)  # same mask, same scale
    model = L.Sequential(layer).eval()
    np.testing.assert_array_equal(model.forward(x), x)
    np.testing.assert_array_equal(L.Dropout(1.0).forward(x), np.zeros_like(x))  # PyTorch allows p = 1
    for bad in (-0.1, 1.5, True):
        with pytest.raises(ValueError, match="dropout probability"):
            L.Dropout(bad)


@pytest.mark.parametrize(("make", "key", "en", "zh"), [
    # a layer's channels and groups follow the one rule of cnnviz.nn.shapes (message and fix)
    (lambda: L.Conv2d(4, 6, 3, groups=4), "shapes.groups_out",
     "out_channels 6 is not divisible by groups 4: pick a number of groups that divides 6",
     "输出通道数 `out_channels=6` 不能被分组数 `groups=4` 整除：请选择能整除 6 的分组数"),
    (lambda: L.ConvTranspose2d(3, 4, 2, groups=2), "shapes.groups_in",
     "in_channels 3 is not divisible by groups 2: pick a number of groups that divides 3",
     "输入通道数 `in_channels=3` 不能被分组数 `groups=2` 整除：请选择能整除 3 的分组数"),
    (lambda: L.BatchNorm2d(0), "nn.positive_int", "num_features must be a positive int, got 0",
     "`num_features` 必须是正整数，实际是 0"),
    (lambda: L.Conv2d(1, 2, 3, init="he"), "nn.init", "init must be one of ('kaiming', 'xavier', 'torch'), got 'he'",
     "初始化方式 `init` 必须是 ('kaiming', 'xavier', 'torch') 之一，实际是 'he'"),
    (lambda: L.Dropout(1.5), "nn.dropout_p", "dropout probability p must lie in [0, 1], got 1.5",
     "丢弃概率 p 必须在 [0, 1] 之间，实际是 1.5"),
    (lambda: L.BatchNorm2d(3).forward(np.zeros((2, 4, 2, 2))), "nn.bn_features",
     "BatchNorm2d(3) got 4 channels: num_features must equal the input's channels",
     "BatchNorm2d(3) 收到 4 个通道：`num_features` 必须等于输入的通道数"),
    (lambda: L.ReLU().backward(np.zeros(3)), "nn.backward_first", "ReLU.backward called before forward",
     "在 `forward` 之前调用了 `ReLU.backward`：请先做一次前向传播"),
    (lambda: L.Sequential(L.ReLU(), "conv"), "nn.sequential_item", "layer 1 is a str, not a cnnviz layer",
     "第 1 层是 str，不是 cnnviz 的层"),
    (lambda: L.Residual(L.Conv2d(2, 4, 1)).forward(np.zeros((1, 2, 3, 3), np.float32)), "nn.residual_shape",
     "residual body gives shape (1, 4, 3, 3) but the shortcut gives (1, 2, 3, 3): the two must agree; use a 1×1 "
     "projection shortcut Conv2d(2, 4, 1, stride) where channels or size change",
     "残差主体的输出形状为 (1, 4, 3, 3)，捷径的输出形状为 (1, 2, 3, 3)：两者必须一致；在通道数或尺寸改变处使用 1×1 "
     "投影捷径 `Conv2d(2, 4, 1, stride)`"),
])
def test_layer_errors_carry_a_key_and_read_in_both_languages(make, key, en, zh):
    from cnnviz.errors import CnnvizError
    from cnnviz.i18n import message

    with pytest.raises(CnnvizError) as info:
        make()
    assert isinstance(info.value, ValueError)  # `except ValueError` still catches it
    assert info.value.key == key
    assert str(info.value) == message(info.value, "en") == en
    assert message(info.value, "zh") == zh


def test_a_state_dict_that_does_not_fit_names_the_problem_in_both_languages():
    from cnnviz.i18n import message

    model = L.Sequential(L.Linear(2, 3, rng=np.random.default_rng(0)))
    with pytest.raises(ValueError) as info:
        model.load_state_dict({"0.weight": np.zeros((3, 2))})
    assert info.value.key == "nn.state_names" and info.value.fields == {"missing": ["0.bias"], "unexpected": []}
    assert message(info.value, "zh") == "参数状态与该模型不符：缺少 ['0.bias']，多出 []"
    with pytest.raises(ValueError) as info:
        model.load_state_dict({"0.weight": np.zeros((2, 3)), "0.bias": np.zeros(3)})
    assert str(info.value) == "0.weight has shape (2, 3) but the model needs (3, 2)"
    assert message(info.value, "zh") == "`0.weight` 的形状为 (2, 3)，但模型需要 (3, 2)"

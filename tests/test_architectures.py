"""Tests of cnnviz.architectures: preset numbers from the course and the papers, invalid-layer
flagging, runnable models, code export (run against small fake torch / keras namespaces written
here, since neither framework is a test dependency), and the editable table."""

from __future__ import annotations

import csv
import io
import math
import string
import sys
import types

import numpy as np
import pytest

from cnnviz import architectures as A
from cnnviz.figures import architectures as figs
from cnnviz.i18n import STRINGS, problem_message, t
from cnnviz.i18n.locales.arch import STRINGS as ARCH_STRINGS
from cnnviz.nn import layers as L

# ---------------------------------------------------------------------------------------------
# presets: published numbers
# ---------------------------------------------------------------------------------------------


def test_lenet5_1998_rows_match_the_paper():
    s = A.summarize("lenet5-1998")
    expected = {  # name: (output shape, parameters)
        "C1": ((6, 28, 28), 156), "S2": ((6, 14, 14), 12), "C3": ((16, 10, 10), 1516), "S4": ((16, 5, 5), 32),
        "C5": ((120, 1, 1), 48120), "F6": ((84,), 10164), "output": ((10,), 840),
    }
    for name, (shape, params) in expected.items():
        row = s.row(name)
        assert (row.out_shape, row.params) == (shape, params), name
    assert s.row("C1").formula == "6×1×5×5+6 = 156"
    assert s.row("S2").formula == "2×6 = 12"
    assert s.row("C3").formula == "(5×5×3+1)×6+(5×5×4+1)×9+(5×5×6+1)×1 = 1,516"
    assert s.row("C5").formula == "120×16×5×5+120 = 48,120"
    assert s.row("F6").formula == "84×120+84 = 10,164"
    assert s.total_params == 60840
    assert s.trainable_params == 60000  # "only 60,000 trainable free parameters" (the RBF centres are fixed)
    assert s.total_connections == 340908  # the paper's connection count
    assert s.row("C1").connections == 122304 and s.row("C3").connections == 151600
    assert s.row("C5").rf == (32, 32)  # C5 sees the whole 32×32 input
    assert s.row("S4").jump == (4, 4)


def test_lenet_c3_connection_table_is_table_one_of_the_paper():
    table = A.LENET_C3_TABLE
    assert len(table) == 16 and sum(len(m) for m in table) == 60
    assert [len(m) for m in table] == [3] * 6 + [4] * 9 + [6]
    assert table[0] == (0, 1, 2) and table[1] == (1, 2, 3) and table[10] == (0, 1, 4, 5)  # as the notes say
    for s2_map in range(6):
        assert sum(s2_map in maps for maps in table) == 10  # every row of Table I has ten X


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu"])
@pytest.mark.parametrize("pooling", ["max", "avg"])
def test_modern_lenet5_has_61706_parameters(activation, pooling):
    s = A.summarize("lenet5", activation=activation, pooling=pooling)
    assert s.total_params == 61706
    assert [r.params for r in s.rows if r.params] == [156, 2416, 48120, 10164, 850]
    assert s.row("pool2").out_shape == (16, 5, 5) and s.row("pool2").kind == pooling + "pool"
    assert s.row("relu1" if activation == "relu" else f"{activation}1").kind == activation
    assert s.output_shape == (10,)


def test_lenet5_rejects_unknown_options():
    with pytest.raises(ValueError, match=r"activation must be one of relu, sigmoid, tanh, leaky_relu \(got swish\)"):
        A.summarize("lenet5", activation="swish")
    with pytest.raises(ValueError, match="does not take the options depth"):
        A.summarize("vgg16", depth=19)
    with pytest.raises(ValueError, match="unknown network lenet7"):
        A.get_preset("lenet7")


def test_alexnet_sizes_and_parameters():
    s = A.summarize("alexnet")
    sizes = {name: s.row(name).out_shape for name in ("conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5")}
    assert sizes == {
        "conv1": (96, 55, 55), "pool1": (96, 27, 27), "conv2": (256, 27, 27), "pool2": (256, 13, 13),
        "conv3": (384, 13, 13), "conv4": (384, 13, 13), "conv5": (256, 13, 13), "pool5": (256, 6, 6),
    }
    assert s.row("flatten1").out_shape == (9216,)
    assert s.row("conv1").formula == "96×3×11×11+96 = 34,944"
    per_layer = [34944, 614656, 885120, 1327488, 884992, 37752832, 16781312, 4097000]
    assert [r.params for r in s.rows if r.params] == per_layer
    assert s.total_params == sum(per_layer) == 62378344  # ≈ 62.4M, one tower
    assert s.row("pool5").rf == (195, 195) and s.row("pool5").jump == (32, 32)
    two = A.summarize("alexnet", towers=2)
    assert two.total_params == 60965224  # conv2/4/5 split over the paper's two GPUs
    assert two.row("conv2").formula == "256×(96/2)×5×5+256 = 307,456"


def test_vgg16():
    s = A.summarize("vgg16")
    assert s.total_params == 138357544
    assert s.row("fc6").params == 102764544
    assert s.row("pool5").out_shape == (512, 7, 7)
    # every conv, pool and fc output once, plus the input (in-place ReLU and dropout cost nothing)
    expected = (224 * 224 * 3 + 2 * 224 * 224 * 64 + 112 * 112 * 64 + 2 * 112 * 112 * 128 + 56 * 56 * 128
                + 3 * 56 * 56 * 256 + 28 * 28 * 256 + 3 * 28 * 28 * 512 + 14 * 14 * 512 + 3 * 14 * 14 * 512
                + 7 * 7 * 512 + 4096 + 4096 + 1000)
    assert s.activation_elements == expected == 15237608
    assert s.activation_bytes == 4 * expected
    assert s.total_macs == 15470264320  # ≈ 15.5 G multiply-adds
    assert s.param_bytes == 4 * 138357544


def test_inception3a_with_and_without_reductions():
    s = A.summarize("inception3a")
    group = s.row("inception3a")
    assert group.is_group and group.out_shape == (256, 28, 28)
    assert group.params == s.total_params == 163696
    assert group.formula == "12352+18528+110720+3088+12832+6176 = 163,696"
    assert s.row("inception3a.3x3").params == 110720
    assert s.row("inception3a.3x3").in_shape == (96, 28, 28)
    assert s.row("inception3a.pool_proj").in_shape == (192, 28, 28)
    assert s.row("inception3a.b1.relu1").depth == 1
    assert group.rf == (5, 5)  # the 5×5 branch sees furthest
    naive = A.summarize("inception3a-naive")
    assert naive.output_shape == (416, 28, 28)
    assert naive.total_params == 387296
    assert naive.total_macs > 2 * s.total_macs


def test_resnet18():
    s = A.summarize("resnet18")
    assert s.total_params == 11689512
    assert s.output_shape == (1000,)
    assert [s.row(f"layer{i}.1").out_shape for i in range(1, 5)] == [
        (64, 56, 56), (128, 28, 28), (256, 14, 14), (512, 7, 7)]
    assert s.row("layer2.0.downsample.0").params == 8192 and s.row("layer2.0.downsample.1").params == 256
    assert s.row("layer1.0").hparams == (("identity", ""), ("then", "relu"))
    assert s.row("layer1.0").params == 73984
    assert s.row("bn1").formula == "2×64 = 128"
    assert s.row("conv1").formula == "64×3×7×7 = 9,408"
    assert s.total_macs == 1814073344  # ≈ 1.8 G multiply-adds
    assert sum(r.params for r in s.rows if not r.is_group and r.kind != "input") == s.total_params


def test_keras_mnist_example_rows():
    s = A.summarize("keras-mnist")
    rows = {name: (s.row(name).out_shape, s.row(name).params) for name in
            ("conv2d_1", "conv2d_2", "max_pooling2d_1", "dropout_1", "flatten_1", "dense_1", "dropout_2", "preds")}
    assert rows == {
        "conv2d_1": ((32, 26, 26), 320), "conv2d_2": ((64, 24, 24), 18496), "max_pooling2d_1": ((64, 12, 12), 0),
        "dropout_1": ((64, 12, 12), 0), "flatten_1": ((9216,), 0), "dense_1": ((128,), 1179776),
        "dropout_2": ((128,), 0), "preds": ((10,), 1290),
    }
    assert s.total_params == 1199882


def test_convnetjs_first_layer():
    s = A.summarize([A.Conv(8, 5, padding=2)], (1, 24, 24))
    assert s.row("conv1").params == 208
    assert s.row("conv1").formula == "8×1×5×5+8 = 208"
    assert s.row("conv1").out_shape == (8, 24, 24)


def test_inception_reduction_example():
    ex = A.inception_reduction_example()
    assert ex.direct_weights == 819200
    assert ex.reduced_weights == 208896
    assert ex.slide_weights == 204800 and ex.reduce_weights == 4096
    assert ex.direct_formula == "128×5×5×256 = 819,200"
    assert ex.reduced_formula == "128×1×1×32 + 32×5×5×256 = 4,096 + 204,800 = 208,896"
    assert ex.direct_macs == 819200 * 100 * 100
    assert round(ex.ratio, 2) == 3.92
    note = t("arch.inception_note", "en", slide=ex.slide_weights, reduce=ex.reduce_weights,
             reduced=ex.reduced_weights, ratio=ex.ratio, direct=ex.direct_weights)
    assert note == ("The slides print 204,800: they leave out the 4,096 weights of the 1×1 layer. "
                    "The correct total is 208,896, still 3.9× fewer than 819,200.")


def test_rows_carry_hparams_memory_and_receptive_field():
    s = A.summarize("lenet5")
    conv1 = s.row("conv1")
    assert figs.hparams_text(conv1, "en") == "6 filters, kernel 5×5, stride 1, padding 2"
    assert figs.hparams_text(conv1, "zh") == "6 个卷积核，卷积核 5×5，步长 1，填充 2"
    assert figs.kind_text(conv1, "zh") == "卷积"
    assert conv1.symbolic == "Co×Ci×Kh×Kw+Co"
    assert conv1.macs == 6 * 28 * 28 * 25
    assert (conv1.act_elements, conv1.act_bytes) == (4704, 18816)
    assert conv1.rf == (5, 5) and conv1.rf_text == "5"
    assert s.row("conv2").rf == (14, 14) and s.row("pool2").jump_text == "4"
    assert s.row("fc1").rf is None and s.row("fc1").shape_text == "120"
    assert s.rows[0].kind == "input" and s.rows[0].out_shape == (1, 28, 28)
    assert A.summarize("lenet5", dtype="float64").row("conv1").act_bytes == 8 * 4704


def test_every_preset_summarises_with_complete_strings():
    for name in A.preset_names():
        s = A.summarize(name)
        assert s.valid, name
        assert f"arch.preset.{name}" in STRINGS and f"arch.preset.{name}.note" in STRINGS
        for row in s.rows:
            assert f"arch.kind.{row.kind}" in STRINGS, row.kind
            for key, _ in row.hparams:
                assert f"arch.hp.{key}" in STRINGS, key
            figs.hparams_text(row, "zh")


# ---------------------------------------------------------------------------------------------
# invalid layers
# ---------------------------------------------------------------------------------------------


def test_an_empty_output_is_flagged_and_later_rows_wait():
    layers = [A.Conv(6, 5), A.MaxPool(2), A.Conv(16, 5), A.MaxPool(2), A.Conv(32, 5), A.Conv(64, 3),
              A.Flatten(), A.Linear(10)]
    s = A.summarize(layers, (1, 32, 32))  # 32 → 28 → 14 → 10 → 5 → 1, then a 3×3 kernel cannot fit
    statuses = [r.status for r in s.rows]
    assert statuses == ["ok"] * 6 + ["invalid", "waiting", "waiting"]
    bad = s.first_invalid
    assert bad.name == "conv4" and bad.in_shape == (32, 1, 1) and bad.out_shape is None and bad.params is None
    assert figs.row_reason(bad, "en") == "kernel span 3 exceeds padded input 1"
    assert figs.row_fix(bad, "en") == "lower the kernel size or dilation, or add padding"
    assert figs.row_reason(bad, "zh") == "卷积核覆盖范围 3 超过了填充后的输入 1"
    assert figs.hparams_text(bad, "en") == "64 filters, kernel 3×3, stride 1"
    waiting = s.row("linear1")
    assert waiting.params is None and waiting.out_shape is None and waiting.hparams == (("units", "10"),)
    assert figs.row_reason(waiting, "en") == "waiting for a layer above to be fixed"
    assert not s.valid and s.output_shape is None
    assert s.total_params == 156 + 2416 + 12832


def test_fc_on_a_feature_map_asks_for_flatten():
    s = A.summarize([A.Conv(4, 3), A.Linear(10)], (1, 8, 8))
    bad = s.first_invalid
    assert figs.row_reason(bad, "en") == "the linear layer needs a flat vector, but gets 4×6×6"
    assert figs.row_fix(bad, "en") == "insert a flatten layer before it"
    s = A.summarize([A.Flatten(), A.Conv(4, 3)], (1, 8, 8))
    assert figs.row_fix(s.first_invalid, "zh") == "请把它移到展平层之前"


def test_groups_and_pool_padding_problems():
    s = A.summarize([A.Conv(6, 3, groups=2)], (3, 8, 8))
    assert figs.row_reason(s.first_invalid, "en") == "in_channels 3 is not divisible by groups 2"
    s = A.summarize([A.MaxPool(2, padding=2)], (3, 8, 8))
    assert s.first_invalid.problem.key == "shapes.pool_padding"
    s = A.summarize([A.Conv(6, (3, 9))], (3, 8, 8))
    assert figs.row_reason(s.first_invalid, "en") == "kernel span 9 exceeds padded input 8 (width)"


def test_residual_without_projection_suggests_one():
    block = A.Residual((A.Conv(128, 3, 2, 1, bias=False), A.BatchNorm()), name="block")
    s = A.summarize([block, A.GlobalAvgPool()], (64, 56, 56))
    row = s.row("block")
    assert row.status == "invalid" and row.is_group
    assert figs.row_reason(row, "en") == "the block's output 128×28×28 does not match its shortcut 64×56×56"
    assert figs.row_fix(row, "en") == "add a 1×1 projection shortcut: a conv to 128 channels with stride 2"
    assert s.row("global_avgpool1").status == "waiting"
    fixed = A.Residual(block.body, (A.Conv(128, 1, 2, bias=False), A.BatchNorm()), name="block")
    assert A.summarize([fixed], (64, 56, 56)).output_shape == (128, 28, 28)


def test_invalid_layer_inside_a_branch():
    module = A.Inception(((A.Conv(8, 1),), (A.Conv(8, 3),)), name="mix")
    s = A.summarize([module, A.Flatten()], (4, 10, 10))
    assert s.row("mix").problem.key == "arch.branch_mismatch"
    assert figs.row_reason(s.row("mix"), "en") == "the branches give maps of different sizes: 8×10×10, 8×8×8"
    module = A.Inception(((A.Conv(8, 1),), (A.Conv(8, 13), A.Activation()), (A.Conv(8, 1),)), name="mix")
    s = A.summarize([module, A.Flatten()], (4, 10, 10))
    assert [r.status for r in s.rows] == ["ok", "invalid", "ok", "invalid", "waiting", "waiting", "waiting"]
    assert s.row("mix").problem == s.row("mix.b2.conv0").problem


def test_summary_to_csv():
    s = A.summarize("keras-mnist")
    rows = list(csv.reader(io.StringIO(figs.summary_to_csv(s, "zh"))))
    assert rows[0][:3] == ["序号", "层", "类型"]
    assert len(rows) == len(s.rows) + 2
    conv = rows[2]
    assert conv[1] == "conv2d_1" and conv[5] == "32×26×26" and conv[6] == "320" and conv[7] == "32×1×3×3+32 = 320"
    assert rows[-1][1] == "合计" and rows[-1][6] == "1199882"


# ---------------------------------------------------------------------------------------------
# runnable models
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"activation": "sigmoid", "pooling": "avg"}, {"activation": "tanh"}])
def test_built_lenet5_matches_its_summary(options):
    model = A.build_model("lenet5", rng=np.random.default_rng(0), **options)
    s = A.summarize("lenet5", **options)
    rows = s.top_rows[1:]
    assert len(model.layers) == len(rows)
    for layer, row in zip(model.layers, rows):
        assert sum(p.size for p in layer.params.values()) == row.params, row.name
    assert model.parameter_count() == s.total_params == 61706
    x = np.random.default_rng(1).standard_normal((2, 1, 28, 28)).astype(np.float32)
    out, outputs = model.forward(x, record=True)
    assert [o.shape[1:] for o in outputs] == [r.out_shape for r in rows]
    assert out.dtype == np.float32
    assert isinstance(model.layers[0], L.Conv2d) and model.layers[0].params["weight"].shape == (6, 1, 5, 5)


def test_build_model_is_seeded_and_keeps_dropout_positions():
    a = A.build_model("keras-mnist", rng=np.random.default_rng(3))
    b = A.build_model("keras-mnist", rng=np.random.default_rng(3))
    assert a.parameter_count() == 1199882
    assert all(np.array_equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    assert [type(layer).__name__ for layer in a.layers] == [
        "Conv2d", "ReLU", "Conv2d", "ReLU", "MaxPool2d", "Dropout", "Flatten", "Linear", "ReLU", "Dropout",
        "Linear"]  # the same indices as the exported nn.Sequential, so state_dict names match
    assert a.eval().forward(np.zeros((1, 1, 28, 28), np.float32)).shape == (1, 10)


def test_build_model_refuses_other_layers():
    with pytest.raises(ValueError, match="lecun_tanh layers cannot be built with cnnviz.nn.layers"):
        A.build_model("lenet5-1998", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="kernel span"):
        A.build_model([A.Conv(4, 9)], rng=np.random.default_rng(0), input_shape=(1, 5, 5))


# ---------------------------------------------------------------------------------------------
# PyTorch export against a fake torch
# ---------------------------------------------------------------------------------------------


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _torch_conv_size(size, k, s, p, d):  # torch docs: floor((H + 2P - D(K-1) - 1) / S) + 1
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    assert out >= 1
    return out


def _torch_pool_size(size, k, s, p, d, ceil):
    num = size + 2 * p - d * (k - 1) - 1
    out = (-(-num // s) if ceil else num // s) + 1
    if ceil and (out - 1) * s >= size + p:
        out -= 1
    assert p <= k // 2 and out >= 1
    return out


class _ShapeParam:
    """A parameter that only knows its shape (a fake VGG would not fit in memory otherwise)."""

    def __init__(self, *shape):
        self.shape = shape
        self.size = math.prod(shape)
        self.requires_grad = True


def _make_fake_torch():
    torch = types.ModuleType("torch")
    nn = types.ModuleType("torch.nn")
    functional = types.ModuleType("torch.nn.functional")
    torch.nn, nn.functional = nn, functional

    class Parameter(np.ndarray):
        def __new__(cls, data, requires_grad=True):
            obj = np.asarray(data, dtype=np.float32).view(cls)
            obj.requires_grad = requires_grad
            return obj

        def __array_finalize__(self, obj):
            self.requires_grad = getattr(obj, "requires_grad", True)

    class Module:
        def __init__(self):
            object.__setattr__(self, "_modules", {})
            object.__setattr__(self, "_params", {})

        def __setattr__(self, name, value):
            if isinstance(value, Module):
                self._modules[name] = value
            elif isinstance(value, (Parameter, _ShapeParam)):
                self._params[name] = value
            object.__setattr__(self, name, value)

        def parameters(self):
            yield from self._params.values()
            for module in self._modules.values():
                yield from module.parameters()

        def __call__(self, x):
            return self.forward(x)

    class Sequential(Module):
        def __init__(self, *modules):
            super().__init__()
            for i, m in enumerate(modules):
                setattr(self, str(i), m)

        def __iter__(self):
            return iter(self._modules.values())

        def forward(self, x):
            for m in self:
                x = m(x)
            return x

    class ModuleList(Sequential):
        def __init__(self, modules):
            super().__init__(*modules)

    class Conv2d(Module):
        def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True):
            super().__init__()
            assert in_channels % groups == 0 and out_channels % groups == 0
            self.args = (in_channels, out_channels, _pair(kernel_size), _pair(stride), padding, _pair(dilation))
            self.weight = _ShapeParam(out_channels, in_channels // groups, *_pair(kernel_size))
            if bias:
                self.bias = _ShapeParam(out_channels)

        def forward(self, x):
            ci, co, k, s, p, d = self.args
            assert x.shape[1] == ci
            if p == "same":
                assert s == (1, 1)
                return np.zeros((x.shape[0], co) + x.shape[2:], np.float32)
            p = (0, 0) if p == "valid" else _pair(p)
            out = [_torch_conv_size(x.shape[2 + i], k[i], s[i], p[i], d[i]) for i in range(2)]
            return np.zeros((x.shape[0], co, *out), np.float32)

    class _Pool(Module):
        def __init__(self, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, count_include_pad=True):
            super().__init__()
            self.args = (_pair(kernel_size), _pair(kernel_size if stride is None else stride), _pair(padding),
                         _pair(dilation), ceil_mode)

        def forward(self, x):
            k, s, p, d, ceil = self.args
            out = [_torch_pool_size(x.shape[2 + i], k[i], s[i], p[i], d[i], ceil) for i in range(2)]
            return np.zeros(x.shape[:2] + tuple(out), np.float32)

    class MaxPool2d(_Pool):
        pass

    class AvgPool2d(_Pool):
        def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
            super().__init__(kernel_size, stride, padding, 1, ceil_mode)

    class Linear(Module):
        def __init__(self, in_features, out_features, bias=True):
            super().__init__()
            self.shape = (in_features, out_features)
            self.weight = _ShapeParam(out_features, in_features)
            if bias:
                self.bias = _ShapeParam(out_features)

        def forward(self, x):
            assert x.ndim == 2 and x.shape[1] == self.shape[0]
            return np.zeros((x.shape[0], self.shape[1]), np.float32)

    class _Same(Module):
        def __init__(self, *args, **kwargs):
            super().__init__()

        def forward(self, x):
            return x

    class _Norm(_Same):
        def __init__(self, channels):
            super().__init__()
            self.channels = channels
            self.weight = _ShapeParam(channels)
            self.bias = _ShapeParam(channels)

        def forward(self, x):
            assert x.shape[1] == self.channels
            return x

    class BatchNorm2d(_Norm):
        def forward(self, x):
            assert x.ndim == 4
            return super().forward(x)

    class BatchNorm1d(_Norm):
        def forward(self, x):
            assert x.ndim == 2
            return super().forward(x)

    class Flatten(Module):
        def forward(self, x):
            return x.reshape(x.shape[0], -1)

    class AdaptiveAvgPool2d(Module):
        def __init__(self, size):
            super().__init__()
            assert size == 1

        def forward(self, x):
            return np.zeros(x.shape[:2] + (1, 1), np.float32)

    def avg_pool2d(x, kernel_size):
        return _Pool(kernel_size)(x)

    for name, value in dict(
        Module=Module, Parameter=Parameter, Sequential=Sequential, ModuleList=ModuleList, Conv2d=Conv2d,
        MaxPool2d=MaxPool2d, AvgPool2d=AvgPool2d, Linear=Linear, ReLU=_Same, LeakyReLU=_Same, Sigmoid=_Same,
        Tanh=_Same, Softmax=_Same, Dropout=_Same, Identity=_Same, LocalResponseNorm=_Same, Flatten=Flatten,
        BatchNorm2d=BatchNorm2d, BatchNorm1d=BatchNorm1d, AdaptiveAvgPool2d=AdaptiveAvgPool2d,
    ).items():
        setattr(nn, name, value)
    functional.avg_pool2d = avg_pool2d
    torch.cat = lambda tensors, dim=0: np.concatenate(tensors, axis=dim)
    torch.ones = lambda *shape: np.ones(shape, np.float32)
    torch.zeros = lambda *shape: np.zeros(shape, np.float32)
    torch.tanh = np.tanh
    return torch


@pytest.fixture
def fake_torch(monkeypatch):
    torch = _make_fake_torch()
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "torch.nn", torch.nn)
    monkeypatch.setitem(sys.modules, "torch.nn.functional", torch.nn.functional)
    return torch


@pytest.mark.parametrize("name", A.preset_names())
def test_exported_pytorch_code_matches_the_summary(fake_torch, name):
    code = A.to_pytorch_code(name)
    namespace = {}
    exec(compile(code, f"<{name}>", "exec"), namespace)
    model = namespace["model"]
    s = A.summarize(name)
    params = list(model.parameters())
    assert sum(p.size for p in params) == s.total_params
    assert sum(p.size for p in params if p.requires_grad) == s.trainable_params
    x = np.zeros((1,) + s.input_shape, np.float32)
    for module, row in zip(model, s.top_rows[1:], strict=True):
        x = module(x)
        assert x.shape[1:] == row.out_shape, row.name
        assert sum(p.size for p in module.parameters()) == row.params, row.name


def test_exported_pytorch_code_text():
    code = A.to_pytorch_code("lenet5", activation="tanh", pooling="avg")
    assert "nn.Conv2d(1, 6, kernel_size=5, padding=2),  # conv1: 6×28×28, 156 params" in code
    assert "nn.AvgPool2d(kernel_size=2)," in code and "nn.Tanh()," in code
    assert "nn.Linear(400, 120),  # fc1: 120, 48,120 params" in code
    assert "class " not in code
    custom = A.to_pytorch_code([A.Conv(4, 3, padding="full", dilation=2), A.Conv(4, 3, padding="same", bias=False)],
                               (2, 9, 9))
    assert "nn.Conv2d(2, 4, kernel_size=3, padding=4, dilation=2)" in custom
    assert "nn.Conv2d(4, 4, kernel_size=3, padding='same', bias=False)" in custom


# ---------------------------------------------------------------------------------------------
# Keras export against a fake keras
# ---------------------------------------------------------------------------------------------


def _make_fake_keras():
    keras = types.ModuleType("keras")
    kl = types.ModuleType("keras.layers")
    keras.layers = kl
    keras.created = []

    class KT:
        def __init__(self, shape):
            self.shape = tuple(shape)

    class Layer:
        trainable = 0

        def __init__(self, *args, name=None, **kwargs):
            self.name = name
            self.args, self.kwargs = args, kwargs
            keras.created.append(self)

        def __call__(self, x):
            self.output = KT(self.compute(x))
            return self.output

        def compute(self, x):
            return x.shape

    def two(v):
        return tuple(v) if isinstance(v, (tuple, list)) else (v, v)

    class Conv2D(Layer):
        def compute(self, x):
            filters, k = self.args
            k = two(k)
            s, d = two(self.kwargs.get("strides", 1)), two(self.kwargs.get("dilation_rate", 1))
            groups = self.kwargs.get("groups", 1)
            h, w, c = x.shape
            assert c % groups == 0
            self.trainable = k[0] * k[1] * c // groups * filters + (filters if self.kwargs.get("use_bias", True) else 0)
            if self.kwargs.get("padding", "valid") == "same":
                return (-(-h // s[0]), -(-w // s[1]), filters)
            out = [(n - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, n in enumerate((h, w))]
            assert min(out) >= 1
            return (out[0], out[1], filters)

    class ZeroPadding2D(Layer):
        def compute(self, x):
            p = two(self.args[0])
            return (x.shape[0] + 2 * p[0], x.shape[1] + 2 * p[1], x.shape[2])

    class _Pool(Layer):
        def compute(self, x):
            k = two(self.args[0])
            s = two(self.kwargs.get("strides") or self.args[0])
            out = [(n - k[i]) // s[i] + 1 for i, n in enumerate(x.shape[:2])]
            assert min(out) >= 1
            return (out[0], out[1], x.shape[2])

    class Dense(Layer):
        def compute(self, x):
            (units,) = self.args
            self.trainable = x.shape[-1] * units + (units if self.kwargs.get("use_bias", True) else 0)
            return x.shape[:-1] + (units,)

    class Flatten(Layer):
        def compute(self, x):
            return (math.prod(x.shape),)

    class BatchNormalization(Layer):
        def compute(self, x):
            self.trainable = 2 * x.shape[-1]
            return x.shape

    class GlobalAveragePooling2D(Layer):
        def compute(self, x):
            assert self.kwargs.get("keepdims")
            return (1, 1, x.shape[-1])

    class Concatenate(Layer):
        def compute(self, xs):
            assert len({x.shape[:-1] for x in xs}) == 1
            return xs[0].shape[:-1] + (sum(x.shape[-1] for x in xs),)

    class Add(Layer):
        def compute(self, xs):
            assert len({x.shape for x in xs}) == 1
            return xs[0].shape

    for name, value in dict(
        Conv2D=Conv2D, ZeroPadding2D=ZeroPadding2D, MaxPooling2D=_Pool, AveragePooling2D=_Pool, Dense=Dense,
        Flatten=Flatten, BatchNormalization=BatchNormalization, GlobalAveragePooling2D=GlobalAveragePooling2D,
        Concatenate=Concatenate, Add=Add, ReLU=Layer, Activation=Layer, Softmax=Layer, LeakyReLU=Layer,
        Dropout=Layer, Lambda=Layer,
    ).items():
        setattr(kl, name, value)
    keras.Input = lambda shape: KT(shape)

    class Model:
        def __init__(self, inputs, outputs, name=None):
            self.output_shape = outputs.shape
            self.layers = list(keras.created)
            self.trainable = sum(layer.trainable for layer in self.layers)

    keras.Model = Model
    return keras


@pytest.fixture
def fake_keras(monkeypatch):
    keras = _make_fake_keras()
    monkeypatch.setitem(sys.modules, "keras", keras)
    monkeypatch.setitem(sys.modules, "keras.layers", keras.layers)
    monkeypatch.setitem(sys.modules, "tensorflow", types.ModuleType("tensorflow"))
    return keras


@pytest.mark.parametrize("name", ["lenet5", "keras-mnist", "alexnet", "vgg16", "inception3a", "inception3a-naive",
                                  "resnet18"])
def test_exported_keras_code_matches_the_summary(fake_keras, name):
    code = A.to_keras_code(name)
    namespace = {}
    exec(compile(code, f"<{name}>", "exec"), namespace)
    model = namespace["model"]
    s = A.summarize(name)
    assert model.trainable == s.trainable_params
    out = s.output_shape
    assert model.output_shape == ((out[1], out[2], out[0]) if len(out) == 3 else out)
    names = [layer.name for layer in model.layers if layer.name]
    assert len(names) == len(set(names))  # Keras needs unique layer names
    by_name = {layer.name: layer for layer in model.layers if layer.name}
    for row in s.top_rows[1:]:
        key = row.name.replace(".", "_")
        if key in by_name and len(row.out_shape) == 3:
            c, h, w = row.out_shape
            assert by_name[key].output.shape == (h, w, c), row.name


def test_keras_export_text_and_limits():
    code = A.to_keras_code("keras-mnist")
    assert "inputs = keras.Input(shape=(28, 28, 1))" in code
    assert "layers.Conv2D(32, 3, name='conv2d_1')(inputs)" in code
    assert "layers.Dense(128, name='dense_1')" in code
    assert "tensorflow" not in code
    assert "import tensorflow as tf" in A.to_keras_code("alexnet")
    with pytest.raises(ValueError, match="Keras has no built-in layer like the lecun_tanh layer"):
        A.to_keras_code("lenet5-1998")


# ---------------------------------------------------------------------------------------------
# editable tables
# ---------------------------------------------------------------------------------------------


def test_table_round_trip_of_lenet5():
    rows = A.layers_to_table("lenet5")
    assert rows[0] == {"type": "conv", "out": 6, "kernel": 5, "stride": 1, "padding": 2}
    assert rows[2] == {"type": "maxpool", "out": None, "kernel": 2, "stride": None, "padding": 0}
    parsed = A.layers_from_table(rows)
    assert parsed.ok
    assert A.summarize(parsed.layers, (1, 28, 28)).total_params == 61706


def test_table_reads_loose_cells_and_reports_bad_rows():
    rows = [
        {"type": "Conv", "out": 8.0, "kernel": "3x5", "stride": None, "padding": "same"},
        {"type": "pool", "out": None, "kernel": float("nan"), "stride": "", "padding": None},
        {"type": "conv", "out": None, "kernel": 3},
        {"type": "conv", "out": 4, "kernel": 2.5},
        {"type": "swish"},
        {"type": "gap"},
        {"type": "flatten"},
        {"type": "fc", "out": "10"},
    ]
    parsed = A.layers_from_table(rows)
    assert parsed.layers[0] == A.Conv(8, (3, 5), 1, "same")
    assert parsed.layers[1] == A.MaxPool(2)
    assert parsed.layers[2:] == (A.GlobalAvgPool(), A.Flatten(), A.Linear(10))
    assert [i for i, _ in parsed.problems] == [2, 3, 4]
    missing, not_int, unknown = (p for _, p in parsed.problems)
    assert problem_message(missing, "en") == "conv rows need a value in the “out” column"
    assert problem_message(not_int, "en") == "“kernel” must be a whole number ≥ 1 (got 2.5)"
    assert problem_message(unknown, "zh") == "未知的层类型 swish"
    assert A.summarize(parsed.layers, (3, 16, 16)).output_shape == (10,)


def test_composites_have_no_table_form():
    with pytest.raises(ValueError, match="inception layers cannot be edited as table rows"):
        A.layers_to_table("inception3a")
    with pytest.raises(ValueError, match="conv layers cannot be edited as table rows"):
        A.layers_to_table("resnet18")  # conv1 has no bias


# ---------------------------------------------------------------------------------------------
# strings
# ---------------------------------------------------------------------------------------------


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_arch_strings_are_complete():
    for key, texts in ARCH_STRINGS.items():
        assert key.startswith("arch.")
        assert texts["en"].strip() and texts["zh"].strip(), key
        assert _fields(texts["en"]) == _fields(texts["zh"]), key
    problem_keys = [key for key in ARCH_STRINGS if key + ".fix" in ARCH_STRINGS]
    assert len(problem_keys) >= 20

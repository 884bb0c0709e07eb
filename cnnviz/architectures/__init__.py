"""Classic CNN architectures as data, their layer-by-layer summaries, and code export.

A network is a tuple of small frozen layer specs (:class:`Conv`, :class:`MaxPool`, :class:`Linear`,
...; composites :class:`Inception` and :class:`Residual` hold nested tuples). Input channels are
never stored: they follow from the input shape, so a spec is just what a person would write in a
table. :func:`summarize` walks the specs with the shape rules of :mod:`cnnviz.nn.shapes` and returns a
:class:`Summary` whose rows hold, per layer, the output shape ``(C, H, W)`` (or ``(features,)``),
the parameter count with its formula written out ("6×1×5×5+6 = 156"), multiply-adds, activation
memory, receptive field and jump. A layer whose output would be empty is flagged ``"invalid"``
with a translated reason and fix; the layers after it are ``"waiting"`` and carry no numbers.

Presets (:func:`preset_names`): ``lenet5-1998``, ``lenet5``, ``alexnet``, ``vgg16``,
``inception3a``, ``inception3a-naive``, ``resnet18``, ``keras-mnist``. Their totals are pinned by
the tests against the published figures (LeNet-5 60,000 trainable of 60,840; VGG16 138,357,544;
ResNet-18 11,689,512; the Keras MNIST example 1,199,882).

:func:`build_model` turns a network of plain layers into a runnable :class:`cnnviz.nn.layers.Sequential`;
:func:`to_pytorch_code` and :func:`to_keras_code` write equivalent framework code;
:func:`layers_from_table` / :func:`layers_to_table` convert to and from an editable table.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from cnnviz.nn import shapes
from cnnviz.nn.shapes import Problem, ShapeError, problem

__all__ = [
    "Conv", "MaxPool", "AvgPool", "Subsample", "PartialConv", "Linear", "Activation", "Flatten",
    "BatchNorm", "Dropout", "LRN", "GlobalAvgPool", "RBF", "Inception", "Residual",
    "Network", "Row", "Summary", "LENET_C3_TABLE", "ACTIVATIONS",
    "preset_names", "get_preset", "summarize",
    "lenet5_1998", "lenet5", "alexnet", "vgg16", "inception3a", "resnet18", "keras_mnist",
    "ReductionExample", "inception_reduction_example",
    "build_model", "to_pytorch_code", "to_keras_code",
    "TABLE_COLUMNS", "TABLE_TYPES", "TableParse", "layers_from_table", "layers_to_table",
]

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "lecun_tanh", "softmax")


# ---------------------------------------------------------------------------------------------
# layer specs
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Conv:
    """2-D convolution (``nn.Conv2d``); in_channels come from the input. ``padding`` may be an int,
    a pair, ``"valid"``, ``"same"`` (stride 1) or ``"full"``."""

    out_channels: int
    kernel_size: Any = 3
    stride: Any = 1
    padding: Any = 0
    dilation: Any = 1
    groups: int = 1
    bias: bool = True
    name: str = ""
    kind: ClassVar[str] = "conv"


@dataclass(frozen=True)
class MaxPool:
    """Max pooling (``nn.MaxPool2d``); ``stride=None`` means stride = kernel_size."""

    kernel_size: Any = 2
    stride: Any = None
    padding: Any = 0
    dilation: Any = 1
    ceil_mode: bool = False
    name: str = ""
    kind: ClassVar[str] = "maxpool"


@dataclass(frozen=True)
class AvgPool:
    """Average pooling (``nn.AvgPool2d``); ``stride=None`` means stride = kernel_size."""

    kernel_size: Any = 2
    stride: Any = None
    padding: Any = 0
    ceil_mode: bool = False
    count_include_pad: bool = True
    name: str = ""
    kind: ClassVar[str] = "avgpool"
    dilation: ClassVar[int] = 1


@dataclass(frozen=True)
class Subsample:
    """LeNet-5 (1998) S-layer: each non-overlapping ``k×k`` block is summed, multiplied by a
    trainable coefficient and shifted by a trainable bias, per map: 2 parameters per map."""

    kernel_size: int = 2
    name: str = ""
    kind: ClassVar[str] = "subsample"
    padding: ClassVar[int] = 0
    dilation: ClassVar[int] = 1

    @property
    def stride(self):
        return self.kernel_size


@dataclass(frozen=True)
class PartialConv:
    """LeNet-5 (1998) C3: output map ``j`` is a ``k×k`` conv over only the input maps
    ``table[j]`` (plus a bias). Parameters ``Σ_j (Kh·Kw·|table[j]| + 1)``."""

    table: tuple[tuple[int, ...], ...]
    kernel_size: Any = 5
    name: str = ""
    kind: ClassVar[str] = "partial_conv"
    stride: ClassVar[int] = 1
    padding: ClassVar[int] = 0
    dilation: ClassVar[int] = 1

    @property
    def out_channels(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class Linear:
    """Fully connected layer (``nn.Linear``) on a flat vector."""

    out_features: int
    bias: bool = True
    name: str = ""
    kind: ClassVar[str] = "linear"


@dataclass(frozen=True)
class Activation:
    """Element-wise activation: ``fn`` is one of :data:`ACTIVATIONS` (``lecun_tanh`` is LeNet's
    ``1.7159·tanh(2x/3)``; ``softmax`` acts across the features of a flat vector)."""

    fn: str = "relu"
    negative_slope: float = 0.01
    name: str = ""

    @property
    def kind(self) -> str:
        return self.fn


@dataclass(frozen=True)
class Flatten:
    """``(C, H, W)`` → ``(C·H·W,)`` (``nn.Flatten``)."""

    name: str = ""
    kind: ClassVar[str] = "flatten"


@dataclass(frozen=True)
class BatchNorm:
    """Batch normalization: a scale and a shift per channel, ``2·C`` parameters (running
    statistics are buffers, not parameters, as in PyTorch's ``parameters()``)."""

    name: str = ""
    kind: ClassVar[str] = "batchnorm"


@dataclass(frozen=True)
class Dropout:
    """Dropout with drop probability ``p`` (identity at inference)."""

    p: float = 0.5
    name: str = ""
    kind: ClassVar[str] = "dropout"


@dataclass(frozen=True)
class LRN:
    """Local response normalization across ``size`` neighbouring channels (AlexNet), as
    ``nn.LocalResponseNorm(size, alpha, beta, k)``."""

    size: int = 5
    alpha: float = 1e-4
    beta: float = 0.75
    k: float = 2.0
    name: str = ""
    kind: ClassVar[str] = "lrn"


@dataclass(frozen=True)
class GlobalAvgPool:
    """Average of each whole map: ``(C, H, W)`` → ``(C, 1, 1)``."""

    name: str = ""
    kind: ClassVar[str] = "global_avgpool"


@dataclass(frozen=True)
class RBF:
    """LeNet-5 (1998) output: Euclidean RBF units ``y_i = Σ_j (x_j − w_ij)²`` with fixed centres
    (``in×out`` parameters, not trained)."""

    out_features: int = 10
    name: str = ""
    kind: ClassVar[str] = "rbf"


@dataclass(frozen=True)
class Inception:
    """Parallel branches on the same input, outputs concatenated along the channels."""

    branches: tuple[tuple[Any, ...], ...]
    name: str = ""
    kind: ClassVar[str] = "inception"


@dataclass(frozen=True)
class Residual:
    """``activation(body(x) + shortcut(x))``; an empty shortcut is the identity."""

    body: tuple[Any, ...]
    shortcut: tuple[Any, ...] = ()
    activation: str | None = "relu"
    name: str = ""
    kind: ClassVar[str] = "residual"


LAYER_TYPES = (Conv, MaxPool, AvgPool, Subsample, PartialConv, Linear, Activation, Flatten, BatchNorm,
               Dropout, LRN, GlobalAvgPool, RBF, Inception, Residual)

# Kinds that cost no extra activation memory in PyTorch (in-place ops and views).
_NO_MEMORY = frozenset({"relu", "leaky_relu", "dropout", "flatten"})
# Kinds that move over the spatial grid with (kernel, stride, padding, dilation).
_WINDOWED = frozenset({"conv", "maxpool", "avgpool", "subsample", "partial_conv"})


@dataclass(frozen=True)
class Network:
    """A named stack of layer specs and the input shape ``(C, H, W)`` it was designed for."""

    name: str
    layers: tuple
    input_shape: tuple[int, ...]


# ---------------------------------------------------------------------------------------------
# summary rows
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One row of a :class:`Summary` (numbers are ``None`` unless ``status == "ok"``).

    ``depth`` > 0 marks a layer inside a composite (whose own row, ``is_group``, comes first and
    totals its children). ``hparams`` are ``(i18n key suffix, value)`` pairs: see
    :func:`cnnviz.figures.architectures.hparams_text`. ``formula`` is the parameter count with numbers substituted, ``symbolic``
    the same with letters. ``rf`` and ``jump`` are ``(h, w)`` pairs (``None`` once the spatial
    layout is gone). ``act_elements`` / ``act_bytes`` are the output tensor's size for one image.
    """

    index: int
    name: str
    kind: str
    depth: int = 0
    is_group: bool = False
    hparams: tuple[tuple[str, str], ...] = ()
    in_shape: tuple[int, ...] | None = None
    out_shape: tuple[int, ...] | None = None
    params: int | None = None
    trainable: bool = True
    formula: str = ""
    symbolic: str = ""
    macs: int | None = None
    connections: int | None = None
    act_elements: int | None = None
    act_bytes: int | None = None
    rf: tuple[int, int] | None = None
    jump: tuple[int, int] | None = None
    status: str = "ok"
    problem: Problem | None = None

    @property
    def shape_text(self) -> str:
        return _shape_text(self.out_shape)

    @property
    def rf_text(self) -> str:
        return shapes.pair_text(self.rf) if self.rf is not None else ""

    @property
    def jump_text(self) -> str:
        return shapes.pair_text(self.jump) if self.jump is not None else ""


@dataclass(frozen=True)
class Summary:
    """Rows and totals of one network (totals over the valid rows; ``valid`` is False when a row
    is invalid). ``activation_elements`` adds every output tensor once, the input included, except
    in-place ReLU/dropout and flatten views."""

    name: str
    input_shape: tuple[int, ...]
    rows: tuple[Row, ...]
    dtype: str
    total_params: int
    trainable_params: int
    total_macs: int
    total_connections: int
    activation_elements: int
    activation_bytes: int
    param_bytes: int
    output_shape: tuple[int, ...] | None
    valid: bool

    @property
    def first_invalid(self) -> Row | None:
        return next((r for r in self.rows if r.status == "invalid"), None)

    def row(self, name: str) -> Row:
        """The row called ``name`` (KeyError if none)."""
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)

    @property
    def top_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.depth == 0)


def _kernel_text(value) -> str:
    if isinstance(value, (tuple, list)):
        return f"{value[0]}×{value[1]}"
    return f"{value}×{value}"


def _shape_text(shape) -> str:
    return "" if shape is None else "×".join(str(n) for n in shape)


def _num(n: int) -> str:
    return f"{n:,}"


# ---------------------------------------------------------------------------------------------
# shape propagation per layer
# ---------------------------------------------------------------------------------------------

@dataclass
class _Leaf:
    out_shape: tuple
    params: int = 0
    formula: str = ""
    symbolic: str = ""
    macs: int = 0
    connections: int = 0
    trainable: bool = True
    hparams: tuple = ()


def _needs_image(layer, shape) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise ShapeError(problem("arch.needs_image", kind=layer.kind, shape=_shape_text(shape)))
    return shape


def _spatial(fn, h: int, w: int, *args):
    """Apply a per-axis size function; scalar form when square (messages then name no axis)."""
    if h == w and not any(isinstance(a, (tuple, list)) for a in args):
        out = fn(h, *args)
        return (out, out)
    return fn((h, w), *args)


def _window_hparams(layer, window_key="window") -> list:
    hp = [(window_key, _kernel_text(layer.kernel_size))]
    stride = layer.kernel_size if layer.stride is None else layer.stride
    hp.append(("stride", shapes.pair_text(stride)))
    if layer.padding not in (0, (0, 0)):
        hp.append(("padding", shapes.pair_text(layer.padding)))
    if getattr(layer, "dilation", 1) not in (1, (1, 1)):
        hp.append(("dilation", shapes.pair_text(layer.dilation)))
    return hp


def _leaf_conv(layer: Conv, shape) -> _Leaf:
    c, h, w = _needs_image(layer, shape)
    co, g = layer.out_channels, layer.groups
    shapes.check_conv(1, 1, in_channels=c, out_channels=co, groups=g)
    oh, ow = _spatial(shapes.conv_output_size, h, w, layer.kernel_size, layer.stride, layer.padding, layer.dilation)
    kh, kw = shapes.as_pair(layer.kernel_size, "kernel_size", 1)
    params = shapes.conv_params(c, co, (kh, kw), g, layer.bias)
    cin = f"({c}/{g})" if g > 1 else f"{c}"
    formula = f"{co}×{cin}×{kh}×{kw}" + (f"+{co}" if layer.bias else "") + f" = {_num(params)}"
    symbolic = ("Co×(Ci/g)×Kh×Kw" if g > 1 else "Co×Ci×Kh×Kw") + ("+Co" if layer.bias else "")
    hp = [("filters", str(co))] + _window_hparams(layer, "kernel")
    if g != 1:
        hp.append(("groups", str(g)))
    if not layer.bias:
        hp.append(("no_bias", ""))
    per_output = (c // g) * kh * kw
    return _Leaf((co, oh, ow), params, formula, symbolic, shapes.conv_macs(c, co, (kh, kw), (oh, ow), g),
                 (per_output + (1 if layer.bias else 0)) * co * oh * ow, True, tuple(hp))


def _leaf_pool(layer, shape) -> _Leaf:
    c, h, w = _needs_image(layer, shape)
    oh, ow = _spatial(shapes.pool_output_size, h, w, layer.kernel_size, layer.stride, layer.padding,
                      layer.dilation, layer.ceil_mode)
    hp = _window_hparams(layer)
    if layer.ceil_mode:
        hp.append(("ceil_mode", ""))
    return _Leaf((c, oh, ow), hparams=tuple(hp))


def _leaf_subsample(layer: Subsample, shape) -> _Leaf:
    c, h, w = _needs_image(layer, shape)
    k = layer.kernel_size
    oh, ow = _spatial(shapes.pool_output_size, h, w, k, k)
    return _Leaf((c, oh, ow), 2 * c, f"2×{c} = {_num(2 * c)}", "2×C", c * oh * ow, (k * k + 1) * c * oh * ow,
                 True, (("window", _kernel_text(k)), ("stride", str(k)), ("coef_bias", "")))


def _leaf_partial(layer: PartialConv, shape) -> _Leaf:
    c, h, w = _needs_image(layer, shape)
    for j, maps in enumerate(layer.table):
        if not maps:
            raise ShapeError(problem("arch.table_empty", map=j))
        for m in maps:
            if not 0 <= m < c:
                raise ShapeError(problem("arch.table_channels", map=j, index=m, channels=c))
    oh, ow = _spatial(shapes.conv_output_size, h, w, layer.kernel_size, 1, 0, 1)
    kh, kw = shapes.as_pair(layer.kernel_size, "kernel_size", 1)
    groups: dict[int, int] = {}  # fan-in -> how many output maps have it, in order of appearance
    for maps in layer.table:
        groups[len(maps)] = groups.get(len(maps), 0) + 1
    params = sum((kh * kw * n + 1) * count for n, count in groups.items())
    formula = "+".join(f"({kh}×{kw}×{n}+1)×{count}" for n, count in groups.items()) + f" = {_num(params)}"
    links = sum(len(maps) for maps in layer.table)
    hp = (("filters", str(len(layer.table))), ("kernel", _kernel_text(layer.kernel_size)),
          ("table", f"{links}/{len(layer.table) * c}"))
    return _Leaf((len(layer.table), oh, ow), params, formula, "Σⱼ(Kh×Kw×nⱼ+1)", (params - len(layer.table)) * oh * ow,
                 params * oh * ow, True, hp)


def _needs_flat(layer, shape) -> int:
    if len(shape) != 1:
        raise ShapeError(problem("arch.needs_flat", kind=layer.kind, shape=_shape_text(shape)))
    return shape[0]


def _leaf_linear(layer: Linear, shape) -> _Leaf:
    fi = _needs_flat(layer, shape)
    fo = layer.out_features
    params = shapes.linear_params(fi, fo, layer.bias)
    formula = f"{fo}×{fi}" + (f"+{fo}" if layer.bias else "") + f" = {_num(params)}"
    hp = (("units", str(fo)),) + ((("no_bias", ""),) if not layer.bias else ())
    return _Leaf((fo,), params, formula, "out×in+out" if layer.bias else "out×in", fi * fo, params, True, hp)


def _leaf_rbf(layer: RBF, shape) -> _Leaf:
    fi = _needs_flat(layer, shape)
    fo = layer.out_features
    n = fi * fo
    return _Leaf((fo,), n, f"{fi}×{fo} = {_num(n)}", "in×out", n, n, False, (("units", str(fo)),))


def _leaf_activation(layer: Activation, shape) -> _Leaf:
    if layer.fn not in ACTIVATIONS:
        raise ShapeError(problem("arch.bad_option", option="activation", value=layer.fn,
                                 choices=", ".join(ACTIVATIONS)))
    if layer.fn == "softmax":
        _needs_flat(layer, shape)
    hp = (("slope", f"{layer.negative_slope:g}"),) if layer.fn == "leaky_relu" else ()
    return _Leaf(tuple(shape), hparams=hp)


def _leaf_flatten(layer, shape) -> _Leaf:
    return _Leaf((math.prod(shape),))


def _leaf_batchnorm(layer, shape) -> _Leaf:
    c = shape[0]
    return _Leaf(tuple(shape), 2 * c, f"2×{c} = {_num(2 * c)}", "2×C")


def _leaf_dropout(layer: Dropout, shape) -> _Leaf:
    if not 0 <= layer.p < 1:
        raise ShapeError(problem("arch.dropout_p", value=layer.p))
    return _Leaf(tuple(shape), hparams=(("p", f"{layer.p:g}"),))


def _leaf_lrn(layer: LRN, shape) -> _Leaf:
    _needs_image(layer, shape)
    return _Leaf(tuple(shape), hparams=(("size", str(layer.size)),))


def _leaf_gap(layer, shape) -> _Leaf:
    c, _, _ = _needs_image(layer, shape)
    return _Leaf((c, 1, 1))


_LEAF = {
    Conv: _leaf_conv, MaxPool: _leaf_pool, AvgPool: _leaf_pool, Subsample: _leaf_subsample,
    PartialConv: _leaf_partial, Linear: _leaf_linear, RBF: _leaf_rbf, Activation: _leaf_activation,
    Flatten: _leaf_flatten, BatchNorm: _leaf_batchnorm, Dropout: _leaf_dropout, LRN: _leaf_lrn,
    GlobalAvgPool: _leaf_gap,
}


# receptive-field state: ((rf_h, rf_w), (jump_h, jump_w), (top_h, top_w)) or None (no spatial layout)
def _rf_step(layer, state):
    if state is None:
        return None
    kind = layer.kind
    if kind in ("flatten", "linear", "rbf", "global_avgpool"):
        return None
    if kind not in _WINDOWED:
        return state
    stride = layer.kernel_size if layer.stride is None else layer.stride
    new = []
    for axis in range(2):
        k, s, p, d = (v[axis] if isinstance(v, (tuple, list)) else v
                      for v in (layer.kernel_size, stride, layer.padding, layer.dilation))
        new.append(shapes.receptive_field_step(state[0][axis], state[1][axis], state[2][axis], k, s, p, d))
    return tuple(tuple(v[i] for v in new) for i in range(3))


class _Summarizer:
    def __init__(self, dtype: str):
        self.dtype = dtype
        self.itemsize = np.dtype(dtype).itemsize
        self.rows: list[Row | None] = []
        self.failed = False
        self.counters: dict[str, int] = {}

    def auto_name(self, layer, prefix: str) -> str:
        if layer.name:
            return prefix + layer.name
        key = prefix + layer.kind
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{key}{self.counters[key]}"

    def waiting(self, layer, name: str, depth: int) -> None:
        group = isinstance(layer, (Inception, Residual))
        self.rows.append(Row(len(self.rows), name, layer.kind, depth, group, _group_hparams(layer) if group else
                             _static_hparams(layer), status="waiting"))
        if group:
            for child, child_name in _children(layer, name):
                self.waiting(child, child_name, depth + 1)

    def invalid(self, layer, name: str, depth: int, in_shape, prob: Problem) -> None:
        self.rows.append(Row(len(self.rows), name, layer.kind, depth, False, _static_hparams(layer), in_shape,
                             status="invalid", problem=prob))
        self.failed = True

    def layer(self, layer, shape, rf, depth: int, name: str):
        """Append the row(s) of ``layer``; return ``(out_shape, rf_state, params)`` or None on failure."""
        if self.failed:
            self.waiting(layer, name, depth)
            return None
        if isinstance(layer, (Inception, Residual)):
            return self.group(layer, shape, rf, depth, name)
        handler = _LEAF.get(type(layer))
        if handler is None:
            self.invalid(layer, name, depth, shape, problem("arch.unknown_layer", value=repr(layer)))
            return None
        try:
            leaf = handler(layer, shape)
        except ShapeError as err:
            self.invalid(layer, name, depth, shape, err.problem)
            return None
        new_rf = _rf_step(layer, rf)
        elements = math.prod(leaf.out_shape)
        self.rows.append(Row(
            len(self.rows), name, layer.kind, depth, False, leaf.hparams, tuple(shape), leaf.out_shape, leaf.params,
            leaf.trainable, leaf.formula, leaf.symbolic, leaf.macs, leaf.connections, elements,
            elements * self.itemsize, None if new_rf is None else new_rf[0], None if new_rf is None else new_rf[1],
        ))
        return leaf.out_shape, new_rf, leaf.params

    def group(self, layer, shape, rf, depth: int, name: str):
        index = len(self.rows)
        self.rows.append(None)  # the group's own row, filled in once its children are known
        results = []  # per path: (out_shape, rf, params)
        paths = [layer.body, layer.shortcut] if isinstance(layer, Residual) else list(layer.branches)
        child_names = iter(_children(layer, name))
        for path in paths:
            s, r, p = shape, rf, 0
            for child in path:
                _, child_name = next(child_names)
                result = self.layer(child, s, r, depth + 1, child_name)
                if result is None:
                    s = None
                    continue
                s, r, child_params = result
                p += child_params
            results.append((s, r, p))
        hp = _group_hparams(layer)
        if self.failed:
            bad = next(row for row in self.rows[index + 1:] if row.status == "invalid")
            self.rows[index] = Row(index, name, layer.kind, depth, True, hp, tuple(shape), status="invalid",
                                   problem=bad.problem)
            return None
        try:
            out_shape = _merge(layer, shape, [res[0] for res in results])
        except ShapeError as err:
            self.rows[index] = Row(index, name, layer.kind, depth, True, hp, tuple(shape), status="invalid",
                                   problem=err.problem)
            self.failed = True
            return None
        child_rows = [row for row in self.rows[index + 1:] if row.depth == depth + 1]
        params = sum(row.params for row in child_rows)
        macs = sum(row.macs for row in self.rows[index + 1:] if not row.is_group)
        connections = sum(row.connections for row in self.rows[index + 1:] if not row.is_group)
        nonzero = [row.params for row in child_rows if row.params]
        formula = "+".join(str(n) for n in nonzero) + f" = {_num(params)}" if len(nonzero) > 1 else ""
        rfs = [res[1] for res in results if res[1] is not None]
        new_rf = max(rfs, key=lambda st: st[0]) if rfs else None
        if isinstance(layer, Residual) and results[0][1] is not None:
            new_rf = results[0][1]
        elements = math.prod(out_shape)
        self.rows[index] = Row(
            index, name, layer.kind, depth, True, hp, tuple(shape), out_shape, params, True, formula, "Σ", macs,
            connections, elements, elements * self.itemsize,
            None if new_rf is None else new_rf[0], None if new_rf is None else new_rf[1],
        )
        return out_shape, new_rf, params


def _merge(layer, in_shape, outs) -> tuple:
    if isinstance(layer, Inception):
        if any(len(o) != 3 for o in outs) or len({o[1:] for o in outs}) != 1:
            raise ShapeError(problem("arch.branch_mismatch", shapes=", ".join(_shape_text(o) for o in outs)))
        return (sum(o[0] for o in outs), outs[0][1], outs[0][2])
    if layer.activation is not None and layer.activation not in ACTIVATIONS:
        raise ShapeError(problem("arch.bad_option", option="activation", value=layer.activation,
                                 choices=", ".join(ACTIVATIONS)))
    body, short = outs
    if body != short:
        fields = {"body": _shape_text(body), "shortcut": _shape_text(short)}
        if len(body) == 3 and len(short) == 3 and body[1] and short[1] % body[1] == 0:
            raise ShapeError(problem("arch.residual_mismatch", channels=body[0], stride=short[1] // body[1], **fields))
        raise ShapeError(problem("arch.residual_mismatch_any", **fields))
    return body


def _children(layer, name: str):
    """``(child, row name)`` of every layer inside a composite, in row order.

    Named children are ``"<group>.<child name>"``; unnamed ones ``"<group>.b<branch>.<kind><j>"``
    (Inception) or ``"<group>.<kind><j>"`` / ``"<group>.shortcut.<kind><j>"`` (Residual).
    """
    if isinstance(layer, Residual):
        paths = [("", layer.body), ("shortcut.", layer.shortcut)]
    else:
        paths = [(f"b{i + 1}.", branch) for i, branch in enumerate(layer.branches)]
    return [(child, f"{name}.{child.name}" if child.name else f"{name}.{prefix}{child.kind}{j}")
            for prefix, path in paths for j, child in enumerate(path)]


def _group_hparams(layer) -> tuple:
    if isinstance(layer, Inception):
        return (("branches", str(len(layer.branches))),)
    hp = [("projection", "") if layer.shortcut else ("identity", "")]
    if layer.activation:
        hp.append(("then", layer.activation))
    return tuple(hp)


def _static_hparams(layer) -> tuple:
    """Hyper-parameters that need no input shape (for invalid / waiting rows)."""
    if isinstance(layer, (Inception, Residual)):
        return _group_hparams(layer)
    if isinstance(layer, Conv):
        return (("filters", str(layer.out_channels)),) + tuple(_window_hparams(layer, "kernel"))
    if isinstance(layer, (MaxPool, AvgPool)):
        return tuple(_window_hparams(layer))
    if isinstance(layer, Subsample):
        return (("window", _kernel_text(layer.kernel_size)),)
    if isinstance(layer, PartialConv):
        return (("filters", str(len(layer.table))), ("kernel", _kernel_text(layer.kernel_size)))
    if isinstance(layer, (Linear, RBF)):
        return (("units", str(layer.out_features)),)
    if isinstance(layer, Dropout):
        return (("p", f"{layer.p:g}"),)
    if isinstance(layer, LRN):
        return (("size", str(layer.size)),)
    return ()


def _check_input_shape(input_shape) -> tuple[int, ...]:
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) not in (1, 3):
        raise ShapeError(problem("arch.input_shape", value=repr(input_shape)))
    return tuple(shapes._int(n, "input shape", 1) for n in input_shape)


def summarize(network, input_shape=None, *, dtype: str = "float32", **options) -> Summary:
    """Layer-by-layer summary of a preset (by name), a :class:`Network` or a sequence of specs.

    Parameters
    ----------
    network : str, Network or sequence of layer specs
        A preset name (see :func:`preset_names`; ``options`` go to its builder, e.g.
        ``summarize("lenet5", activation="tanh", pooling="avg")``), a Network, or specs.
    input_shape : (C, H, W) or (features,), optional
        Required for a bare sequence of specs; overrides the preset's input otherwise.
    dtype : str
        Element type for the memory columns (float32: 4 bytes).

    Returns
    -------
    Summary
        The first row is the input (kind ``"input"``); then one row per layer, composites followed
        by their children. Parameter totals count ``depth == 0`` rows; ``trainable_params`` leaves
        out LeNet's fixed RBF centres.
    """
    net = _resolve(network, input_shape, options)
    shape = _check_input_shape(net.input_shape)
    s = _Summarizer(dtype)
    elements = math.prod(shape)
    rf = ((1, 1), (1, 1), (0, 0)) if len(shape) == 3 else None
    s.rows.append(Row(0, "input", "input", out_shape=shape, params=0, macs=0, connections=0,
                      act_elements=elements, act_bytes=elements * s.itemsize,
                      rf=None if rf is None else rf[0], jump=None if rf is None else rf[1]))
    out_shape = shape
    for layer in net.layers:
        result = s.layer(layer, out_shape, rf, 0, s.auto_name(layer, ""))
        if result is None:
            out_shape = None
            continue
        out_shape, rf, _ = result
    rows = tuple(s.rows)
    ok_top = [r for r in rows if r.depth == 0 and r.status == "ok"]
    total = sum(r.params for r in ok_top)
    trainable = sum(_trainable_params(r, rows) for r in ok_top)
    act = sum(r.act_elements for r in rows if r.status == "ok" and r.kind not in _NO_MEMORY)
    return Summary(
        name=net.name, input_shape=shape, rows=rows, dtype=str(np.dtype(dtype)), total_params=total,
        trainable_params=trainable, total_macs=sum(r.macs for r in ok_top),
        total_connections=sum(r.connections for r in ok_top), activation_elements=act,
        activation_bytes=act * s.itemsize, param_bytes=total * s.itemsize,
        output_shape=None if s.failed else out_shape, valid=not s.failed,
    )


def _trainable_params(row: Row, rows) -> int:
    if not row.is_group:
        return row.params if row.trainable else 0
    # a group: sum its trainable leaves
    total = 0
    for r in rows[row.index + 1:]:
        if r.depth <= row.depth:
            break
        if not r.is_group and r.trainable:
            total += r.params
    return total


# ---------------------------------------------------------------------------------------------
# presets
# ---------------------------------------------------------------------------------------------

# LeNet-5 (LeCun et al. 1998, Table I): the S2 maps each C3 map reads.
LENET_C3_TABLE = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (0, 4, 5), (0, 1, 5),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (0, 3, 4, 5), (0, 1, 4, 5), (0, 1, 2, 5),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)


def lenet5_1998() -> Network:
    """LeNet-5 as in LeCun, Bottou, Bengio & Haffner (1998), on a 32×32 input.

    C1 (5·5+1)·6 = 156; S2 2·6 = 12; C3 with the partial connection table
    (5·5·3+1)·6+(5·5·4+1)·9+(5·5·6+1)·1 = 1,516; S4 2·16 = 32; C5 (16·5·5+1)·120 = 48,120;
    F6 (120+1)·84 = 10,164: 60,000 trainable parameters, as the paper states. The output layer's
    84×10 = 840 RBF centres are fixed, so the total is 60,840. The connections add up to the
    paper's 340,908. The squashing function is ``1.7159·tanh(2a/3)``.
    """
    act = "lecun_tanh"
    layers = (
        Conv(6, 5, name="C1"), Activation(act), Subsample(2, name="S2"), Activation(act),
        PartialConv(LENET_C3_TABLE, 5, name="C3"), Activation(act), Subsample(2, name="S4"), Activation(act),
        Conv(120, 5, name="C5"), Activation(act), Flatten(), Linear(84, name="F6"), Activation(act),
        RBF(10, name="output"),
    )
    return Network("lenet5-1998", layers, (1, 32, 32))


def _choice(option: str, value, choices) -> None:
    if value not in choices:
        raise ShapeError(problem("arch.bad_option", option=option, value=value, choices=", ".join(choices)))


def lenet5(activation: str = "relu", pooling: str = "max", classes: int = 10) -> Network:
    """The modern LeNet-5 for 1×28×28 MNIST: conv(1→6, 5, pad 2), act, pool 2, conv(6→16, 5), act,
    pool 2, flatten, fc 400→120, act, fc 120→84, act, fc 84→10: 61,706 parameters.

    activation : "relu", "sigmoid", "tanh" or "leaky_relu"; pooling : "max" or "avg";
    classes : outputs of the last layer (10 digits; another dataset may have another count).
    """
    _choice("activation", activation, ("relu", "sigmoid", "tanh", "leaky_relu"))
    _choice("pooling", pooling, ("max", "avg"))
    if type(classes) is not int or not 2 <= classes <= 1000:
        raise ShapeError(problem("arch.bad_option", option="classes", value=repr(classes), choices="2 … 1000"))
    pool = MaxPool if pooling == "max" else AvgPool
    layers = (
        Conv(6, 5, padding=2, name="conv1"), Activation(activation), pool(2, name="pool1"),
        Conv(16, 5, name="conv2"), Activation(activation), pool(2, name="pool2"),
        Flatten(), Linear(120, name="fc1"), Activation(activation), Linear(84, name="fc2"),
        Activation(activation), Linear(classes, name="fc3"),
    )
    return Network("lenet5", layers, (1, 28, 28))


def alexnet(towers: int = 1) -> Network:
    """AlexNet (Krizhevsky, Sutskever & Hinton 2012) on 3×227×227, with the paper's sizes.

    conv1 96@11×11 s4 → 55, pool 3 s2 → 27, conv2 256@5×5 p2 → 27, pool → 13, conv3 384@3×3 p1,
    conv4 384, conv5 256, pool → 6, fc 9216→4096→4096→1000, with LRN after conv1/conv2 and dropout
    before fc6/fc7. ``towers=1`` (one GPU, every conv sees all channels) has
    Σ Co·Ci·Kh·Kw+Co = 62,378,344 parameters; ``towers=2`` splits conv2, conv4 and conv5 into two
    groups as the paper's two GPUs did: 60,965,224.
    """
    _choice("towers", towers, (1, 2))
    g = towers
    layers = (
        Conv(96, 11, stride=4, name="conv1"), Activation("relu"), LRN(5, 1e-4, 0.75, 2.0, name="lrn1"),
        MaxPool(3, 2, name="pool1"),
        Conv(256, 5, padding=2, groups=g, name="conv2"), Activation("relu"), LRN(5, 1e-4, 0.75, 2.0, name="lrn2"),
        MaxPool(3, 2, name="pool2"),
        Conv(384, 3, padding=1, name="conv3"), Activation("relu"),
        Conv(384, 3, padding=1, groups=g, name="conv4"), Activation("relu"),
        Conv(256, 3, padding=1, groups=g, name="conv5"), Activation("relu"), MaxPool(3, 2, name="pool5"),
        Flatten(), Dropout(0.5), Linear(4096, name="fc6"), Activation("relu"), Dropout(0.5),
        Linear(4096, name="fc7"), Activation("relu"), Linear(1000, name="fc8"),
    )
    return Network("alexnet", layers, (3, 227, 227))


def vgg16() -> Network:
    """VGG-16 (Simonyan & Zisserman 2014, configuration D) on 3×224×224: 13 3×3 convs (pad 1) in five
    blocks with 2×2 max pooling, then fc 25088→4096→4096→1000: 138,357,544 parameters."""
    layers = []
    for block, (channels, count) in enumerate(((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)), start=1):
        for i in range(1, count + 1):
            layers += [Conv(channels, 3, padding=1, name=f"conv{block}_{i}"), Activation("relu", name=f"relu{block}_{i}")]
        layers.append(MaxPool(2, name=f"pool{block}"))
    layers += [Flatten(), Linear(4096, name="fc6"), Activation("relu", name="relu6"), Dropout(0.5, name="drop6"),
               Linear(4096, name="fc7"), Activation("relu", name="relu7"), Dropout(0.5, name="drop7"),
               Linear(1000, name="fc8")]
    return Network("vgg16", tuple(layers), (3, 224, 224))


def inception3a(naive: bool = False) -> Network:
    """GoogLeNet's inception (3a) module (Szegedy et al. 2015) on 192×28×28.

    Branches: 1×1 64; 1×1 96 → 3×3 128; 1×1 16 → 5×5 32; 3×3 max pool → 1×1 32: 256 channels
    out, 163,696 parameters. ``naive=True`` drops the 1×1 reductions (1×1 64, 3×3 128, 5×5 32 and
    the pool straight through): 416 channels out and 387,296 parameters.
    """
    relu = Activation("relu")
    if naive:
        branches = (
            (Conv(64, 1, name="1x1"), relu),
            (Conv(128, 3, padding=1, name="3x3"), relu),
            (Conv(32, 5, padding=2, name="5x5"), relu),
            (MaxPool(3, 1, 1, name="pool"),),
        )
    else:
        branches = (
            (Conv(64, 1, name="1x1"), relu),
            (Conv(96, 1, name="3x3_reduce"), relu, Conv(128, 3, padding=1, name="3x3"), relu),
            (Conv(16, 1, name="5x5_reduce"), relu, Conv(32, 5, padding=2, name="5x5"), relu),
            (MaxPool(3, 1, 1, name="pool"), Conv(32, 1, name="pool_proj"), relu),
        )
    return Network("inception3a-naive" if naive else "inception3a",
                   (Inception(branches, name="inception3a"),), (192, 28, 28))


def _basic_block(name: str, channels: int, stride: int, project: bool) -> Residual:
    body = (
        Conv(channels, 3, stride, 1, bias=False, name="conv1"), BatchNorm(name="bn1"), Activation("relu", name="relu"),
        Conv(channels, 3, 1, 1, bias=False, name="conv2"), BatchNorm(name="bn2"),
    )
    shortcut = (Conv(channels, 1, stride, bias=False, name="downsample.0"), BatchNorm(name="downsample.1")) if project else ()
    return Residual(body, shortcut, "relu", name=name)


def resnet18() -> Network:
    """ResNet-18 (He et al. 2016) on 3×224×224, torchvision's layout: conv 7×7/2 (no bias) + BN +
    ReLU, max pool 3/2, four stages of two basic blocks (64, 128, 256, 512 channels; a 1×1 conv + BN
    projection shortcut where the shape changes), global average pool, fc 512→1000:
    11,689,512 parameters (BN's scale and shift included)."""
    layers = [Conv(64, 7, 2, 3, bias=False, name="conv1"), BatchNorm(name="bn1"), Activation("relu", name="relu"),
              MaxPool(3, 2, 1, name="maxpool")]
    in_channels = 64
    for stage, channels in enumerate((64, 128, 256, 512), start=1):
        for block in range(2):
            stride = 2 if stage > 1 and block == 0 else 1
            project = stride != 1 or in_channels != channels
            layers.append(_basic_block(f"layer{stage}.{block}", channels, stride, project))
            in_channels = channels
    layers += [GlobalAvgPool(name="avgpool"), Flatten(name="flatten"), Linear(1000, name="fc")]
    return Network("resnet18", tuple(layers), (3, 224, 224))


def keras_mnist() -> Network:
    """The Keras MNIST example of the course notes (1×28×28): conv 32@3×3 (320), conv 64@3×3
    (18,496), max pool 2, dropout 0.25, flatten 9216, dense 128 (1,179,776), dropout 0.5,
    dense 10 (1,290), softmax: 1,199,882 parameters."""
    layers = (
        Conv(32, 3, name="conv2d_1"), Activation("relu"), Conv(64, 3, name="conv2d_2"), Activation("relu"),
        MaxPool(2, name="max_pooling2d_1"), Dropout(0.25, name="dropout_1"), Flatten(name="flatten_1"),
        Linear(128, name="dense_1"), Activation("relu"), Dropout(0.5, name="dropout_2"), Linear(10, name="preds"),
        Activation("softmax"),
    )
    return Network("keras-mnist", layers, (1, 28, 28))


_PRESETS = {
    "lenet5-1998": lenet5_1998,
    "lenet5": lenet5,
    "alexnet": alexnet,
    "vgg16": vgg16,
    "inception3a": inception3a,
    "inception3a-naive": lambda: inception3a(naive=True),
    "resnet18": resnet18,
    "keras-mnist": keras_mnist,
}
_RUNNABLE = ("lenet5", "keras-mnist", "resnet18")


def preset_names() -> tuple[str, ...]:
    """Names accepted by :func:`get_preset`, :func:`summarize` and the exporters."""
    return tuple(_PRESETS)


def get_preset(name: str, **options) -> Network:
    """The preset ``name`` built with ``options`` (e.g. ``get_preset("alexnet", towers=2)``)."""
    if name not in _PRESETS:
        raise ShapeError(problem("arch.unknown_preset", value=name, choices=", ".join(_PRESETS)))
    try:
        return _PRESETS[name](**options)
    except TypeError:
        raise ShapeError(problem("arch.bad_options", value=name, options=", ".join(sorted(options)))) from None


def _resolve(network, input_shape, options) -> Network:
    if isinstance(network, str):
        net = get_preset(network, **options)
    elif isinstance(network, Network):
        net = network
    else:
        if input_shape is None:
            raise ShapeError(problem("arch.input_shape", value="None"))
        net = Network("custom", tuple(network), tuple(input_shape))
    if input_shape is not None:
        net = Network(net.name, net.layers, tuple(input_shape))
    return net


# ---------------------------------------------------------------------------------------------
# the Inception 1×1 reduction arithmetic
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReductionExample:
    """Weights (biases left out, as the course does) of a ``K×K`` conv with and without a ``1×1``
    reduction first. ``slide_weights`` is the figure the slides print: they forget the 1×1 layer.
    MACs are for one ``size×size`` image at stride 1 with "same" padding."""

    in_channels: int
    out_channels: int
    reduced_channels: int
    kernel_size: int
    size: int
    direct_weights: int
    reduce_weights: int
    conv_weights: int
    reduced_weights: int
    slide_weights: int
    direct_macs: int
    reduced_macs: int
    direct_formula: str
    reduced_formula: str

    @property
    def ratio(self) -> float:
        """How many times fewer weights the reduced version needs."""
        return self.direct_weights / self.reduced_weights


def inception_reduction_example(in_channels: int = 128, out_channels: int = 256, reduced_channels: int = 32,
                                kernel_size: int = 5, size: int = 100) -> ReductionExample:
    """The course's 1×1-reduction example: a 5×5 conv with 256 outputs on 100×100×128.

    Direct: ``128×5×5×256 = 819,200`` weights. Reduced: ``128×1×1×32 + 32×5×5×256 = 4,096 +
    204,800 = 208,896``. The slides print 204,800 because they drop the 4,096 weights of the 1×1
    layer; both are exposed (``reduced_weights`` is the correct sum). The weight counts do not
    depend on ``size``; the multiply-adds are weights × ``size²``.
    """
    ci, co, cr, k = in_channels, out_channels, reduced_channels, kernel_size
    n = shapes._int(size, "size", 1)
    direct = ci * k * k * co
    reduce = ci * cr
    conv = cr * k * k * co
    return ReductionExample(
        ci, co, cr, k, n, direct, reduce, conv, reduce + conv, conv, direct * n * n, (reduce + conv) * n * n,
        f"{ci}×{k}×{k}×{co} = {_num(direct)}",
        f"{ci}×1×1×{cr} + {cr}×{k}×{k}×{co} = {_num(reduce)} + {_num(conv)} = {_num(reduce + conv)}",
    )


# ---------------------------------------------------------------------------------------------
# runnable models
# ---------------------------------------------------------------------------------------------

def build_model(network, *, rng: np.random.Generator, input_shape=None, init: str | None = None,
                dtype=np.float32, **options):
    """A runnable :class:`cnnviz.nn.layers.Sequential` for a network of plain layers.

    Supported: Conv, MaxPool, AvgPool, GlobalAvgPool, Linear, Flatten, the activations relu,
    leaky_relu, sigmoid and tanh, Dropout, BatchNorm (BatchNorm2d after a map, BatchNorm1d after a
    flat layer) and Residual blocks (so layer indices and ``state_dict`` names match the exported
    PyTorch code); a final softmax is left out (the loss applies it). Presets that qualify:
    ``lenet5`` (all options), ``keras-mnist`` and ``resnet18``.

    Parameters
    ----------
    network : str, Network or sequence of specs (with ``input_shape``)
    rng : numpy.random.Generator
        Seeds the weights.
    init : "kaiming", "xavier", "torch" or None
        None means PyTorch's default ("torch": U(±1/√fan_in) for weights and biases), so a fresh
        network starts near uniform, as a fresh PyTorch model does.
    """
    net = _resolve(network, input_shape, options)
    summary = summarize(net)
    if not summary.valid:
        raise ShapeError(summary.first_invalid.problem)
    if init is None:
        init = "torch"
    return _build_layers(net.layers, tuple(net.input_shape), summary.top_rows[1:], rng, init, dtype, top=True)


def _build_layers(layers, shape, rows, rng, init, dtype, top=False):
    """A Sequential of runnable layers for ``layers`` (``rows``: their summary rows, or None to summarise)."""
    from cnnviz.nn import layers as L

    if rows is None:
        summary = summarize(tuple(layers), shape)
        if not summary.valid:
            raise ShapeError(summary.first_invalid.problem)
        rows = summary.top_rows[1:]
    built = []
    for i, (layer, row) in enumerate(zip(layers, rows)):
        if isinstance(layer, Conv):
            padding = shapes.full_padding(layer.kernel_size, layer.dilation) if layer.padding == "full" else layer.padding
            built.append(L.Conv2d(row.in_shape[0], layer.out_channels, layer.kernel_size, layer.stride, padding,
                                  layer.dilation, layer.groups, layer.bias, rng=rng, init=init, dtype=dtype))
        elif isinstance(layer, MaxPool):
            built.append(L.MaxPool2d(layer.kernel_size, layer.stride, layer.padding, layer.dilation, layer.ceil_mode))
        elif isinstance(layer, AvgPool):
            built.append(L.AvgPool2d(layer.kernel_size, layer.stride, layer.padding, layer.ceil_mode,
                                     layer.count_include_pad))
        elif isinstance(layer, GlobalAvgPool):
            built.append(L.AdaptiveAvgPool2d(1))
        elif isinstance(layer, Linear):
            built.append(L.Linear(row.in_shape[0], layer.out_features, layer.bias, rng=rng, init=init, dtype=dtype))
        elif isinstance(layer, Flatten):
            built.append(L.Flatten())
        elif isinstance(layer, Activation) and layer.fn in ("relu", "sigmoid", "tanh", "leaky_relu"):
            built.append(_activation_layer(layer.fn, layer))
        elif isinstance(layer, Dropout):
            built.append(L.Dropout(layer.p, rng=rng))
        elif isinstance(layer, BatchNorm):
            built.append((L.BatchNorm2d if len(row.in_shape) == 3 else L.BatchNorm1d)(row.in_shape[0], dtype=dtype))
        elif isinstance(layer, Residual):
            body = _build_layers(layer.body, tuple(row.in_shape), None, rng, init, dtype)
            shortcut = _build_layers(layer.shortcut, tuple(row.in_shape), None, rng, init, dtype) if layer.shortcut \
                else None
            built.append(L.Residual(body, shortcut, _activation_layer(layer.activation) if layer.activation else None))
        elif isinstance(layer, Activation) and layer.fn == "softmax" and top and i == len(layers) - 1:
            continue
        else:
            raise ShapeError(problem("arch.not_runnable", kind=layer.kind, choices=", ".join(_RUNNABLE)))
    return L.Sequential(*built)


def _activation_layer(fn: str, spec=None):
    from cnnviz.nn import layers as L

    if fn == "leaky_relu":
        return L.LeakyReLU(spec.negative_slope if spec is not None else 0.01)
    if fn not in ("relu", "sigmoid", "tanh"):
        raise ShapeError(problem("arch.not_runnable", kind=fn, choices=", ".join(_RUNNABLE)))
    return {"relu": L.ReLU, "sigmoid": L.Sigmoid, "tanh": L.Tanh}[fn]()


# ---------------------------------------------------------------------------------------------
# PyTorch export
# ---------------------------------------------------------------------------------------------

_TORCH_HELPERS = {
    "inception": '''
class Inception(nn.Module):
    """Parallel branches on the same input, concatenated along the channels."""

    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], dim=1)
''',
    "residual": '''
class Residual(nn.Module):
    """activation(body(x) + shortcut(x)): a ResNet block (an empty shortcut is the identity)."""

    def __init__(self, body, shortcut=None, activation=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut if shortcut is not None else nn.Identity()
        self.activation = activation if activation is not None else nn.Identity()

    def forward(self, x):
        return self.activation(self.body(x) + self.shortcut(x))
''',
    "subsample": '''
class Subsample(nn.Module):
    """LeNet-5 (1998) S-layer: each k×k block summed, times a trainable coefficient, plus a bias, per map."""

    def __init__(self, channels, kernel_size=2):
        super().__init__()
        self.kernel_size = kernel_size
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        sums = F.avg_pool2d(x, self.kernel_size) * self.kernel_size ** 2
        return sums * self.weight.reshape(1, -1, 1, 1) + self.bias.reshape(1, -1, 1, 1)
''',
    "partial_conv": '''
class PartialConv2d(nn.Module):
    """LeNet-5 (1998) C3: output map j is a conv over only the input maps table[j]."""

    def __init__(self, table, kernel_size):
        super().__init__()
        self.table = [list(maps) for maps in table]
        self.convs = nn.ModuleList([nn.Conv2d(len(maps), 1, kernel_size) for maps in self.table])

    def forward(self, x):
        return torch.cat([conv(x[:, maps]) for conv, maps in zip(self.convs, self.table)], dim=1)
''',
    "lecun_tanh": '''
class LeCunTanh(nn.Module):
    """LeNet-5's squashing function 1.7159 * tanh(2x / 3)."""

    def forward(self, x):
        return 1.7159 * torch.tanh(2 * x / 3)
''',
    "rbf": '''
class RBFOutput(nn.Module):
    """LeNet-5's output: y_i = sum_j (x_j - w_ij)^2 with fixed centres (set them to the class codes)."""

    def __init__(self, in_features, out_features):
        super().__init__()
        self.centres = nn.Parameter(torch.zeros(out_features, in_features), requires_grad=False)

    def forward(self, x):
        return ((x[:, None, :] - self.centres) ** 2).sum(-1)
''',
}


def _arg_text(value) -> str:
    return repr(tuple(value)) if isinstance(value, (tuple, list)) else repr(value)


def _torch_window_args(layer, defaults: dict) -> str:
    parts = []
    for key, default in defaults.items():
        value = getattr(layer, key)
        if value != default and not (isinstance(value, (tuple, list)) and len(set(value)) == 1 and value[0] == default):
            parts.append(f"{key}={_arg_text(value)}")
    return "".join(", " + p for p in parts)


def _torch_expr(layer, shape, used: set, indent: str) -> str:
    """The constructor expression of one layer given its input shape (composites recurse)."""
    kind = layer.kind
    if isinstance(layer, Conv):
        if layer.padding == "full":  # not a PyTorch mode: write the number
            layer = dataclasses.replace(layer, padding=shapes.full_padding(layer.kernel_size, layer.dilation))
        args = f"{shape[0]}, {layer.out_channels}, kernel_size={_arg_text(layer.kernel_size)}"
        args += _torch_window_args(layer, {"stride": 1, "padding": 0, "dilation": 1, "groups": 1})
        return f"nn.Conv2d({args}{'' if layer.bias else ', bias=False'})"
    if isinstance(layer, MaxPool):
        stride = "" if layer.stride is None else f", stride={_arg_text(layer.stride)}"
        rest = _torch_window_args(layer, {"padding": 0, "dilation": 1, "ceil_mode": False})
        return f"nn.MaxPool2d(kernel_size={_arg_text(layer.kernel_size)}{stride}{rest})"
    if isinstance(layer, AvgPool):
        stride = "" if layer.stride is None else f", stride={_arg_text(layer.stride)}"
        rest = _torch_window_args(layer, {"padding": 0, "ceil_mode": False, "count_include_pad": True})
        return f"nn.AvgPool2d(kernel_size={_arg_text(layer.kernel_size)}{stride}{rest})"
    if isinstance(layer, Linear):
        return f"nn.Linear({shape[0]}, {layer.out_features}{'' if layer.bias else ', bias=False'})"
    if isinstance(layer, Activation):
        if layer.fn == "lecun_tanh":
            used.add("lecun_tanh")
            return "LeCunTanh()"
        return {"relu": "nn.ReLU()", "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()", "softmax": "nn.Softmax(dim=1)",
                "leaky_relu": f"nn.LeakyReLU({layer.negative_slope!r})"}[layer.fn]
    if isinstance(layer, Flatten):
        return "nn.Flatten()"
    if isinstance(layer, BatchNorm):
        return f"nn.BatchNorm2d({shape[0]})" if len(shape) == 3 else f"nn.BatchNorm1d({shape[0]})"
    if isinstance(layer, Dropout):
        return f"nn.Dropout({layer.p!r})"
    if isinstance(layer, LRN):
        return f"nn.LocalResponseNorm({layer.size}, alpha={layer.alpha!r}, beta={layer.beta!r}, k={layer.k!r})"
    if isinstance(layer, GlobalAvgPool):
        return "nn.AdaptiveAvgPool2d(1)"
    if isinstance(layer, Subsample):
        used.add("subsample")
        return f"Subsample({shape[0]}, kernel_size={layer.kernel_size})"
    if isinstance(layer, PartialConv):
        used.add("partial_conv")
        return f"PartialConv2d({[list(m) for m in layer.table]!r}, kernel_size={_arg_text(layer.kernel_size)})"
    if isinstance(layer, RBF):
        used.add("rbf")
        return f"RBFOutput({shape[0]}, {layer.out_features})"
    if isinstance(layer, Inception):
        used.add("inception")
        inner = indent + "    "
        branches = [_torch_sequential(branch, shape, used, inner) for branch in layer.branches]
        return "Inception(\n" + "".join(f"{inner}{b},\n" for b in branches) + f"{indent})"
    if isinstance(layer, Residual):
        used.add("residual")
        inner = indent + "    "
        body = _torch_sequential(layer.body, shape, used, inner)
        parts = [f"{inner}{body},\n"]
        parts.append(f"{inner}{_torch_sequential(layer.shortcut, shape, used, inner)},\n" if layer.shortcut
                     else f"{inner}None,\n")
        if layer.activation:
            act = _torch_expr(Activation(layer.activation), shape, used, inner)
            parts.append(f"{inner}{act},\n")
        return "Residual(\n" + "".join(parts) + f"{indent})"
    raise ShapeError(problem("arch.unknown_layer", value=kind))


def _torch_sequential(layers, shape, used: set, indent: str, comments: bool = False) -> str:
    """``nn.Sequential(...)`` text for ``layers`` applied to ``shape``."""
    summary = summarize(tuple(layers), shape)
    if not summary.valid:
        raise ShapeError(summary.first_invalid.problem)
    inner = indent + "    "
    lines = []
    rows = summary.top_rows[1:]
    for layer, row in zip(layers, rows):
        expr = _torch_expr(layer, row.in_shape, used, inner)
        comment = ""
        if comments:
            comment = f"  # {row.name}: {_shape_text(row.out_shape)}" + (f", {_num(row.params)} params" if row.params else "")
        lines.append(f"{inner}{expr},{comment}\n")
    return "nn.Sequential(\n" + "".join(lines) + f"{indent})"


def to_pytorch_code(network, input_shape=None, **options) -> str:
    """PyTorch code building the same network as an ``nn.Sequential`` named ``model``.

    Composite and LeNet-1998 layers come with small ``nn.Module`` helper classes defined above the
    model. Each line is commented with the row's output shape and parameter count; the code gives
    the same shapes and parameter counts as :func:`summarize` (LeNet's fixed RBF centres are a
    parameter with ``requires_grad=False``).
    """
    net = _resolve(network, input_shape, options)
    used: set[str] = set()
    body = _torch_sequential(net.layers, tuple(net.input_shape), used, "", comments=True)
    header = f"# {net.name}: input (N, {', '.join(str(n) for n in net.input_shape)}), PyTorch NCHW\n"
    imports = "import torch\nimport torch.nn as nn\n"
    if "subsample" in used:
        imports += "import torch.nn.functional as F\n"
    helpers = "".join(_TORCH_HELPERS[k] + "\n" for k in _TORCH_HELPERS if k in used)
    return f"{header}{imports}\n{helpers}\nmodel = {body}\n"


# ---------------------------------------------------------------------------------------------
# Keras export (functional API)
# ---------------------------------------------------------------------------------------------

def _py_name(name: str) -> str:
    return re.sub(r"\W", "_", name)


class _KerasWriter:
    def __init__(self):
        self.lines: list[str] = []
        self.count = 0
        self.uses_tf = False

    def var(self, base: str = "x") -> str:
        self.count += 1
        return f"{base}{self.count}"

    def add(self, target: str, expr: str, source: str) -> str:
        self.lines.append(f"{target} = {expr}({source})")
        return target

    def pad(self, amount, source: str) -> str:
        if amount in (0, (0, 0)):
            return source
        return self.add(self.var(), f"layers.ZeroPadding2D({_arg_text(amount)})", source)

    def layer(self, layer, shape, row: Row, source: str, name: str) -> str:
        def named(args: str) -> str:
            return f"{args}, name={name!r}" if args else f"name={name!r}"

        if isinstance(layer, Conv):
            padding = layer.padding
            keras_padding = "valid"
            if padding == "same":
                keras_padding = "same"
            elif padding == "full":
                source = self.pad(shapes.full_padding(layer.kernel_size, layer.dilation), source)
            elif padding != "valid":
                source = self.pad(padding, source)
            args = f"{layer.out_channels}, {_arg_text(layer.kernel_size)}"
            if layer.stride not in (1, (1, 1)):
                args += f", strides={_arg_text(layer.stride)}"
            if keras_padding == "same":
                args += ", padding='same'"
            if layer.dilation not in (1, (1, 1)):
                args += f", dilation_rate={_arg_text(layer.dilation)}"
            if layer.groups != 1:
                args += f", groups={layer.groups}"
            if not layer.bias:
                args += ", use_bias=False"
            return self.add(self.var(), f"layers.Conv2D({named(args)})", source)
        if isinstance(layer, (MaxPool, AvgPool)):
            if layer.ceil_mode or getattr(layer, "dilation", 1) not in (1, (1, 1)) or (
                    isinstance(layer, AvgPool) and not layer.count_include_pad and layer.padding not in (0, (0, 0))):
                raise ShapeError(problem("arch.keras_unsupported", kind=layer.kind))
            source = self.pad(layer.padding, source)
            cls = "MaxPooling2D" if isinstance(layer, MaxPool) else "AveragePooling2D"
            stride = layer.kernel_size if layer.stride is None else layer.stride
            args = f"{_arg_text(layer.kernel_size)}, strides={_arg_text(stride)}"
            return self.add(self.var(), f"layers.{cls}({named(args)})", source)
        if isinstance(layer, Linear):
            args = f"{layer.out_features}" + ("" if layer.bias else ", use_bias=False")
            return self.add(self.var(), f"layers.Dense({named(args)})", source)
        if isinstance(layer, Activation):
            expr = {"relu": "layers.ReLU", "sigmoid": "layers.Activation", "tanh": "layers.Activation",
                    "softmax": "layers.Softmax", "leaky_relu": "layers.LeakyReLU"}.get(layer.fn)
            if expr is None:
                raise ShapeError(problem("arch.keras_unsupported", kind=layer.kind))
            args = {"sigmoid": "'sigmoid'", "tanh": "'tanh'",
                    "leaky_relu": f"negative_slope={layer.negative_slope!r}"}.get(layer.fn, "")
            return self.add(self.var(), f"{expr}({named(args)})", source)
        if isinstance(layer, Flatten):
            if len(shape) == 3 and shape[1] * shape[2] > 1:
                self.lines.append("# Keras flattens (H, W, C), PyTorch (C, H, W): same sizes, different order")
            return self.add(self.var(), f"layers.Flatten({named('')})", source)
        if isinstance(layer, BatchNorm):
            return self.add(self.var(), f"layers.BatchNormalization({named('epsilon=1e-5, momentum=0.9')})", source)
        if isinstance(layer, Dropout):
            return self.add(self.var(), f"layers.Dropout({named(repr(layer.p))})", source)
        if isinstance(layer, GlobalAvgPool):
            return self.add(self.var(), f"layers.GlobalAveragePooling2D({named('keepdims=True')})", source)
        if isinstance(layer, LRN):
            self.uses_tf = True
            radius = layer.size // 2
            fn = (f"lambda t: tf.nn.local_response_normalization(t, depth_radius={radius}, bias={layer.k!r}, "
                  f"alpha={layer.alpha / layer.size!r}, beta={layer.beta!r})")
            return self.add(self.var(), f"layers.Lambda({fn}, name={name!r})", source)
        if isinstance(layer, Inception):
            outs = [self.path(branch, shape, source, name, f"b{i + 1}") for i, branch in enumerate(layer.branches)]
            return self.add(self.var(), f"layers.Concatenate(name={name!r})", "[" + ", ".join(outs) + "]")
        if isinstance(layer, Residual):
            body = self.path(layer.body, shape, source, name, "")
            short = self.path(layer.shortcut, shape, source, name, "shortcut") if layer.shortcut else source
            out = self.add(self.var(), f"layers.Add(name={name + '_add'!r})", f"[{body}, {short}]")
            if layer.activation:
                out = self.layer(Activation(layer.activation), shape, row, out, name + "_out")
            return out
        raise ShapeError(problem("arch.keras_unsupported", kind=layer.kind))

    def path(self, layers, shape, source: str, prefix: str, tag: str) -> str:
        summary = summarize(tuple(layers), shape)
        if not summary.valid:
            raise ShapeError(summary.first_invalid.problem)
        for layer, row in zip(layers, summary.top_rows[1:]):
            name = _py_name(f"{prefix}_{tag}_{row.name}" if tag else f"{prefix}_{row.name}")
            source = self.layer(layer, row.in_shape, row, source, name)
        return source


def to_keras_code(network, input_shape=None, **options) -> str:
    """Keras (functional API) code building the same network as ``model``, channels last.

    Numeric padding becomes a ``ZeroPadding2D`` before the layer (for max pooling this equals
    PyTorch's padding only for non-negative inputs, e.g. after ReLU). LRN is written with
    ``tf.nn.local_response_normalization`` (TensorFlow backend). Raises :class:`ShapeError` for
    layers Keras has no equivalent of (LeNet-1998's S/C3/RBF layers, ceil_mode pooling, ...).
    Parameter counts equal :func:`summarize` (Keras also lists BN's 2·C moving statistics as
    non-trainable parameters).
    """
    net = _resolve(network, input_shape, options)
    shape = tuple(net.input_shape)
    summary = summarize(net)
    if not summary.valid:
        raise ShapeError(summary.first_invalid.problem)
    writer = _KerasWriter()
    keras_shape = (shape[1], shape[2], shape[0]) if len(shape) == 3 else shape
    source = "inputs"
    for layer, row in zip(net.layers, summary.top_rows[1:]):
        source = writer.layer(layer, row.in_shape, row, source, _py_name(row.name))
    imports = "import keras\nfrom keras import layers\n" + ("import tensorflow as tf\n" if writer.uses_tf else "")
    body = "\n".join(writer.lines)
    return (f"# {net.name}: input (N, {', '.join(str(n) for n in keras_shape)}), Keras NHWC\n{imports}\n"
            f"inputs = keras.Input(shape={keras_shape!r})\n{body}\n"
            f"model = keras.Model(inputs, {source}, name={_py_name(net.name)!r})\n")


# ---------------------------------------------------------------------------------------------
# editable tables
# ---------------------------------------------------------------------------------------------

TABLE_COLUMNS = ("type", "out", "kernel", "stride", "padding")
TABLE_TYPES = ("conv", "maxpool", "avgpool", "linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "flatten",
               "dropout", "batchnorm", "global_avgpool")
_TYPE_ALIASES = {"fc": "linear", "dense": "linear", "pool": "maxpool", "gap": "global_avgpool", "bn": "batchnorm"}


@dataclass(frozen=True)
class TableParse:
    """Layers read from a table and the problems of rows that were skipped (``(row index, Problem)``)."""

    layers: tuple
    problems: tuple[tuple[int, Problem], ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, numbers.Real):
        return math.isnan(value)
    return False


def _cell_int(value, column: str, minimum: int):
    """An int (or a pair from "3x5") from a table cell; raises ShapeError."""
    if isinstance(value, str):
        text = value.strip().lower().replace("×", "x").replace("*", "x").replace(",", "x")
        parts = [p.strip() for p in text.split("x")]
        if len(parts) == 2 and all(p.lstrip("-").isdigit() for p in parts):
            pair = (int(parts[0]), int(parts[1]))
            if pair[0] == pair[1]:
                pair = pair[0]
            value = pair
        elif text.lstrip("-").isdigit():
            value = int(text)
        else:
            raise ShapeError(problem("arch.table.not_int", column=column, minimum=minimum, value=value))
    elif isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        if not float(value).is_integer():
            raise ShapeError(problem("arch.table.not_int", column=column, minimum=minimum, value=value))
        value = int(value)
    elif isinstance(value, bool) or not isinstance(value, (numbers.Integral, tuple, list)):
        raise ShapeError(problem("arch.table.not_int", column=column, minimum=minimum, value=value))
    values = value if isinstance(value, (tuple, list)) else (value,)
    if any(int(v) < minimum for v in values):
        raise ShapeError(problem("arch.table.not_int", column=column, minimum=minimum, value=shapes.pair_text(value)))
    return tuple(int(v) for v in value) if isinstance(value, (tuple, list)) else int(value)


def _row_layer(row) -> Any:
    get = row.get if hasattr(row, "get") else (lambda key, default=None: default)
    kind = get("type")
    kind = "" if _blank(kind) else str(kind).strip().lower()
    kind = _TYPE_ALIASES.get(kind, kind)
    if kind not in TABLE_TYPES:
        raise ShapeError(problem("arch.table.unknown_type", value=kind or "—", choices=", ".join(TABLE_TYPES)))

    def cell(column, default, minimum, required=False):
        value = get(column)
        if _blank(value):
            if required:
                raise ShapeError(problem("arch.table.missing", column=column, type=kind))
            return default
        if column == "padding" and isinstance(value, str) and value.strip().lower() in shapes.PADDING_MODES:
            return value.strip().lower()
        return _cell_int(value, column, minimum)

    if kind == "conv":
        return Conv(cell("out", None, 1, True), cell("kernel", 3, 1), cell("stride", 1, 1), cell("padding", 0, 0))
    if kind in ("maxpool", "avgpool"):
        cls = MaxPool if kind == "maxpool" else AvgPool
        return cls(cell("kernel", 2, 1), cell("stride", None, 1), cell("padding", 0, 0))
    if kind == "linear":
        return Linear(cell("out", None, 1, True))
    if kind == "dropout":
        p = get("p")
        return Dropout(0.5 if _blank(p) else float(p))
    return {"flatten": Flatten(), "batchnorm": BatchNorm(), "global_avgpool": GlobalAvgPool()}.get(kind) or Activation(kind)


def layers_from_table(rows) -> TableParse:
    """Layer specs from table rows (dicts with the :data:`TABLE_COLUMNS` keys).

    ``type`` is one of :data:`TABLE_TYPES` (also "fc", "dense", "pool", "gap", "bn"); ``out`` is the
    number of filters or units (required for conv and linear); ``kernel`` an int or "3x5";
    ``stride`` and ``padding`` ints (padding may also be "same", "valid" or "full"). Blank cells
    (None, "", NaN) take the defaults: kernel 3 (conv) or 2 (pool), stride 1 (conv) or the kernel
    (pool), padding 0. Rows that cannot be read are skipped and reported in ``problems``.
    """
    layers, problems = [], []
    for i, row in enumerate(rows):
        try:
            layers.append(_row_layer(row))
        except (ShapeError, ValueError, TypeError) as err:
            prob = getattr(err, "problem", None) or problem("arch.table.unreadable", value=str(err))
            problems.append((i, prob))
    return TableParse(tuple(layers), tuple(problems))


def layers_to_table(layers) -> list[dict]:
    """Table rows (dicts with :data:`TABLE_COLUMNS` keys, blank cells as None) for plain layers.

    Composite and LeNet-1998 layers have no table form: raises :class:`ShapeError`.
    """
    if isinstance(layers, (str, Network)):
        layers = _resolve(layers, None, {}).layers
    out = []
    for layer in layers:
        row = dict.fromkeys(TABLE_COLUMNS)
        row["type"] = layer.kind
        if isinstance(layer, Conv):
            if layer.dilation != 1 or layer.groups != 1 or not layer.bias:
                raise ShapeError(problem("arch.table.not_tabular", kind=layer.kind))
            row.update(out=layer.out_channels, kernel=_table_value(layer.kernel_size), stride=_table_value(layer.stride),
                       padding=_table_value(layer.padding))
        elif isinstance(layer, (MaxPool, AvgPool)):
            row.update(kernel=_table_value(layer.kernel_size),
                       stride=None if layer.stride is None else _table_value(layer.stride),
                       padding=_table_value(layer.padding))
        elif isinstance(layer, Linear):
            row["out"] = layer.out_features
        elif isinstance(layer, Dropout):
            row["p"] = layer.p
        elif not isinstance(layer, (Activation, Flatten, BatchNorm, GlobalAvgPool)) or layer.kind == "lecun_tanh":
            raise ShapeError(problem("arch.table.not_tabular", kind=layer.kind))
        out.append(row)
    return out


def _table_value(value):
    if isinstance(value, (tuple, list)):
        return value[0] if value[0] == value[1] else f"{value[0]}x{value[1]}"
    return value

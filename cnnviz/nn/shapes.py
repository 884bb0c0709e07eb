"""Shape arithmetic for convolution and pooling: the single source of truth.

Output sizes, padding, receptive fields, parameter counts, multiply-adds, activation memory and the
ranges in which every hyper-parameter is valid, all with PyTorch's semantics and argument names.
Everything here is plain Python integer arithmetic, fast enough to call from every op and slider.

Sizes and hyper-parameters accept an ``int`` or an ``(h, w)`` pair. Size functions return an int
when every argument is an int and an ``(h, w)`` pair as soon as one argument is a pair.

Invalid arguments raise :class:`ShapeError`, a ``ValueError`` whose English message names the
quantity, the rule and the fix ("kernel span 7 exceeds padded input 5: lower the kernel size or
dilation, or add padding"). The error carries a :class:`Problem` (an i18n key and its fields) so a
page can show the same explanation in the reader's language: ``cnnviz.i18n.problem_message(err.problem,
lang)`` and ``cnnviz.i18n.problem_fix(err.problem, lang)``. The ``*_problem`` functions return that :class:`Problem` (or ``None``)
without raising; the ``check_*`` functions raise it.
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from cnnviz.errors import CnnvizError

__all__ = [
    "Problem", "ShapeError", "problem", "as_pair", "pair_text",
    "effective_kernel_size", "same_padding", "full_padding", "resolve_padding",
    "conv_output_size", "conv_transpose_output_size", "pool_output_size",
    "conv_output_formula", "conv_transpose_output_formula", "pool_output_formula", "SizeSteps", "size_steps",
    "unvisited",
    "conv_params", "conv_transpose_params", "linear_params", "conv_macs", "linear_macs",
    "activation_memory",
    "RFRow", "receptive_field", "receptive_field_box", "receptive_field_step",
    "ConvRanges", "PoolRanges", "ConvTransposeRanges",
    "valid_conv_ranges", "valid_pool_ranges", "valid_conv_transpose_ranges",
    "conv_problem", "pool_problem", "conv_transpose_problem",
    "check_conv", "check_pool", "check_conv_transpose", "check_channels",
]

PADDING_MODES = ("valid", "same", "full")


# ---------------------------------------------------------------------------------------------
# problems: translatable explanations of invalid configurations
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """Why a configuration is invalid, as a message key with its fields.

    ``key`` names the message (e.g. ``"shapes.kernel_span"``); ``key + ".fix"`` names the advice.
    ``fields`` are ``(name, value)`` pairs substituted into both; ``axis`` (0 = height,
    1 = width) is set when only one axis of a pair is at fault. The edge shows it with
    :func:`cnnviz.i18n.message` ("message: fix"), :func:`cnnviz.i18n.problem_message` and
    :func:`cnnviz.i18n.problem_fix`.
    """

    key: str
    fields: tuple[tuple[str, Any], ...] = ()
    axis: int | None = None

    def with_axis(self, axis: int | None) -> Problem:
        return Problem(self.key, self.fields, axis)


def problem(key: str, axis: int | None = None, **fields) -> Problem:
    """Build a :class:`Problem`: ``problem("shapes.too_small", name="stride", minimum=1, value=0)``."""
    return Problem(key, tuple(fields.items()), axis)


class ShapeError(CnnvizError):
    """A :class:`~cnnviz.errors.CnnvizError` carrying the :class:`Problem` behind it (``err.problem``).

    ``str(err)`` is the English text, "message: fix".
    """

    def __init__(self, problem: Problem):
        super().__init__(problem.key, **dict(problem.fields))
        self.problem = problem

    def __reduce__(self):
        return (ShapeError, (self.problem,))


def _fail(key: str, axis: int | None = None, **fields):
    raise ShapeError(problem(key, axis, **fields))


# ---------------------------------------------------------------------------------------------
# argument parsing
# ---------------------------------------------------------------------------------------------

def _int(value, name: str, minimum: int, axis: int | None = None) -> int:
    """``value`` as an int >= ``minimum`` (bool and float are rejected)."""
    if type(value) is int:
        v = value
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        v = int(value)
    else:
        _fail("shapes.not_int", axis, name=name, value=repr(value))
    if v < minimum:
        _fail("shapes.too_small", axis, name=name, minimum=minimum, value=v)
    return v


def _is_pair(value) -> bool:
    return isinstance(value, (tuple, list))


def as_pair(value, name: str = "value", minimum: int = 0) -> tuple[int, int]:
    """An int or an ``(h, w)`` pair as an ``(h, w)`` pair of ints >= ``minimum``.

    Raises :class:`ShapeError` for anything else (floats, bools, wrong length).
    """
    if _is_pair(value):
        if len(value) != 2:
            _fail("shapes.not_int", name=name, value=repr(value))
        return (_int(value[0], name, minimum, 0), _int(value[1], name, minimum, 1))
    v = _int(value, name, minimum)
    return (v, v)


def pair_text(value, sep: str = "×") -> str:
    """A size for display: ``"3"`` for 3 or (3, 3), ``"3×5"`` for (3, 5)."""
    if _is_pair(value):
        return str(value[0]) if value[0] == value[1] else f"{value[0]}{sep}{value[1]}"
    return str(value)


def _split(*values):
    """Per-axis argument tuples: ``[(v0 of axis 0, ...), (v0 of axis 1, ...)]``; strings and None
    are shared by both axes. Pairs must have length 2."""
    axes = ([], [])
    for v in values:
        if _is_pair(v):
            if len(v) != 2:
                _fail("shapes.not_int", name="argument", value=repr(v))
            axes[0].append(v[0])
            axes[1].append(v[1])
        else:
            axes[0].append(v)
            axes[1].append(v)
    return axes


def _any_pair(*values) -> bool:
    return any(_is_pair(v) for v in values)


# ---------------------------------------------------------------------------------------------
# kernel span and padding
# ---------------------------------------------------------------------------------------------

def effective_kernel_size(kernel_size, dilation=1):
    """Span of a dilated kernel: ``K + (K-1)(D-1) = D(K-1) + 1``.

    A 3×3 kernel at dilation 2 covers 5×5. Accepts ints or ``(h, w)`` pairs.
    """
    if _any_pair(kernel_size, dilation):
        return tuple(effective_kernel_size(k, d) for k, d in _split(kernel_size, dilation))
    k = _int(kernel_size, "kernel_size", 1)
    d = _int(dilation, "dilation", 1)
    return d * (k - 1) + 1


def same_padding(kernel_size, dilation=1):
    """PyTorch's ``padding="same"`` split: total ``D(K-1)``, ``left = total // 2``, right the rest.

    Returns ``(left, right)`` for an int kernel, ``((top, bottom), (left, right))`` for a pair.
    Only valid with stride 1 (as in PyTorch).
    """
    if _any_pair(kernel_size, dilation):
        return tuple(same_padding(k, d) for k, d in _split(kernel_size, dilation))
    total = _int(dilation, "dilation", 1) * (_int(kernel_size, "kernel_size", 1) - 1)
    return (total // 2, total - total // 2)


def full_padding(kernel_size, dilation=1):
    """Padding ``D(K-1)`` on each side: every window that overlaps the input at all (the "full"
    convolution of signal processing; a teaching mode, not a PyTorch option).

    Output size is then ``H + D(K-1)`` at stride 1.
    """
    if _any_pair(kernel_size, dilation):
        return tuple(full_padding(k, d) for k, d in _split(kernel_size, dilation))
    return _int(dilation, "dilation", 1) * (_int(kernel_size, "kernel_size", 1) - 1)


def _resolve_1d(padding, kernel_size: int, stride: int, dilation: int, axis=None) -> tuple[int, int]:
    if isinstance(padding, str):
        if padding == "valid":
            return (0, 0)
        if padding == "same":
            if stride != 1:
                _fail("shapes.same_stride", axis, stride=stride)
            total = dilation * (kernel_size - 1)
            return (total // 2, total - total // 2)
        if padding == "full":
            total = dilation * (kernel_size - 1)
            return (total, total)
        _fail("shapes.padding_mode", axis, value=repr(padding))
    p = _int(padding, "padding", 0, axis)
    return (p, p)


def resolve_padding(padding, kernel_size, stride=1, dilation=1):
    """Padding ``(before, after)`` from an int, ``"valid"``, ``"same"`` (stride 1 only) or ``"full"``.

    Returns ``(before, after)`` for ints, ``((top, bottom), (left, right))`` when any argument is a pair.
    """
    if _any_pair(padding, kernel_size, stride, dilation):
        return tuple(
            resolve_padding(p, k, s, d) for p, k, s, d in _split(padding, kernel_size, stride, dilation)
        )
    k = _int(kernel_size, "kernel_size", 1)
    s = _int(stride, "stride", 1)
    d = _int(dilation, "dilation", 1)
    return _resolve_1d(padding, k, s, d)


# ---------------------------------------------------------------------------------------------
# output sizes
# ---------------------------------------------------------------------------------------------

def _conv_1d(size, kernel_size, stride, padding, dilation, axis=None) -> int:
    h = _int(size, "input size", 1, axis)
    k = _int(kernel_size, "kernel_size", 1, axis)
    s = _int(stride, "stride", 1, axis)
    d = _int(dilation, "dilation", 1, axis)
    before, after = _resolve_1d(padding, k, s, d, axis)
    padded = h + before + after
    span = d * (k - 1) + 1
    if span > padded:
        _fail("shapes.kernel_span", axis, span=span, padded=padded)
    return (padded - span) // s + 1


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    """Output size of ``torch.nn.Conv2d`` along each axis.

    ``OH = floor((H + 2P - D(K-1) - 1) / S) + 1``

    Parameters
    ----------
    size, kernel_size, stride, dilation : int or (int, int)
    padding : int, (int, int), "valid", "same" (stride 1 only; total D(K-1), left = total // 2)
        or "full" (D(K-1) per side, a teaching mode)

    Returns
    -------
    int, or (OH, OW) when any argument is a pair.

    Raises
    ------
    ShapeError
        when the kernel span ``D(K-1)+1`` exceeds the padded input, or an argument is out of range.
    """
    if _any_pair(size, kernel_size, stride, padding, dilation):
        per_axis = _split(size, kernel_size, stride, padding, dilation)
        return tuple(_conv_1d(*args, axis=a) for a, args in enumerate(per_axis))
    return _conv_1d(size, kernel_size, stride, padding, dilation)


def _transpose_1d(size, kernel_size, stride, padding, output_padding, dilation, axis=None) -> int:
    h = _int(size, "input size", 1, axis)
    k = _int(kernel_size, "kernel_size", 1, axis)
    s = _int(stride, "stride", 1, axis)
    p = _int(padding, "padding", 0, axis)
    op = _int(output_padding, "output_padding", 0, axis)
    d = _int(dilation, "dilation", 1, axis)
    if op >= s and op >= d:
        _fail("shapes.output_padding", axis, output_padding=op, stride=s, dilation=d, limit=max(s, d))
    out = (h - 1) * s - 2 * p + d * (k - 1) + op + 1
    if out < 1:
        _fail("shapes.transpose_empty", axis, size=out, padding=p, limit=((h - 1) * s + d * (k - 1) + op) // 2)
    return out


def conv_transpose_output_size(size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    """Output size of ``torch.nn.ConvTranspose2d`` along each axis.

    ``OH = (H-1)S - 2P + D(K-1) + output_padding + 1``

    ``output_padding`` must be smaller than either the stride or the dilation (PyTorch's rule): it
    picks which of the ``S`` input sizes that a strided conv maps to ``H`` to reproduce.

    Parameters
    ----------
    size, kernel_size, stride, padding, output_padding, dilation : int or (int, int)

    Returns
    -------
    int, or (OH, OW) when any argument is a pair.
    """
    if _any_pair(size, kernel_size, stride, padding, output_padding, dilation):
        per_axis = _split(size, kernel_size, stride, padding, output_padding, dilation)
        return tuple(_transpose_1d(*args, axis=a) for a, args in enumerate(per_axis))
    return _transpose_1d(size, kernel_size, stride, padding, output_padding, dilation)


def _pool_1d(size, kernel_size, stride, padding, dilation, ceil_mode, axis=None) -> int:
    h = _int(size, "input size", 1, axis)
    k = _int(kernel_size, "kernel_size", 1, axis)
    s = k if stride is None else _int(stride, "stride", 1, axis)
    p = _int(padding, "padding", 0, axis)
    d = _int(dilation, "dilation", 1, axis)
    if p > k // 2:
        _fail("shapes.pool_padding", axis, padding=p, kernel_size=k, limit=k // 2)
    span = d * (k - 1) + 1
    if span > h + 2 * p:
        _fail("shapes.pool_span", axis, span=span, padded=h + 2 * p)
    numerator = h + 2 * p - span
    if ceil_mode:
        out = -(-numerator // s) + 1
        if (out - 1) * s >= h + p:  # the last window must start inside the input or the left padding
            out -= 1
        return out
    return numerator // s + 1


def pool_output_size(size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    """Output size of ``torch.nn.MaxPool2d`` / ``AvgPool2d`` along each axis.

    ``OH = floor_or_ceil((H + 2P - D(K-1) - 1) / S) + 1``; with ``ceil_mode`` the last window must
    start inside the input or the left padding: if ``(OH-1)·S >= H + P`` then ``OH -= 1``.
    ``stride`` defaults to ``kernel_size``; ``padding`` may be at most ``kernel_size // 2``.
    (PyTorch lets a ceil_mode window span exceed the padded input; here the span must fit, as
    ``cnnviz.nn.functional`` requires.)

    Parameters
    ----------
    size, kernel_size, padding, dilation : int or (int, int)
    stride : int, (int, int) or None
    ceil_mode : bool

    Returns
    -------
    int, or (OH, OW) when any argument is a pair.
    """
    if _any_pair(size, kernel_size, stride, padding, dilation):
        per_axis = _split(size, kernel_size, stride, padding, dilation)
        return tuple(_pool_1d(*args, ceil_mode, axis=a) for a, args in enumerate(per_axis))
    return _pool_1d(size, kernel_size, stride, padding, dilation, ceil_mode)


@dataclass(frozen=True)
class SizeSteps:
    """The output-size formula of one axis of a conv or pooling layer, worked out step by step.

    ``out = rounded((size + pad_before + pad_after - D(K-1) - 1) / S) + 1``, rounded down, or up with
    ``ceil_mode`` (then the last window is dropped when it would start in the right padding). One
    object feeds every rendering of the formula (:func:`conv_output_formula`,
    :func:`pool_output_formula`, :func:`cnnviz.figures.formulas.size_latex`).
    """

    size: int
    kernel_size: int
    stride: int
    pad_before: int
    pad_after: int
    dilation: int = 1
    ceil_mode: bool = False
    out: int = 0
    """The output size; for an invalid configuration (``valid`` False) what the formula gives."""
    valid: bool = True

    @property
    def numerator(self) -> int:
        return self.size + self.pad_before + self.pad_after - self.dilation * (self.kernel_size - 1) - 1

    @property
    def quotient(self) -> int:
        """``numerator / stride`` rounded down (up with ``ceil_mode``)."""
        return -(-self.numerator // self.stride) if self.ceil_mode else self.numerator // self.stride

    @property
    def exact(self) -> bool:
        return self.numerator % self.stride == 0

    @property
    def dropped(self) -> bool:
        """``ceil_mode`` dropped a last window that would start in the right padding."""
        return self.valid and self.quotient + 1 > self.out


def size_steps(size: int, kernel_size: int, stride=1, padding=0, dilation: int = 1, ceil_mode: bool = False, *,
               pool: bool = False, check: bool = True) -> SizeSteps:
    """The output-size formula of one axis (ints) as :class:`SizeSteps`.

    ``pool=True`` applies pooling's rules (stride None means the kernel size, padding at most half
    the window, ``ceil_mode``); otherwise a convolution's (padding may be "valid", "same", "full").
    Raises :class:`ShapeError` for an invalid configuration, unless ``check`` is False: then the
    steps hold what the formula gives (``valid`` False when that is no valid size).
    """
    stride = kernel_size if stride is None else stride
    before, after = resolve_padding(padding, kernel_size, stride, dilation)
    try:
        if pool:
            out = pool_output_size(size, kernel_size, stride, padding, dilation, ceil_mode)
        else:
            out = conv_output_size(size, kernel_size, stride, padding, dilation)
        valid = True
    except ShapeError:
        if check:
            raise
        valid = False
    steps = SizeSteps(size, kernel_size, stride, before, after, dilation, bool(ceil_mode), 0, valid)
    return steps if not valid else dataclasses.replace(steps, out=out)


def _formula_text(steps: SizeSteps) -> str:
    lo, hi = ("⌈", "⌉") if steps.ceil_mode else ("⌊", "⌋")
    before, after = steps.pad_before, steps.pad_after
    pad = f"2×{before}" if before == after else f"{before} + {after}"
    text = f"{lo}({steps.size} + {pad} − {steps.dilation}×({steps.kernel_size}−1) − 1) / {steps.stride}{hi} + 1"
    if steps.dropped:
        text += " − 1"  # the last window would start in the right padding
    return f"{text} = {steps.out}"


def conv_output_formula(size, kernel_size, stride=1, padding=0, dilation=1) -> str:
    """The conv output-size formula with the numbers substituted (one axis, ints), from :func:`size_steps`.

    ``conv_output_formula(227, 11, 4)`` → ``"⌊(227 + 2×0 − 1×(11−1) − 1) / 4⌋ + 1 = 55"``.
    With "same"/"full" (or asymmetric) padding the two sides are written out.
    """
    return _formula_text(size_steps(size, kernel_size, stride, padding, dilation))


def pool_output_formula(size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False) -> str:
    """The pooling output-size formula with the numbers substituted (one axis, ints), from :func:`size_steps`.

    ``pool_output_formula(6, 3, 3)`` → ``"⌊(6 + 2×0 − 1×(3−1) − 1) / 3⌋ + 1 = 2"``; ceil_mode uses ⌈ ⌉.
    """
    return _formula_text(size_steps(size, kernel_size, stride, padding, dilation, ceil_mode, pool=True))


def conv_transpose_output_formula(size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1) -> str:
    """The transposed-conv output-size formula with the numbers substituted (one axis, ints).

    ``conv_transpose_output_formula(3, 3, 2, 1, 1)`` → ``"(3−1)×2 − 2×1 + 1×(3−1) + 1 + 1 = 6"``.
    """
    out = conv_transpose_output_size(size, kernel_size, stride, padding, output_padding, dilation)
    return f"({size}−1)×{stride} − 2×{padding} + {dilation}×({kernel_size}−1) + {output_padding} + 1 = {out}"


def unvisited(size, kernel_size, stride=1, padding=0, dilation=1):
    """Indices of the padded input that no window ever reads.

    Indices count from the top/left of the *padded* input (subtract the left padding for input
    coordinates). Rows at the end are left over when ``S`` does not divide
    ``H + 2P - D(K-1) - 1`` exactly; with dilation the holes between taps can also be skipped.

    Parameters
    ----------
    size, kernel_size, stride, dilation : int or (int, int)
    padding : int, (int, int), "valid", "same" or "full"

    Returns
    -------
    tuple of int (sorted), or ``(rows, cols)`` when any argument is a pair.
    """
    if _any_pair(size, kernel_size, stride, padding, dilation):
        return tuple(unvisited(*args) for args in _split(size, kernel_size, stride, padding, dilation))
    out = conv_output_size(size, kernel_size, stride, padding, dilation)
    before, after = resolve_padding(padding, kernel_size, stride, dilation)
    padded = size + before + after
    covered = bytearray(padded)
    for i in range(out):
        for j in range(kernel_size):
            covered[i * stride + j * dilation] = 1
    return tuple(i for i in range(padded) if not covered[i])


# ---------------------------------------------------------------------------------------------
# parameters, multiply-adds, memory
# ---------------------------------------------------------------------------------------------

def conv_params(in_channels, out_channels, kernel_size, groups=1, bias=True) -> int:
    """Learnable parameters of ``nn.Conv2d``: ``Co×(Ci/groups)×Kh×Kw + Co`` (the ``+Co`` only with bias).

    ``conv_params(1, 6, 5)`` = 6×1×5×5+6 = 156 (LeNet-5 C1).
    """
    ci = _int(in_channels, "in_channels", 1)
    co = _int(out_channels, "out_channels", 1)
    g = _int(groups, "groups", 1)
    kh, kw = as_pair(kernel_size, "kernel_size", 1)
    check_channels(ci, co, g)
    return co * (ci // g) * kh * kw + (co if bias else 0)


def conv_transpose_params(in_channels, out_channels, kernel_size, groups=1, bias=True) -> int:
    """Learnable parameters of ``nn.ConvTranspose2d``: ``Ci×(Co/groups)×Kh×Kw + Co``.

    The weight has shape ``(Ci, Co/groups, Kh, Kw)``; the count equals :func:`conv_params`.
    """
    return conv_params(in_channels, out_channels, kernel_size, groups, bias)


def linear_params(in_features, out_features, bias=True) -> int:
    """Learnable parameters of ``nn.Linear``: ``out×in + out`` (the ``+out`` only with bias)."""
    fi = _int(in_features, "in_features", 1)
    fo = _int(out_features, "out_features", 1)
    return fo * fi + (fo if bias else 0)


def conv_macs(in_channels, out_channels, kernel_size, output_size, groups=1) -> int:
    """Multiply-adds of one conv2d on one image: ``Co×OH×OW×(Ci/groups)×Kh×Kw`` (bias not counted).

    ``output_size`` is ``OH`` (square) or ``(OH, OW)``.
    """
    ci = _int(in_channels, "in_channels", 1)
    co = _int(out_channels, "out_channels", 1)
    g = _int(groups, "groups", 1)
    kh, kw = as_pair(kernel_size, "kernel_size", 1)
    oh, ow = as_pair(output_size, "output_size", 0)
    check_channels(ci, co, g)
    return co * oh * ow * (ci // g) * kh * kw


def linear_macs(in_features, out_features) -> int:
    """Multiply-adds of one linear layer on one sample: ``in×out``."""
    return _int(in_features, "in_features", 1) * _int(out_features, "out_features", 1)


def activation_memory(shape, dtype="float32", batch: int = 1) -> tuple[int, int]:
    """Elements and bytes of one activation tensor.

    Parameters
    ----------
    shape : tuple of int, e.g. (C, H, W) or (features,) for one sample
    dtype : numpy dtype or its name; float32 takes 4 bytes per element
    batch : int, number of samples

    Returns
    -------
    (elements, bytes) : (int, int)
    """
    elements = _int(batch, "batch", 0)
    for n in shape:
        elements *= _int(n, "shape entry", 0)
    return elements, elements * np.dtype(dtype).itemsize


# ---------------------------------------------------------------------------------------------
# receptive field
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RFRow:
    """Receptive field after one layer (per axis; pairs when any spec used a pair).

    rf : size of the input region one output pixel sees (the span, holes included)
    jump : distance in input pixels between neighbouring output pixels (product of strides)
    start : input coordinate of the centre of output pixel 0's region (may be fractional or negative)
    top : first input index of output pixel 0's region (negative = inside the padding)
    """

    rf: Any
    jump: Any
    start: Any
    top: Any


def _spec(layer) -> tuple:
    """``(kernel_size, stride, padding, dilation)`` from a tuple, a dict or an object with attributes.

    A missing or ``None`` stride means stride = kernel_size (pooling's default) for objects and
    dicts that say ``"stride": None``, and stride 1 for short tuples.
    """
    if isinstance(layer, (tuple, list)):
        if not 1 <= len(layer) <= 4:
            _fail("shapes.rf_spec", value=repr(layer))
        k, s, p, d = tuple(layer) + (1, 0, 1)[len(layer) - 1:]
    elif isinstance(layer, dict):
        k = layer["kernel_size"]
        s = layer.get("stride", 1)
        p = layer.get("padding", 0)
        d = layer.get("dilation", 1)
    elif hasattr(layer, "kernel_size"):
        k = layer.kernel_size
        s = getattr(layer, "stride", 1)
        p = getattr(layer, "padding", 0)
        d = getattr(layer, "dilation", 1)
    else:
        _fail("shapes.rf_spec", value=repr(layer))
    if s is None:
        s = k
    return k, s, p, d


def receptive_field_step(rf: int, jump: int, top: int, kernel_size, stride=1, padding=0, dilation=1,
                         axis: int | None = None) -> tuple[int, int, int]:
    """One layer of the receptive-field recurrence along one axis (ints; see :func:`receptive_field`).

    ``rf += D(K-1)·jump``, ``top -= P_before·jump``, ``jump *= S``; returns ``(rf, jump, top)``.
    """
    k = _int(kernel_size, "kernel_size", 1, axis)
    s = _int(stride, "stride", 1, axis)
    d = _int(dilation, "dilation", 1, axis)
    before, _after = _resolve_1d(padding, k, s, d, axis)
    return rf + d * (k - 1) * jump, jump * s, top - before * jump


def _rf_axis(specs, axis: int) -> list[tuple[int, int, int]]:
    rows = []
    rf, jump, top = 1, 1, 0
    for spec in specs:
        k, s, p, d = (v[axis] if _is_pair(v) else v for v in spec)
        rf, jump, top = receptive_field_step(rf, jump, top, k, s, p, d, axis)
        rows.append((rf, jump, top))
    return rows


def receptive_field(layers) -> list[RFRow]:
    """Receptive field, jump and start through a stack of conv/pool layers.

    Per layer ``l`` (starting from ``rf = jump = 1``, ``start = 0`` at the input):
    ``rf_l = rf_{l-1} + (K_eff - 1)·jump_{l-1}``, ``jump_l = jump_{l-1}·S_l``,
    ``start_l = start_{l-1} + ((K_eff - 1)/2 - P_l)·jump_{l-1}``, with ``K_eff = D(K-1)+1``.

    Parameters
    ----------
    layers : sequence of specs, each ``(kernel, stride, padding, dilation)`` (shorter tuples take
        stride 1, padding 0, dilation 1), a dict with those keys, or an object with those
        attributes (``stride=None`` means stride = kernel, as for pooling). Activations and other
        size-preserving layers are simply left out.

    Returns
    -------
    list of RFRow, one per layer (the input itself is not listed). Fields are pairs when any spec
    contains a pair.
    """
    specs = [_spec(layer) for layer in layers]
    paired = any(_is_pair(v) for spec in specs for v in spec)
    axes = [_rf_axis(specs, 0)] + ([_rf_axis(specs, 1)] if paired else [])
    rows = []
    for i in range(len(specs)):
        per = [axis_rows[i] for axis_rows in axes]
        fields = [(rf, jump, top + (rf - 1) / 2, top) for rf, jump, top in per]
        if paired:
            rows.append(RFRow(*(tuple(f[j] for f in fields) for j in range(4))))
        else:
            rows.append(RFRow(*fields[0]))
    return rows


def receptive_field_box(layers, out_row: int, out_col: int) -> tuple[int, int, int, int]:
    """Input region seen by output pixel ``(out_row, out_col)`` after ``layers``.

    Returns ``(row0, row1, col0, col1)`` as half-open bounds in input coordinates (rows
    ``row0 .. row1-1``); they can lie outside ``[0, H)`` when the region reaches into padding.
    ``row0 = top + out_row·jump``, ``row1 = row0 + rf``. With no layers the box is the pixel itself.
    """
    r = _int(out_row, "out_row", 0)
    c = _int(out_col, "out_col", 0)
    specs = [_spec(layer) for layer in layers]
    if not specs:
        return (r, r + 1, c, c + 1)
    (rf_h, jump_h, top_h) = _rf_axis(specs, 0)[-1]
    (rf_w, jump_w, top_w) = _rf_axis(specs, 1)[-1]
    row0 = top_h + r * jump_h
    col0 = top_w + c * jump_w
    return (row0, row0 + rf_h, col0, col0 + rf_w)


# ---------------------------------------------------------------------------------------------
# valid ranges for sliders, and checks
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConvRanges:
    """Allowed ``(lo, hi)`` of each conv hyper-parameter, the others held at their current values."""

    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    dilation: tuple[int, int]


@dataclass(frozen=True)
class PoolRanges:
    """Allowed ``(lo, hi)`` of each pooling hyper-parameter, the others held at their current values."""

    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    dilation: tuple[int, int]


@dataclass(frozen=True)
class ConvTransposeRanges:
    """Allowed ``(lo, hi)`` of each transposed-conv hyper-parameter, the others held fixed."""

    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    output_padding: tuple[int, int]
    dilation: tuple[int, int]


def _range(lo: int, hi: int) -> tuple[int, int]:
    return (lo, max(lo, hi))


def valid_conv_ranges(size: int, kernel_size: int, stride: int = 1, padding=0, dilation: int = 1,
                      cap: int = 16) -> ConvRanges:
    """Slider ranges for one axis of a conv (ints), each given the other current values.

    - kernel: ``D(K-1)+1 <= H+2P``, so ``K <= (H+2P-1)//D + 1``
    - stride: 1 .. ``H+2P-span+1`` (any larger stride gives the same single output)
    - padding: enough for the span to fit, ``ceil((span-H)/2)``, up to ``span-1`` (PyTorch allows
      more, but then whole windows see only zeros)
    - dilation: ``D <= (H+2P-1)//(K-1)`` (up to ``cap`` for a 1×1 kernel, where it has no effect)

    ``padding`` may be an int, "valid", "same" or "full" (resolved with the current kernel).
    ``lo <= hi`` always; the current configuration itself may still be invalid (see :func:`conv_problem`).
    """
    h = _int(size, "input size", 1)
    k = _int(kernel_size, "kernel_size", 1)
    s = _int(stride, "stride", 1)
    d = _int(dilation, "dilation", 1)
    before, after = _resolve_1d(padding, k, 1, d) if padding == "same" else _resolve_1d(padding, k, s, d)
    padded = h + before + after
    span = d * (k - 1) + 1
    k_hi = (padded - 1) // d + 1
    s_hi = max(1, padded - span + 1)
    p_lo = max(0, -(-(span - h) // 2))
    d_hi = (padded - 1) // (k - 1) if k > 1 else cap
    return ConvRanges(
        kernel_size=_range(1, k_hi), stride=_range(1, s_hi),
        padding=_range(p_lo, span - 1), dilation=_range(1, max(1, d_hi)),
    )


def valid_pool_ranges(size: int, kernel_size: int, stride=None, padding: int = 0, dilation: int = 1,
                      cap: int = 16) -> PoolRanges:
    """Slider ranges for one axis of a pooling layer (ints), each given the other current values.

    - kernel: at least ``2P`` (padding ≤ K//2) and ``D(K-1)+1 <= H+2P``
    - stride: 1 .. ``H+2P-span+1``; ``None`` means stride = kernel
    - padding: enough for the span to fit, up to ``K//2``
    - dilation: ``D <= (H+2P-1)//(K-1)`` (up to ``cap`` for a 1×1 window)
    """
    h = _int(size, "input size", 1)
    k = _int(kernel_size, "kernel_size", 1)
    p = _int(padding, "padding", 0)
    d = _int(dilation, "dilation", 1)
    padded = h + 2 * p
    span = d * (k - 1) + 1
    k_hi = (padded - 1) // d + 1
    s_hi = max(1, padded - span + 1)
    p_lo = max(0, -(-(span - h) // 2))
    d_hi = (padded - 1) // (k - 1) if k > 1 else cap
    return PoolRanges(
        kernel_size=_range(max(1, 2 * p), k_hi), stride=_range(1, s_hi),
        padding=(min(p_lo, k // 2), k // 2), dilation=_range(1, max(1, d_hi)),
    )


def valid_conv_transpose_ranges(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                output_padding: int = 0, dilation: int = 1, cap: int = 16) -> ConvTransposeRanges:
    """Slider ranges for one axis of a transposed conv (ints), each given the other current values.

    - output_padding: up to ``max(S, D) - 1`` (smaller than the stride or the dilation)
    - stride, dilation: up to ``cap``; above ``output_padding`` unless the other one already is
    - padding: ``0 .. ((H-1)S + D(K-1) + output_padding) // 2``
    - every lower bound keeps the output ``(H-1)S - 2P + D(K-1) + output_padding + 1`` at least 1
    """
    h = _int(size, "input size", 1)
    k = _int(kernel_size, "kernel_size", 1)
    s = _int(stride, "stride", 1)
    p = _int(padding, "padding", 0)
    op = _int(output_padding, "output_padding", 0)
    d = _int(dilation, "dilation", 1)

    def at_least(need: int, per: int) -> int:  # smallest v >= 1 with v·per >= need
        return max(1, -(-need // per)) if per > 0 else 1

    # the output (H-1)S - 2P + D(K-1) + op + 1 must stay >= 1 while one quantity moves
    s_lo = max(op + 1 if d <= op else 1, at_least(2 * p - op - d * (k - 1), h - 1))
    d_lo = max(op + 1 if s <= op else 1, at_least(2 * p - op - (h - 1) * s, k - 1))
    op_lo = max(0, 2 * p - (h - 1) * s - d * (k - 1))
    k_lo = 1 + max(0, -(-(2 * p - (h - 1) * s - op) // d))
    return ConvTransposeRanges(
        kernel_size=_range(k_lo, max(cap, k_lo)), stride=_range(s_lo, max(cap, s_lo)),
        padding=(0, ((h - 1) * s + d * (k - 1) + op) // 2), output_padding=_range(op_lo, max(s, d) - 1),
        dilation=_range(d_lo, max(cap, d_lo)),
    )


def _capture(fn, *args) -> Problem | None:
    try:
        fn(*args)
    except ShapeError as err:
        return err.problem
    return None


def check_channels(in_channels, out_channels, groups) -> None:
    """Raise :class:`ShapeError` unless ``groups`` >= 1 divides the channel counts given (None: not checked)."""
    g = _int(groups, "groups", 1)
    if in_channels is not None:
        ci = _int(in_channels, "in_channels", 1)
        if ci % g:
            _fail("shapes.groups_in", channels=ci, groups=g)
    if out_channels is not None:
        co = _int(out_channels, "out_channels", 1)
        if co % g:
            _fail("shapes.groups_out", channels=co, groups=g)


def check_conv(size, kernel_size, stride=1, padding=0, dilation=1, in_channels=None, out_channels=None,
               groups=1):
    """Raise :class:`ShapeError` unless this conv2d configuration is valid; return the output size.

    Checks every hyper-parameter's range, ``padding="same"`` only with stride 1, the kernel span
    fitting the padded input, and (when channels are given) divisibility by ``groups``.
    """
    check_channels(in_channels, out_channels, groups)
    return conv_output_size(size, kernel_size, stride, padding, dilation)


def check_pool(size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    """Raise :class:`ShapeError` unless this pooling configuration is valid; return the output size.

    PyTorch's rules: padding at most half the window, and the window span fitting the padded input.
    """
    return pool_output_size(size, kernel_size, stride, padding, dilation, ceil_mode)


def check_conv_transpose(size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1,
                         in_channels=None, out_channels=None, groups=1):
    """Raise :class:`ShapeError` unless this transposed-conv configuration is valid; return the output size.

    ``output_padding`` must be smaller than the stride or the dilation, and the output non-empty.
    """
    check_channels(in_channels, out_channels, groups)
    return conv_transpose_output_size(size, kernel_size, stride, padding, output_padding, dilation)


def conv_problem(size, kernel_size, stride=1, padding=0, dilation=1, in_channels=None, out_channels=None,
                 groups=1) -> Problem | None:
    """What :func:`check_conv` would raise, as a :class:`Problem`, or ``None`` when valid."""
    return _capture(check_conv, size, kernel_size, stride, padding, dilation, in_channels, out_channels, groups)


def pool_problem(size, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False) -> Problem | None:
    """What :func:`check_pool` would raise, as a :class:`Problem`, or ``None`` when valid."""
    return _capture(check_pool, size, kernel_size, stride, padding, dilation, ceil_mode)


def conv_transpose_problem(size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1,
                           in_channels=None, out_channels=None, groups=1) -> Problem | None:
    """What :func:`check_conv_transpose` would raise, as a :class:`Problem`, or ``None`` when valid."""
    return _capture(check_conv_transpose, size, kernel_size, stride, padding, output_padding, dilation,
                    in_channels, out_channels, groups)

"""Convolution seen from other angles: as a matrix, in one dimension, with groups, stacked.

Pure NumPy helpers for the transposed-convolution and convolution-family pages. Every number they
produce is computed by :mod:`cnnviz.nn.functional` or :mod:`cnnviz.nn.shapes` (one source of truth),
or is checked against them in ``tests/test_convmath.py``:

- :func:`conv_matrix` — the explicit (sparse) matrix ``C`` of a single-channel conv2d, so that
  ``C @ x.ravel() == conv2d(x, kernel).ravel()``; :func:`conv_transpose_matrix` is the matching
  ``Cᵀ`` of a transposed convolution, ``Cᵀ @ x.ravel() == conv_transpose2d(x, kernel).ravel()``.
- :func:`conv1d` — 1-D convolution of a signal in ``"valid"``, ``"same"`` or ``"full"`` mode, a
  thin wrapper of ``functional.conv2d`` on shape ``(1, 1, 1, L)``; ``flip=True`` gives the
  signal-processing convolution of ``numpy.convolve``.
- :func:`overlap_counts` — how many input pixels a transposed convolution adds into each output
  pixel (the source of checkerboard artefacts).
- :func:`receptive_field_counts` — through how many paths each input pixel reaches one output
  pixel of a stack of stride-1 (dilated) convolutions.
- :func:`group_connectivity`, :func:`separable_cost`, :func:`bottleneck_cost` — which input
  channels each filter of a grouped conv reads, and parameter / multiply-add budgets.

Invalid arguments raise ``ValueError`` (often a :class:`cnnviz.nn.shapes.ShapeError`, whose
``problem`` explains the rule in either language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cnnviz.nn import functional, shapes
from cnnviz.nn.validation import MAX_TYPED_MAGNITUDE, real_array

__all__ = [
    "CONV1D_MODES", "EXAMPLE_GRIDS", "example_grid", "parse_numbers", "conv_preimage_sizes", "conv_matrix",
    "conv_transpose_matrix", "conv1d", "conv1d_padding",
    "overlap_counts", "receptive_field_counts", "dilation_schedule", "valid_groups", "group_connectivity",
    "SeparableCost", "separable_cost", "BottleneckCost", "bottleneck_cost",
]

CONV1D_MODES = ("valid", "same", "full")
EXAMPLE_GRIDS = ("ramp", "ones", "pixel", "signed")


# ---------------------------------------------------------------------------------------------
# argument helpers
# ---------------------------------------------------------------------------------------------

def _kernel2d(kernel) -> np.ndarray:
    return real_array(kernel, "kernel", 2, axes="(KH, KW)")


def _signal(values, name: str) -> np.ndarray:
    return real_array(values, name, 1)


# ---------------------------------------------------------------------------------------------
# small example inputs
# ---------------------------------------------------------------------------------------------

def example_grid(kind: str, rows: int, cols: int) -> np.ndarray:
    """A small example grid for the pages.

    ``"ramp"``: ``0, 1, 2, …`` row by row (with a 2×2 input and a 2×2 kernel this is the classic
    transposed-convolution example ``[[0, 1], [2, 3]]``); ``"ones"``; ``"pixel"``: a single 1 at the
    top-left corner (a transposed convolution then shows the kernel itself); ``"signed"``: ``+1`` and
    ``−1`` alternating like a checkerboard.

    Returns
    -------
    grid : ndarray, shape (rows, cols), float64
    """
    rows = shapes.as_pair(rows, "rows", 1)[0]
    cols = shapes.as_pair(cols, "cols", 1)[0]
    if kind == "ramp":
        return np.arange(rows * cols, dtype=np.float64).reshape(rows, cols)
    if kind == "ones":
        return np.ones((rows, cols))
    if kind == "pixel":
        grid = np.zeros((rows, cols))
        grid[0, 0] = 1.0
        return grid
    if kind == "signed":
        return np.where((np.arange(rows)[:, None] + np.arange(cols)[None, :]) % 2 == 0, 1.0, -1.0)
    raise ValueError(f"kind must be one of {EXAMPLE_GRIDS}, got {kind!r}")


def parse_numbers(text: str, name: str = "values", max_count: int = 32) -> np.ndarray:
    """Numbers typed by a reader: separated by commas, semicolons, spaces or new lines.

    ``parse_numbers("1, 0.5, 0.25")`` → ``array([1. , 0.5, 0.25])``. Fractions like ``1/4`` are
    accepted. Raises ``ValueError`` naming ``name`` for anything else, for no numbers, or for more
    than ``max_count`` of them.
    """
    if not isinstance(text, str):
        raise ValueError(f"{name} must be text, got {type(text).__name__}")
    parts = [p for p in text.replace(",", " ").replace(";", " ").replace("，", " ").split() if p]
    if not parts:
        raise ValueError(f"{name}: no numbers found; type numbers separated by commas, e.g. 1, 0.5, 0.25")
    if len(parts) > max_count:
        raise ValueError(f"{name}: {len(parts)} numbers, at most {max_count} allowed; remove some")
    values = []
    for part in parts:
        try:
            if part.count("/") == 1:
                top, bottom = part.split("/")
                value = float(top) / float(bottom)
            else:
                value = float(part)
        except (ValueError, ZeroDivisionError) as error:
            raise ValueError(f"{name}: {part!r} is not a number; type numbers such as 2, -0.5 or 1/4") from error
        if not np.isfinite(value):
            raise ValueError(f"{name}: {part!r} is not a finite number")
        if abs(value) > MAX_TYPED_MAGNITUDE:
            raise ValueError(f"{name}: {part!r} is larger than {MAX_TYPED_MAGNITUDE:g} in size; type a smaller number")
        values.append(value)
    return np.array(values)


def conv_preimage_sizes(out_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                        dilation: int = 1) -> list[int]:
    """Every input size that a convolution (one axis, ints) maps to ``out_size``.

    Because of the floor in ``⌊(H + 2P − D(K−1) − 1) / S⌋ + 1``, a stride-``S`` convolution maps up to
    ``S`` consecutive input sizes to the same output size; ``output_padding`` of a transposed
    convolution picks one of them: size ``n`` is ``conv_transpose_output_size(out_size, …,
    output_padding=n − smallest)``. For ``out_size=3, kernel_size=3, stride=2, padding=1`` → ``[5, 6]``.
    """
    smallest = shapes.conv_transpose_output_size(out_size, kernel_size, stride, padding, 0, dilation)
    sizes = []
    for n in range(max(smallest, 1), smallest + stride):
        if shapes.conv_problem(n, kernel_size, stride, padding, dilation) is None and \
                shapes.conv_output_size(n, kernel_size, stride, padding, dilation) == out_size:
            sizes.append(n)
    return sizes


# ---------------------------------------------------------------------------------------------
# convolution as a matrix
# ---------------------------------------------------------------------------------------------

def conv_matrix(input_size, kernel, stride=1, padding=0, dilation=1) -> np.ndarray:
    """The matrix ``C`` of a single-channel 2-D convolution (cross-correlation, no bias).

    Row ``i*OW + j`` holds the kernel weights at the input pixels that output ``(i, j)`` reads:
    ``C[i*OW + j, r*W + c] = kernel[m, n]`` where ``r = i*S + m*D - P``, ``c = j*S + n*D - P``
    (taps falling on padding are dropped: padding contributes zeros). Hence
    ``C @ x.ravel() == conv2d(x, kernel, stride=S, padding=P, dilation=D).ravel()``.

    Parameters
    ----------
    input_size : int or (int, int)
        ``H`` or ``(H, W)`` of the input.
    kernel : array_like, shape (KH, KW)
    stride, dilation : int or (int, int)
    padding : int, (int, int), "valid", "same" (stride 1) or "full"

    Returns
    -------
    C : ndarray, shape (OH*OW, H*W)
        ``OH, OW`` from :func:`cnnviz.nn.shapes.conv_output_size`.

    Raises
    ------
    ValueError
        (a :class:`~cnnviz.nn.shapes.ShapeError`) when the configuration is invalid.
    """
    kernel = _kernel2d(kernel)
    kh, kw = kernel.shape
    height, width = shapes.as_pair(input_size, "input_size", 1)
    (sh, sw), (dh, dw) = shapes.as_pair(stride, "stride", 1), shapes.as_pair(dilation, "dilation", 1)
    ph, pw = (padding, padding) if isinstance(padding, str) else shapes.as_pair(padding, "padding", 0)
    # one axis at a time (ints): output size and the zeros before the first input row / column
    out_h = shapes.conv_output_size(height, kh, sh, ph, dh)
    out_w = shapes.conv_output_size(width, kw, sw, pw, dw)
    top = shapes.resolve_padding(ph, kh, sh, dh)[0]
    left = shapes.resolve_padding(pw, kw, sw, dw)[0]
    rows = np.arange(out_h)[:, None] * sh + np.arange(kh)[None, :] * dh - top  # (OH, KH)
    cols = np.arange(out_w)[:, None] * sw + np.arange(kw)[None, :] * dw - left  # (OW, KW)
    rr = np.broadcast_to(rows[:, None, :, None], (out_h, out_w, kh, kw))  # (OH, OW, KH, KW)
    cc = np.broadcast_to(cols[None, :, None, :], (out_h, out_w, kh, kw))
    out_index = np.broadcast_to(np.arange(out_h * out_w).reshape(out_h, out_w, 1, 1), rr.shape)
    weights = np.broadcast_to(kernel, rr.shape)
    inside = (rr >= 0) & (rr < height) & (cc >= 0) & (cc < width)
    matrix = np.zeros((out_h * out_w, height * width))
    # distinct taps of one window never hit the same pixel, so plain assignment suffices
    matrix[out_index[inside], rr[inside] * width + cc[inside]] = weights[inside]
    return matrix


def conv_transpose_matrix(input_size, kernel, stride=1, padding=0, output_padding=0, dilation=1) -> np.ndarray:
    """The matrix of a single-channel transposed convolution: the transpose of a conv matrix.

    A conv2d with the same kernel, stride, padding and dilation maps an ``OH×OW`` image back to
    (at least) ``H×W``; its matrix ``C`` has one row per output of that conv. The transposed
    convolution is ``Cᵀ`` restricted to the rows of ``C`` that belong to the ``H×W`` positions, so
    ``T @ x.ravel() == conv_transpose2d(x, kernel, stride, padding, output_padding, dilation=D).ravel()``
    with ``OH = (H-1)S - 2P + D(K-1) + output_padding + 1``.

    Parameters
    ----------
    input_size : int or (int, int)
        ``H`` or ``(H, W)`` of the transposed convolution's input.
    kernel : array_like, shape (KH, KW)
        ``weight[0, 0]`` of a torch ``(C_in, C_out, KH, KW)`` weight.
    stride, padding, output_padding, dilation : int or (int, int)

    Returns
    -------
    T : ndarray, shape (OH*OW, H*W)

    Raises
    ------
    ValueError
        (a :class:`~cnnviz.nn.shapes.ShapeError`) when ``output_padding`` is not smaller than the
        stride or the dilation, or the output would be empty.
    """
    kernel = _kernel2d(kernel)
    height, width = shapes.as_pair(input_size, "input_size", 1)
    stride, padding = shapes.as_pair(stride, "stride", 1), shapes.as_pair(padding, "padding", 0)
    output_padding = shapes.as_pair(output_padding, "output_padding", 0)
    dilation = shapes.as_pair(dilation, "dilation", 1)
    out_h, out_w = shapes.conv_transpose_output_size(
        (height, width), kernel.shape, stride, padding, output_padding, dilation
    )
    forward = conv_matrix((out_h, out_w), kernel, stride, padding, dilation)  # (H'*W', OH*OW), H' >= H
    back_h, back_w = shapes.conv_output_size((out_h, out_w), kernel.shape, stride, padding, dilation)
    keep = (np.arange(height)[:, None] * back_w + np.arange(width)[None, :]).ravel()  # rows of the H×W positions
    return np.ascontiguousarray(forward[keep].T)


# ---------------------------------------------------------------------------------------------
# 1-D convolution
# ---------------------------------------------------------------------------------------------

def conv1d_padding(length: int, kernel_size: int, mode: str) -> tuple[int, int]:
    """Zeros ``(left, right)`` that ``mode`` adds to a signal before sliding a kernel (stride 1).

    ``"valid"``: none, output ``N - K + 1``; ``"same"``: ``K - 1`` in total, ``(K-1)//2`` on the
    left (PyTorch's split), output ``N``; ``"full"``: ``K - 1`` on each side, output ``N + K - 1``.

    Raises
    ------
    ValueError
        (a :class:`~cnnviz.nn.shapes.ShapeError`) for an unknown mode or, in "valid" mode, a kernel
        longer than the signal.
    """
    if mode not in CONV1D_MODES:
        raise ValueError(f"mode must be one of {CONV1D_MODES}, got {mode!r}")
    shapes.check_conv(length, kernel_size, 1, mode)
    return tuple(int(p) for p in shapes.resolve_padding(mode, kernel_size, 1, 1))


def conv1d(signal, kernel, mode: str = "valid", flip: bool = False) -> np.ndarray:
    """1-D convolution of ``signal`` with ``kernel``: ``functional.conv2d`` on a ``(1, 1, 1, L)`` input.

    ``flip=False`` is deep learning's convolution (cross-correlation, ``torch.nn.Conv1d``):
    ``y[i] = Σ_k w[k] · x_pad[i + k]``. ``flip=True`` rotates the kernel first, which gives the
    signal-processing convolution ``y[t] = Σ_k w[k] · x[t - k]`` of ``numpy.convolve``: an echo
    kernel ``[1, 0.5, 0.25]`` repeats every sample twice, each time at half the loudness.

    Parameters
    ----------
    signal : array_like, shape (N,)
    kernel : array_like, shape (K,)
    mode : {"valid", "same", "full"}
        Padding as in :func:`conv1d_padding`. For an odd ``K`` the results equal
        ``numpy.convolve`` (``flip=True``) and ``numpy.correlate`` (``flip=False``) in the same
        mode; for an even ``K`` "same" puts the extra zero on the right, as PyTorch does.
    flip : bool

    Returns
    -------
    y : ndarray, shape (N - K + 1,), (N,) or (N + K - 1,)
    """
    x = _signal(signal, "signal")
    w = _signal(kernel, "kernel")
    left, right = conv1d_padding(x.size, w.size, mode)
    if flip:
        w = w[::-1]
    x4 = np.pad(x, (left, right)).reshape(1, 1, 1, -1)  # (N, C, H, W) = (1, 1, 1, L + pads)
    w4 = np.ascontiguousarray(w).reshape(1, 1, 1, -1)  # (C_out, C_in, KH, KW)
    return functional.conv2d(x4, w4)[0, 0, 0]


# ---------------------------------------------------------------------------------------------
# overlaps and receptive fields
# ---------------------------------------------------------------------------------------------

def overlap_counts(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1) -> np.ndarray:
    """How many input pixels a transposed convolution adds into each output pixel.

    ``conv_transpose2d`` of an all-ones input with an all-ones kernel: where the stride does not
    divide the kernel span, neighbouring stamps overlap unevenly and the counts form a
    checkerboard (the origin of checkerboard artefacts in upsampling networks).

    Parameters
    ----------
    input_size, kernel_size, stride, padding, output_padding, dilation : int or (int, int)

    Returns
    -------
    counts : ndarray of int, shape (OH, OW)
    """
    height, width = shapes.as_pair(input_size, "input_size", 1)
    kh, kw = shapes.as_pair(kernel_size, "kernel_size", 1)
    shapes.check_conv_transpose((height, width), (kh, kw), stride, padding, output_padding, dilation)
    x = np.ones((1, 1, height, width))
    w = np.ones((1, 1, kh, kw))
    out = functional.conv_transpose2d(x, w, stride=stride, padding=padding, output_padding=output_padding,
                                      dilation=dilation)
    return np.rint(out[0, 0]).astype(np.int64)


def receptive_field_counts(kernel_size: int, dilations: Sequence[int]) -> np.ndarray:
    """Number of paths from each input pixel to one output pixel through stacked convolutions.

    The layers are stride-1 ``K×K`` convolutions with the given dilations (one per layer). The
    map's side is the receptive field ``1 + Σ_l D_l (K-1)`` (as :func:`cnnviz.nn.shapes.receptive_field`);
    zeros inside it are pixels the output never sees (the "gridding" of stacked dilated convs).
    Computed by pushing a single output pixel back through the layers with
    ``functional.conv_transpose2d`` (the input gradient of each conv).

    Parameters
    ----------
    kernel_size : int
    dilations : sequence of int, one per layer, each >= 1

    Returns
    -------
    counts : ndarray of int, shape (RF, RF)
    """
    k = shapes.as_pair(kernel_size, "kernel_size", 1)[0]
    if isinstance(kernel_size, (tuple, list)):
        raise ValueError("kernel_size must be one int (square kernels) for receptive_field_counts")
    dilations = [shapes.as_pair(d, "dilation", 1)[0] for d in dilations]
    if not dilations:
        raise ValueError("dilations must list at least one layer")
    field = np.ones((1, 1, 1, 1))
    ones = np.ones((1, 1, k, k))
    for d in reversed(dilations):
        field = functional.conv_transpose2d(field, ones, dilation=d)
    return np.rint(field[0, 0]).astype(np.int64)


def dilation_schedule(dilation: int, layers: int, doubling: bool = False) -> list[int]:
    """Dilations of ``layers`` stacked convolutions: all ``D``, or ``D, 2D, 4D, …`` when ``doubling``.

    Doubling from ``D = 1`` (1, 2, 4, …, as in WaveNet and in Yu & Koltun's context module) grows
    the receptive field exponentially while covering it without holes.
    """
    d = shapes.as_pair(dilation, "dilation", 1)[0]
    n = shapes.as_pair(layers, "layers", 1)[0]
    return [d * 2 ** i for i in range(n)] if doubling else [d] * n


# ---------------------------------------------------------------------------------------------
# groups, depthwise-separable and bottleneck budgets
# ---------------------------------------------------------------------------------------------

def valid_groups(in_channels: int, out_channels: int) -> list[int]:
    """Every ``groups`` value a conv ``Ci → Co`` accepts: the common divisors of ``Ci`` and ``Co``.

    ``valid_groups(8, 16)`` → ``[1, 2, 4, 8]``; ``groups = Ci`` (when it divides ``Co``) is depthwise.
    """
    ci = shapes.as_pair(in_channels, "in_channels", 1)[0]
    co = shapes.as_pair(out_channels, "out_channels", 1)[0]
    return [g for g in range(1, min(ci, co) + 1) if ci % g == 0 and co % g == 0]


def group_connectivity(in_channels: int, out_channels: int, groups: int) -> np.ndarray:
    """Which input channels each filter of a grouped convolution reads.

    With ``groups = g``, filter ``o`` belongs to group ``o // (Co/g)`` and reads only the
    ``Ci/g`` input channels of that group. ``g = 1`` is an ordinary conv; ``g = Ci`` is depthwise.

    Returns
    -------
    groups_of : ndarray of int, shape (Co, Ci)
        The group index where filter ``o`` reads channel ``c``, else -1. Each row has ``Ci/g``
        entries >= 0, so ``(groups_of >= 0).sum() * K*K + Co`` is the parameter count.

    Raises
    ------
    ValueError
        (a :class:`~cnnviz.nn.shapes.ShapeError`) when ``groups`` does not divide both channel counts.
    """
    shapes.conv_params(in_channels, out_channels, 1, groups)  # validates channels and groups
    out_group = np.arange(out_channels) // (out_channels // groups)  # (Co,)
    in_group = np.arange(in_channels) // (in_channels // groups)  # (Ci,)
    return np.where(out_group[:, None] == in_group[None, :], out_group[:, None], -1)


@dataclass(frozen=True)
class SeparableCost:
    """Parameters and multiply-adds of a standard conv and of its depthwise-separable replacement.

    The separable version is a depthwise ``K×K`` conv (``groups = Ci``, ``Ci`` filters) followed by
    a pointwise ``1×1`` conv from ``Ci`` to ``Co`` channels; both keep the spatial size.
    """

    in_channels: int
    out_channels: int
    kernel_size: int
    output_size: int
    bias: bool
    standard_params: int
    depthwise_params: int
    pointwise_params: int
    standard_macs: int
    depthwise_macs: int
    pointwise_macs: int

    @property
    def separable_params(self) -> int:
        return self.depthwise_params + self.pointwise_params

    @property
    def separable_macs(self) -> int:
        return self.depthwise_macs + self.pointwise_macs

    @property
    def params_ratio(self) -> float:
        """``separable / standard`` parameters."""
        return self.separable_params / self.standard_params

    @property
    def macs_ratio(self) -> float:
        """``separable / standard`` multiply-adds, exactly ``1/Co + 1/K²``."""
        return self.separable_macs / self.standard_macs


def separable_cost(in_channels: int, out_channels: int, kernel_size: int, output_size: int,
                   bias: bool = True) -> SeparableCost:
    """Cost of a ``K×K`` conv ``Ci → Co`` vs. depthwise ``K×K`` (groups ``Ci``) + pointwise ``1×1``.

    Standard: ``Co·Ci·K·K (+Co)`` parameters and ``Co·OH·OW·Ci·K·K`` multiply-adds. Separable:
    ``Ci·1·K·K (+Ci)`` + ``Co·Ci·1·1 (+Co)`` parameters and ``Ci·OH·OW·K·K + Co·OH·OW·Ci``
    multiply-adds, so the multiply-add ratio is ``1/Co + 1/K²``. All counts from :mod:`cnnviz.nn.shapes`.

    Parameters
    ----------
    in_channels, out_channels, kernel_size : int
    output_size : int
        Side ``OH = OW`` of the output feature map (for multiply-adds).
    bias : bool
        Whether each conv has a bias.
    """
    ci, co, k = in_channels, out_channels, kernel_size
    return SeparableCost(
        in_channels=ci, out_channels=co, kernel_size=k, output_size=output_size, bias=bool(bias),
        standard_params=shapes.conv_params(ci, co, k, 1, bias),
        depthwise_params=shapes.conv_params(ci, ci, k, ci, bias),
        pointwise_params=shapes.conv_params(ci, co, 1, 1, bias),
        standard_macs=shapes.conv_macs(ci, co, k, output_size, 1),
        depthwise_macs=shapes.conv_macs(ci, ci, k, output_size, ci),
        pointwise_macs=shapes.conv_macs(ci, co, 1, output_size, 1),
    )


@dataclass(frozen=True)
class BottleneckCost:
    """Weights of a ``K×K`` conv ``Ci → Co`` with and without a ``1×1`` reduction to ``width`` channels."""

    in_channels: int
    out_channels: int
    kernel_size: int
    width: int
    direct: int
    reduce: int
    expand: int

    @property
    def with_bottleneck(self) -> int:
        return self.reduce + self.expand

    @property
    def ratio(self) -> float:
        """``direct / with_bottleneck``: how many times fewer weights the bottleneck needs."""
        return self.direct / self.with_bottleneck


def bottleneck_cost(in_channels: int, out_channels: int, kernel_size: int, width: int,
                    bias: bool = False) -> BottleneckCost:
    """Inception's 1×1 reduction: ``Ci·K·K·Co`` vs. ``Ci·1·1·width + width·K·K·Co`` weights.

    The course example ``bottleneck_cost(128, 256, 5, 32)``: 128×5×5×256 = 819,200 weights directly,
    128×1×1×32 + 32×5×5×256 = 4,096 + 204,800 = 208,896 with the bottleneck.
    """
    return BottleneckCost(
        in_channels=in_channels, out_channels=out_channels, kernel_size=kernel_size, width=width,
        direct=shapes.conv_params(in_channels, out_channels, kernel_size, 1, bias),
        reduce=shapes.conv_params(in_channels, width, 1, 1, bias),
        expand=shapes.conv_params(width, out_channels, kernel_size, 1, bias),
    )

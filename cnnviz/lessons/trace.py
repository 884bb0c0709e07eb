"""Step-by-step traces of one convolution, pooling or transposed convolution.

A trace records everything a student sees when the kernel slides over a small input: the padded
input and which of its cells are padding, the kernel actually applied, and one *step* per output
cell with the window's tap coordinates, the input values under the taps, the element-wise
products, their sums, the bias and the output value. The figure builders in
:mod:`cnnviz.figures.sliding` animate these steps.

The arithmetic is the library's own: windows come from :func:`cnnviz.nn.functional.window_taps`
and :func:`~cnnviz.nn.functional.im2col`, padding from :func:`~cnnviz.nn.functional.pad2d`, outputs
from :func:`~cnnviz.nn.functional.conv2d`, :func:`~cnnviz.nn.functional.conv_transpose2d`,
:func:`~cnnviz.nn.functional.max_pool_argmax` and :func:`~cnnviz.nn.functional.avg_pool2d`, sizes
from :mod:`cnnviz.nn.shapes`; a trace adds the bookkeeping a student sees (per-step views,
products, running sums, masks). Each step holds *views* into the trace's arrays, so tracing a
28×28 input with a 3×3 kernel takes a few milliseconds. Treat traces as read-only.

Coordinates: ``(row, col)`` of a tap are indices into the *padded* input ``trace.padded``; output
cells are visited in row-major order, step ``i`` computing ``output[i // OW, i % OW]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cnnviz.nn import functional as F
from cnnviz.nn import shapes
from cnnviz.nn.validation import chw_array

__all__ = [
    "MAX_STEPS", "ConvStep", "ConvTrace", "TransposedConvTrace", "PoolStep", "PoolTrace",
    "trace_conv2d", "trace_conv_transpose2d", "trace_pool2d", "resolve_conv_padding",
]

MAX_STEPS = 2500
"""Most steps (output cells) a trace may have; larger inputs are too big to animate."""


# ---------------------------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ConvStep:
    """One output cell of a convolution: ``value = sum(products) + bias``.

    Attributes
    ----------
    index : int
        Position in the row-major visiting order.
    row, col : int
        The output cell computed by this step.
    taps : ndarray of int, shape (KH*KW, 2)
        ``(row, col)`` in the padded input under each kernel element, in row-major kernel order
        (tap ``k`` is kernel element ``divmod(k, KW)``); taps are ``dilation`` cells apart.
    patch : ndarray, shape (C, KH, KW)
        Input values under the taps (padding zeros included).
    products : ndarray, shape (C, KH, KW)
        ``patch * kernel``, element by element.
    channel_sums : ndarray, shape (C,)
        Sum of the products of each input channel.
    running_sum : ndarray, shape (C*KH*KW,)
        Cumulative sum of the products in (channel, kernel row, kernel col) order; the last entry
        is the sum before the bias.
    bias : float
    value : float
        ``channel_sums.sum() + bias``, equal to ``trace.output[row, col]``.
    """

    index: int
    row: int
    col: int
    taps: np.ndarray
    patch: np.ndarray
    products: np.ndarray
    channel_sums: np.ndarray
    running_sum: np.ndarray
    bias: float
    value: float


class _WindowTrace:
    """What the convolution and pooling traces share: windows of ``kernel_size`` and ``dilation``
    scanning the ``padded`` input, one step per output cell."""

    __slots__ = ()

    @property
    def in_channels(self) -> int:
        return self.padded.shape[0]

    @property
    def span(self) -> tuple[int, int]:
        """Effective window extent ``D(K-1) + 1`` per axis (rows, cols) on the padded input."""
        return shapes.effective_kernel_size(self.kernel_size, self.dilation)

    @property
    def n_steps(self) -> int:
        return len(self.steps)


@dataclass(slots=True)
class ConvTrace(_WindowTrace):
    """A traced 2-D cross-correlation (or true convolution) of one sample with one filter.

    Attributes
    ----------
    x : ndarray, shape (C, H, W)
        The input as given (a 2-D input gets C = 1).
    padded : ndarray, shape (C, HP, WP)
        The input with its padding, ``HP = H + top + bottom``.
    pad : (int, int, int, int)
        Padding ``(top, bottom, left, right)``.
    pad_mask : ndarray of bool, shape (HP, WP)
        True where a cell of ``padded`` is padding.
    weight : ndarray, shape (C, KH, KW)
        The kernel as given.
    kernel : ndarray, shape (C, KH, KW)
        The kernel applied: ``weight`` rotated by 180° when ``flipped`` (true convolution).
    flipped : bool
    bias : float
    stride, dilation : (int, int)
    output : ndarray, shape (OH, OW)
        ``OH = floor((H + top + bottom - D(KH-1) - 1) / S) + 1``, likewise OW.
    patches, products : ndarray, shape (OH, OW, C, KH, KW)
        The window under each output cell and its products with ``kernel``.
    taps : ndarray of int, shape (OH, OW, KH*KW, 2)
        Tap coordinates in ``padded`` of every window.
    steps : list of ConvStep
        One per output cell, row-major; each holds views into the arrays above.
    """

    x: np.ndarray
    padded: np.ndarray
    pad: tuple[int, int, int, int]
    pad_mask: np.ndarray
    weight: np.ndarray
    kernel: np.ndarray
    flipped: bool
    bias: float
    stride: tuple[int, int]
    dilation: tuple[int, int]
    output: np.ndarray
    patches: np.ndarray
    products: np.ndarray
    taps: np.ndarray
    steps: list

    @property
    def kernel_size(self) -> tuple[int, int]:
        return self.kernel.shape[1], self.kernel.shape[2]


@dataclass(slots=True)
class TransposedConvTrace(ConvTrace):
    """A transposed convolution seen as zero insertion followed by an ordinary convolution.

    The input gets ``stride - 1`` zeros inserted between neighbouring pixels (the *stuffed*
    input), is padded by ``D(K-1) - P`` on each side (plus ``output_padding`` at the bottom and
    right; a negative amount crops), and is cross-correlated with stride 1, the same dilation and
    the kernel rotated by 180°. The inherited fields describe that ordinary convolution
    (``flipped`` is True, ``stride`` is (1, 1)); ``x`` is the original input.

    Attributes
    ----------
    stuffed : ndarray, shape (C, (H-1)*S+1, (W-1)*S+1)
        The input with zeros inserted.
    inserted_mask : ndarray of bool, shape (HP, WP)
        True where a cell of ``padded`` is an inserted zero (not padding, not an input pixel).
    source_index : ndarray of int, shape (HP, WP, 2)
        For cells of ``padded`` holding an input pixel, its ``(row, col)`` in ``x``; else -1.
    transposed_stride, transposed_padding, output_padding : (int, int)
        The transposed convolution's own arguments (torch names).
    """

    stuffed: np.ndarray
    inserted_mask: np.ndarray
    source_index: np.ndarray
    transposed_stride: tuple[int, int]
    transposed_padding: tuple[int, int]
    output_padding: tuple[int, int]


@dataclass(slots=True)
class PoolStep:
    """One output cell of a pooling layer, for every channel at once.

    Attributes
    ----------
    index, row, col : int
        As in :class:`ConvStep`.
    taps : ndarray of int, shape (KH*KW, 2)
        ``(row, col)`` in the padded input of each window element, row-major.
    inside : ndarray of bool, shape (KH, KW)
        True for taps on a real input pixel (not padding, not past the padded edge).
    patch : ndarray, shape (C, KH, KW)
        Values under the taps; padding reads as -inf for max and 0 for average pooling.
    value : ndarray, shape (C,)
        The pooled value of each channel.
    argmax : ndarray of int, shape (C,), or None
        Max pooling: flat tap index (into ``taps``) of each channel's first maximum.
    window_sum : ndarray, shape (C,), or None
        Average pooling: sum of the window.
    divisor : int or None
        Average pooling: the number the sum is divided by (PyTorch's rule, see
        :func:`trace_pool2d`).
    """

    index: int
    row: int
    col: int
    taps: np.ndarray
    inside: np.ndarray
    patch: np.ndarray
    value: np.ndarray
    argmax: np.ndarray | None
    window_sum: np.ndarray | None
    divisor: int | None


@dataclass(slots=True)
class PoolTrace(_WindowTrace):
    """A traced max or average pooling of one sample.

    Attributes
    ----------
    mode : {"max", "avg"}
    x : ndarray, shape (C, H, W)
    padded : ndarray, shape (C, HP, WP)
        Input with padding (-inf for max, 0 for avg) and, with ``ceil_mode``, the extra
        ``overhang`` rows/cols that the last windows reach past the padded input.
    pad : (int, int, int, int)
        PyTorch's padding per side ``(top, bottom, left, right)`` (symmetric).
    overhang : (int, int)
        Extra rows at the bottom and columns at the right beyond the padding (ceil_mode only).
    pad_mask : ndarray of bool, shape (HP, WP)
        True where a cell of ``padded`` is padding or overhang.
    overhang_mask : ndarray of bool, shape (HP, WP)
        True for the overhang cells only (they never count, not even in an average's divisor).
    kernel_size, stride, dilation, padding : (int, int)
    ceil_mode, count_include_pad : bool
    output : ndarray, shape (C, OH, OW)
    divisors : ndarray of int, shape (OH, OW), or None
        Average pooling divisors.
    argmax : ndarray of int, shape (OH, OW, C), or None
        Max pooling: flat tap index of each window's maximum.
    taps : ndarray of int, shape (OH, OW, KH*KW, 2)
    steps : list of PoolStep
    """

    mode: str
    x: np.ndarray
    padded: np.ndarray
    pad: tuple[int, int, int, int]
    overhang: tuple[int, int]
    pad_mask: np.ndarray
    overhang_mask: np.ndarray
    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    dilation: tuple[int, int]
    padding: tuple[int, int]
    ceil_mode: bool
    count_include_pad: bool
    output: np.ndarray
    divisors: np.ndarray | None
    argmax: np.ndarray | None
    taps: np.ndarray
    steps: list



# ---------------------------------------------------------------------------------------------
# argument parsing
# ---------------------------------------------------------------------------------------------

def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def resolve_conv_padding(padding, kernel_size, dilation=(1, 1), stride=(1, 1)) -> tuple[int, int, int, int]:
    """Padding ``(top, bottom, left, right)`` for any accepted form of a conv's ``padding``.

    Parameters
    ----------
    padding : int, (int, int), (int, int, int, int), "valid", "same" or "full"
        An int pads every side; a pair is ``(rows, cols)`` on both sides; four ints are per side
        ``(top, bottom, left, right)``. "valid" is no padding; "same" keeps the size at stride 1
        (the odd extra zero goes to the bottom/right, as in PyTorch); "full" pads ``D(K-1)`` on
        every side so every partial overlap of kernel and input gets an output.
    kernel_size, dilation, stride : (int, int)
    """
    if isinstance(padding, (tuple, list)) and len(padding) == 4:
        if not all(_is_int(p) for p in padding) or min(padding) < 0:
            raise ValueError(
                f"padding given per side (top, bottom, left, right) must be four ints >= 0, got {padding!r}"
            )
        return tuple(int(p) for p in padding)
    if isinstance(padding, (tuple, list)):
        per_axis = shapes.as_pair(padding, "padding", 0)
    else:
        per_axis = (padding, padding)  # an int or a mode name
    sides = []
    for axis in range(2):  # one axis at a time: shapes works on ints
        sides += shapes.resolve_padding(per_axis[axis], kernel_size[axis], stride[axis], dilation[axis])
    return tuple(int(p) for p in sides)


def _check_steps(out_h: int, out_w: int) -> None:
    if out_h * out_w > MAX_STEPS:
        raise ValueError(
            f"the animation would need {out_h}×{out_w} = {out_h * out_w} steps, more than {MAX_STEPS}: "
            f"use a smaller input (or a larger stride) for the animation"
        )


# ---------------------------------------------------------------------------------------------
# convolution
# ---------------------------------------------------------------------------------------------

def _window_taps(out_size, kernel_size, stride, dilation):
    """Tap rows (OH, KH), tap cols (OW, KW) and all taps (OH, OW, KH*KW, 2) on the padded grid."""
    (out_h, out_w), (kh, kw) = out_size, kernel_size
    rows, cols = F.window_taps(out_size, kernel_size, stride, dilation)  # (OH, KH), (OW, KW)
    taps = np.empty((out_h, out_w, kh, kw, 2), dtype=np.int64)
    taps[..., 0] = rows[:, None, :, None]
    taps[..., 1] = cols[None, :, None, :]
    return rows, cols, taps.reshape(out_h, out_w, kh * kw, 2)  # (OH, OW, KH*KW, 2)


def _windows(padded, kernel_size, stride, dilation, out_size):
    """Every window of ``padded`` (C, HP, WP) as (OH, OW, C, KH, KW), from the ops' own im2col."""
    channels, (kh, kw), (out_h, out_w) = padded.shape[0], kernel_size, out_size
    cols = F.im2col(padded[None], kernel_size, stride, dilation, out_size)  # (1, C*KH*KW, OH*OW)
    return cols.reshape(channels, kh, kw, out_h, out_w).transpose(3, 4, 0, 1, 2)  # (OH, OW, C, KH, KW)


def _conv_over_padded(padded, kernel, bias, stride, dilation, out_size, output):
    """Windows, products, sums and steps of a cross-correlation over an already padded input whose
    result ``output`` (OH, OW) the library computed."""
    out_h, out_w = out_size
    channels, kh, kw = kernel.shape
    _, _, taps = _window_taps(out_size, (kh, kw), stride, dilation)
    patches = _windows(padded, (kh, kw), stride, dilation, out_size)  # (OH, OW, C, KH, KW)
    products = patches * kernel
    channel_sums = products.sum(axis=(3, 4))  # (OH, OW, C)
    running = np.cumsum(products.reshape(out_h, out_w, channels * kh * kw), axis=2)  # (OH, OW, C*KH*KW)
    steps = [
        ConvStep(
            index=oh * out_w + ow, row=oh, col=ow, taps=taps[oh, ow], patch=patches[oh, ow],
            products=products[oh, ow], channel_sums=channel_sums[oh, ow], running_sum=running[oh, ow],
            bias=bias, value=float(output[oh, ow]),
        )
        for oh in range(out_h)
        for ow in range(out_w)
    ]
    return patches, products, taps, steps


def _kernel_args(x, weight, bias, stride, dilation):
    """The arguments both convolution traces share, checked: ``x`` (C, H, W) and ``weight``
    (C, KH, KW) as float arrays with the same channels, ``bias`` a float, ``stride`` and
    ``dilation`` pairs ≥ 1."""
    x = chw_array(x, "x", "(C, H, W) or (H, W)")
    weight = chw_array(weight, "weight", "(C, KH, KW) or (KH, KW)")
    if weight.shape[0] != x.shape[0]:
        raise ValueError(
            f"weight has {weight.shape[0]} channels but x has {x.shape[0]}: give the kernel one slice per input channel"
        )
    bias = _as_float(bias, "bias")
    stride = shapes.as_pair(stride, "stride", 1)
    dilation = shapes.as_pair(dilation, "dilation", 1)
    return x, weight, bias, stride, dilation


def trace_conv2d(x, weight, bias=0.0, stride=1, padding=0, dilation=1, flip_kernel=False) -> ConvTrace:
    """Trace a 2-D convolution of one input with one filter, one output cell per step.

    ``output[i, j] = sum_{c, m, n} padded[c, i*S + m*D, j*S + n*D] * kernel[c, m, n] + bias``,
    so ``OH = floor((H + top + bottom - D(KH-1) - 1) / S) + 1`` (likewise OW). Deep-learning
    "convolution" is this cross-correlation; ``flip_kernel=True`` rotates the kernel by 180°
    first, which gives the true (mathematical) convolution.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
    weight : array_like, shape (C, KH, KW) or (KH, KW)
        One filter; its channels must match ``x``.
    bias : float
    stride, dilation : int or (int, int)
    padding : int, (int, int), (top, bottom, left, right), "valid", "same" or "full"
        See :func:`resolve_conv_padding`. Padding cells hold zeros.
    flip_kernel : bool

    Returns
    -------
    ConvTrace
        Its ``output`` equals ``cnnviz.nn.functional.conv2d`` of the same arguments (batch and
        output-channel axes of size 1 removed).

    Raises
    ------
    ValueError
        For malformed arguments, a kernel wider than the padded input, or more than
        :data:`MAX_STEPS` output cells.
    """
    x, weight, bias, stride, dilation = _kernel_args(x, weight, bias, stride, dilation)
    kernel_size = weight.shape[1], weight.shape[2]
    pad = resolve_conv_padding(padding, kernel_size, dilation, stride)
    out_size = _conv_out_size(x.shape[1:], kernel_size, stride, padding, pad, dilation)
    _check_steps(*out_size)

    padded = F.pad2d(x, pad)  # (C, HP, WP)
    pad_mask = np.ones(padded.shape[1:], dtype=bool)
    pad_mask[pad[0]:pad[0] + x.shape[1], pad[2]:pad[2] + x.shape[2]] = False
    kernel = weight[:, ::-1, ::-1].copy() if flip_kernel else weight
    output = F.conv2d(padded[None], kernel[None], np.array([bias]), stride=stride, dilation=dilation)[0, 0]  # (OH, OW)
    patches, products, taps, steps = _conv_over_padded(padded, kernel, bias, stride, dilation, out_size, output)
    return ConvTrace(
        x=x, padded=padded, pad=pad, pad_mask=pad_mask, weight=weight, kernel=kernel, flipped=bool(flip_kernel),
        bias=bias, stride=stride, dilation=dilation, output=output, patches=patches, products=products,
        taps=taps, steps=steps,
    )


def _as_float(value, name: str) -> float:
    arr = np.asarray(value, dtype=np.float64) if not isinstance(value, str) else None
    if arr is None or arr.size != 1:
        raise ValueError(f"{name} must be one number, got {value!r}")
    number = float(arr.reshape(()))
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    return number


def _conv_out_size(in_size, kernel_size, stride, padding, pad, dilation) -> tuple[int, int]:
    """Output (OH, OW) from :func:`cnnviz.nn.shapes.check_conv`, which also validates the configuration."""
    if isinstance(padding, (tuple, list)) and len(padding) == 4:
        # per-side padding: the same sizes as an unpadded conv over the padded input
        in_size, padding = (in_size[0] + pad[0] + pad[1], in_size[1] + pad[2] + pad[3]), 0
    out = shapes.check_conv(tuple(in_size), tuple(kernel_size), tuple(stride), padding, tuple(dilation))
    return int(out[0]), int(out[1])


# ---------------------------------------------------------------------------------------------
# transposed convolution
# ---------------------------------------------------------------------------------------------

def trace_conv_transpose2d(
    x, weight, bias=0.0, stride=1, padding=0, output_padding=0, dilation=1
) -> TransposedConvTrace:
    """Trace a transposed convolution of one input to one output channel, via zero insertion.

    ``conv_transpose2d(x, w, stride=S, padding=P, output_padding=A, dilation=D)`` equals: insert
    ``S-1`` zeros between neighbouring input pixels, pad ``D(K-1) - P`` zeros on each side (and
    ``A`` more at the bottom/right; a negative amount crops), then cross-correlate with stride 1,
    dilation D and the kernel rotated by 180°. Output size ``(H-1)S - 2P + D(K-1) + A + 1``.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
    weight : array_like, shape (C, KH, KW) or (KH, KW)
        The slice ``weight[:, co]`` of a torch ``(C_in, C_out, KH, KW)`` weight.
    bias : float
    stride, padding, output_padding, dilation : int or (int, int)
        ``output_padding`` must be smaller than ``stride`` or ``dilation`` (PyTorch's rule).

    Returns
    -------
    TransposedConvTrace
        Its ``output`` equals ``cnnviz.nn.functional.conv_transpose2d`` of the same arguments.
    """
    x, weight, bias, stride, dilation = _kernel_args(x, weight, bias, stride, dilation)
    padding = shapes.as_pair(padding, "padding", 0)
    output_padding = shapes.as_pair(output_padding, "output_padding", 0)
    channels, height, width = x.shape
    kernel_size = weight.shape[1], weight.shape[2]
    out_size = shapes.check_conv_transpose((height, width), kernel_size, stride, padding, output_padding, dilation)
    out_size = int(out_size[0]), int(out_size[1])
    _check_steps(*out_size)

    stuffed_h, stuffed_w = (height - 1) * stride[0] + 1, (width - 1) * stride[1] + 1
    stuffed = np.zeros((channels, stuffed_h, stuffed_w))
    stuffed[:, ::stride[0], ::stride[1]] = x
    source = np.full((stuffed_h, stuffed_w, 2), -1, dtype=np.int64)
    source[::stride[0], ::stride[1], 0] = np.arange(height)[:, None]
    source[::stride[0], ::stride[1], 1] = np.arange(width)[None, :]
    inserted = np.ones((stuffed_h, stuffed_w), dtype=bool)
    inserted[::stride[0], ::stride[1]] = False

    full_rows, full_cols = (d * (k - 1) - p for d, k, p in zip(dilation, kernel_size, padding))
    pad = (full_rows, full_rows + output_padding[0], full_cols, full_cols + output_padding[1])
    padded = _pad_or_crop(stuffed, pad, 0.0)
    inserted_mask = _pad_or_crop(inserted[None], pad, False)[0]
    source_index = _pad_or_crop(source.transpose(2, 0, 1), pad, -1).transpose(1, 2, 0)  # (HP, WP, 2)
    pad_mask = _pad_or_crop(np.zeros((1, stuffed_h, stuffed_w), dtype=bool), pad, True)[0]

    kernel = weight[:, ::-1, ::-1].copy()
    output = F.conv_transpose2d(x[None], weight[:, None], np.array([bias]), stride=stride, padding=padding,
                                output_padding=output_padding, dilation=dilation)[0, 0]  # (OH, OW)
    patches, products, taps, steps = _conv_over_padded(padded, kernel, bias, (1, 1), dilation, out_size, output)
    return TransposedConvTrace(
        x=x, padded=padded, pad=pad, pad_mask=pad_mask, weight=weight, kernel=kernel, flipped=True, bias=bias,
        stride=(1, 1), dilation=dilation, output=output, patches=patches, products=products, taps=taps,
        steps=steps, stuffed=stuffed, inserted_mask=inserted_mask, source_index=source_index,
        transposed_stride=stride, transposed_padding=padding, output_padding=output_padding,
    )


def _pad_or_crop(array, pad, value):
    """Pad the last two axes of ``array`` by ``pad`` (top, bottom, left, right); negative crops."""
    grow = [(0, 0)] * (array.ndim - 2) + [(max(pad[0], 0), max(pad[1], 0)), (max(pad[2], 0), max(pad[3], 0))]
    out = np.pad(array, grow, constant_values=value)
    height, width = out.shape[-2:]
    top, bottom, left, right = (max(-p, 0) for p in pad)
    return out[..., top:height - bottom, left:width - right]


# ---------------------------------------------------------------------------------------------
# pooling
# ---------------------------------------------------------------------------------------------

def trace_pool2d(
    x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, mode="max", count_include_pad=True
) -> PoolTrace:
    """Trace max or average pooling of one input, one output cell (all channels) per step.

    ``OH = floor((H + 2P - D(K-1) - 1) / S) + 1`` (ceil with ``ceil_mode``, but no window may
    start in the bottom padding), as in PyTorch. Max pooling ignores padding (it reads as -inf);
    average pooling divides the window sum by the window's area clipped to the padded input
    (``count_include_pad=True``) or to the input itself (``False``).

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
    kernel_size : int or (int, int)
    stride : int or (int, int), optional
        Defaults to ``kernel_size``.
    padding : int or (int, int)
        At most half the kernel size (PyTorch's rule).
    dilation : int or (int, int)
        Max pooling only (average pooling has no dilation in PyTorch).
    ceil_mode : bool
    mode : {"max", "avg"}
    count_include_pad : bool
        Average pooling only.

    Returns
    -------
    PoolTrace
        Its ``output`` equals ``cnnviz.nn.functional.max_pool2d`` / ``avg_pool2d`` of the same
        arguments (batch axis removed).
    """
    if mode not in ("max", "avg"):
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}")
    x = chw_array(x, "x", "(C, H, W) or (H, W)")
    kernel_size = shapes.as_pair(kernel_size, "kernel_size", 1)
    stride = kernel_size if stride is None else shapes.as_pair(stride, "stride", 1)
    padding = shapes.as_pair(padding, "padding", 0)
    dilation = shapes.as_pair(dilation, "dilation", 1)
    if mode == "avg" and dilation != (1, 1):
        raise ValueError(f"average pooling has no dilation (got {dilation}): set dilation to 1")
    channels, height, width = x.shape
    out_size = shapes.check_pool((height, width), kernel_size, stride, padding, dilation, bool(ceil_mode))
    out_size = int(out_size[0]), int(out_size[1])
    out_h, out_w = out_size
    _check_steps(out_h, out_w)

    # Grid large enough for every window: the padding on every side, then ceil_mode's overhang at
    # the bottom/right (what the library pads beyond the padding to reach the last window).
    reach = F.pool_pad_amounts(x[None].shape, kernel_size, stride, padding, dilation, out_size)
    overhang = (max(reach[1] - padding[0], 0), max(reach[3] - padding[1], 0))
    pad = (padding[0], padding[0], padding[1], padding[1])
    fill = -np.inf if mode == "max" else 0.0
    padded = F.pad2d(x, (padding[0], padding[0] + overhang[0], padding[1], padding[1] + overhang[1]), fill)
    pad_mask = np.ones(padded.shape[1:], dtype=bool)
    pad_mask[padding[0]:padding[0] + height, padding[1]:padding[1] + width] = False
    overhang_mask = np.zeros(padded.shape[1:], dtype=bool)
    if overhang[0]:
        overhang_mask[-overhang[0]:, :] = True
    if overhang[1]:
        overhang_mask[:, -overhang[1]:] = True

    rows, cols, taps = _window_taps(out_size, kernel_size, stride, dilation)
    kh, kw = kernel_size
    patches = _windows(padded, kernel_size, stride, dilation, out_size)  # (OH, OW, C, KH, KW)
    inside = ~pad_mask[rows[:, None, :, None], cols[None, :, None, :]]  # (OH, OW, KH, KW)
    argmax = divisors = sums = None
    if mode == "max":
        pooled, arg, _ = F.max_pool_argmax(x[None], kernel_size, stride, padding, dilation, bool(ceil_mode))
        argmax = arg[0].transpose(1, 2, 0).astype(np.int64)  # (OH, OW, C): the winning tap of each window
    else:
        pooled = F.avg_pool2d(x[None], kernel_size, stride, padding, bool(ceil_mode), bool(count_include_pad))
        divisors = np.outer(*(F.avg_pool_divisors(size, k, s, p, n, bool(count_include_pad))
                              for size, k, s, p, n in zip((height, width), kernel_size, stride, padding, out_size)))
        sums = patches.sum(axis=(3, 4))  # (OH, OW, C): what the divisor divides
    values = pooled[0].transpose(1, 2, 0)  # (OH, OW, C)
    steps = [
        PoolStep(
            index=oh * out_w + ow, row=oh, col=ow, taps=taps[oh, ow], inside=inside[oh, ow], patch=patches[oh, ow],
            value=values[oh, ow], argmax=None if argmax is None else argmax[oh, ow],
            window_sum=None if sums is None else sums[oh, ow],
            divisor=None if divisors is None else int(divisors[oh, ow]),
        )
        for oh in range(out_h)
        for ow in range(out_w)
    ]
    return PoolTrace(
        mode=mode, x=x, padded=padded, pad=pad, overhang=overhang, pad_mask=pad_mask, overhang_mask=overhang_mask,
        kernel_size=kernel_size, stride=stride, dilation=dilation, padding=padding, ceil_mode=bool(ceil_mode),
        count_include_pad=bool(count_include_pad), output=values.transpose(2, 0, 1), divisors=divisors,
        argmax=argmax, taps=taps, steps=steps,
    )

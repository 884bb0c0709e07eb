"""Stateless CNN operations with ``torch.nn.functional`` semantics, each with its backward.

Arrays are NCHW, float32 or float64 (the dtype is preserved). Hyper-parameters accept an int or an
``(h, w)`` pair, with PyTorch's names, defaults and argument order, so code written here carries
over to PyTorch. The forward passes are vectorised: a strided *window view* of the padded input
(no copy) is turned into an im2col matrix and multiplied with the kernel by BLAS; the backward
passes scatter the window gradients back with one strided add per kernel tap.

Each ``*_backward`` takes the upstream gradient ``dout`` and the forward inputs and returns the
gradients w.r.t. those inputs. Layers in :mod:`cnnviz.nn.layers` use the lower-level
``conv2d_forward`` / ``conv2d_backward_from_cache`` pair to avoid recomputing the im2col matrix.

The same operations written as plain loops, forward and backward, with each formula in its
docstring, are in :mod:`cnnviz.nn.naive` ("show me the loops"); the tests check every op here
against them. Here, :func:`conv2d` is :func:`cnnviz.nn.naive.conv2d` with the loops over the
output cells and the kernel replaced by one matrix product of :func:`im2col`'s windows; the
pooling ops loop over the ``KH·KW`` kernel taps (:func:`window_taps`) instead of the output cells;
:func:`conv_transpose2d_backward` and :func:`batch_norm_backward` are checked against the loops of
:func:`cnnviz.nn.naive.conv_transpose2d_backward` and :func:`cnnviz.nn.naive.batch_norm_backward`.

Sizes and hyper-parameter rules come from :mod:`cnnviz.nn.shapes`: invalid arguments raise its
:class:`~cnnviz.nn.shapes.ShapeError` (a ``ValueError`` with a message key; the English text names
the quantity, the rule and the fix); malformed arrays raise ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import shapes
from cnnviz.nn.validation import float_array

__all__ = [
    "conv2d", "conv2d_backward", "conv_transpose2d", "conv_transpose2d_backward",
    "max_pool2d", "max_pool2d_backward", "avg_pool2d", "avg_pool2d_backward",
    "relu", "relu_backward", "leaky_relu", "leaky_relu_backward", "sigmoid", "sigmoid_backward",
    "tanh", "tanh_backward", "softmax", "softmax_backward", "log_softmax", "log_softmax_backward",
    "cross_entropy", "mse_loss", "linear", "linear_backward", "pad2d",
    "batch_norm", "batch_norm_forward", "batch_norm_backward", "dropout", "dropout_mask",
    "gelu", "gelu_backward", "maxout", "maxout_pieces", "maxout_backward",
    "window_taps", "im2col", "col2im", "pool_pad_amounts", "max_pool_argmax", "avg_pool_divisors",
]


# ---------------------------------------------------------------------------------------------
# argument parsing and validation
# ---------------------------------------------------------------------------------------------

def _check_array(x, name: str, ndim: int, what: str) -> np.ndarray:
    if not isinstance(x, np.ndarray):
        raise CnnvizError("nn.not_array", name=name, what=what, got=type(x).__name__)
    if x.ndim != ndim:
        raise CnnvizError("nn.ndim", name=name, ndim=ndim, what=what, shape=x.shape)
    if x.dtype not in (np.float32, np.float64):
        raise CnnvizError("nn.dtype", name=name, dtype=x.dtype)
    return x


def _result_dtype(*arrays) -> np.dtype:
    return np.result_type(*[a.dtype for a in arrays if a is not None])


def _check_bias(bias, channels: int) -> None:
    if bias is None:
        return
    _check_array(bias, "bias", 1, "(C_out,)")
    if bias.shape[0] != channels:
        raise CnnvizError("nn.bias_size", got=bias.shape[0], channels=channels)


@dataclass(frozen=True)
class ConvGeometry:
    """Resolved geometry of one 2-D convolution (all ints).

    ``padding`` is per side ``(top, bottom, left, right)``; ``out_size`` is ``(OH, OW)``.
    """

    stride: tuple[int, int]
    padding: tuple[int, int, int, int]
    dilation: tuple[int, int]
    groups: int
    kernel_size: tuple[int, int]
    in_size: tuple[int, int]
    out_size: tuple[int, int]


def conv_geometry(x_shape, weight_shape, stride=1, padding=0, dilation=1, groups=1) -> ConvGeometry:
    """Validate a conv2d configuration through :mod:`cnnviz.nn.shapes` and resolve its geometry.

    Output size per axis as :func:`cnnviz.nn.shapes.conv_output_size` (padding may be asymmetric
    for "same"); hyper-parameter ranges, "same" with stride 1, the kernel span and the groups
    divisibility are the rules of :mod:`~cnnviz.nn.shapes`, raised as its :class:`~cnnviz.nn.shapes.ShapeError`.
    """
    n_batch, c_in, height, width = x_shape
    c_out, c_in_group, kh, kw = weight_shape
    if isinstance(padding, str) and padding not in ("valid", "same"):  # shapes also knows "full"; torch does not
        raise shapes.ShapeError(shapes.problem("shapes.padding_mode", value=repr(padding)))
    stride = shapes.as_pair(stride, "stride", 1)
    dilation = shapes.as_pair(dilation, "dilation", 1)
    shapes.check_channels(c_in, c_out, groups)
    if c_in_group != c_in // groups:
        raise CnnvizError("nn.weight_in_channels", expected=c_in_group * groups, per_group=c_in_group, groups=groups,
                          channels=c_in)
    (top, bottom), (left, right) = shapes.resolve_padding(padding, (kh, kw), stride, dilation)
    out_size = shapes.conv_output_size((height, width), (kh, kw), stride, padding, dilation)
    return ConvGeometry(stride, (top, bottom, left, right), dilation, int(groups), (kh, kw), (height, width), out_size)


# ---------------------------------------------------------------------------------------------
# padding and windows
# ---------------------------------------------------------------------------------------------

def pad2d(x: np.ndarray, padding: tuple[int, int, int, int], value: float = 0.0) -> np.ndarray:
    """Pad the last two axes of ``x`` by ``(top, bottom, left, right)`` with a constant.

    Returns ``x`` itself (no copy) when all four are zero.
    """
    top, bottom, left, right = padding
    if not (top or bottom or left or right):
        return x
    out = np.full(x.shape[:-2] + (x.shape[-2] + top + bottom, x.shape[-1] + left + right), value, dtype=x.dtype)
    out[..., top:top + x.shape[-2], left:left + x.shape[-1]] = x
    return out


def window_taps(out_size, kernel_size, stride, dilation) -> tuple[np.ndarray, np.ndarray]:
    """Where every window's taps fall in the padded input: the geometry of every op here.

    Window ``(oh, ow)`` reads, for kernel tap ``(i, j)``, the padded input at row
    ``oh*S_h + i*D_h`` and column ``ow*S_w + j*D_w``.

    Returns
    -------
    rows : ndarray of int, shape (OH, KH)
    cols : ndarray of int, shape (OW, KW)
    """
    rows = np.arange(out_size[0])[:, None] * stride[0] + np.arange(kernel_size[0])[None, :] * dilation[0]  # (OH, KH)
    cols = np.arange(out_size[1])[:, None] * stride[1] + np.arange(kernel_size[1])[None, :] * dilation[1]  # (OW, KW)
    return rows, cols


def _tap(i, j, stride, dilation, out_size):
    """Index selecting, for kernel tap (i, j), the padded-input pixel under it in every window:
    column ``(i, j)`` of :func:`window_taps` as a strided slice (a view, no copy)."""
    r0, c0 = i * dilation[0], j * dilation[1]
    return (slice(None), slice(None), slice(r0, r0 + stride[0] * (out_size[0] - 1) + 1, stride[0]),
            slice(c0, c0 + stride[1] * (out_size[1] - 1) + 1, stride[1]))


def im2col(xp: np.ndarray, kernel_size, stride, dilation, out_size) -> np.ndarray:
    """Unfold a padded input into columns, one per output position.

    Parameters
    ----------
    xp : ndarray, shape (N, C, Hp, Wp), already padded

    Returns
    -------
    cols : ndarray, shape (N, C*KH*KW, OH*OW); ``cols[n, (c, p, q), (i, j)] = xp[n, c, i*S + p*D, j*S + q*D]``
    """
    n_batch, channels = xp.shape[:2]
    kh, kw = kernel_size
    cols = np.empty((n_batch, channels, kh, kw) + tuple(out_size), dtype=xp.dtype)  # (N, C, KH, KW, OH, OW)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[_tap(i, j, stride, dilation, out_size)]
    return cols.reshape(n_batch, channels * kh * kw, out_size[0] * out_size[1])


def col2im(dcols: np.ndarray, padded_shape, kernel_size, stride, dilation, out_size) -> np.ndarray:
    """Adjoint of :func:`im2col`: add column gradients (N, C*KH*KW, OH*OW) back onto the padded input."""
    n_batch, channels = padded_shape[:2]
    kh, kw = kernel_size
    dcols = dcols.reshape((n_batch, channels, kh, kw) + tuple(out_size))  # (N, C, KH, KW, OH, OW)
    dxp = np.zeros(padded_shape, dtype=dcols.dtype)
    for i in range(kh):
        for j in range(kw):
            dxp[_tap(i, j, stride, dilation, out_size)] += dcols[:, :, i, j]
    return dxp


# ---------------------------------------------------------------------------------------------
# conv2d
# ---------------------------------------------------------------------------------------------

@dataclass
class ConvCache:
    """What the conv2d forward pass keeps for its backward pass."""

    geometry: ConvGeometry
    x_shape: tuple
    weight: np.ndarray
    cols: np.ndarray  # im2col of the padded input, (N, C_in*KH*KW, OH*OW)
    has_bias: bool


def conv2d_forward(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """conv2d returning ``(out, cache)`` for :func:`conv2d_backward_from_cache`."""
    _check_array(x, "x", 4, "(N, C_in, H, W)")
    _check_array(weight, "weight", 4, "(C_out, C_in/groups, KH, KW)")
    _check_bias(bias, weight.shape[0])
    geo = conv_geometry(x.shape, weight.shape, stride, padding, dilation, groups)
    dtype = _result_dtype(x, weight, bias)
    n_batch, c_out = x.shape[0], weight.shape[0]
    xp = pad2d(x.astype(dtype, copy=False), geo.padding)
    cols = im2col(xp, geo.kernel_size, geo.stride, geo.dilation, geo.out_size)
    w_mat = weight.reshape(c_out, -1).astype(dtype, copy=False)  # (C_out, Cg*KH*KW)
    if geo.groups == 1:
        out = np.matmul(w_mat, cols)  # (N, C_out, OH*OW): already channels-first
    else:
        out = np.empty((n_batch, c_out, cols.shape[2]), dtype=dtype)
        rows, c_out_group = w_mat.shape[1], c_out // geo.groups
        for g in range(geo.groups):
            out[:, g * c_out_group:(g + 1) * c_out_group] = np.matmul(
                w_mat[g * c_out_group:(g + 1) * c_out_group], cols[:, g * rows:(g + 1) * rows])
    if bias is not None:
        out += bias.astype(dtype, copy=False)[:, None]
    out = out.reshape((n_batch, c_out) + geo.out_size)
    return out, ConvCache(geo, x.shape, weight, cols, bias is not None)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D cross-correlation, as ``torch.nn.functional.conv2d``.

    ``out[n, o, i, j] = bias[o] + sum_{c,p,q} x_pad[n, g*Cg + c, i*S + p*D, j*S + q*D] * weight[o, c, p, q]``
    with output size ``OH = floor((H + 2P - D(K-1) - 1) / S) + 1`` (likewise OW).

    Parameters
    ----------
    x : ndarray, shape (N, C_in, H, W)
    weight : ndarray, shape (C_out, C_in // groups, KH, KW)
    bias : ndarray, shape (C_out,), optional
    stride, dilation : int or (int, int)
    padding : int, (int, int), "valid" or "same" (stride 1; extra zero at the bottom/right when odd)
    groups : int; C_in and C_out must be divisible by it (groups == C_in is depthwise)

    Returns
    -------
    out : ndarray, shape (N, C_out, OH, OW)
    """
    return conv2d_forward(x, weight, bias, stride, padding, dilation, groups)[0]


def conv2d_backward_from_cache(dout, cache: ConvCache, input_grad: bool = True):
    """Gradients of conv2d given the forward cache: ``(dx or None, dweight, dbias or None)``."""
    geo = cache.geometry
    n_batch, c_in, height, width = cache.x_shape
    weight = cache.weight
    c_out = weight.shape[0]
    if dout.shape != (n_batch, c_out) + geo.out_size:
        raise CnnvizError("nn.dout_shape", got=dout.shape, expected=(n_batch, c_out) + geo.out_size)
    cols = cache.cols
    dtype = cols.dtype
    d_mat = dout.astype(dtype, copy=False).reshape(n_batch, c_out, -1)  # (N, C_out, OH*OW)
    w_mat = weight.reshape(c_out, -1).astype(dtype, copy=False)
    rows, c_out_group = w_mat.shape[1], c_out // geo.groups
    dweight = np.empty(w_mat.shape, dtype=dtype)
    dcols = np.empty(cols.shape, dtype=dtype) if input_grad else None
    for g in range(geo.groups):
        o, c = slice(g * c_out_group, (g + 1) * c_out_group), slice(g * rows, (g + 1) * rows)
        # dW = sum over the batch of dout (Co, P) @ cols^T (P, Cg*KH*KW)
        dweight[o] = np.matmul(d_mat[:, o], cols[:, c].transpose(0, 2, 1)).sum(axis=0)
        if input_grad:
            # a C-contiguous transpose keeps the batched matmul on BLAS
            np.matmul(np.ascontiguousarray(w_mat[o].T), d_mat[:, o], out=dcols[:, c])  # (N, Cg*KH*KW, OH*OW)
    dbias = d_mat.sum(axis=(0, 2)) if cache.has_bias else None
    dx = None
    if input_grad:
        top, bottom, left, right = geo.padding
        padded_shape = (n_batch, c_in, height + top + bottom, width + left + right)
        dxp = col2im(dcols, padded_shape, geo.kernel_size, geo.stride, geo.dilation, geo.out_size)
        dx = dxp if not (top or bottom or left or right) else np.ascontiguousarray(
            dxp[:, :, top:top + height, left:left + width])
    return dx, dweight.reshape(weight.shape), dbias


def conv2d_backward(dout, x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Gradients of :func:`conv2d`: ``(dx, dweight, dbias)`` (``dbias`` is None without bias).

    ``dweight`` is the cross-correlation of the input with ``dout``; ``dx`` is the "full"
    convolution of ``dout`` with the 180°-rotated kernel (computed by scattering window gradients).
    """
    _, cache = conv2d_forward(x, weight, bias, stride, padding, dilation, groups)
    return conv2d_backward_from_cache(np.asarray(dout), cache)


# ---------------------------------------------------------------------------------------------
# conv_transpose2d: the adjoint (input gradient) of conv2d
# ---------------------------------------------------------------------------------------------

def _transpose_geometry(x_shape, weight_shape, stride, padding, output_padding, groups, dilation):
    """Hyper-parameters as pairs and the output size, validated by :mod:`cnnviz.nn.shapes`."""
    n_batch, c_in, height, width = x_shape
    w_in, c_out_group, kh, kw = weight_shape
    if w_in != c_in:
        raise CnnvizError("nn.transpose_weight", got=w_in, channels=c_in)
    shapes.check_channels(c_in, None, groups)
    stride, padding, output_padding, dilation = (shapes.as_pair(v, name, minimum) for v, name, minimum in (
        (stride, "stride", 1), (padding, "padding", 0), (output_padding, "output_padding", 0), (dilation, "dilation", 1)))
    out_size = shapes.conv_transpose_output_size((height, width), (kh, kw), stride, padding, output_padding, dilation)
    return stride, padding, output_padding, dilation, out_size


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Transposed ("fractionally strided") convolution, as ``torch.nn.functional.conv_transpose2d``.

    Each input pixel adds ``x * weight`` into the output at ``stride`` spacing; ``padding`` is then
    cut from every border. Output size ``(H-1)*S - 2P + D(K-1) + output_padding + 1``.
    It is exactly the input gradient of :func:`conv2d` with the same weight.

    Parameters
    ----------
    x : ndarray, shape (N, C_in, H, W)
    weight : ndarray, shape (C_in, C_out // groups, KH, KW)
    bias : ndarray, shape (C_out,), optional
    stride, padding, output_padding, dilation : int or (int, int);
        output_padding must be smaller than stride or dilation
    groups : int

    Returns
    -------
    out : ndarray, shape (N, C_out, OH, OW)
    """
    _check_array(x, "x", 4, "(N, C_in, H, W)")
    _check_array(weight, "weight", 4, "(C_in, C_out/groups, KH, KW)")
    stride, padding, output_padding, dilation, out_size = _transpose_geometry(
        x.shape, weight.shape, stride, padding, output_padding, groups, dilation
    )
    c_out = weight.shape[1] * groups
    _check_bias(bias, c_out)
    dtype = _result_dtype(x, weight, bias)
    n_batch, c_in, height, width = x.shape
    c_in_group = c_in // groups
    kh, kw = weight.shape[2:]
    full_shape = (n_batch, c_out, out_size[0] + 2 * padding[0], out_size[1] + 2 * padding[1])
    x_mat = x.astype(dtype, copy=False).reshape(n_batch, c_in, height * width)  # (N, C_in, H*W)
    w_mat = weight.reshape(c_in, -1).astype(dtype, copy=False)  # (C_in, Cog*KH*KW)
    cols = np.empty((n_batch, w_mat.shape[1] * groups, height * width), dtype=dtype)
    rows = w_mat.shape[1]
    for g in range(groups):
        i = slice(g * c_in_group, (g + 1) * c_in_group)
        cols[:, g * rows:(g + 1) * rows] = np.matmul(np.ascontiguousarray(w_mat[i].T), x_mat[:, i])  # (N, Cog*KH*KW, H*W)
    full = col2im(cols, full_shape, (kh, kw), stride, dilation, (height, width))
    out = full[:, :, padding[0]:padding[0] + out_size[0], padding[1]:padding[1] + out_size[1]]
    out = np.ascontiguousarray(out)
    if bias is not None:
        out += bias.astype(dtype, copy=False)[None, :, None, None]
    return out


def conv_transpose2d_backward(dout, x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Gradients of :func:`conv_transpose2d`: ``(dx, dweight, dbias)``.

    ``dx`` is an ordinary conv2d of ``dout`` with the same weight; ``dweight`` is the conv2d weight
    gradient with the roles of input and output swapped.
    """
    stride, padding, output_padding, dilation, out_size = _transpose_geometry(
        x.shape, weight.shape, stride, padding, output_padding, groups, dilation
    )
    dout = np.asarray(dout)
    # conv2d with input dout (N, C_out, OH, OW), weight (C_in, C_out/g, KH, KW) gives back (N, C_in, H', W')
    dx_full, cache = conv2d_forward(dout, weight, None, stride, padding, dilation, groups)
    dx = np.ascontiguousarray(dx_full[:, :, : x.shape[2], : x.shape[3]])
    _, dweight, _ = conv2d_backward_from_cache(
        _fit(x.astype(dx.dtype, copy=False), dx_full.shape), cache, input_grad=False
    )
    dbias = dout.sum(axis=(0, 2, 3)) if bias is not None else None
    return dx, dweight, dbias


def _fit(x, shape):
    """Zero-extend x (N, C, H, W) to a larger spatial shape (output_padding rows get no signal)."""
    if x.shape == shape:
        return x
    out = np.zeros(shape, dtype=x.dtype)
    out[:, :, : x.shape[2], : x.shape[3]] = x
    return out


# ---------------------------------------------------------------------------------------------
# pooling
# ---------------------------------------------------------------------------------------------

def _pool_geometry(x_shape, kernel_size, stride, padding, dilation, ceil_mode):
    """Hyper-parameters as pairs and the output size, validated by :mod:`cnnviz.nn.shapes`
    (``stride`` None or ``()`` means the kernel size, as in PyTorch)."""
    kernel_size = shapes.as_pair(kernel_size, "kernel_size", 1)
    no_stride = stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0)
    stride = kernel_size if no_stride else shapes.as_pair(stride, "stride", 1)
    padding = shapes.as_pair(padding, "padding", 0)
    dilation = shapes.as_pair(dilation, "dilation", 1)
    out_size = shapes.pool_output_size(tuple(x_shape[2:]), kernel_size, stride, padding, dilation, ceil_mode)
    return kernel_size, stride, padding, dilation, out_size


def pool_pad_amounts(x_shape, kernel_size, stride, padding, dilation, out_size):
    """(top, bottom, left, right) padding so every window fits, ceil_mode's extra windows included
    (the bottom/right amount is only what the last window reaches, at most ``padding`` without ceil_mode)."""
    amounts = []
    for axis in range(2):
        need = (out_size[axis] - 1) * stride[axis] + dilation[axis] * (kernel_size[axis] - 1) + 1
        amounts += [padding[axis], max(need - x_shape[2 + axis] - padding[axis], 0)]
    return tuple(amounts)


def _pool_padded(x, kernel_size, stride, padding, dilation, out_size, value):
    """Pad x with ``value``, including the extra bottom/right rows that ceil_mode windows reach."""
    return pad2d(x, pool_pad_amounts(x.shape, kernel_size, stride, padding, dilation, out_size), value)


def max_pool_argmax(x, kernel_size, stride, padding, dilation, ceil_mode):
    """Max pooling's values and, per window, the row-major kernel tap that won.

    Returns ``(out, arg, geometry)``: ``out`` (N, C, OH, OW); ``arg`` (N, C, OH, OW), tap ``t`` is
    kernel element ``divmod(t, KW)`` (ties keep the first, NaN wins, as in PyTorch); ``geometry``
    ``(kernel_size, stride, padding, dilation, out_size, padded_shape)``.
    """
    _check_array(x, "x", 4, "(N, C, H, W)")
    kernel_size, stride, padding, dilation, out_size = _pool_geometry(
        x.shape, kernel_size, stride, padding, dilation, ceil_mode
    )
    xp = _pool_padded(x, kernel_size, stride, padding, dilation, out_size, -np.inf)
    has_nan = bool(np.isnan(x).any())
    out = arg = None
    for t, (i, j) in enumerate(np.ndindex(*kernel_size)):
        value = xp[_tap(i, j, stride, dilation, out_size)]  # (N, C, OH, OW), tap t of every window
        if out is None:
            out = value.copy()
            arg = np.zeros(value.shape, dtype=np.uint8 if kernel_size[0] * kernel_size[1] < 256 else np.intp)
            continue
        better = value > out  # PyTorch's rule: strictly greater (so ties keep the first), or NaN
        if has_nan:
            better |= np.isnan(value)
            np.copyto(out, value, where=better)
        else:
            np.maximum(out, value, out=out)
        arg[better] = t
    return out, arg, (kernel_size, stride, padding, dilation, out_size, xp.shape)


def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Max pooling, as ``torch.nn.functional.max_pool2d``.

    ``OH = floor((H + 2P - D(K-1) - 1) / S) + 1`` (ceil instead of floor with ``ceil_mode``, but a
    window may not start in the bottom/right padding). Padding counts as -inf. ``stride`` defaults
    to ``kernel_size``; ``padding`` must be at most half the kernel.

    Parameters
    ----------
    x : ndarray, shape (N, C, H, W)

    Returns
    -------
    out : ndarray, shape (N, C, OH, OW)
    indices : ndarray of int64, shape (N, C, OH, OW), only with ``return_indices``: the flat index
        ``row * W + col`` of each maximum in the input plane, as PyTorch returns; -1 for a window
        that lies wholly in the padding (its output is -inf).
    """
    out, arg, (kernel_size, stride, padding, dilation, out_size, _) = max_pool_argmax(
        x, kernel_size, stride, padding, dilation, ceil_mode
    )
    if not return_indices:
        return out
    oh = np.arange(out_size[0])[:, None]
    ow = np.arange(out_size[1])[None, :]
    rows = oh * stride[0] - padding[0] + (arg // kernel_size[1]) * dilation[0]
    cols = ow * stride[1] - padding[1] + (arg % kernel_size[1]) * dilation[1]
    inside = (rows >= 0) & (rows < x.shape[2]) & (cols >= 0) & (cols < x.shape[3])
    return out, np.where(inside, rows * x.shape[3] + cols, -1).astype(np.int64)


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    """Gradient of :func:`max_pool2d` w.r.t. ``x``: each upstream value goes to its window's arg-max."""
    _, arg, (kernel_size, stride, padding, dilation, out_size, padded_shape) = max_pool_argmax(
        x, kernel_size, stride, padding, dilation, ceil_mode
    )
    return _max_pool_scatter(np.asarray(dout, dtype=x.dtype), arg, x.shape, kernel_size, stride, padding, dilation, padded_shape)


def _max_pool_scatter(dout, arg, x_shape, kernel_size, stride, padding, dilation, padded_shape):
    out_size = arg.shape[2:]
    dxp = np.zeros(padded_shape, dtype=dout.dtype)
    for t, (i, j) in enumerate(np.ndindex(*kernel_size)):
        dxp[_tap(i, j, stride, dilation, out_size)] += dout * (arg == t)  # only where tap t was the max
    return np.ascontiguousarray(dxp[:, :, padding[0]:padding[0] + x_shape[2], padding[1]:padding[1] + x_shape[3]])


def avg_pool_divisors(size, kernel, stride, padding, out_len, count_include_pad):
    """Per-axis window lengths used as the average's divisor (PyTorch's rule): the window clipped
    to the padded input, or to the input itself without ``count_include_pad``; a window's divisor
    is the product of its row and column lengths."""
    start = np.arange(out_len) * stride - padding
    end = np.minimum(start + kernel, size + padding)
    if count_include_pad:
        return end - start
    return np.minimum(end, size) - np.maximum(start, 0)


def avg_pool2d(x, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """Average pooling, as ``torch.nn.functional.avg_pool2d``.

    The divisor is the window area clipped to the padded input (``count_include_pad=True``) or to
    the real input (``False``); ceil_mode's extra windows are averaged over what they cover.

    Parameters
    ----------
    x : ndarray, shape (N, C, H, W)

    Returns
    -------
    out : ndarray, shape (N, C, OH, OW)
    """
    _check_array(x, "x", 4, "(N, C, H, W)")
    kernel_size, stride, padding, dilation, out_size = _pool_geometry(
        x.shape, kernel_size, stride, padding, 1, ceil_mode
    )
    xp = _pool_padded(x, kernel_size, stride, padding, dilation, out_size, 0.0)
    sums = np.zeros(x.shape[:2] + out_size, dtype=x.dtype)
    for i, j in np.ndindex(*kernel_size):
        sums += xp[_tap(i, j, stride, dilation, out_size)]
    div_h = avg_pool_divisors(x.shape[2], kernel_size[0], stride[0], padding[0], out_size[0], count_include_pad)
    div_w = avg_pool_divisors(x.shape[3], kernel_size[1], stride[1], padding[1], out_size[1], count_include_pad)
    return (sums / (div_h[:, None] * div_w[None, :])).astype(x.dtype, copy=False)


def avg_pool2d_backward(dout, x, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """Gradient of :func:`avg_pool2d` w.r.t. ``x``: each upstream value is spread evenly (÷ divisor)."""
    kernel_size, stride, padding, dilation, out_size = _pool_geometry(
        x.shape, kernel_size, stride, padding, 1, ceil_mode
    )
    div_h = avg_pool_divisors(x.shape[2], kernel_size[0], stride[0], padding[0], out_size[0], count_include_pad)
    div_w = avg_pool_divisors(x.shape[3], kernel_size[1], stride[1], padding[1], out_size[1], count_include_pad)
    scaled = (np.asarray(dout) / (div_h[:, None] * div_w[None, :])).astype(x.dtype, copy=False)
    top, bottom, left, right = pool_pad_amounts(x.shape, kernel_size, stride, padding, dilation, out_size)
    padded_shape = x.shape[:2] + (x.shape[2] + top + bottom, x.shape[3] + left + right)
    dxp = np.zeros(padded_shape, dtype=x.dtype)
    for i, j in np.ndindex(*kernel_size):
        dxp[_tap(i, j, stride, dilation, out_size)] += scaled  # every tap of a window gets dout / divisor
    return np.ascontiguousarray(dxp[:, :, padding[0]:padding[0] + x.shape[2], padding[1]:padding[1] + x.shape[3]])


# ---------------------------------------------------------------------------------------------
# fully connected
# ---------------------------------------------------------------------------------------------

def linear(x, weight, bias=None):
    """``x @ weight.T + bias``, as ``torch.nn.functional.linear``.

    Parameters
    ----------
    x : ndarray, shape (N, in_features)
    weight : ndarray, shape (out_features, in_features)
    bias : ndarray, shape (out_features,), optional
    """
    _check_array(x, "x", 2, "(N, in_features)")
    _check_array(weight, "weight", 2, "(out_features, in_features)")
    if x.shape[1] != weight.shape[1]:
        raise CnnvizError("nn.features", got=x.shape[1], expected=weight.shape[1])
    _check_bias(bias, weight.shape[0])
    out = x @ weight.T
    if bias is not None:
        out += bias
    return out


def linear_backward(dout, x, weight, bias=None):
    """Gradients of :func:`linear`: ``(dx, dweight, dbias)``."""
    return dout @ weight, dout.T @ x, (dout.sum(axis=0) if bias is not None else None)


# ---------------------------------------------------------------------------------------------
# batch normalisation and dropout
# ---------------------------------------------------------------------------------------------

@dataclass
class BatchNormCache:
    """What :func:`batch_norm_backward` needs: the normalised input, 1/sqrt(var + eps), the
    per-channel weight (or None) and whether batch statistics were used."""

    x_hat: np.ndarray
    inv_std: np.ndarray  # (C,)
    weight: np.ndarray | None
    training: bool


def _bn_axes(x) -> tuple[int, ...]:
    """Every axis but the channel axis 1: (N, C) -> (0,), (N, C, L) -> (0, 2), (N, C, H, W) -> (0, 2, 3)."""
    return (0,) + tuple(range(2, x.ndim))


def _bn_channel(values, x) -> np.ndarray:
    """A (C,) vector shaped to broadcast along axis 1 of ``x``: (1, C, 1, 1) for NCHW."""
    return np.asarray(values).reshape((1, -1) + (1,) * (x.ndim - 2))


def batch_norm_forward(x, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1,
                       eps=1e-5):
    """:func:`batch_norm` that also returns the cache for :func:`batch_norm_backward`."""
    if not isinstance(x, np.ndarray) or x.ndim not in (2, 3, 4):
        raise CnnvizError("nn.bn_input", got=getattr(x, "shape", type(x).__name__))
    if x.dtype not in (np.float32, np.float64):
        raise CnnvizError("nn.dtype", name="x", dtype=x.dtype)
    channels = x.shape[1]
    for name, value in (("running_mean", running_mean), ("running_var", running_var), ("weight", weight),
                        ("bias", bias)):
        if value is not None and np.shape(value) != (channels,):
            raise CnnvizError("nn.bn_channel_shape", name=name, channels=channels, got=np.shape(value))
    if not eps > 0:
        raise CnnvizError("nn.bn_eps", value=repr(eps))
    axes = _bn_axes(x)
    count = x.size // channels  # values per channel: N, N·L or N·H·W
    if training:
        if count < 2:
            raise CnnvizError("nn.bn_batch", shape=x.shape)
        mean = x.mean(axis=axes)
        var = x.var(axis=axes)  # biased: what normalises the batch
        if running_mean is not None and running_var is not None:
            running_mean *= 1 - momentum
            running_mean += momentum * mean
            running_var *= 1 - momentum
            running_var += momentum * var * count / (count - 1)  # unbiased, as PyTorch stores it
    else:
        if running_mean is None or running_var is None:
            raise CnnvizError("nn.bn_running")
        mean, var = running_mean, running_var
    inv_std = (1.0 / np.sqrt(np.asarray(var, np.float64) + eps)).astype(x.dtype)
    x_hat = (x - _bn_channel(mean, x).astype(x.dtype)) * _bn_channel(inv_std, x)
    out = x_hat
    if weight is not None:
        out = out * _bn_channel(weight, x)
    if bias is not None:
        out = out + _bn_channel(bias, x)
    return out.astype(x.dtype, copy=False), BatchNormCache(x_hat, inv_std, weight, bool(training))


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Batch normalisation, as ``torch.nn.functional.batch_norm``.

    ``y = (x - mean) / sqrt(var + eps) * weight + bias`` per channel (axis 1). In training mode
    ``mean`` and ``var`` are the batch's (over N and every spatial position; ``var`` biased), and
    the running statistics are updated in place: ``running = (1 - momentum) · running + momentum ·
    batch``, the variance with the unbiased estimate ``var · M / (M - 1)``, M values per channel
    (``momentum=None``: replaced by the batch's). In eval mode the running statistics are used.

    Parameters
    ----------
    x : ndarray, shape (N, C), (N, C, L) or (N, C, H, W)
    running_mean, running_var : ndarray, shape (C,), or None (training mode only)
    weight, bias : ndarray, shape (C,), optional
    """
    return batch_norm_forward(x, running_mean, running_var, weight, bias, training, momentum, eps)[0]


def batch_norm_backward(dout, cache: BatchNormCache):
    """Gradients of :func:`batch_norm`: ``(dx, dweight, dbias)`` (the last two None without weight).

    With batch statistics, mean and variance depend on every input of the channel:
    ``dx = inv_std / M · (M·g − Σg − x̂·Σ(g·x̂))`` with ``g = dout · weight`` and sums over the M
    values of the channel. With running statistics (eval), ``dx = g · inv_std``.
    """
    x_hat = cache.x_hat
    dout = np.asarray(dout, dtype=x_hat.dtype)
    if dout.shape != x_hat.shape:
        raise CnnvizError("nn.dout_shape", got=dout.shape, expected=x_hat.shape)
    axes = _bn_axes(x_hat)
    dweight = (dout * x_hat).sum(axis=axes) if cache.weight is not None else None
    dbias = dout.sum(axis=axes) if cache.weight is not None else None
    g = dout * _bn_channel(cache.weight, x_hat) if cache.weight is not None else dout
    inv_std = _bn_channel(cache.inv_std, x_hat)
    if cache.training:
        count = x_hat.size // x_hat.shape[1]
        dx = inv_std / count * (count * g - g.sum(axis=axes, keepdims=True)
                                - x_hat * (g * x_hat).sum(axis=axes, keepdims=True))
    else:
        dx = g * inv_std
    return dx.astype(x_hat.dtype, copy=False), dweight, dbias


def dropout_mask(shape, p, rng, dtype=np.float32) -> np.ndarray:
    """The inverted-dropout multiplier: 0 with probability ``p``, else ``1 / (1 - p)`` (all 0 for p = 1)."""
    if not 0 <= p <= 1:
        raise CnnvizError("nn.dropout_p", p=p)
    if p == 1:
        return np.zeros(shape, dtype)
    return ((rng.random(shape) >= p) / (1 - p)).astype(dtype)


def dropout(x, p=0.5, training=True, *, rng=None):
    """Dropout, as ``torch.nn.functional.dropout``: in training each element is zeroed with
    probability ``p`` and the survivors are scaled by ``1 / (1 - p)`` so the expected value is
    unchanged; otherwise the identity. The backward is ``dout * mask`` (see :func:`dropout_mask`)."""
    if not 0 <= p <= 1:
        raise CnnvizError("nn.dropout_p", p=p)
    if not training or p == 0:
        return x
    return x * dropout_mask(x.shape, p, rng if rng is not None else np.random.default_rng(), x.dtype)


# ---------------------------------------------------------------------------------------------
# activations (backwards take the forward input x)
# ---------------------------------------------------------------------------------------------

def relu(x):
    """max(0, x)."""
    return np.maximum(x, 0)


def relu_backward(dout, x):
    """dout where x > 0, else 0 (PyTorch's convention at exactly 0)."""
    return dout * (x > 0)


def leaky_relu(x, negative_slope=0.01):
    """x for x > 0, negative_slope * x otherwise."""
    return np.where(x > 0, x, x * negative_slope).astype(x.dtype, copy=False)


def leaky_relu_backward(dout, x, negative_slope=0.01):
    """dout where x > 0, negative_slope * dout otherwise."""
    return np.where(x > 0, dout, dout * negative_slope).astype(np.result_type(dout, x), copy=False)


def sigmoid(x):
    """1 / (1 + e^-x), computed without overflow for large |x|."""
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype if x.dtype.kind == "f" else np.float64, copy=False)


def sigmoid_backward(dout, x=None, *, y=None):
    """dout * f(x) (1 - f(x)): the sigmoid derivative is at most 1/4, and ~0 when |x| is large.

    Give the forward output ``y = f(x)`` instead of ``x`` to skip recomputing it (as the layer does).
    """
    s = sigmoid(x) if y is None else y
    return dout * s * (1 - s)


def tanh(x):
    """Hyperbolic tangent."""
    return np.tanh(x)


def tanh_backward(dout, x=None, *, y=None):
    """dout * (1 - tanh(x)^2); give the forward output ``y = tanh(x)`` to skip recomputing it."""
    t = np.tanh(x) if y is None else y
    return dout * (1 - t * t)


def softmax(x, dim=-1):
    """e^(x_i - max x) / sum_j e^(x_j - max x) along ``dim`` (subtracting the max avoids overflow)."""
    x = np.asarray(x, dtype=np.result_type(x, np.float32) if np.asarray(x).dtype.kind != "f" else None)
    shifted = x - x.max(axis=dim, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=dim, keepdims=True)


def softmax_backward(dout, x, dim=-1):
    """Jacobian-vector product of softmax: y * (dout - sum(dout * y))."""
    y = softmax(x, dim)
    return y * (dout - (dout * y).sum(axis=dim, keepdims=True))


def log_softmax(x, dim=-1):
    """x - max - log(sum(e^(x - max))) along ``dim``."""
    x = np.asarray(x, dtype=np.result_type(x, np.float32) if np.asarray(x).dtype.kind != "f" else None)
    shifted = x - x.max(axis=dim, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))


def log_softmax_backward(dout, x, dim=-1):
    """dout - softmax(x) * sum(dout)."""
    return dout - softmax(x, dim) * dout.sum(axis=dim, keepdims=True)


# ---------------------------------------------------------------------------------------------
# losses: value and gradient
# ---------------------------------------------------------------------------------------------

def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy and its gradient, as ``torch.nn.functional.cross_entropy``.

    ``loss_n = -log softmax(logits_n)[target_n]`` computed through ``log_softmax`` (stable for
    any logits); ``d loss / d logits = (softmax(logits) - onehot(target)) / N`` for the mean.

    Parameters
    ----------
    logits : ndarray, shape (N, C)
    target : ndarray of int, shape (N,), values in [0, C)
    reduction : "mean", "sum" or "none"

    Returns
    -------
    loss : float (or ndarray of shape (N,) for "none")
    dlogits : ndarray, shape (N, C), the gradient of the reduced loss (of the sum for "none")
    """
    _check_array(logits, "logits", 2, "(N, C)")
    target = np.asarray(target)
    if target.shape != (logits.shape[0],) or target.dtype.kind not in "iu":
        raise CnnvizError("nn.target_type", n=logits.shape[0], dtype=target.dtype, shape=target.shape)
    if target.size and (target.min() < 0 or target.max() >= logits.shape[1]):
        raise CnnvizError("nn.target_range", classes=logits.shape[1], low=target.min(), high=target.max())
    logp = log_softmax(logits, dim=1)
    rows = np.arange(logits.shape[0])
    losses = -logp[rows, target]
    grad = np.exp(logp)
    grad[rows, target] -= 1
    if reduction == "mean":
        return float(losses.mean()), grad / logits.shape[0]
    if reduction == "sum":
        return float(losses.sum()), grad
    if reduction == "none":
        return losses, grad
    raise CnnvizError("nn.reduction", allowed="'mean', 'sum', 'none'", value=repr(reduction))


def mse_loss(pred, target, reduction="mean"):
    """Squared error ``mean((pred - target)^2)`` and its gradient ``2 (pred - target) / size``."""
    pred = np.asarray(pred)
    diff = pred - np.asarray(target, dtype=pred.dtype)
    if reduction == "mean":
        return float((diff * diff).mean()), 2 * diff / diff.size
    if reduction == "sum":
        return float((diff * diff).sum()), 2 * diff
    raise CnnvizError("nn.reduction", allowed="'mean', 'sum'", value=repr(reduction))


# ---------------------------------------------------------------------------------------------
# GELU and maxout
# ---------------------------------------------------------------------------------------------

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_erf = np.frompyfunc(math.erf, 1, 1)  # exact to double precision


def _check_approximate(approximate: str) -> None:
    if approximate not in ("none", "tanh"):
        raise CnnvizError("nn.approximate", value=repr(approximate))


def _std_normal_cdf(x: np.ndarray) -> np.ndarray:
    """Φ(x) = (1 + erf(x / √2)) / 2, element-wise (math.erf, exact to double precision)."""
    return 0.5 * (1.0 + _erf(x * _INV_SQRT_2).astype(np.float64))


def gelu(x, approximate: str = "none"):
    """Gaussian error linear unit, as ``torch.nn.functional.gelu``.

    ``gelu(x) = x Φ(x)`` with Φ the standard normal CDF (``approximate="none"``), or
    ``0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`` (``approximate="tanh"``).

    Parameters
    ----------
    x : array_like, any shape
    approximate : {"none", "tanh"}

    Returns
    -------
    ndarray, same shape as ``x`` (dtype kept for floats, float64 for ints)
    """
    _check_approximate(approximate)
    x = float_array(x, "x")
    xd = x.astype(np.float64)
    if approximate == "tanh":
        out = 0.5 * xd * (1.0 + np.tanh(_SQRT_2_OVER_PI * (xd + 0.044715 * xd**3)))
    else:
        out = xd * _std_normal_cdf(xd)
    return out.astype(x.dtype, copy=False)


def gelu_backward(dout, x, approximate: str = "none"):
    """Gradient of :func:`gelu` w.r.t. ``x``: ``dout * (Φ(x) + x φ(x))`` (φ the normal density).

    With ``approximate="tanh"``: ``dout * (0.5 (1 + t) + 0.5 x (1 - t²) √(2/π) (1 + 3·0.044715 x²))``
    where ``t = tanh(√(2/π) (x + 0.044715 x³))``.

    Parameters
    ----------
    dout : array_like, shape of ``x``
    x : array_like, the forward input
    approximate : {"none", "tanh"}

    Returns
    -------
    ndarray, shape of ``x``
    """
    _check_approximate(approximate)
    x = float_array(x, "x")
    xd = x.astype(np.float64)
    if approximate == "tanh":
        inner = _SQRT_2_OVER_PI * (xd + 0.044715 * xd**3)
        th = np.tanh(inner)
        local = 0.5 * (1.0 + th) + 0.5 * xd * (1.0 - th * th) * _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * xd**2)
    else:
        local = _std_normal_cdf(xd) + xd * _INV_SQRT_2PI * np.exp(-0.5 * xd * xd)
    dtype = np.result_type(np.asarray(dout), x)
    return (np.asarray(dout) * local).astype(dtype, copy=False)


def _maxout_args(x, weight, bias):
    x = float_array(x, "x")
    weight = float_array(weight, "weight")
    bias = float_array(bias, "bias")
    if x.ndim != 2:
        raise CnnvizError("nn.maxout_shape", name="x", what="(N, in_features)", shape=x.shape)
    if weight.ndim != 3:
        raise CnnvizError("nn.maxout_shape", name="weight", what="(units, pieces, in_features)", shape=weight.shape)
    units, pieces, features = weight.shape
    if pieces < 1 or units < 1:
        raise CnnvizError("nn.maxout_shape", name="weight", what="(units ≥ 1, pieces ≥ 1, in_features)",
                          shape=weight.shape)
    if features != x.shape[1]:
        raise CnnvizError("nn.features", got=x.shape[1], expected=features)
    if bias.shape != (units, pieces):
        raise CnnvizError("nn.maxout_shape", name="bias", what=f"(units, pieces) = {(units, pieces)}", shape=bias.shape)
    return x, weight, bias


def maxout_pieces(x, weight, bias):
    """Every linear piece ``z_ij = x · W_ij + b_ij`` of a maxout layer (via ``functional.linear``).

    Parameters
    ----------
    x : array_like, shape (N, in_features)
    weight : array_like, shape (units, pieces, in_features)
    bias : array_like, shape (units, pieces)

    Returns
    -------
    ndarray, shape (N, units, pieces)
    """
    x, weight, bias = _maxout_args(x, weight, bias)
    units, pieces, features = weight.shape
    flat = linear(x, weight.reshape(units * pieces, features), bias.reshape(units * pieces))  # (N, U*K)
    return flat.reshape(x.shape[0], units, pieces)  # (N, U, K)


def maxout(x, weight, bias):
    """Maxout: ``h_i(x) = max_j z_ij`` with ``z_ij = x · W_ij + b_ij`` (k linear pieces per unit).

    A maxout unit is a convex, piecewise-linear function; with pieces ``0`` and ``x`` it is ReLU,
    with ``x`` and ``-x`` it is ``|x|``, and with enough pieces it approximates any convex function.

    Parameters
    ----------
    x, weight, bias : as for :func:`maxout_pieces`

    Returns
    -------
    out : ndarray, shape (N, units)
    winner : ndarray of int, shape (N, units)
        Index of the piece that is the maximum (the first one on a tie).
    """
    z = maxout_pieces(x, weight, bias)
    winner = z.argmax(axis=2)  # (N, U)
    return np.take_along_axis(z, winner[..., None], axis=2)[..., 0], winner


def maxout_backward(dout, x, weight, bias):
    """Gradients of :func:`maxout`: only the winning piece of each unit receives ``dout``.

    Parameters
    ----------
    dout : array_like, shape (N, units)
    x, weight, bias : as for :func:`maxout`

    Returns
    -------
    dx : ndarray, shape (N, in_features)
    dweight : ndarray, shape (units, pieces, in_features)
    dbias : ndarray, shape (units, pieces)
    """
    x, weight, bias = _maxout_args(x, weight, bias)
    _, winner = maxout(x, weight, bias)
    dout = float_array(dout, "dout")
    if dout.shape != winner.shape:
        raise CnnvizError("nn.dout_shape", got=dout.shape, expected=winner.shape)
    units, pieces, features = weight.shape
    dz = np.zeros(winner.shape + (pieces,), dtype=np.result_type(dout, x))  # (N, U, K)
    np.put_along_axis(dz, winner[..., None], dout[..., None], axis=2)
    dx, dw, db = linear_backward(dz.reshape(x.shape[0], units * pieces), x,
                                   weight.reshape(units * pieces, features), bias.reshape(-1))
    return dx, dw.reshape(units, pieces, features), db.reshape(units, pieces)

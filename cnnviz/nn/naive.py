"""Loop-based reference implementations, forward and backward, written to be read.

Every function here computes the same result as its fast twin in :mod:`cnnviz.nn.functional`, one
multiply-add at a time, the way the operation is defined on the blackboard. They are the tests'
oracle and the app's "show me the loops" view, so clarity wins over speed: plain ``for`` loops,
explicit bounds checks instead of padded copies, no NumPy tricks. Each formula is written once,
in the docstring of its forward function; output sizes come from :mod:`cnnviz.nn.shapes`.

How the fast ops relate: :func:`cnnviz.nn.functional.conv2d` gathers every window at once
(``im2col``) and does the multiply-adds of :func:`conv2d` as one matrix product; its backward
scatters the same windows back (``col2im``); the pooling ops loop over the ``KH·KW`` kernel taps
instead of over the output cells; :func:`cnnviz.nn.functional.conv_transpose2d` does the scatter of
:func:`conv_transpose2d` as one matrix product followed by ``col2im``; batch norm takes each
channel's sums with ``mean``/``var`` over whole axes; the element-wise ops are the same
expressions on whole arrays.

All inputs are NCHW arrays; ``stride``, ``padding`` and ``dilation`` are ``(h, w)`` pairs of ints
(use :func:`cnnviz.nn.functional` for argument parsing and validation). Results are float64.
"""

from __future__ import annotations

import math

import numpy as np

from cnnviz.nn import shapes


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    """Cross-correlation as in ``torch.nn.functional.conv2d``.

    ``out[n, co, oh, ow] = b[co] + Σ_{ci, kh, kw} x[n, g·Cg + ci, oh·S + kh·D - P, ow·S + kw·D - P]
    · w[co, ci, kh, kw]`` with ``g = co // (C_out / groups)``, ``Cg = C_in / groups`` and padding
    reading as 0; ``OH = ⌊(H + P_top + P_bottom - D(KH-1) - 1) / S⌋ + 1`` (likewise OW).

    Parameters
    ----------
    x : ndarray, shape (N, C_in, H, W)
    weight : ndarray, shape (C_out, C_in // groups, KH, KW)
    bias : ndarray, shape (C_out,), or None
    stride, dilation : (int, int)
    padding : (top, bottom, left, right) zeros around the input
    groups : int

    Returns
    -------
    out : ndarray, shape (N, C_out, OH, OW)
    """
    n_batch, _, height, width = x.shape
    c_out, _, kh_size, kw_size = weight.shape
    top, bottom, left, right = padding
    out_h = shapes.conv_output_size(height + top + bottom, kh_size, stride[0], 0, dilation[0])
    out_w = shapes.conv_output_size(width + left + right, kw_size, stride[1], 0, dilation[1])
    out = np.zeros((n_batch, c_out, out_h, out_w))
    for o in np.ndindex(out.shape):
        out[o] = 0.0 if bias is None else float(bias[o[1]])
    for o, i, k in conv2d_meetings(x.shape, weight.shape, (out_h, out_w), stride, padding, dilation, groups):
        out[o] += x[i] * weight[k]
    return out


def conv2d_meetings(x_shape, weight_shape, out_size, stride, padding, dilation, groups):
    """Every multiply-add of :func:`conv2d`: the index triples ``(o, i, k)`` of an output cell
    ``(n, co, oh, ow)``, the input pixel ``(n, c, row, col)`` and the weight ``(co, ci, kh, kw)`` that
    meet there, in the order of the formula. Taps on the padding are left out (they add 0).
    The forward pass sums ``x[i]·w[k]`` into ``out[o]``; the backward pass sends ``dout[o]`` back
    along the same meetings."""
    n_batch, _, height, width = x_shape
    c_out, c_in_group, kh_size, kw_size = weight_shape
    top, _, left, _ = padding
    c_out_group = c_out // groups
    for n in range(n_batch):
        for co in range(c_out):
            group = co // c_out_group
            for oh in range(out_size[0]):
                for ow in range(out_size[1]):
                    for ci in range(c_in_group):
                        channel = group * c_in_group + ci
                        for kh in range(kh_size):
                            for kw in range(kw_size):
                                row = oh * stride[0] + kh * dilation[0] - top
                                col = ow * stride[1] + kw * dilation[1] - left
                                if 0 <= row < height and 0 <= col < width:  # else: a padding zero
                                    yield (n, co, oh, ow), (n, channel, row, col), (co, ci, kh, kw)

def conv_transpose2d(x, weight, bias, stride, padding, output_padding, groups, dilation):
    """Transposed convolution as in ``torch.nn.functional.conv_transpose2d``.

    Every input pixel scatters ``x * kernel`` into the output, at ``stride`` spacing; then
    ``padding`` rows and columns are cut from each border.

    Parameters
    ----------
    x : ndarray, shape (N, C_in, H, W)
    weight : ndarray, shape (C_in, C_out // groups, KH, KW)
    bias : ndarray, shape (C_out,), or None
    stride, padding, output_padding, dilation : (int, int)
    groups : int

    Returns
    -------
    out : ndarray, shape (N, C_out, OH, OW), OH = (H-1)*S - 2P + D(K-1) + output_padding + 1
    """
    n_batch, c_in, height, width = x.shape
    c_out = weight.shape[1] * groups
    out_size = shapes.conv_transpose_output_size((height, width), weight.shape[2:], stride, padding,
                                                 output_padding, dilation)
    out = np.zeros((n_batch, c_out) + tuple(out_size))
    for i, o, k in conv_transpose2d_meetings(x.shape, weight.shape, out_size, stride, padding, groups, dilation):
        out[o] += x[i] * weight[k]
    if bias is not None:
        for co in range(c_out):
            out[:, co] += bias[co]
    return out


def conv_transpose2d_meetings(x_shape, weight_shape, out_size, stride, padding, groups, dilation):
    """Every scatter of :func:`conv_transpose2d`: the index triples ``(i, o, k)`` of an input pixel
    ``(n, ci, h, w)``, the output cell ``(n, co, row, col)`` it adds into and the weight
    ``(ci, co_local, kh, kw)`` it is multiplied by. Cells cut off by ``padding`` are left out."""
    n_batch, c_in, height, width = x_shape
    _, c_out_group, kh_size, kw_size = weight_shape
    c_in_group = c_in // groups
    for n in range(n_batch):
        for ci in range(c_in):
            group = ci // c_in_group
            for h in range(height):
                for w in range(width):
                    for co_local in range(c_out_group):
                        co = group * c_out_group + co_local
                        for kh in range(kh_size):
                            for kw in range(kw_size):
                                row = h * stride[0] - padding[0] + kh * dilation[0]
                                col = w * stride[1] - padding[1] + kw * dilation[1]
                                if 0 <= row < out_size[0] and 0 <= col < out_size[1]:
                                    yield (n, ci, h, w), (n, co, row, col), (ci, co_local, kh, kw)

def max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode):
    """Max pooling as in ``torch.nn.functional.max_pool2d``; also returns the arg-max positions.

    ``out[n, c, oh, ow] = max_{kh, kw} x[n, c, oh·S + kh·D - P, ow·S + kw·D - P]``, with
    ``OH = ⌊(H + 2P - D(K-1) - 1) / S⌋ + 1`` (⌈ ⌉ with ``ceil_mode``, a last window starting in the
    right padding dropped). Padding never wins: positions outside the input are skipped (as if they held -inf).
    Ties go to the first maximum in row-major order, as in PyTorch.

    Returns
    -------
    out : ndarray, shape (N, C, OH, OW)
    argmax : ndarray of int, shape (N, C, OH, OW, 2), the (row, col) of each maximum in ``x``
    """
    n_batch, channels, height, width = x.shape
    out_h = shapes.pool_output_size(height, kernel_size[0], stride[0], padding[0], dilation[0], ceil_mode)
    out_w = shapes.pool_output_size(width, kernel_size[1], stride[1], padding[1], dilation[1], ceil_mode)
    out = np.zeros((n_batch, channels, out_h, out_w))
    argmax = np.zeros((n_batch, channels, out_h, out_w, 2), dtype=np.int64)
    for n in range(n_batch):
        for c in range(channels):
            for oh in range(out_h):
                for ow in range(out_w):
                    best, best_pos = -math.inf, (-1, -1)
                    for kh in range(kernel_size[0]):
                        for kw in range(kernel_size[1]):
                            row = oh * stride[0] - padding[0] + kh * dilation[0]
                            col = ow * stride[1] - padding[1] + kw * dilation[1]
                            if 0 <= row < height and 0 <= col < width:
                                value = x[n, c, row, col]
                                if value > best or math.isnan(value):  # PyTorch: NaN always wins
                                    best, best_pos = value, (row, col)
                    out[n, c, oh, ow] = best
                    argmax[n, c, oh, ow] = best_pos
    return out, argmax


def avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad):
    """Average pooling as in ``torch.nn.functional.avg_pool2d``.

    ``out[n, c, oh, ow] = Σ (window of x) / divisor``, windows and sizes as in :func:`max_pool2d`
    (no dilation). The divisor is the window's area clipped to the padded input (``count_include_pad=True``) or
    to the input itself (``False``). Returns ``(out, divisors)`` with divisors of shape (OH, OW).
    """
    n_batch, channels, height, width = x.shape
    out_h = shapes.pool_output_size(height, kernel_size[0], stride[0], padding[0], 1, ceil_mode)
    out_w = shapes.pool_output_size(width, kernel_size[1], stride[1], padding[1], 1, ceil_mode)
    out = np.zeros((n_batch, channels, out_h, out_w))
    divisors = np.zeros((out_h, out_w))
    for oh in range(out_h):
        for ow in range(out_w):
            row0 = oh * stride[0] - padding[0]
            col0 = ow * stride[1] - padding[1]
            row1 = min(row0 + kernel_size[0], height + padding[0])
            col1 = min(col0 + kernel_size[1], width + padding[1])
            padded_area = (row1 - row0) * (col1 - col0)
            row0, col0 = max(row0, 0), max(col0, 0)
            row1, col1 = min(row1, height), min(col1, width)
            divisor = padded_area if count_include_pad else (row1 - row0) * (col1 - col0)
            divisors[oh, ow] = divisor
            for n in range(n_batch):
                for c in range(channels):
                    total = 0.0
                    for row in range(row0, row1):
                        for col in range(col0, col1):
                            total += x[n, c, row, col]
                    out[n, c, oh, ow] = total / divisor
    return out, divisors


def relu(x):
    """max(0, x), element by element."""
    out = np.zeros(x.shape)
    for index, value in np.ndenumerate(x):
        out[index] = value if value > 0 else 0.0
    return out


def sigmoid(x):
    """1 / (1 + e^(-x)), element by element."""
    out = np.zeros(x.shape)
    for index, value in np.ndenumerate(x):
        out[index] = 1.0 / (1.0 + math.exp(-value)) if value >= 0 else math.exp(value) / (1.0 + math.exp(value))
    return out


def softmax(logits):
    """Softmax of a 1-D vector: e^(z_i - max z) / sum_j e^(z_j - max z)."""
    largest = max(logits)
    exps = [math.exp(z - largest) for z in logits]
    total = sum(exps)
    return np.array([e / total for e in exps])


def cross_entropy(logits, target):
    """Mean over the batch of -log softmax(logits)[target], logits of shape (N, C)."""
    total = 0.0
    for row, label in zip(logits, target):
        total -= math.log(softmax(row)[label])
    return total / len(target)


def batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps):
    """Batch normalisation of an (N, C, ...) array, channel by channel, value by value.

    Returns ``(out, new_running_mean, new_running_var)``; the running statistics are not modified
    in place here. Training: mean and (biased) variance of the channel's N·H·W values normalise it,
    and the running variance moves towards the unbiased variance (sum of squares / (M − 1)).
    Eval: the running statistics normalise it and stay as they are.
    """
    x = np.asarray(x, np.float64)
    channels = x.shape[1]
    out = np.zeros(x.shape)
    new_mean = np.array(running_mean, np.float64)
    new_var = np.array(running_var, np.float64)
    for c in range(channels):
        values = [value for index, value in np.ndenumerate(x) if index[1] == c]
        count = len(values)
        if training:
            mean = sum(values) / count
            squares = sum((v - mean) ** 2 for v in values)
            var = squares / count
            new_mean[c] = (1 - momentum) * new_mean[c] + momentum * mean
            new_var[c] = (1 - momentum) * new_var[c] + momentum * squares / (count - 1)
        else:
            mean, var = float(running_mean[c]), float(running_var[c])
        scale = 1.0 if weight is None else float(weight[c])
        shift = 0.0 if bias is None else float(bias[c])
        for index, value in np.ndenumerate(x):
            if index[1] == c:
                out[index] = (value - mean) / math.sqrt(var + eps) * scale + shift
    return out, new_mean, new_var


def dropout(x, keep, p):
    """Inverted dropout with a given keep pattern: kept values are divided by (1 − p), the rest are 0."""
    out = np.zeros(np.shape(x))
    for index, value in np.ndenumerate(np.asarray(x, np.float64)):
        out[index] = value / (1 - p) if keep[index] else 0.0
    return out


# ---------------------------------------------------------------------------------------------
# backward passes: the chain rule, one term at a time
# ---------------------------------------------------------------------------------------------

def conv2d_backward(dout, x, weight, stride, padding, dilation, groups):
    """Gradients of :func:`conv2d`: every multiply-add ``x·w`` of the forward pass sends ``dout·w``
    back to the input pixel and ``dout·x`` back to the weight; the bias gets ``dout``.

    Parameters
    ----------
    dout : ndarray, shape (N, C_out, OH, OW)
    x, weight, stride, padding, dilation, groups : as for :func:`conv2d`

    Returns
    -------
    dx : ndarray, shape (N, C_in, H, W)
    dweight : ndarray, shape (C_out, C_in // groups, KH, KW)
    dbias : ndarray, shape (C_out,)
    """
    dx, dweight, dbias = np.zeros(x.shape), np.zeros(weight.shape), np.zeros(weight.shape[0])
    for o in np.ndindex(dout.shape):
        dbias[o[1]] += dout[o]
    for o, i, k in conv2d_meetings(x.shape, weight.shape, dout.shape[2:], stride, padding, dilation, groups):
        dx[i] += dout[o] * weight[k]
        dweight[k] += dout[o] * x[i]
    return dx, dweight, dbias

def conv_transpose2d_backward(dout, x, weight, stride, padding, groups, dilation):
    """Gradients of :func:`conv_transpose2d`, ``(dx, dweight, dbias)`` shaped like ``x``, ``weight``
    and ``(C_out,)``, from ``dout`` of shape (N, C_out, OH, OW) (the other arguments as for
    :func:`conv_transpose2d`): every scatter ``out[o] += x[i]·w[k]`` of the forward pass sends
    ``dout[o]·w[k]`` back to the input pixel and ``dout[o]·x[i]`` back to the weight; the bias gets
    ``dout``. The same bookkeeping as :func:`conv2d_backward`, with input and output swapped.
    """
    dx, dweight, dbias = np.zeros(x.shape), np.zeros(weight.shape), np.zeros(dout.shape[1])
    for o in np.ndindex(dout.shape):
        dbias[o[1]] += dout[o]
    for i, o, k in conv_transpose2d_meetings(x.shape, weight.shape, dout.shape[2:], stride, padding, groups,
                                             dilation):
        dx[i] += dout[o] * weight[k]
        dweight[k] += dout[o] * x[i]
    return dx, dweight, dbias

def max_pool2d_backward(dout, x, kernel_size, stride, padding, dilation, ceil_mode):
    """Gradient of :func:`max_pool2d` w.r.t. ``x``: each window's ``dout`` goes to its maximum,
    the other cells of the window get nothing.

    Returns
    -------
    dx : ndarray, shape (N, C, H, W)
    """
    _, argmax = max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode)
    dx = np.zeros(x.shape)
    for (n, c, oh, ow), grad in np.ndenumerate(dout):
        row, col = argmax[n, c, oh, ow]
        dx[n, c, row, col] += grad
    return dx


def avg_pool2d_backward(dout, x, kernel_size, stride, padding, ceil_mode, count_include_pad):
    """Gradient of :func:`avg_pool2d` w.r.t. ``x``: each window's ``dout / divisor`` goes to every
    input cell of the window.

    Returns
    -------
    dx : ndarray, shape (N, C, H, W)
    """
    _, divisors = avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad)
    height, width = x.shape[2:]
    dx = np.zeros(x.shape)
    for (n, c, oh, ow), grad in np.ndenumerate(dout):
        for row in range(max(oh * stride[0] - padding[0], 0), min(oh * stride[0] - padding[0] + kernel_size[0], height)):
            for col in range(max(ow * stride[1] - padding[1], 0), min(ow * stride[1] - padding[1] + kernel_size[1], width)):
                dx[n, c, row, col] += grad / divisors[oh, ow]
    return dx


def linear(x, weight, bias):
    """A fully connected layer: ``out[n, o] = b[o] + Σ_i x[n, i]·w[o, i]``.

    Parameters
    ----------
    x : ndarray, shape (N, in_features)
    weight : ndarray, shape (out_features, in_features)
    bias : ndarray, shape (out_features,), or None

    Returns
    -------
    out : ndarray, shape (N, out_features)
    """
    out = np.zeros((x.shape[0], weight.shape[0]))
    for n in range(x.shape[0]):
        for o in range(weight.shape[0]):
            total = 0.0 if bias is None else float(bias[o])
            for i in range(x.shape[1]):
                total += x[n, i] * weight[o, i]
            out[n, o] = total
    return out


def linear_backward(dout, x, weight):
    """Gradients of :func:`linear`: ``dx[n, i] = Σ_o dout[n, o]·w[o, i]``,
    ``dw[o, i] = Σ_n dout[n, o]·x[n, i]``, ``db[o] = Σ_n dout[n, o]``.

    Returns
    -------
    dx : ndarray, shape (N, in_features)
    dweight : ndarray, shape (out_features, in_features)
    dbias : ndarray, shape (out_features,)
    """
    dx, dweight, dbias = np.zeros(x.shape), np.zeros(weight.shape), np.zeros(weight.shape[0])
    for n in range(x.shape[0]):
        for o in range(weight.shape[0]):
            dbias[o] += dout[n, o]
            for i in range(x.shape[1]):
                dx[n, i] += dout[n, o] * weight[o, i]
                dweight[o, i] += dout[n, o] * x[n, i]
    return dx, dweight, dbias


def batch_norm_backward(dout, x, running_mean, running_var, weight, training, eps):
    """Gradients of :func:`batch_norm`, the chain rule one term at a time.

    With ``g = dout · weight`` (``dout`` without weight), ``x̂ = (x − mean) · inv_std`` and
    ``inv_std = 1 / √(var + eps)``: in eval mode mean and var are constants, so ``dx = g · inv_std``.
    In training mode they are the channel's own statistics over its M values, so every input also
    moves them: ``∂E/∂var = Σ g·(x − mean)·(−½)·inv_std³`` and ``∂E/∂mean = −Σ g·inv_std`` (the term
    through var vanishes, as Σ(x − mean) = 0), and each input gets
    ``dx = g·inv_std + ∂E/∂var · 2(x − mean)/M + ∂E/∂mean / M``.
    ``dweight = Σ dout·x̂`` and ``dbias = Σ dout`` per channel.

    Parameters
    ----------
    dout, x : ndarray, shape (N, C), (N, C, L) or (N, C, H, W)
    running_mean, running_var : ndarray, shape (C,)
        The statistics of eval mode (unused in training mode).
    weight : ndarray, shape (C,), or None
    training : bool
        Batch statistics (True) or the running ones (False), as in the forward pass.
    eps : float

    Returns
    -------
    dx : ndarray, shape of x
    dweight, dbias : ndarray, shape (C,)
    """
    x = np.asarray(x, np.float64)
    dx = np.zeros(x.shape)
    dweight, dbias = np.zeros(x.shape[1]), np.zeros(x.shape[1])
    for c in range(x.shape[1]):
        cells = [index for index in np.ndindex(x.shape) if index[1] == c]
        count = len(cells)
        scale = 1.0 if weight is None else float(weight[c])
        if training:
            mean = sum(x[i] for i in cells) / count
            var = sum((x[i] - mean) ** 2 for i in cells) / count
        else:
            mean, var = float(running_mean[c]), float(running_var[c])
        inv_std = 1.0 / math.sqrt(var + eps)
        d_var = sum(dout[i] * scale * (x[i] - mean) * -0.5 * inv_std ** 3 for i in cells)
        d_mean = sum(-dout[i] * scale * inv_std for i in cells)
        for i in cells:
            dx[i] = dout[i] * scale * inv_std
            if training:
                dx[i] += d_var * 2 * (x[i] - mean) / count + d_mean / count
            dweight[c] += dout[i] * (x[i] - mean) * inv_std
            dbias[c] += dout[i]
    return dx, dweight, dbias


def relu_backward(dout, x):
    """Gradient of :func:`relu`: ``dout`` where ``x > 0``, 0 elsewhere (also at 0, as in PyTorch)."""
    dx = np.zeros(x.shape)
    for index, value in np.ndenumerate(x):
        dx[index] = dout[index] if value > 0 else 0.0
    return dx


def sigmoid_backward(dout, x):
    """Gradient of :func:`sigmoid`: ``dout · σ(x)(1 - σ(x))``."""
    s = sigmoid(x)
    dx = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        dx[index] = dout[index] * s[index] * (1.0 - s[index])
    return dx


def cross_entropy_backward(logits, target):
    """Gradient of :func:`cross_entropy` w.r.t. the logits: ``(softmax(z) - onehot(target)) / N``.

    Returns
    -------
    dlogits : ndarray, shape (N, C)
    """
    dlogits = np.zeros(np.shape(logits))
    for n, (row, label) in enumerate(zip(logits, target)):
        probabilities = softmax(row)
        for c in range(len(row)):
            dlogits[n, c] = (probabilities[c] - (1.0 if c == label else 0.0)) / len(target)
    return dlogits

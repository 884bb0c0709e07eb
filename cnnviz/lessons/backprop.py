"""Backpropagation, worked through with every intermediate number recorded.

This module orchestrates :mod:`cnnviz.nn.functional` and :mod:`cnnviz.nn.layers` and records what they
compute; it implements no operation itself. Five walkthroughs, one per section of the page:

1. :func:`fc_step` — the course's fully connected 9-5-3 network (9 inputs, 5 hidden sigmoid
   neurons, 3 outputs): the forward pass neuron by neuron, the δ terms of the backward pass, the
   weight gradients and one gradient-descent update, for the squared-error or cross-entropy loss.
2. :func:`conv_backward_walkthrough` — a convolution's weight gradient as the valid
   cross-correlation of the input with δ, and its input gradient as the full convolution of δ with
   the 180°-rotated kernel, both computed with ``F.conv2d`` and checked against ``F.conv2d_backward``.
3. :func:`pool_backward_walkthrough` — max pooling routes each upstream gradient to its window's
   arg-max, average pooling spreads it evenly.
4. :func:`gradient_check` / :func:`gradient_check_sweep` — nudge one weight by ε and compare the
   change of the loss with the analytic gradient.
5. :func:`cnn_training_step` — one SGD step of a tiny conv-ReLU-pool-dense network, every tensor
   listed in order, forward then backward, then the update.

Notation follows the course: ``u = W x + b`` is a neuron's weighted input, ``f(u)`` its output,
``δ = ∂E/∂u`` its error term ("sensitivity"), and for the sigmoid ``f'(u) = f(u)(1 − f(u))``.
Weights use PyTorch's layout ``(out_features, in_features)``: the course's ``W1(j, i)`` (input j to
hidden neuron i, 1-based) is ``w1[i - 1, j - 1]`` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from cnnviz.lessons import trace
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn import optim
from cnnviz.nn.validation import real_array

__all__ = [
    "LOSSES", "PARAMETERS", "COURSE_NEURON", "COURSE_INPUT", "COURSE_W1_ROW", "COURSE_B1", "COURSE_A1",
    "FCNetwork", "FCForward", "FCBackward", "FCUpdate", "FCStep",
    "course_network", "fc_forward", "fc_backward", "fc_update", "fc_step", "fc_loss",
    "sigmoid_curve", "sigmoid_and_derivative",
    "ConvBackward", "conv_backward_walkthrough", "course_conv_example", "random_conv_example",
    "PoolRoute", "PoolBackward", "pool_backward_walkthrough", "random_pool_example",
    "GradientCheck", "GradientSweep", "gradient_check", "gradient_check_sweep", "relative_error",
    "rate_relative_error", "EPSILONS",
    "TINY_CNN_PATTERNS", "TensorRecord", "CNNStep", "tiny_cnn", "tiny_cnn_input", "cnn_training_step",
]

LOSSES = ("mse", "cross_entropy")
"""``"mse"``: sigmoid outputs, ``E = ½ Σ_k (t_k − y_k)²`` (the course's error); ``"cross_entropy"``:
softmax outputs, ``E = −log y_target``."""

PARAMETERS = ("w1", "b1", "w2", "b2")

# --- the course's exercise (slides "Answer (exercise: write values for A1(i=4) ...)") ----------
COURSE_NEURON = 3
"""0-based index of the hidden neuron of the exercise (the slides' i = 4)."""
COURSE_INPUT = np.array([0.7656, 0.7344, 0.9609, 0.9961, 0.9141, 0.9063, 0.0977, 0.0938, 0.0859])
COURSE_W1_ROW = np.array([0.2112, 0.1540, -0.0687, -0.0289, 0.0720, -0.1666, 0.2938, -0.0169, -0.1127])
COURSE_B1 = -0.1441
COURSE_A1 = 0.49
"""The slides' answer: ``A1(i=4) = 1 / (1 + exp(−(W1·P + b1))) = 0.49``."""

# The slides give only neuron i=4's weights; the other weights are fixed illustrative values
# (drawn once, uniform, rounded to 4 decimals like the slides' numbers).
_OTHER_W1 = np.array([
    [0.1055, -0.1714, -0.1143, 0.1797, 0.2975, -0.2147, -0.2528, -0.1915, -0.0842],
    [-0.1982, 0.0533, 0.0701, -0.2368, 0.0394, -0.2972, -0.0209, 0.2854, 0.1797],
    [0.0581, -0.1048, -0.1762, -0.0344, -0.1332, 0.2250, -0.1721, -0.1355, 0.1843],
    [-0.0192, 0.2790, 0.2389, -0.2526, -0.1529, -0.1891, 0.2433, 0.0323, -0.0770],
])
_OTHER_B1 = np.array([0.1336, -0.0605, 0.0727, -0.1905])
_W2 = np.array([
    [0.3922, -0.3263, -0.3160, -0.4483, -0.4973],
    [0.1402, -0.3323, -0.1488, -0.5961, 0.0103],
    [0.1708, -0.1594, -0.1931, 0.8879, -0.9036],
])
_B2 = np.array([-0.0696, 0.0076, 0.0394])


def _check_choice(value, name, choices):
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
    return value


def _check_finite_positive(value, name):
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a positive number, got {value!r}") from error
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}: pick a positive {name}")
    return number


def _as_2d(array, name) -> np.ndarray:
    return real_array(array, name, 2, axes="(rows, cols)")


# =============================================================================================
# 1. the fully connected 9-5-3 network
# =============================================================================================

@dataclass(frozen=True)
class FCNetwork:
    """A 2-layer sigmoid network ``x → u1 = W1 x + b1 → a1 = f(u1) → u2 = W2 a1 + b2 → y``.

    Attributes
    ----------
    x : ndarray, shape (n_in,)
        The input P.
    w1 : ndarray, shape (n_hidden, n_in)
    b1 : ndarray, shape (n_hidden,)
    w2 : ndarray, shape (n_out, n_hidden)
    b2 : ndarray, shape (n_out,)
    target : int
        The true class; the target vector ``t`` is its one-hot code.
    """

    x: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    target: int

    @property
    def sizes(self) -> tuple[int, int, int]:
        """``(n_in, n_hidden, n_out)``; ``(9, 5, 3)`` for the course's network."""
        return self.w1.shape[1], self.w1.shape[0], self.w2.shape[0]

    @property
    def target_vector(self) -> np.ndarray:
        """One-hot target ``t``, shape (n_out,)."""
        t = np.zeros(self.w2.shape[0], dtype=self.w2.dtype)
        t[self.target] = 1
        return t

    def param(self, name: str) -> np.ndarray:
        """The parameter array ``"w1"``, ``"b1"``, ``"w2"`` or ``"b2"``."""
        return getattr(self, _check_choice(name, "parameter", PARAMETERS))

    def astype(self, dtype) -> FCNetwork:
        """A copy with every array cast to ``dtype`` (float32 or float64)."""
        return replace(self, **{name: np.array(getattr(self, name), dtype=dtype) for name in ("x",) + PARAMETERS})

    def with_param(self, name: str, value: np.ndarray) -> FCNetwork:
        """A copy with parameter ``name`` replaced by ``value`` (same shape)."""
        old = self.param(name)
        value = np.asarray(value, dtype=old.dtype)
        if value.shape != old.shape:
            raise ValueError(f"{name} must keep its shape {old.shape}, got {value.shape}")
        return replace(self, **{name: value})


def course_network(target: int = 0) -> FCNetwork:
    """The course's 9-5-3 network (float64).

    The input ``P``, hidden neuron i = 4's weights ``W1(:, i=4)`` and its bias ``b1 = −0.1441`` are
    the slides' numbers, so ``A1(i=4) = sigmoid(W1·P + b1) = 0.4920 ≈ 0.49``; the slides do not give
    the other weights, which are fixed illustrative values.

    Parameters
    ----------
    target : int
        The true class, 0, 1 or 2.
    """
    if not isinstance(target, (int, np.integer)) or isinstance(target, bool) or not 0 <= target < 3:
        raise ValueError(f"target must be a class index 0, 1 or 2, got {target!r}")
    w1 = np.insert(_OTHER_W1, COURSE_NEURON, COURSE_W1_ROW, axis=0)  # (5, 9)
    b1 = np.insert(_OTHER_B1, COURSE_NEURON, COURSE_B1)
    return FCNetwork(x=COURSE_INPUT.copy(), w1=w1, b1=b1, w2=_W2.copy(), b2=_B2.copy(), target=int(target))


@dataclass(frozen=True)
class FCForward:
    """Every number of the forward pass.

    Attributes
    ----------
    products1 : ndarray, shape (n_hidden, n_in)
        ``W1[i, j] · x[j]``: the terms of each hidden neuron's sum.
    u1 : ndarray, shape (n_hidden,)
        ``u1 = W1 x + b1``.
    a1 : ndarray, shape (n_hidden,)
        ``a1 = f(u1)``, the sigmoid.
    products2 : ndarray, shape (n_out, n_hidden)
    u2 : ndarray, shape (n_out,)
        ``u2 = W2 a1 + b2``.
    y : ndarray, shape (n_out,)
        Output: ``f(u2)`` (squared error) or ``softmax(u2)`` (cross-entropy).
    loss : float
    loss_kind : str
        One of :data:`LOSSES`.
    """

    products1: np.ndarray
    u1: np.ndarray
    a1: np.ndarray
    products2: np.ndarray
    u2: np.ndarray
    y: np.ndarray
    loss: float
    loss_kind: str


def _output_and_loss(net: FCNetwork, u2: np.ndarray, loss: str):
    """Output ``y``, loss ``E`` and ``∂E/∂y`` (squared error) or ``∂E/∂u2`` (cross-entropy)."""
    if loss == "mse":
        y = F.sigmoid(u2)
        sum_sq, grad = F.mse_loss(y, net.target_vector, reduction="sum")  # Σ (y − t)², 2 (y − t)
        return y, 0.5 * sum_sq, 0.5 * grad  # the course's E = ½ Σ (t − y)², ∂E/∂y = y − t
    value, grad = F.cross_entropy(u2[None, :], np.array([net.target]), reduction="sum")
    return F.softmax(u2), value, grad[0]  # ∂E/∂u2 = softmax(u2) − t


def fc_forward(net: FCNetwork, loss: str = "mse") -> FCForward:
    """The forward pass of ``net`` neuron by neuron, and the loss.

    Parameters
    ----------
    net : FCNetwork
    loss : {"mse", "cross_entropy"}
        ``"mse"``: ``y = f(u2)``, ``E = ½ Σ_k (t_k − y_k)²``; ``"cross_entropy"``:
        ``y = softmax(u2)``, ``E = −log y_target``.
    """
    _check_choice(loss, "loss", LOSSES)
    u1 = F.linear(net.x[None, :], net.w1, net.b1)[0]
    a1 = F.sigmoid(u1)
    u2 = F.linear(a1[None, :], net.w2, net.b2)[0]
    y, value, _ = _output_and_loss(net, u2, loss)
    return FCForward(
        products1=net.w1 * net.x[None, :], u1=u1, a1=a1, products2=net.w2 * a1[None, :], u2=u2, y=y,
        loss=float(value), loss_kind=loss,
    )


def fc_loss(net: FCNetwork, loss: str = "mse") -> float:
    """The loss ``E`` of ``net`` (the forward pass only)."""
    return fc_forward(net, loss).loss


@dataclass(frozen=True)
class FCBackward:
    """Every number of the backward pass.

    Attributes
    ----------
    dloss_dy : ndarray, shape (n_out,), or None
        ``∂E/∂y = y − t`` (squared error only).
    output_derivative : ndarray, shape (n_out,), or None
        ``f'(u2) = y (1 − y)`` (squared error only; with softmax and cross-entropy it cancels).
    delta2 : ndarray, shape (n_out,)
        ``δ2 = ∂E/∂u2``: ``(y − t) · y (1 − y)`` (squared error) or ``y − t`` (cross-entropy).
    dw2 : ndarray, shape (n_out, n_hidden)
        ``∂E/∂W2[k, i] = δ2[k] · a1[i]``.
    db2 : ndarray, shape (n_out,)
        ``= δ2``.
    da1 : ndarray, shape (n_hidden,)
        ``∂E/∂a1 = W2ᵀ δ2``: each hidden neuron collects the δ of the outputs it feeds.
    hidden_derivative : ndarray, shape (n_hidden,)
        ``f'(u1) = a1 (1 − a1)``.
    delta1 : ndarray, shape (n_hidden,)
        ``δ1 = (W2ᵀ δ2) · f'(u1)``.
    dw1 : ndarray, shape (n_hidden, n_in)
        ``∂E/∂W1[i, j] = δ1[i] · x[j]``.
    db1 : ndarray, shape (n_hidden,)
        ``= δ1``.
    """

    dloss_dy: np.ndarray | None
    output_derivative: np.ndarray | None
    delta2: np.ndarray
    dw2: np.ndarray
    db2: np.ndarray
    da1: np.ndarray
    hidden_derivative: np.ndarray
    delta1: np.ndarray
    dw1: np.ndarray
    db1: np.ndarray

    def grad(self, name: str) -> np.ndarray:
        """The gradient of parameter ``"w1"``, ``"b1"``, ``"w2"`` or ``"b2"``."""
        return getattr(self, "d" + _check_choice(name, "parameter", PARAMETERS))


def fc_backward(net: FCNetwork, forward: FCForward) -> FCBackward:
    """The backward pass: δ terms from the output layer back to the hidden layer, and gradients.

    Parameters
    ----------
    net : FCNetwork
    forward : FCForward
        The result of :func:`fc_forward` on ``net`` (its ``loss_kind`` chooses the loss).
    """
    u2, u1 = forward.u2, forward.u1
    _, _, upstream = _output_and_loss(net, u2, forward.loss_kind)
    if forward.loss_kind == "mse":
        dloss_dy = upstream
        output_derivative = F.sigmoid_backward(np.ones_like(u2), u2)  # f(u)(1 − f(u))
        delta2 = F.sigmoid_backward(dloss_dy, u2)
    else:
        dloss_dy = output_derivative = None
        delta2 = upstream
    da1, dw2, db2 = F.linear_backward(delta2[None, :], forward.a1[None, :], net.w2, net.b2)
    da1 = da1[0]
    hidden_derivative = F.sigmoid_backward(np.ones_like(u1), u1)
    delta1 = F.sigmoid_backward(da1, u1)
    _, dw1, db1 = F.linear_backward(delta1[None, :], net.x[None, :], net.w1, net.b1)
    return FCBackward(
        dloss_dy=dloss_dy, output_derivative=output_derivative, delta2=delta2, dw2=dw2, db2=db2, da1=da1,
        hidden_derivative=hidden_derivative, delta1=delta1, dw1=dw1, db1=db1,
    )


@dataclass(frozen=True)
class FCUpdate:
    """One gradient-descent step ``W ← W − η ∂E/∂W`` and its effect.

    Attributes
    ----------
    lr : float
        The learning rate η.
    net : FCNetwork
        The network after the update.
    forward : FCForward
        The forward pass of the updated network (its loss is ``loss_after``).
    loss_before, loss_after : float
    """

    lr: float
    net: FCNetwork
    forward: FCForward
    loss_before: float
    loss_after: float


def fc_update(net: FCNetwork, forward: FCForward, backward: FCBackward, lr: float) -> FCUpdate:
    """Apply ``p ← p − lr · ∂E/∂p`` to every parameter (with :class:`cnnviz.nn.optim.SGD`) and re-run
    the forward pass.

    Parameters
    ----------
    lr : float
        Learning rate η > 0.
    """
    lr = _check_finite_positive(lr, "learning rate")
    n_in, n_hidden, n_out = net.sizes
    rng = np.random.default_rng(0)  # the initial values are replaced by the network's own
    model = L.Sequential(L.Linear(n_in, n_hidden, rng=rng, dtype=net.w1.dtype), L.Sigmoid(),
                         L.Linear(n_hidden, n_out, rng=rng, dtype=net.w2.dtype))
    model[0].params.update(weight=net.w1.copy(), bias=net.b1.copy())
    model[2].params.update(weight=net.w2.copy(), bias=net.b2.copy())
    model[0].grads.update(weight=backward.dw1, bias=backward.db1)
    model[2].grads.update(weight=backward.dw2, bias=backward.db2)
    optim.SGD(model, lr=lr).step()
    new = replace(net, w1=model[0].params["weight"], b1=model[0].params["bias"],
                  w2=model[2].params["weight"], b2=model[2].params["bias"])
    after = fc_forward(new, forward.loss_kind)
    return FCUpdate(lr=lr, net=new, forward=after, loss_before=forward.loss, loss_after=after.loss)


@dataclass(frozen=True)
class FCStep:
    """Forward pass, backward pass and update of one training step of an :class:`FCNetwork`."""

    net: FCNetwork
    forward: FCForward
    backward: FCBackward
    update: FCUpdate


def fc_step(net: FCNetwork, loss: str = "mse", lr: float = 0.5) -> FCStep:
    """One complete training step of ``net`` on its input and target (see the module docstring)."""
    forward = fc_forward(net, loss)
    backward = fc_backward(net, forward)
    return FCStep(net=net, forward=forward, backward=backward, update=fc_update(net, forward, backward, lr))


def sigmoid_curve(low: float = -6.0, high: float = 6.0, points: int = 241) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(u, f(u), f'(u))`` on a grid, for plotting the sigmoid and its derivative ``f(u)(1 − f(u))``."""
    if not high > low or points < 2:
        raise ValueError(f"need low < high and at least 2 points, got {low}, {high}, {points}")
    u = np.linspace(low, high, int(points))
    return (u, *sigmoid_and_derivative(u))


def sigmoid_and_derivative(u) -> tuple[np.ndarray, np.ndarray]:
    """``(f(u), f'(u))`` with ``f'(u) = f(u)(1 − f(u))``, element-wise (from ``F.sigmoid_backward``)."""
    u = np.asarray(u, dtype=np.float64)
    return F.sigmoid(u), F.sigmoid_backward(np.ones_like(u), u)


# =============================================================================================
# 2. through a convolution layer
# =============================================================================================

@dataclass(frozen=True)
class ConvBackward:
    """The backward pass of a single-channel, stride-1, unpadded convolution ``y = x ⋆ w + b``.

    Attributes
    ----------
    x : ndarray, shape (H, W)
    weight : ndarray, shape (KH, KW)
    bias : float
    output : ndarray, shape (OH, OW)
        ``y = conv2d(x, w) + b`` with ``OH = H − KH + 1``.
    delta : ndarray, shape (OH, OW)
        The upstream gradient ``δ = ∂E/∂y``.
    dweight : ndarray, shape (KH, KW)
        ``∂E/∂w`` from ``F.conv2d_backward``.
    dweight_by_correlation : ndarray, shape (KH, KW)
        ``conv2d(x, δ)``: the valid cross-correlation of the input with δ, computed with ``F.conv2d``.
    dx : ndarray, shape (H, W)
        ``∂E/∂x`` from ``F.conv2d_backward``.
    rotated_weight : ndarray, shape (KH, KW)
        The kernel rotated by 180°.
    padded_delta : ndarray, shape (OH + 2(KH−1), OW + 2(KW−1))
        δ with ``K − 1`` zeros on every side ("full" padding).
    dx_by_full_convolution : ndarray, shape (H, W)
        ``conv2d(δ, rot180(w), padding=K−1)``: the full convolution of δ with the rotated kernel.
    dbias : float
        ``∂E/∂b = Σ δ``.
    dweight_error, dx_error : float
        Largest absolute difference between the two ways of computing each gradient.
    """

    x: np.ndarray
    weight: np.ndarray
    bias: float
    output: np.ndarray
    delta: np.ndarray
    dweight: np.ndarray
    dweight_by_correlation: np.ndarray
    dx: np.ndarray
    rotated_weight: np.ndarray
    padded_delta: np.ndarray
    dx_by_full_convolution: np.ndarray
    dbias: float
    dweight_error: float
    dx_error: float

    @property
    def full_padding(self) -> tuple[int, int]:
        """``(KH − 1, KW − 1)``: the zeros around δ for the full convolution."""
        return self.weight.shape[0] - 1, self.weight.shape[1] - 1

    @property
    def dweight_matches(self) -> bool:
        return self.dweight_error <= 1e-9 * max(1.0, float(np.abs(self.dweight).max()))

    @property
    def dx_matches(self) -> bool:
        return self.dx_error <= 1e-9 * max(1.0, float(np.abs(self.dx).max()))

    def dweight_trace(self) -> trace.ConvTrace:
        """The cross-correlation ``x ⋆ δ`` traced step by step (one step per weight)."""
        return trace.trace_conv2d(self.x, self.delta)

    def dx_trace(self) -> trace.ConvTrace:
        """The full convolution of δ with the rotated kernel traced step by step (one step per input pixel)."""
        return trace.trace_conv2d(self.delta, self.weight, padding="full", flip_kernel=True)

    def forward_trace(self) -> trace.ConvTrace:
        """The forward convolution ``x ⋆ w + b`` traced step by step."""
        return trace.trace_conv2d(self.x, self.weight, bias=self.bias)


def conv_backward_walkthrough(x, weight, delta, bias: float = 0.0) -> ConvBackward:
    """Both gradients of a convolution, computed two ways and compared.

    ``∂E/∂w[p, q] = Σ_{i,j} x[i + p, j + q] δ[i, j]`` — the valid cross-correlation ``x ⋆ δ``;
    ``∂E/∂x = pad_{K−1}(δ) ⋆ rot180(w)`` — the full convolution of δ with the kernel, which as a
    cross-correlation uses the 180°-rotated kernel. Both are computed with ``F.conv2d`` and checked
    against ``F.conv2d_backward``.

    Parameters
    ----------
    x : array_like, shape (H, W)
    weight : array_like, shape (KH, KW), KH ≤ H and KW ≤ W
    delta : array_like, shape (H − KH + 1, W − KW + 1)
        The upstream gradient ∂E/∂y.
    bias : float
    """
    x = _as_2d(x, "x")
    weight = _as_2d(weight, "weight")
    delta = _as_2d(delta, "delta")
    if weight.shape[0] > x.shape[0] or weight.shape[1] > x.shape[1]:
        raise ValueError(f"kernel {weight.shape} is larger than the input {x.shape}: use a smaller kernel")
    out_shape = (x.shape[0] - weight.shape[0] + 1, x.shape[1] - weight.shape[1] + 1)
    if delta.shape != out_shape:
        raise ValueError(f"delta must have the output's shape {out_shape}, got {delta.shape}")
    bias = float(bias)
    x4, w4, d4 = x[None, None], weight[None, None], delta[None, None]  # (1, 1, H, W), (1, 1, KH, KW), (1, 1, OH, OW)
    b1 = np.array([bias])
    output = F.conv2d(x4, w4, b1)[0, 0]
    dx, dweight, dbias = F.conv2d_backward(d4, x4, w4, b1)
    by_correlation = F.conv2d(x4, d4)[0, 0]
    rotated = weight[::-1, ::-1].copy()
    kh, kw = weight.shape
    full = F.conv2d(d4, rotated[None, None], padding=(kh - 1, kw - 1))[0, 0]
    padded = F.pad2d(d4, (kh - 1, kh - 1, kw - 1, kw - 1))[0, 0]
    return ConvBackward(
        x=x, weight=weight, bias=bias, output=output, delta=delta, dweight=dweight[0, 0],
        dweight_by_correlation=by_correlation, dx=dx[0, 0], rotated_weight=rotated, padded_delta=padded,
        dx_by_full_convolution=full, dbias=float(dbias[0]),
        dweight_error=float(np.abs(by_correlation - dweight[0, 0]).max()),
        dx_error=float(np.abs(full - dx[0, 0]).max()),
    )


def course_conv_example() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(x, w, δ)``: the course's ``[[0,1,2],[3,4,5],[6,7,8]] ⋆ [[0,1],[2,3]] = [[19,25],[37,43]]``
    with an upstream gradient ``δ = [[1, −1], [2, 0]]``."""
    x = np.arange(9, dtype=np.float64).reshape(3, 3)
    w = np.array([[0.0, 1.0], [2.0, 3.0]])
    delta = np.array([[1.0, -1.0], [2.0, 0.0]])
    return x, w, delta


def random_conv_example(size: int, kernel_size: int, rng: np.random.Generator):
    """``(x, w, δ)`` of small integers for hand arithmetic: x in 0..4, w and δ in −2..2 (δ never all 0).

    Parameters
    ----------
    size : int
        Input height and width, 2..8.
    kernel_size : int
        Kernel height and width, 1..size.
    rng : numpy.random.Generator
    """
    if not isinstance(size, (int, np.integer)) or not 2 <= size <= 8:
        raise ValueError(f"input size must be an int in 2..8, got {size!r}")
    if not isinstance(kernel_size, (int, np.integer)) or not 1 <= kernel_size <= size:
        raise ValueError(f"kernel size must be an int in 1..{size} (the input size), got {kernel_size!r}")
    out = size - kernel_size + 1
    x = rng.integers(0, 5, (size, size)).astype(np.float64)
    w = rng.integers(-2, 3, (kernel_size, kernel_size)).astype(np.float64)
    delta = rng.integers(-2, 3, (out, out)).astype(np.float64)
    if not delta.any():
        delta[0, 0] = 1.0
    return x, w, delta


# =============================================================================================
# 3. through pooling
# =============================================================================================

@dataclass(frozen=True)
class PoolRoute:
    """Where the upstream gradient of one output cell goes.

    Attributes
    ----------
    row, col : int
        The output cell.
    delta : float
        Its upstream gradient δ.
    targets : ndarray of int, shape (n, 2)
        Input cells ``(row, col)`` receiving a share: the arg-max (max pooling, n = 1) or every
        cell of the window (average pooling).
    share : float
        What each target receives: δ (max) or δ / window size (average).
    """

    row: int
    col: int
    delta: float
    targets: np.ndarray
    share: float


@dataclass(frozen=True)
class PoolBackward:
    """Forward and backward pass of one pooling layer on a single-channel input.

    Attributes
    ----------
    mode : {"max", "avg"}
    x : ndarray, shape (H, W)
    kernel_size, stride : int
    output : ndarray, shape (OH, OW)
    delta : ndarray, shape (OH, OW)
        Upstream gradient.
    dx : ndarray, shape (H, W)
        ``F.max_pool2d_backward`` / ``F.avg_pool2d_backward``.
    partial_dx : ndarray, shape (OH*OW, H, W)
        ``dx`` after the first ``k + 1`` windows (row-major) have sent their gradient: the backward
        pass of δ with the later windows' entries set to 0.
    routes : list of PoolRoute
        One per output cell, row-major.
    trace : cnnviz.lessons.trace.PoolTrace
        The forward pass, window by window.
    """

    mode: str
    x: np.ndarray
    kernel_size: int
    stride: int
    output: np.ndarray
    delta: np.ndarray
    dx: np.ndarray
    partial_dx: np.ndarray
    routes: list = field(repr=False)
    trace: trace.PoolTrace = field(repr=False)

    @property
    def delta_total(self) -> float:
        """``Σ δ``: pooling without padding passes on all of it, so this equals :attr:`dx_total`."""
        return float(self.delta.sum())

    @property
    def dx_total(self) -> float:
        """``Σ ∂E/∂x``."""
        return float(self.dx.sum())

    @property
    def overlapping(self) -> bool:
        """Whether windows overlap (stride < window), so one input cell can receive several shares."""
        return self.stride < self.kernel_size


def pool_backward_walkthrough(x, delta, kernel_size: int = 2, stride: int | None = None, mode: str = "max") -> PoolBackward:
    """Route the upstream gradient of a pooling layer back to its input.

    Max pooling: ``∂E/∂x[r, c] = Σ δ[i, j]`` over the windows whose maximum is at ``(r, c)``;
    average pooling: every cell of window ``(i, j)`` gets ``δ[i, j] / (K·K)``. Overlapping windows
    (stride < kernel) add up.

    Parameters
    ----------
    x : array_like, shape (H, W)
    delta : array_like, shape (OH, OW), ``OH = (H − K) // S + 1``
    kernel_size : int
    stride : int, optional
        Defaults to ``kernel_size``.
    mode : {"max", "avg"}
    """
    _check_choice(mode, "mode", ("max", "avg"))
    x = _as_2d(x, "x")
    delta = _as_2d(delta, "delta")
    stride = kernel_size if stride is None else stride
    tr = trace.trace_pool2d(x, kernel_size, stride, mode=mode)
    out = tr.output[0]
    if delta.shape != out.shape:
        raise ValueError(f"delta must have the pooled output's shape {out.shape}, got {delta.shape}")
    x4, d4 = x[None, None], delta[None, None]  # (1, 1, H, W), (1, 1, OH, OW)

    def backward(upstream):
        if mode == "max":
            return F.max_pool2d_backward(upstream, x4, kernel_size, stride)[0, 0]
        return F.avg_pool2d_backward(upstream, x4, kernel_size, stride)[0, 0]

    n_out = out.size
    masks = np.tril(np.ones((n_out, n_out))).reshape(n_out, 1, *out.shape)  # (steps, 1, OH, OW): windows 0..k
    partial = np.stack([backward(d4 * masks[k]) for k in range(n_out)])
    routes = []
    for step in tr.steps:
        d = float(delta[step.row, step.col])
        if mode == "max":
            targets = step.taps[[int(step.argmax[0])]]
            share = d
        else:
            targets = step.taps[step.inside.reshape(-1)]
            share = d / step.divisor
        routes.append(PoolRoute(row=step.row, col=step.col, delta=d, targets=np.asarray(targets), share=share))
    return PoolBackward(
        mode=mode, x=x, kernel_size=int(kernel_size), stride=int(stride), output=out, delta=delta,
        dx=backward(d4), partial_dx=partial, routes=routes, trace=tr,
    )


def random_pool_example(size: int, kernel_size: int, stride: int, rng: np.random.Generator):
    """``(x, δ)``: distinct integers 1..H·W as input (no ties for the max), δ in {−2, −1, 1, 2, 3}.

    Parameters
    ----------
    size : int
        Input height and width, 2..8.
    kernel_size, stride : int
        Window size (≤ size) and stride (≥ 1).
    rng : numpy.random.Generator
    """
    if not isinstance(size, (int, np.integer)) or not 2 <= size <= 8:
        raise ValueError(f"input size must be an int in 2..8, got {size!r}")
    if not isinstance(kernel_size, (int, np.integer)) or not 1 <= kernel_size <= size:
        raise ValueError(f"window size must be an int in 1..{size} (the input size), got {kernel_size!r}")
    if not isinstance(stride, (int, np.integer)) or stride < 1:
        raise ValueError(f"stride must be a positive int, got {stride!r}")
    out = (size - kernel_size) // stride + 1
    x = (rng.permutation(size * size) + 1).reshape(size, size).astype(np.float64)
    delta = rng.choice(np.array([-2.0, -1.0, 1.0, 2.0, 3.0]), (out, out))
    return x, delta


# =============================================================================================
# 4. gradient check
# =============================================================================================

EPSILONS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10)
"""The ε values of the sweep, from coarse to below float64's useful range."""


def relative_error(analytic: float, numeric: float) -> float:
    """``|a − n| / max(|a|, |n|)`` (0 when both are 0): scale-free, so one threshold fits all weights."""
    a, n = float(analytic), float(numeric)
    scale = max(abs(a), abs(n))
    return 0.0 if scale == 0 else abs(a - n) / scale


def rate_relative_error(error: float) -> str:
    """A verdict for a relative error in float64: ``"excellent"`` (< 1e-7), ``"good"`` (< 1e-5),
    ``"suspicious"`` (< 1e-2) or ``"wrong"``."""
    if error < 1e-7:
        return "excellent"
    if error < 1e-5:
        return "good"
    if error < 1e-2:
        return "suspicious"
    return "wrong"


@dataclass(frozen=True)
class GradientCheck:
    """One weight nudged by ±ε, the loss change, and the analytic gradient.

    Attributes
    ----------
    param : str
        ``"w1"``, ``"b1"``, ``"w2"`` or ``"b2"``.
    index : tuple of int
        Index into the parameter (PyTorch layout).
    eps : float
    value : float
        The weight's value.
    loss, loss_plus, loss_minus : float
        ``E(w)``, ``E(w + ε)``, ``E(w − ε)``.
    central : float
        ``(E(w + ε) − E(w − ε)) / 2ε`` (error ∝ ε²).
    forward_difference : float
        ``(E(w + ε) − E(w)) / ε`` (error ∝ ε).
    analytic : float
        The backpropagated gradient.
    rel_error : float
        :func:`relative_error` of analytic and central.
    dtype : str
        "float32" or "float64".
    """

    param: str
    index: tuple
    eps: float
    value: float
    loss: float
    loss_plus: float
    loss_minus: float
    central: float
    forward_difference: float
    analytic: float
    rel_error: float
    dtype: str

    @property
    def verdict(self) -> str:
        """:func:`rate_relative_error` of ``rel_error``."""
        return rate_relative_error(self.rel_error)


def _check_index(net: FCNetwork, param: str, index) -> tuple:
    shape = net.param(param).shape
    index = tuple(int(i) for i in np.atleast_1d(index))
    if len(index) != len(shape) or any(not 0 <= i < n for i, n in zip(index, shape)):
        raise ValueError(f"index {index} is outside {param} of shape {shape}: use 0 ≤ index < shape")
    return index


def gradient_check(net: FCNetwork, param: str, index, eps: float = 1e-5, loss: str = "mse",
                   dtype=np.float64) -> GradientCheck:
    """Compare the backpropagated ``∂E/∂p[index]`` with finite differences of the loss.

    Parameters
    ----------
    net : FCNetwork
    param : {"w1", "b1", "w2", "b2"}
    index : int or tuple of int
        Position in the parameter, e.g. ``(3, 0)`` for ``W1(j=1, i=4)``.
    eps : float
        The nudge ε > 0.
    loss : {"mse", "cross_entropy"}
    dtype : numpy float dtype
        Arithmetic precision; float32 shows round-off swamping tiny ε.
    """
    _check_choice(param, "parameter", PARAMETERS)
    eps = _check_finite_positive(eps, "eps")
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    net = net.astype(dtype)
    index = _check_index(net, param, index)
    forward = fc_forward(net, loss)
    analytic = float(fc_backward(net, forward).grad(param)[index])
    base = net.param(param)

    def nudged(delta):
        array = base.copy()
        array[index] = array[index] + dtype.type(delta)
        return fc_loss(net.with_param(param, array), loss)

    plus, minus = nudged(eps), nudged(-eps)
    central = (plus - minus) / (2 * eps)
    return GradientCheck(
        param=param, index=index, eps=eps, value=float(base[index]), loss=forward.loss, loss_plus=plus,
        loss_minus=minus, central=central, forward_difference=(plus - forward.loss) / eps, analytic=analytic,
        rel_error=relative_error(analytic, central), dtype=dtype.name,
    )


@dataclass(frozen=True)
class GradientSweep:
    """Relative errors of the central and forward differences over many ε, per dtype.

    Attributes
    ----------
    eps : ndarray, shape (n,)
    central, forward : dict of str to ndarray, shape (n,)
        Keyed by dtype name ("float32", "float64").
    """

    eps: np.ndarray
    central: dict
    forward: dict


def gradient_check_sweep(net: FCNetwork, param: str, index, loss: str = "mse", eps_values=EPSILONS,
                         dtypes=(np.float32, np.float64)) -> GradientSweep:
    """:func:`gradient_check` for every ε in ``eps_values`` and every dtype.

    Shows the classic V: the truncation error falls with ε (∝ ε² central, ∝ ε forward) until
    round-off, ∝ machine-ε / ε, takes over — early in float32, late in float64.
    """
    eps = np.asarray(eps_values, dtype=np.float64)
    central, forward = {}, {}
    for dtype in dtypes:
        checks = [gradient_check(net, param, index, e, loss, dtype) for e in eps]
        name = np.dtype(dtype).name
        central[name] = np.array([c.rel_error for c in checks])
        forward[name] = np.array([relative_error(c.analytic, c.forward_difference) for c in checks])
    return GradientSweep(eps=eps, central=central, forward=forward)


# =============================================================================================
# 5. one training step of a tiny CNN
# =============================================================================================

TINY_CNN_PATTERNS = ("vertical", "horizontal", "diagonal")
"""The three classes of the tiny CNN: a 6×6 image with a vertical, horizontal or diagonal stroke."""


def tiny_cnn_input(pattern: str) -> np.ndarray:
    """The 6×6 image of ``pattern`` (one of :data:`TINY_CNN_PATTERNS`): a 2-pixel-wide stroke of 1s
    on 0s, as an array of shape (1, 1, 6, 6)."""
    _check_choice(pattern, "pattern", TINY_CNN_PATTERNS)
    image = np.zeros((6, 6))
    if pattern == "vertical":
        image[:, 2:4] = 1.0
    elif pattern == "horizontal":
        image[2:4, :] = 1.0
    else:
        rows = np.arange(6)
        image[rows, rows] = 1.0
        image[rows[1:], rows[:-1]] = 1.0
    return image[None, None]


def tiny_cnn(rng: np.random.Generator) -> L.Sequential:
    """``Conv2d(1, 2, 3) → ReLU → MaxPool2d(2) → Flatten → Linear(8, 3)`` in float64.

    Shapes for one 6×6 image: (1, 1, 6, 6) → (1, 2, 4, 4) → (1, 2, 4, 4) → (1, 2, 2, 2) → (1, 8) → (1, 3).
    """
    return L.Sequential(
        L.Conv2d(1, 2, 3, rng=rng, init="torch", dtype=np.float64),
        L.ReLU(),
        L.MaxPool2d(2),
        L.Flatten(),
        L.Linear(8, 3, rng=rng, init="torch", dtype=np.float64),
    )


@dataclass(frozen=True)
class TensorRecord:
    """One tensor of the training step.

    Attributes
    ----------
    order : int
        1-based position in the listing.
    phase : {"forward", "loss", "backward", "update"}
    kind : str
        What it is: "input", "output" (a layer's output), "grad_output" (∂L/∂ a layer's output),
        "grad_input" (∂L/∂x), "logits_grad", "loss", "param", "param_grad", "param_step", "param_new".
    layer : int or None
        Index of the layer in the Sequential (None for the input and the loss).
    layer_name : str
        The layer's repr, e.g. ``"Conv2d(in_channels=1, ...)"`` ("" for none).
    symbol : str
        A short math name (LaTeX), e.g. ``"z_1"``, ``"\\partial L/\\partial z_1"``, ``"W_1"``.
    values : ndarray
        The tensor (batch axis kept).
    """

    order: int
    phase: str
    kind: str
    layer: int | None
    layer_name: str
    symbol: str
    values: np.ndarray

    @property
    def shape(self) -> tuple:
        return tuple(self.values.shape)

    @property
    def minimum(self) -> float:
        return float(np.min(self.values))

    @property
    def maximum(self) -> float:
        return float(np.max(self.values))

    @property
    def norm(self) -> float:
        """Euclidean norm ``‖values‖₂``."""
        return float(np.sqrt(np.sum(np.square(self.values))))


@dataclass(frozen=True)
class CNNStep:
    """One SGD step of :func:`tiny_cnn`: every tensor in order, and the loss before and after.

    Attributes
    ----------
    records : list of TensorRecord
        Forward (input, each layer's output), loss, backward (∂L/∂ each output, from the loss back to
        the input, with each layer's parameter gradients), update (old value, step −η∇, new value).
    target : int
    lr : float
    loss_before, loss_after : float
    probs_before, probs_after : ndarray, shape (3,)
        Softmax of the logits before and after the update.
    """

    records: list
    target: int
    lr: float
    loss_before: float
    loss_after: float
    probs_before: np.ndarray
    probs_after: np.ndarray

    def phase(self, phase: str) -> list:
        """The records of one phase, in order."""
        return [r for r in self.records if r.phase == phase]


_SYMBOLS = ("z_1", "a_1", "p_1", "f", "s")  # conv, ReLU, pool, flatten, linear outputs


def cnn_training_step(x, target: int, lr: float, rng: np.random.Generator) -> CNNStep:
    """Forward, cross-entropy loss, backward and one SGD update of a fresh :func:`tiny_cnn`.

    Parameters
    ----------
    x : ndarray, shape (1, 1, 6, 6)
        One image, e.g. :func:`tiny_cnn_input`.
    target : int
        True class 0..2 (the index in :data:`TINY_CNN_PATTERNS`).
    lr : float
        Learning rate η > 0.
    rng : numpy.random.Generator
        Seeds the initial weights.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.shape != (1, 1, 6, 6):
        raise ValueError(f"x must have shape (1, 1, 6, 6), got {x.shape}")
    if not isinstance(target, (int, np.integer)) or isinstance(target, bool) or not 0 <= target < 3:
        raise ValueError(f"target must be a class index 0, 1 or 2, got {target!r}")
    lr = _check_finite_positive(lr, "learning rate")
    model = tiny_cnn(rng)
    records: list[TensorRecord] = []

    def add(phase, kind, layer, symbol, values):
        name = "" if layer is None else repr(model[layer])
        records.append(TensorRecord(len(records) + 1, phase, kind, layer, name, symbol, np.array(values)))

    add("forward", "input", None, "x", x)
    logits, outputs = model.forward(x, record=True)
    for i, out in enumerate(outputs):
        add("forward", "output", i, _SYMBOLS[i], out)
    target_array = np.array([int(target)])
    loss_before, dlogits = F.cross_entropy(logits, target_array)
    add("loss", "loss", None, "L", np.array(loss_before))
    add("backward", "logits_grad", len(model) - 1, r"\partial L/\partial s", dlogits)
    dout = dlogits
    for i in reversed(range(len(model))):
        dout = model[i].backward(dout)  # also fills model[i].grads
        for key in model[i].grads:
            add("backward", "param_grad", i, rf"\partial L/\partial {_param_symbol(i, key)}", model[i].grads[key])
        symbol = _SYMBOLS[i - 1] if i > 0 else "x"
        add("backward", "grad_input" if i == 0 else "grad_output", i - 1 if i > 0 else None,
            rf"\partial L/\partial {symbol}", dout)
    old = {(int(name.split(".")[0]), key): layer.params[key].copy() for name, layer, key in model.named_parameters()}
    optim.SGD(model, lr=lr).step()
    for (i, key), before in old.items():
        sym = _param_symbol(i, key)
        add("update", "param", i, sym, before)
        add("update", "param_step", i, rf"-\eta\,\partial L/\partial {sym}", model[i].params[key] - before)
        add("update", "param_new", i, sym + "'", model[i].params[key])
    logits_after = model.forward(x)
    loss_after, _ = F.cross_entropy(logits_after, target_array)
    return CNNStep(
        records=records, target=int(target), lr=lr, loss_before=loss_before, loss_after=loss_after,
        probs_before=F.softmax(logits, dim=1)[0], probs_after=F.softmax(logits_after, dim=1)[0],
    )


def _param_symbol(layer: int, key: str) -> str:
    index = {0: 1, 4: 2}.get(layer, layer)
    return f"W_{index}" if key == "weight" else f"b_{index}"

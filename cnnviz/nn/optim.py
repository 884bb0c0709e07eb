"""Optimizers with ``torch.optim`` semantics, updating a :class:`cnnviz.nn.layers.Sequential` in place.

``SGD``: ``g = grad + weight_decay * w``; with momentum ``v = momentum * v + g`` (PyTorch's form,
no dampening), ``w -= lr * v``; plain SGD is ``w -= lr * g``.
``Adam``: ``m = b1 m + (1-b1) g``, ``v = b2 v + (1-b2) g²``, ``w -= lr * m̂ / (sqrt(v̂) + eps)`` with
bias-corrected ``m̂ = m / (1 - b1^t)``, ``v̂ = v / (1 - b2^t)``; ``weight_decay`` adds ``λw`` to g (L2).
"""

from __future__ import annotations

import math

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "adam")


def _check_positive(value, name, allow_zero=False):
    if not isinstance(value, (int, float, np.floating)) or not math.isfinite(value) or value < 0 or (
        value == 0 and not allow_zero
    ):
        rule = "≥ 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {rule}, got {value!r}")
    return float(value)


class Optimizer:
    """Holds per-parameter state keyed by the parameter's PyTorch name (``"0.weight"``)."""

    def __init__(self, model, lr, weight_decay=0.0):
        self.model = model
        self.lr = _check_positive(lr, "learning rate")
        self.weight_decay = _check_positive(weight_decay, "weight_decay", allow_zero=True)
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self.steps = 0

    def _gradient(self, layer, key):
        grad = layer.grads[key]
        if self.weight_decay:
            grad = grad + self.weight_decay * layer.params[key]
        return grad

    def step(self):
        """Apply one update to every parameter that has a gradient."""
        self.steps += 1
        for name, layer, key in self.model.named_parameters():
            if key in layer.grads:
                self._update(name, layer.params[key], self._gradient(layer, key))

    def _update(self, name, param, grad):  # pragma: no cover - abstract
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with (PyTorch-style) momentum."""

    def __init__(self, model, lr=0.01, momentum=0.0, weight_decay=0.0):
        super().__init__(model, lr, weight_decay)
        self.momentum = _check_positive(momentum, "momentum", allow_zero=True)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be below 1, got {momentum}")

    def _update(self, name, param, grad):
        if self.momentum:
            state = self.state.setdefault(name, {})
            velocity = state.get("velocity")
            if velocity is None:
                velocity = state["velocity"] = np.array(grad, dtype=param.dtype)
            else:
                velocity *= self.momentum
                velocity += grad
            grad = velocity
        param -= (self.lr * grad).astype(param.dtype, copy=False)


class Adam(Optimizer):
    """Adam (Kingma & Ba), as ``torch.optim.Adam`` with L2 ``weight_decay``."""

    def __init__(self, model, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(model, lr, weight_decay)
        self.betas = (float(betas[0]), float(betas[1]))
        if not all(0 <= b < 1 for b in self.betas):
            raise ValueError(f"Adam betas must lie in [0, 1), got {betas}")
        self.eps = _check_positive(eps, "eps")

    def _update(self, name, param, grad):
        b1, b2 = self.betas
        state = self.state.setdefault(name, {})
        if "m" not in state:
            state["m"] = np.zeros_like(param)
            state["v"] = np.zeros_like(param)
        m, v = state["m"], state["v"]
        m *= b1
        m += (1 - b1) * grad
        v *= b2
        v += (1 - b2) * grad * grad
        m_hat = m / (1 - b1 ** self.steps)
        v_hat = v / (1 - b2 ** self.steps)
        param -= (self.lr * m_hat / (np.sqrt(v_hat) + self.eps)).astype(param.dtype, copy=False)


def make_optimizer(name, model, lr, weight_decay=0.0, momentum=0.9):
    """Build ``"sgd"``, ``"momentum"`` (SGD with momentum) or ``"adam"`` by name."""
    if name == "sgd":
        return SGD(model, lr, 0.0, weight_decay)
    if name == "momentum":
        return SGD(model, lr, momentum, weight_decay)
    if name == "adam":
        return Adam(model, lr, weight_decay=weight_decay)
    raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {name!r}")

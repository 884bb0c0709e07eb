"""Layers with ``torch.nn`` names and shapes, each with a forward and a backward pass.

Every layer has ``forward(x)``, ``backward(dout) -> dx`` (which fills ``grads`` but never updates
parameters and never modifies ``dout``), and ``params`` / ``grads`` dicts keyed ``"weight"`` and
``"bias"`` holding arrays of PyTorch's shapes. Initialisation draws from a keyword-only ``rng``
(a ``numpy.random.Generator``); there is no global random state.

``Sequential.state_dict()`` uses PyTorch's names (``"0.weight"``, ``"3.bias"``, ...), so a model
trained here maps one-to-one onto the same ``torch.nn.Sequential``.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import functional as F
from cnnviz.nn import shapes

INITS = ("kaiming", "xavier", "torch")


def _init_weight(shape, fan_in, fan_out, init, rng, dtype):
    """Draw initial weights. torch (the default of every layer): U(±1/sqrt(fan_in)), PyTorch's
    ``kaiming_uniform_(a=√5)`` of ``nn.Linear`` / ``nn.Conv2d`` (their bias is U(±1/sqrt(fan_in)) too);
    kaiming: N(0, 2/fan_in) (He, for ReLU); xavier: U(±sqrt(6/(fan_in+fan_out))) (Glorot, for sigmoid/tanh).

    The torch default makes a fresh classifier start near uniform (loss ≈ ln(classes)); He init on the
    last layer gives confident random guesses (a fresh LeNet-5 once said "4 (90 %)" at loss ≈ 3.9)."""
    if rng is None:
        rng = np.random.default_rng()
    if init == "kaiming":
        w = rng.standard_normal(shape) * math.sqrt(2.0 / fan_in)
    elif init == "xavier":
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        w = rng.uniform(-limit, limit, shape)
    elif init == "torch":
        limit = 1.0 / math.sqrt(fan_in)
        w = rng.uniform(-limit, limit, shape)
    else:
        raise CnnvizError("nn.init", allowed=str(INITS), value=repr(init))
    return w.astype(dtype)


def _positive_int(value, name):
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise CnnvizError("nn.positive_int", name=name, value=repr(value))
    return int(value)


class Layer:
    """Base class: no parameters, identity shapes.

    Like ``torch.nn.Module``: ``params`` (trained), ``buffers`` (state that is saved but not
    trained, e.g. batch norm's running statistics), child layers (:meth:`children`), a
    ``training`` flag switched for the whole tree by :meth:`train` / :meth:`eval`, and
    :meth:`state_dict` under PyTorch's dotted names.
    """

    has_params = False

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}
        self.training = True

    def forward(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self, dout):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, x):
        return self.forward(x)

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"

    def children(self) -> tuple:
        """``(name, layer)`` pairs of the direct sub-layers (none for a plain layer)."""
        return ()

    def named_modules(self, prefix: str = ""):
        """Yield ``(name, layer)`` for this layer and every sub-layer, depth first (PyTorch's order)."""
        yield prefix, self
        for name, child in self.children():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)

    def train(self, mode: bool = True):
        """Set training mode (batch statistics, dropout on) on this layer and all sub-layers."""
        self.training = bool(mode)
        for _, child in self.children():
            child.train(mode)
        return self

    def eval(self):
        """Evaluation mode (running statistics, dropout off), as ``torch.nn.Module.eval()``."""
        return self.train(False)

    def named_parameters(self, prefix: str = ""):
        """Yield ``(name, layer, key)`` in PyTorch's ``state_dict`` order (``"0.weight"``, ...)."""
        for key in self.params:
            yield prefix + key, self, key
        for name, child in self.children():
            yield from child.named_parameters(f"{prefix}{name}.")

    def named_buffers(self, prefix: str = ""):
        """Yield ``(name, layer, key)`` of every buffer (``"1.running_mean"``, ...)."""
        for key in self.buffers:
            yield prefix + key, self, key
        for name, child in self.children():
            yield from child.named_buffers(f"{prefix}{name}.")

    def _named_state(self, prefix: str = ""):
        """Parameters then buffers of each layer, children after their parent: PyTorch's order."""
        for key in self.params:
            yield prefix + key, self, self.params, key
        for key in self.buffers:
            yield prefix + key, self, self.buffers, key
        for name, child in self.children():
            yield from child._named_state(f"{prefix}{name}.")

    def parameter_count(self) -> int:
        return int(sum(layer.params[key].size for _, layer, key in self.named_parameters()))

    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of all parameters and buffers under PyTorch's names."""
        return {name: store[key].copy() for name, _, store, key in self._named_state()}

    def load_state_dict(self, state: dict) -> None:
        """Load parameters and buffers; every name must be present with the right shape, or nothing
        changes. ``num_batches_tracked`` may be missing (files written before batch norm existed)."""
        expected = {name: store[key] for name, _, store, key in self._named_state()}
        missing = sorted(name for name in set(expected) - set(state) if not name.endswith("num_batches_tracked"))
        unexpected = sorted(set(state) - set(expected))
        if missing or unexpected:
            raise CnnvizError("nn.state_names", missing=missing, unexpected=unexpected)
        for name, current in expected.items():
            if name not in state:
                continue
            value = np.asarray(state[name])
            if value.shape != current.shape:
                raise CnnvizError("nn.state_shape", name=name, shape=value.shape, needed=current.shape)
            if current.dtype.kind == "f" and (value.dtype.kind != "f" or not np.all(np.isfinite(value))):
                raise CnnvizError("nn.state_float", name=name)
            if current.dtype.kind == "i" and (value.dtype.kind not in "iu" or np.any(value < 0)):
                raise CnnvizError("nn.state_count", name=name)
        for name, _, store, key in self._named_state():
            if name in state:
                store[key] = np.asarray(state[name], dtype=store[key].dtype).copy()

    def _need_cache(self, name):
        cache = getattr(self, name, None)
        if cache is None:
            raise CnnvizError("nn.backward_first", layer=type(self).__name__)
        return cache


class Conv2d(Layer):
    """2-D convolution layer, as ``torch.nn.Conv2d``.

    ``weight`` has shape (out_channels, in_channels // groups, KH, KW), ``bias`` (out_channels,);
    parameter count ``Co × (Ci/groups) × KH × KW + Co``.
    """

    has_params = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, *, rng=None, init="torch", dtype=np.float32):
        super().__init__()
        shapes.check_channels(in_channels, out_channels, groups)  # whole numbers ≥ 1, groups dividing both
        self.in_channels, self.out_channels, self.groups = int(in_channels), int(out_channels), int(groups)
        self.kernel_size = shapes.as_pair(kernel_size, "kernel_size", 1)
        if min(self.kernel_size) < 1:
            raise CnnvizError("nn.kernel_size", value=repr(kernel_size))
        self.stride, self.padding, self.dilation = stride, padding, dilation
        fan_in = in_channels // groups * self.kernel_size[0] * self.kernel_size[1]
        fan_out = out_channels // groups * self.kernel_size[0] * self.kernel_size[1]
        shape = (out_channels, in_channels // groups) + self.kernel_size
        self.params["weight"] = _init_weight(shape, fan_in, fan_out, init, rng, dtype)
        if bias:
            self.params["bias"] = np.zeros(out_channels, dtype=dtype) if init != "torch" else _init_weight(
                (out_channels,), fan_in, fan_out, "torch", rng, dtype)
        self._cache = None
        self.input_grad = True  # Sequential turns this off for the first layer: no one needs dx there

    def forward(self, x):
        out, self._cache = F.conv2d_forward(
            x, self.params["weight"], self.params.get("bias"), self.stride, self.padding, self.dilation, self.groups
        )
        return out

    def backward(self, dout):
        dx, dw, db = F.conv2d_backward_from_cache(dout, self._need_cache("_cache"), input_grad=self.input_grad)
        self.grads["weight"] = dw
        if db is not None:
            self.grads["bias"] = db
        return dx

    def extra_repr(self):
        text = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding not in (0, (0, 0)):
            text += f", padding={self.padding}"
        if self.dilation not in (1, (1, 1)):
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        return text + ("" if "bias" in self.params else ", bias=False")


class ConvTranspose2d(Layer):
    """Transposed convolution layer, as ``torch.nn.ConvTranspose2d``.

    ``weight`` has shape (in_channels, out_channels // groups, KH, KW).
    """

    has_params = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, *, rng=None, init="torch", dtype=np.float32):
        super().__init__()
        shapes.check_channels(in_channels, out_channels, groups)  # whole numbers ≥ 1, groups dividing both
        self.in_channels, self.out_channels, self.groups = int(in_channels), int(out_channels), int(groups)
        self.kernel_size = shapes.as_pair(kernel_size, "kernel_size", 1)
        self.stride, self.padding, self.output_padding, self.dilation = stride, padding, output_padding, dilation
        fan_in = out_channels // groups * self.kernel_size[0] * self.kernel_size[1]
        fan_out = in_channels // groups * self.kernel_size[0] * self.kernel_size[1]
        shape = (in_channels, out_channels // groups) + self.kernel_size
        self.params["weight"] = _init_weight(shape, fan_in, fan_out, init, rng, dtype)
        if bias:
            self.params["bias"] = np.zeros(out_channels, dtype=dtype)
        self._x = None

    def _args(self):
        return (self.stride, self.padding, self.output_padding, self.groups, self.dilation)

    def forward(self, x):
        self._x = x
        return F.conv_transpose2d(x, self.params["weight"], self.params.get("bias"), *self._args())

    def backward(self, dout):
        dx, dw, db = F.conv_transpose2d_backward(dout, self._need_cache("_x"), self.params["weight"],
                                                 self.params.get("bias"), *self._args())
        self.grads["weight"] = dw
        if db is not None:
            self.grads["bias"] = db
        return dx

    def extra_repr(self):
        return (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}, "
                f"padding={self.padding}, output_padding={self.output_padding}")


class MaxPool2d(Layer):
    """Max pooling, as ``torch.nn.MaxPool2d`` (no parameters)."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        self.dilation, self.ceil_mode = dilation, ceil_mode
        self._cache = None

    def forward(self, x):
        out, arg, geometry = F.max_pool_argmax(x, self.kernel_size, self.stride, self.padding, self.dilation,
                                                self.ceil_mode)
        self._cache = (x.shape, x.dtype, arg, geometry)
        return out

    def backward(self, dout):
        x_shape, dtype, arg, (kernel_size, stride, padding, dilation, _, padded_shape) = self._need_cache("_cache")
        return F._max_pool_scatter(np.asarray(dout, dtype=dtype), arg, x_shape, kernel_size, stride, padding,
                                   dilation, padded_shape)

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride if self.stride is not None else self.kernel_size}"


class AvgPool2d(Layer):
    """Average pooling, as ``torch.nn.AvgPool2d`` (no parameters)."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        self.ceil_mode, self.count_include_pad = ceil_mode, count_include_pad
        self._x = None

    def _args(self):
        return (self.kernel_size, self.stride, self.padding, self.ceil_mode, self.count_include_pad)

    def forward(self, x):
        self._x = x
        return F.avg_pool2d(x, *self._args())

    def backward(self, dout):
        return F.avg_pool2d_backward(dout, self._need_cache("_x"), *self._args())

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride if self.stride is not None else self.kernel_size}"


class Linear(Layer):
    """Fully connected layer, as ``torch.nn.Linear``: weight (out_features, in_features)."""

    has_params = True

    def __init__(self, in_features, out_features, bias=True, *, rng=None, init="torch", dtype=np.float32):
        super().__init__()
        self.in_features = _positive_int(in_features, "in_features")
        self.out_features = _positive_int(out_features, "out_features")
        self.params["weight"] = _init_weight((out_features, in_features), in_features, out_features, init, rng, dtype)
        if bias:
            self.params["bias"] = np.zeros(out_features, dtype=dtype) if init != "torch" else _init_weight(
                (out_features,), in_features, out_features, "torch", rng, dtype)
        self._x = None

    def forward(self, x):
        self._x = x
        return F.linear(x, self.params["weight"], self.params.get("bias"))

    def backward(self, dout):
        dx, dw, db = F.linear_backward(dout, self._need_cache("_x"), self.params["weight"], self.params.get("bias"))
        self.grads["weight"] = dw
        if db is not None:
            self.grads["bias"] = db
        return dx

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={'bias' in self.params}"


class _Activation(Layer):
    """An element-wise activation that remembers its input for the backward pass."""

    def __init__(self):
        super().__init__()
        self._x = None

    def forward(self, x):
        self._x = x
        return self._forward(x)

    def backward(self, dout):
        return self._backward(dout, self._need_cache("_x"))


class ReLU(_Activation):
    """max(0, x)."""

    def _forward(self, x):
        return F.relu(x)

    def _backward(self, dout, x):
        return F.relu_backward(dout, x)


class LeakyReLU(_Activation):
    """x for x > 0, negative_slope·x otherwise."""

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self.negative_slope = negative_slope

    def _forward(self, x):
        return F.leaky_relu(x, self.negative_slope)

    def _backward(self, dout, x):
        return F.leaky_relu_backward(dout, x, self.negative_slope)

    def extra_repr(self):
        return f"negative_slope={self.negative_slope}"


class _OutputActivation(_Activation):
    """An activation whose derivative is a function of its output, so it remembers f(x), not x.
    Subclasses set ``_function`` (the forward op) and ``_derivative`` (its backward, given ``y``)."""

    def forward(self, x):
        self._x = self._function(x)
        return self._x

    def _backward(self, dout, y):
        return self._derivative(dout, y=y)


class Sigmoid(_OutputActivation):
    """1 / (1 + e^-x); f'(x) = f(x)(1 - f(x))."""

    _function = staticmethod(F.sigmoid)
    _derivative = staticmethod(F.sigmoid_backward)


class Tanh(_OutputActivation):
    """tanh(x); f'(x) = 1 - f(x)^2."""

    _function = staticmethod(F.tanh)
    _derivative = staticmethod(F.tanh_backward)


class Flatten(Layer):
    """Flatten all axes from ``start_dim`` on, as ``torch.nn.Flatten``."""

    def __init__(self, start_dim=1):
        super().__init__()
        self.start_dim = start_dim
        self._shape = None

    def forward(self, x):
        self._shape = x.shape
        return x.reshape(x.shape[: self.start_dim] + (-1,))

    def backward(self, dout):
        return dout.reshape(self._need_cache("_shape"))


class Dropout(Layer):
    """Dropout, as ``torch.nn.Dropout``: in training, zero each element with probability ``p`` and
    scale the survivors by 1/(1-p) (inverted dropout: the expected value is unchanged, so nothing
    needs rescaling at test time); in evaluation (``.eval()``), the identity. ``p = 1`` zeros
    everything, as in PyTorch. The keyword-only ``rng`` draws the masks (seeded runs repeat)."""

    def __init__(self, p=0.5, *, rng=None):
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, (int, float, np.floating)) or not 0 <= p <= 1:
            raise CnnvizError("nn.dropout_p", p=repr(p))
        self.p = float(p)
        self.rng = rng if rng is not None else np.random.default_rng()
        self._mask = None

    def forward(self, x):
        if not self.training or self.p == 0:
            self._mask = None
            return x
        self._mask = F.dropout_mask(x.shape, self.p, self.rng, x.dtype)
        return x * self._mask

    def backward(self, dout):
        return dout if self._mask is None else dout * self._mask

    def extra_repr(self):
        return f"p={self.p}"


class _BatchNorm(Layer):
    """Shared code of :class:`BatchNorm1d` and :class:`BatchNorm2d` (see :func:`cnnviz.nn.functional.batch_norm`)."""

    has_params = True
    _ndims: tuple[int, ...] = ()
    _shape_text = ""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, *,
                 dtype=np.float32):
        super().__init__()
        self.num_features = _positive_int(num_features, "num_features")
        if not (isinstance(eps, (int, float)) and eps > 0):
            raise CnnvizError("nn.layer_eps", value=repr(eps))
        if momentum is not None and not (isinstance(momentum, (int, float)) and 0 <= momentum <= 1):
            raise CnnvizError("nn.bn_momentum", value=repr(momentum))
        self.eps, self.momentum = float(eps), momentum
        self.affine, self.track_running_stats = bool(affine), bool(track_running_stats)
        if affine:
            self.params["weight"] = np.ones(num_features, dtype)
            self.params["bias"] = np.zeros(num_features, dtype)
        if track_running_stats:
            self.buffers["running_mean"] = np.zeros(num_features, dtype)
            self.buffers["running_var"] = np.ones(num_features, dtype)
            self.buffers["num_batches_tracked"] = np.zeros((), np.int64)
        self._cache = None

    def forward(self, x):
        if not isinstance(x, np.ndarray) or x.ndim not in self._ndims:
            raise CnnvizError("nn.layer_input", layer=type(self).__name__, expected=self._shape_text,
                              got=getattr(x, "shape", type(x).__name__))
        if x.shape[1] != self.num_features:
            raise CnnvizError("nn.bn_features", layer=type(self).__name__, features=self.num_features,
                              got=x.shape[1])
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            self.buffers["num_batches_tracked"] += 1
            if self.momentum is None:  # cumulative moving average, as PyTorch
                factor = 1.0 / float(self.buffers["num_batches_tracked"])
        use_batch = self.training or not self.track_running_stats
        out, self._cache = F.batch_norm_forward(
            x, self.buffers.get("running_mean") if self.training or not use_batch else None,
            self.buffers.get("running_var") if self.training or not use_batch else None,
            self.params.get("weight"), self.params.get("bias"), use_batch, factor, self.eps)
        return out

    def backward(self, dout):
        dx, dweight, dbias = F.batch_norm_backward(dout, self._need_cache("_cache"))
        if dweight is not None:
            self.grads["weight"], self.grads["bias"] = dweight, dbias
        return dx

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps:g}, momentum={self.momentum}, affine={self.affine}, "
                f"track_running_stats={self.track_running_stats}")


class BatchNorm2d(_BatchNorm):
    """Batch normalisation over N, H and W for each channel, as ``torch.nn.BatchNorm2d``.

    ``weight`` (γ, ones) and ``bias`` (β, zeros) have shape (num_features,); the buffers
    ``running_mean`` (zeros), ``running_var`` (ones) and ``num_batches_tracked`` are saved with the
    model. Training mode normalises with the batch's statistics and moves the running ones by
    ``momentum`` (the variance with its unbiased estimate); eval mode uses the running ones.
    """

    _ndims = (4,)
    _shape_text = "(N, C, H, W)"


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of (N, C) or (N, C, L) input per channel, as ``torch.nn.BatchNorm1d``."""

    _ndims = (2, 3)
    _shape_text = "(N, C) or (N, C, L)"


class AdaptiveAvgPool2d(Layer):
    """Global average pooling, as ``torch.nn.AdaptiveAvgPool2d(1)``: (N, C, H, W) → (N, C, 1, 1)."""

    def __init__(self, output_size=1):
        super().__init__()
        if output_size not in (1, (1, 1)):
            raise CnnvizError("nn.adaptive_size", value=repr(output_size))
        self.output_size = 1
        self._shape = None

    def forward(self, x):
        self._shape = x.shape
        return x.mean(axis=(2, 3), keepdims=True)

    def backward(self, dout):
        shape = self._need_cache("_shape")
        return np.broadcast_to(dout / (shape[2] * shape[3]), shape).copy()

    def extra_repr(self):
        return "output_size=1"


class Sequential(Layer):
    """Layers applied in order, as ``torch.nn.Sequential``.

    ``forward(x, record=True)`` also returns each layer's output (for feature-map views);
    ``backward(dout)`` runs the layers backwards and returns d(loss)/d(input).
    """

    def __init__(self, *layers):
        super().__init__()
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise CnnvizError("nn.sequential_item", index=i, got=type(layer).__name__)
        self.layers = list(layers)

    def __iter__(self):
        return iter(self.layers)

    def __len__(self):
        return len(self.layers)

    def __getitem__(self, index):
        return self.layers[index]

    def children(self):
        return tuple((str(i), layer) for i, layer in enumerate(self.layers))

    def __repr__(self):
        lines = [f"  ({i}): " + repr(layer).replace("\n", "\n  ") for i, layer in enumerate(self.layers)]
        return "Sequential(\n" + "\n".join(lines) + "\n)"

    def forward(self, x, record=False):
        outputs = []
        for layer in self.layers:
            x = layer.forward(x)
            if record:
                outputs.append(x)
        return (x, outputs) if record else x

    def backward(self, dout, input_grad=True):
        """Backpropagate ``dout``; with ``input_grad=False`` the first layer skips computing dx."""
        first = self.layers[0] if self.layers else None
        if isinstance(first, Conv2d):
            first.input_grad = input_grad
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout


class Residual(Layer):
    """A residual block: ``activation(body(x) + shortcut(x))``, the building block of ResNet.

    ``shortcut`` None is the identity (the skip connection adds the input itself); otherwise a
    layer that makes the shapes agree, usually a 1×1 projection ``Conv2d(in, out, 1, stride)``
    (optionally followed by batch norm, as a Sequential). ``activation`` (e.g. ``ReLU()``) is applied
    after the sum, or None. Names in ``state_dict`` follow the exported PyTorch ``Residual``
    module: ``body.0.weight``, ``shortcut.weight`` ...

    In the backward pass the gradient reaches the input along both paths and the two are added:
    ``dx = body.backward(g) + shortcut.backward(g)``; through an identity shortcut it arrives
    unchanged, however deep the network, which is why very deep residual networks still train.
    """

    def __init__(self, body, shortcut=None, activation=None):
        super().__init__()
        for name, part in (("body", body), ("shortcut", shortcut), ("activation", activation)):
            if part is not None and not isinstance(part, Layer):
                raise CnnvizError("nn.not_layer", name=name, got=type(part).__name__)
        self.body, self.shortcut, self.activation = body, shortcut, activation
        self.last_body = self.last_skip = None  # the two branches' outputs of the last forward pass

    def children(self):
        return tuple((name, part) for name, part in (("body", self.body), ("shortcut", self.shortcut),
                                                     ("activation", self.activation)) if part is not None)

    def forward(self, x):
        main = self.body.forward(x)
        skip = x if self.shortcut is None else self.shortcut.forward(x)
        if main.shape != skip.shape:
            raise CnnvizError("nn.residual_shape", body=main.shape, skip=skip.shape,
                              c_in=x.shape[1] if x.ndim > 1 else "?", c_out=main.shape[1] if main.ndim > 1 else "?")
        self.last_body, self.last_skip = main, skip
        out = main + skip
        return self.activation.forward(out) if self.activation is not None else out

    def backward(self, dout):
        grad = self.activation.backward(dout) if self.activation is not None else dout
        dx = self.body.backward(grad)
        return dx + (grad if self.shortcut is None else self.shortcut.backward(grad))

    def __repr__(self):
        parts = [f"  ({name}): " + repr(part).replace("\n", "\n  ") for name, part in self.children()]
        return "Residual(\n" + "\n".join(parts) + "\n)"


@contextmanager
def eval_mode(model: Layer):
    """``with eval_mode(model):`` evaluates (running statistics, no dropout), then restores each
    layer's previous mode, like ``model.eval()`` followed by putting ``training`` flags back."""
    before = [(layer, layer.training) for _, layer in model.named_modules()]
    model.eval()
    try:
        yield model
    finally:
        for layer, mode in before:
            layer.training = mode

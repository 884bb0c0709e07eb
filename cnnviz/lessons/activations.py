"""Activation helpers for the Activations page: activations by name, temperature softmax, saturation.

The activations themselves (ReLU, leaky ReLU, sigmoid, tanh, GELU, maxout, softmax) and their
backward passes live in :mod:`cnnviz.nn.functional`; this module adds what the page needs on top
of them, computed through those functions, so every number on the page has one source:

- :func:`activate` / :func:`derivative`: any of :data:`ACTIVATIONS` by name, and its derivative
  ``f'(x)`` (the backward pass with an upstream gradient of ones).
- :func:`softmax_with_temperature`: ``softmax(z / T)``.
- :func:`maxout_preset`: example weights for :func:`cnnviz.nn.functional.maxout`.
- :func:`saturation_stats`: how many pre-activations sit where the derivative has all but
  vanished.
- :func:`edge_feature_map` and :func:`random_preactivations`: a real feature map (a Sobel
  filter through ``conv2d``) and a conv layer's pre-activations for inputs on different scales.

Everything is pure NumPy; no global random state (pass a ``numpy.random.Generator``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.lessons.kernels import kernel_preset
from cnnviz.nn import functional as F
from cnnviz.nn.validation import float_array

__all__ = [
    "ACTIVATIONS", "PEAK_DERIVATIVE", "INPUT_SCALES",
    "activate", "derivative", "softmax_with_temperature",
    "MAXOUT_PRESETS", "maxout_preset",
    "LogitsError", "parse_logits", "SaturationStats", "saturation_stats",
    "edge_feature_map", "scale_pixels", "random_preactivations",
]

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "gelu")
"""Names accepted by :func:`activate` and :func:`derivative`."""

# ---------------------------------------------------------------------------------------------
# GELU
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# any activation by name
# ---------------------------------------------------------------------------------------------

def _check_name(name: str) -> None:
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")


def activate(name: str, x, negative_slope: float = 0.01):
    """``f(x)`` for the activation ``name`` (see :data:`ACTIVATIONS`).

    Parameters
    ----------
    name : {"relu", "leaky_relu", "sigmoid", "tanh", "gelu"}
    x : array_like, any shape
    negative_slope : float
        Leaky ReLU's slope for ``x <= 0``.

    Returns
    -------
    ndarray, same shape as ``x``
    """
    _check_name(name)
    x = float_array(x, "x")
    if name == "relu":
        return F.relu(x)
    if name == "leaky_relu":
        return F.leaky_relu(x, negative_slope)
    if name == "sigmoid":
        return F.sigmoid(x)
    if name == "tanh":
        return F.tanh(x)
    return F.gelu(x)


def derivative(name: str, x, negative_slope: float = 0.01):
    """``f'(x)`` for the activation ``name``: its backward pass with an upstream gradient of ones.

    ReLU's derivative at exactly 0 is 0 (PyTorch's convention).

    Parameters
    ----------
    name : {"relu", "leaky_relu", "sigmoid", "tanh", "gelu"}
    x : array_like, any shape
    negative_slope : float

    Returns
    -------
    ndarray, same shape as ``x``
    """
    _check_name(name)
    x = float_array(x, "x")
    ones = np.ones_like(x)
    if name == "relu":
        return F.relu_backward(ones, x)
    if name == "leaky_relu":
        return F.leaky_relu_backward(ones, x, negative_slope)
    if name == "sigmoid":
        return F.sigmoid_backward(ones, x)
    if name == "tanh":
        return F.tanh_backward(ones, x)
    return F.gelu_backward(ones, x)


def _gelu_peak() -> float:
    grid = np.linspace(0.0, 4.0, 40_001)
    return float(derivative("gelu", grid).max())


PEAK_DERIVATIVE = {"relu": 1.0, "leaky_relu": 1.0, "sigmoid": 0.25, "tanh": 1.0, "gelu": _gelu_peak()}
"""Largest value of ``f'(x)`` over all x (sigmoid: 1/4 at 0; GELU: ≈ 1.129 at x ≈ 1.414)."""


# ---------------------------------------------------------------------------------------------
# softmax with a temperature
# ---------------------------------------------------------------------------------------------

def softmax_with_temperature(logits, temperature: float = 1.0):
    """``softmax(z / T)`` along the last axis, through :func:`cnnviz.nn.functional.softmax`.

    ``p_i = e^(z_i / T) / Σ_j e^(z_j / T)``. T → 0 approaches a one-hot vector on the largest
    logit; T → ∞ approaches the uniform distribution; T = 1 is the plain softmax.

    Parameters
    ----------
    logits : array_like, shape (..., C)
    temperature : float, > 0

    Returns
    -------
    ndarray, shape (..., C), each row summing to 1
    """
    if not isinstance(temperature, (int, float, np.integer, np.floating)) or isinstance(temperature, bool):
        raise ValueError(f"temperature must be a positive number, got {temperature!r}")
    if not (temperature > 0 and math.isfinite(temperature)):
        raise ValueError(f"temperature must be a positive finite number, got {temperature}: use e.g. 1")
    z = float_array(logits, "logits")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"logits must have at least one class along the last axis, got shape {z.shape}")
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must be finite numbers (no NaN or infinity)")
    return F.softmax(z / temperature, dim=-1)


# ---------------------------------------------------------------------------------------------
# maxout
# ---------------------------------------------------------------------------------------------

MAXOUT_PRESETS = ("relu", "abs", "convex", "random")
"""Maxout examples: ReLU as max(0, x), |x| as max(-x, x), tangents of x²/2, random lines."""


def maxout_preset(name: str, pieces: int = 2, *, rng: np.random.Generator | None = None):
    """Weights of a one-input, one-unit maxout example (see :data:`MAXOUT_PRESETS`).

    - "relu": pieces ``0`` and ``x`` (``pieces`` is ignored): maxout reproduces ReLU;
    - "abs": pieces ``-x`` and ``x``: ``|x|``;
    - "convex": ``pieces`` tangent lines of ``x²/2`` at points spread over [-3, 3]:
      ``z_j = c_j x - c_j²/2``, whose maximum approximates the parabola from below;
    - "random": ``pieces`` lines with slopes and intercepts drawn from N(0, 1) (needs ``rng``).

    Returns
    -------
    weight : ndarray, shape (1, pieces, 1)
    bias : ndarray, shape (1, pieces)
    """
    if name not in MAXOUT_PRESETS:
        raise ValueError(f"maxout preset must be one of {MAXOUT_PRESETS}, got {name!r}")
    if name == "relu":
        slopes, intercepts = np.array([0.0, 1.0]), np.zeros(2)
    elif name == "abs":
        slopes, intercepts = np.array([-1.0, 1.0]), np.zeros(2)
    else:
        if not isinstance(pieces, (int, np.integer)) or isinstance(pieces, bool) or not 1 <= pieces <= 8:
            raise ValueError(f"pieces must be an integer from 1 to 8, got {pieces!r}")
        if name == "convex":
            slopes = np.linspace(-3.0, 3.0, int(pieces)) if pieces > 1 else np.zeros(1)
            intercepts = -slopes**2 / 2
        else:
            if not isinstance(rng, np.random.Generator):
                raise ValueError("the 'random' maxout preset needs rng, a numpy.random.Generator")
            slopes = np.round(rng.normal(0.0, 1.0, int(pieces)), 2)
            intercepts = np.round(rng.normal(0.0, 1.0, int(pieces)), 2)
    return slopes.reshape(1, -1, 1), intercepts.reshape(1, -1)


# ---------------------------------------------------------------------------------------------
# typed logits
# ---------------------------------------------------------------------------------------------

_SPLIT = re.compile(r"[,;\s]+")


class LogitsError(CnnvizError):
    """Typed logits that cannot be read: ``key`` (``"activations.logits_empty"``, ...) and ``fields``."""


def parse_logits(text: str, min_count: int = 2, max_count: int = 10, limit: float = 100.0) -> np.ndarray:
    """Read logits typed as numbers separated by commas, semicolons or spaces: ``"3, 1, -3"``.

    Parameters
    ----------
    text : str
    min_count, max_count : int
        How many numbers are allowed.
    limit : float
        Largest allowed absolute value.

    Returns
    -------
    ndarray, shape (C,), float64

    Raises
    ------
    LogitsError
        Not a number, too few or too many values, or a value beyond ``limit``.
    """
    tokens = [token for token in _SPLIT.split(text if isinstance(text, str) else "") if token]
    values = []
    for position, token in enumerate(tokens, start=1):
        try:
            value = float(token.replace("−", "-"))
        except ValueError:
            raise LogitsError("activations.logits.not_number", token=token[:20], position=position) from None
        if not math.isfinite(value) or abs(value) > limit:
            raise LogitsError("activations.logits.too_large", token=token[:20], limit=f"{limit:g}")
        values.append(value)
    if not min_count <= len(values) <= max_count:
        raise LogitsError("activations.logits.count", count=len(values), low=min_count, high=max_count)
    return np.array(values, dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# saturation
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaturationStats:
    """How much gradient an activation lets through for a batch of pre-activations.

    Attributes
    ----------
    count : int
        Number of pre-activations.
    flat_fraction : float
        Fraction whose derivative is below ``tolerance`` × the function's peak derivative (the
        flat region: sigmoid/tanh saturated on either side, ReLU's negative half).
    mean_derivative : float
        Mean of ``f'(u)``.
    peak : float
        The largest possible ``f'`` (:data:`PEAK_DERIVATIVE`).
    tolerance : float
    """

    count: int
    flat_fraction: float
    mean_derivative: float
    peak: float
    tolerance: float


def saturation_stats(name: str, u, tolerance: float = 0.05, negative_slope: float = 0.01) -> SaturationStats:
    """Share of pre-activations ``u`` in the flat region of the activation ``name``.

    A unit is *flat* when ``f'(u) < tolerance · max f'``: backpropagation multiplies the gradient
    by ``f'(u)``, so there it all but vanishes (for sigmoid, ``f'(u) = f(u)(1 - f(u))`` drops below
    5% of its peak 1/4 once ``|u| > 4.4``).

    Parameters
    ----------
    name : one of :data:`ACTIVATIONS`
    u : array_like, any shape, at least one element
    tolerance : float in (0, 1)
    negative_slope : float
        For leaky ReLU.
    """
    if not (0 < tolerance < 1):
        raise ValueError(f"tolerance must lie strictly between 0 and 1, got {tolerance}")
    u = float_array(u, "u")
    if u.size == 0:
        raise ValueError("u must hold at least one pre-activation")
    grad = derivative(name, u, negative_slope)
    peak = PEAK_DERIVATIVE[name]
    return SaturationStats(
        count=int(u.size),
        flat_fraction=float(np.mean(grad < tolerance * peak)),
        mean_derivative=float(grad.mean()),
        peak=float(peak),
        tolerance=float(tolerance),
    )


# ---------------------------------------------------------------------------------------------
# feature maps to apply activations to
# ---------------------------------------------------------------------------------------------


INPUT_SCALES = ("raw", "unit", "standard")
"""Pixel scalings for :func:`scale_pixels`: 0–255, [0, 1], and zero mean / unit variance."""


def edge_feature_map(image, direction: str = "x"):
    """A signed feature map: ``conv2d`` of a greyscale image with a Sobel kernel (cross-correlation).

    Parameters
    ----------
    image : array_like, shape (H, W), H, W >= 3
    direction : {"x", "y"}
        "x": the "sobel_x" kernel (vertical edges); "y": "sobel_y" (horizontal edges), from
        :func:`cnnviz.lessons.kernels.kernel_preset`.

    Returns
    -------
    ndarray, shape (H - 2, W - 2), float64
        Positive where brightness increases along ``direction``, negative where it decreases.
    """
    if direction not in ("x", "y"):
        raise ValueError(f"direction must be 'x' or 'y', got {direction!r}")
    image = float_array(image, "image").astype(np.float64)
    if image.ndim != 2 or min(image.shape) < 3:
        raise ValueError(f"image must be a 2-D greyscale array of at least 3 × 3, got shape {image.shape}")
    kernel = kernel_preset(f"sobel_{direction}")
    return F.conv2d(image[None, None], kernel[None, None])[0, 0]


def scale_pixels(image, scale: str):
    """Pixels in [0, 1] put on one of :data:`INPUT_SCALES`.

    "raw": ``255·x`` (what a camera stores); "unit": ``x``; "standard": ``(x - mean) / std``.

    Parameters
    ----------
    image : array_like, any shape, values in [0, 1]
    scale : {"raw", "unit", "standard"}

    Returns
    -------
    ndarray, same shape, float64
    """
    if scale not in INPUT_SCALES:
        raise ValueError(f"scale must be one of {INPUT_SCALES}, got {scale!r}")
    x = float_array(image, "image").astype(np.float64)
    if scale == "raw":
        return 255.0 * x
    if scale == "unit":
        return x
    std = x.std()
    return (x - x.mean()) / (std if std > 0 else 1.0)


def random_preactivations(image, scale: str, filters: int = 8, *, rng: np.random.Generator):
    """Pre-activations of a freshly initialised 3×3 conv layer on ``image`` scaled by ``scale``.

    Weights are drawn from ``N(0, 1/fan_in)`` with ``fan_in = 9`` (LeCun initialisation, which
    assumes inputs of unit variance) and the bias is zero, so only the input scale differs.

    Parameters
    ----------
    image : array_like, shape (H, W), values in [0, 1]
    scale : {"raw", "unit", "standard"}
    filters : int, >= 1
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (filters, H - 2, W - 2), float64
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    if not isinstance(filters, (int, np.integer)) or filters < 1:
        raise ValueError(f"filters must be a positive integer, got {filters!r}")
    x = scale_pixels(image, scale)
    if x.ndim != 2 or min(x.shape) < 3:
        raise ValueError(f"image must be a 2-D greyscale array of at least 3 × 3, got shape {x.shape}")
    weight = rng.normal(0.0, 1.0 / 3.0, size=(int(filters), 1, 3, 3))  # std = 1/sqrt(fan_in = 9)
    return F.conv2d(x[None, None], weight)[0]

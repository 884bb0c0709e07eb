"""Units of a trained network: how its layers are named and what one unit computes and sees.

- :func:`layer_kind`, :func:`layer_names` (``conv1, relu1, pool1, ..., flatten, fc1``): the names
  every view of a network uses;
- :func:`unit_field_box`: the input region one unit depends on (its receptive field);
- :func:`linear_contributions`: the largest terms of a fully connected unit;
- :func:`rank_correlation`: Spearman's ρ between two maps (the sanity check of explanations).

NumPy only, like the rest of :mod:`cnnviz.explain`.
"""

from __future__ import annotations

import math

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import layers as L
from cnnviz.nn import shapes

__all__ = ["layer_kind", "layer_names", "unit_field_box", "linear_contributions", "rank_correlation"]

_ACTIVATION_NAMES = {L.ReLU: "relu", L.LeakyReLU: "lrelu", L.Sigmoid: "sigmoid", L.Tanh: "tanh"}


def layer_kind(layer) -> str:
    """``"conv"``, ``"pool"``, ``"act"``, ``"flatten"``, ``"linear"`` or ``"other"``."""
    if isinstance(layer, L.Conv2d):
        return "conv"
    if isinstance(layer, (L.MaxPool2d, L.AvgPool2d)):
        return "pool"
    if isinstance(layer, tuple(_ACTIVATION_NAMES)):
        return "act"
    if isinstance(layer, L.Flatten):
        return "flatten"
    if isinstance(layer, L.Linear):
        return "linear"
    return "other"


def _stem(layer) -> str:
    """The name stem of ``layer``: ``conv``, ``pool``, ``relu`` (per activation), ``flatten``, ``fc``,
    or the lower-case class name (``batchnorm2d``, ``residual``, ``dropout`` ...)."""
    kind = layer_kind(layer)
    if kind == "act":
        return _ACTIVATION_NAMES[type(layer)]
    return {"conv": "conv", "pool": "pool", "linear": "fc", "flatten": "flatten"}.get(kind, type(layer).__name__.lower())


def layer_names(model, layers=None) -> list[str]:
    """Short names numbered per kind: ``conv1, relu1, pool1, conv2, ..., flatten, fc1, relu3, ...``.

    The one naming of layers every view uses (the Inside page, the Training Lab's weight and
    gradient charts). Numbers count the layers of a kind in network order, those inside residual
    blocks included, so ``conv3`` is the third convolution wherever it is listed.

    Parameters
    ----------
    model : Sequential
    layers : sequence of layers of ``model``, optional
        The layers to name (e.g. only those with a weight); default the model's top-level layers.
    """
    if not isinstance(model, L.Sequential):
        raise CnnvizError("explain.not_sequential", got=type(model).__name__)
    counts: dict[str, int] = {}
    names: dict[int, str] = {}
    for _, layer in list(model.named_modules())[1:]:  # [0] is the model itself
        stem = _stem(layer)
        counts[stem] = counts.get(stem, 0) + 1
        names[id(layer)] = stem if stem == "flatten" and counts[stem] == 1 else f"{stem}{counts[stem]}"
    return [names[id(layer)] for layer in (model.layers if layers is None else layers)]


def unit_field_box(model, layer_index: int, row: int, col: int, input_size=(28, 28),
                   flat_shape=None) -> tuple[int, int, int, int]:
    """Input region ``(row0, row1, col0, col1)`` (half-open, may reach past the border into
    padding) that unit ``(row, col)`` of layer ``layer_index``'s output depends on.

    Computed by :func:`cnnviz.nn.shapes.receptive_field_box` over the conv and pool layers up to and
    including ``layer_index`` (activations keep positions). For a Flatten layer, ``row`` is the
    flat index and ``flat_shape`` = (C, h, w) of its input: the unit is pixel ``(r, c)`` of map
    ``k // (h·w)``. After a fully connected layer every unit sees the whole input.
    """
    if not isinstance(model, L.Sequential):
        raise CnnvizError("explain.not_sequential", got=type(model).__name__)
    if not 0 <= layer_index < len(model):
        raise CnnvizError("explain.layer_index", n=len(model), value=layer_index)
    height, width = shapes.as_pair(input_size, "input_size", 1)
    upto = model.layers[:layer_index + 1]
    if any(layer_kind(layer) == "linear" for layer in upto):
        return (0, height, 0, width)
    specs = []
    for layer in upto:
        kind = layer_kind(layer)
        if kind == "flatten":
            if flat_shape is None or len(flat_shape) != 3:
                raise CnnvizError("explain.flat_shape")
            _, h, w = flat_shape
            row, col = divmod(int(row) % (h * w), w)
        elif kind in ("conv", "pool"):
            specs.append(layer)
    return shapes.receptive_field_box(specs, int(row), int(col))


def linear_contributions(weight_row, inputs, top: int = 12):
    """The terms of one fully connected unit ``y = Σ_i w_i a_i + b``, largest ``|w_i a_i|`` first.

    Parameters
    ----------
    weight_row : array_like, shape (n,)
        The unit's weights ``w``.
    inputs : array_like, shape (n,)
        The layer's input ``a``.
    top : int
        How many terms to return (≥ 1).

    Returns
    -------
    index : ndarray of int, shape (k,), k = min(top, n)
    products : ndarray, shape (k,)
        ``w[index] * a[index]``.
    positive, negative : float
        Sum of all positive and of all negative terms (their sum is ``Σ w_i a_i``).
    """
    w = np.asarray(weight_row, dtype=np.float64).ravel()
    a = np.asarray(inputs, dtype=np.float64).ravel()
    if w.shape != a.shape or w.size == 0:
        raise CnnvizError("explain.contribution_lengths", n=w.size, m=a.size)
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise CnnvizError("nn.positive_int", name="top", value=repr(top))
    products = w * a
    order = np.argsort(-np.abs(products), kind="stable")[:top]
    return order, products[order], float(products[products > 0].sum()), float(products[products < 0].sum())


def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks with ties given their average rank (as Spearman's ρ needs)."""
    order = np.argsort(values, kind="stable")
    ranks = np.empty(values.size)
    ranks[order] = np.arange(values.size, dtype=np.float64)
    unique, inverse = np.unique(values, return_inverse=True)
    if unique.size < values.size:
        sums = np.bincount(inverse, weights=ranks)
        counts = np.bincount(inverse)
        ranks = (sums / counts)[inverse]
    return ranks


def rank_correlation(a, b) -> float:
    """Spearman's rank correlation ρ between two maps of the same shape, in [-1, 1].

    ρ is the Pearson correlation of the values' ranks (ties share their average rank): 1 when the
    two maps order the pixels the same way, about 0 when they are unrelated. 0 when either map is
    constant (nothing to rank).
    """
    x = np.asarray(a, dtype=np.float64).ravel()
    y = np.asarray(b, dtype=np.float64).ravel()
    if x.shape != y.shape or x.size < 2:
        raise CnnvizError("explain.rank_shapes", a=np.shape(a), b=np.shape(b))
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise CnnvizError("explain.rank_finite")
    rx, ry = _ranks(x), _ranks(y)
    rx -= rx.mean()
    ry -= ry.mean()
    denominator = math.sqrt(float((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denominator) if denominator > 0 else 0.0

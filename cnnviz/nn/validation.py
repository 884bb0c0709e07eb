"""Argument checks shared by the library and the figure builders."""

from __future__ import annotations

import numpy as np

_RANK_WORDS = {1: "1-D sequence", 2: "2-D array"}

MAX_TYPED_MAGNITUDE = 1e6
"""The largest absolute value a reader may type (grids, kernels, lists of numbers).

Typed numbers feed sums of products over at most a few thousand terms; bounding each factor by
10**6 keeps every such sum finite (and printable) in float64, where 1e308 would overflow to inf."""


def real_array(value, name: str, ndim: int, *, finite: bool = True, axes: str = "") -> np.ndarray:
    """``value`` as a non-empty float64 array of rank ``ndim``, or ValueError naming ``name``.

    Parameters
    ----------
    value : array_like
    name : str
        How the message calls the argument.
    ndim : int
        Required number of dimensions.
    finite : bool
        Also refuse NaN and ±inf (figures pass False: NaN marks cells left blank).
    axes : str
        Axis names for the message, e.g. ``"(KH, KW)"``.
    """
    what = _RANK_WORDS.get(ndim, f"{ndim}-D array")
    shape_hint = f" {axes}" if axes else ""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a {what} of numbers{shape_hint}, got {type(value).__name__}") from error
    if array.ndim != ndim or array.size == 0:
        raise ValueError(f"{name} must be a non-empty {what}{shape_hint}, got shape {array.shape}")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain finite numbers only: replace NaN/inf entries")
    return array


def float_array(x, name: str) -> np.ndarray:
    """``x`` as a floating array (float64 for ints), or ValueError naming ``name``."""
    try:
        array = np.asarray(x)
    except (TypeError, ValueError) as error:  # pragma: no cover - numpy accepts nearly anything
        raise ValueError(f"{name} must be an array of real numbers") from error
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype.kind != "f":
        raise ValueError(f"{name} must hold real numbers, got dtype {array.dtype}")
    return array


def chw_array(value, name: str, what: str = "(C, H, W) or (H, W)") -> np.ndarray:
    """A 2-D or 3-D real array as a non-empty float64 (C, H, W) array (a 2-D one gets C = 1), or
    ValueError naming ``name`` and the shape ``what`` it should have."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a numeric array of shape {what}, got {type(value).__name__}") from error
    if array.ndim == 2:
        array = array[None]
    if array.ndim != 3:
        raise ValueError(f"{name} must have shape {what}, got shape {array.shape}")
    if min(array.shape) < 1:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array

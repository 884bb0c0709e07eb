"""Data augmentation: random small shifts and rotations of a batch of images (NumPy only).

Each image is resampled through the inverse of its own random transform,

    source = R(−θ) · (target − centre − shift) + centre,

with bilinear interpolation and 0 (the background of MNIST and of the strokes and shapes)
outside the image. Flips are left out on purpose: a mirrored 2, 3, 4, 5, 7 or 9 is not the same
digit, and a mirrored diagonal stroke is the other diagonal class.
"""

from __future__ import annotations

import math

import numpy as np

from cnnviz.errors import CnnvizError

MAX_SHIFT = 2
"""Largest shift in pixels, in each direction."""
MAX_DEGREES = 12.0
"""Largest rotation in degrees, either way."""


def transform_images(x: np.ndarray, angles_deg: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Rotate each image about its centre by ``angles_deg[n]`` (clockwise as drawn, rows down) and move it by
    ``shifts[n] = (dy, dx)`` pixels.

    Parameters
    ----------
    x : ndarray, shape (N, C, H, W)
    angles_deg : ndarray, shape (N,)
    shifts : ndarray, shape (N, 2)

    Returns
    -------
    ndarray, shape (N, C, H, W), dtype of ``x``
    """
    x = np.asarray(x)
    if x.ndim != 4:
        raise CnnvizError("train.batch_shape", shape=x.shape)
    n, _, height, width = x.shape
    angles = np.deg2rad(np.asarray(angles_deg, np.float64)).reshape(n, 1, 1)
    shifts = np.asarray(shifts, np.float64).reshape(n, 2)
    cy, cx = (height - 1) / 2, (width - 1) / 2
    rows, cols = np.meshgrid(np.arange(height, dtype=np.float64), np.arange(width, dtype=np.float64), indexing="ij")
    ty = rows[None] - cy - shifts[:, 0, None, None]  # (N, H, W) target coordinates relative to the centre
    tx = cols[None] - cx - shifts[:, 1, None, None]
    cos, sin = np.cos(angles), np.sin(angles)
    sy = cos * ty - sin * tx + cy  # (N, H, W) where each output pixel comes from
    sx = sin * ty + cos * tx + cx
    y0, x0 = np.floor(sy).astype(np.int64), np.floor(sx).astype(np.int64)
    wy, wx = sy - y0, sx - x0
    out = np.zeros(x.shape, np.float64)
    batch = np.arange(n)[:, None, None]
    for dy, dx, weight in ((0, 0, (1 - wy) * (1 - wx)), (0, 1, (1 - wy) * wx), (1, 0, wy * (1 - wx)),
                           (1, 1, wy * wx)):
        yy, xx = y0 + dy, x0 + dx
        inside = (yy >= 0) & (yy < height) & (xx >= 0) & (xx < width)
        values = x[batch, :, np.clip(yy, 0, height - 1), np.clip(xx, 0, width - 1)]  # (N, H, W, C)
        out += np.moveaxis(values * (weight * inside)[..., None], -1, 1)
    return out.astype(x.dtype, copy=False)


def augment_batch(x: np.ndarray, rng: np.random.Generator, max_shift: int = MAX_SHIFT,
                  max_degrees: float = MAX_DEGREES) -> np.ndarray:
    """A new copy of the batch, each image shifted by whole pixels in [−max_shift, max_shift] and
    rotated by an angle drawn uniformly from [−max_degrees, max_degrees]."""
    if not (isinstance(max_shift, (int, np.integer)) and max_shift >= 0):
        raise CnnvizError("train.max_shift", value=repr(max_shift))
    if not (math.isfinite(max_degrees) and 0 <= max_degrees <= 180):
        raise CnnvizError("train.max_degrees", value=repr(max_degrees))
    n = len(x)
    angles = rng.uniform(-max_degrees, max_degrees, n)
    shifts = rng.integers(-max_shift, max_shift + 1, (n, 2))
    return transform_images(x, angles, shifts)

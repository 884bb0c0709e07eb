"""Data files shipped inside the package: the MNIST subset (``mnist_5k.npz``), the pretrained
LeNet-5 (``lenet5_mnist.npz``) and the sample photos (``sample_<name>.png``).

They are package data (see ``pyproject.toml``), found through :mod:`importlib.resources`, so the
same code works from a checkout and from ``pip install .``. The scripts that made them live in
the top-level ``assets/`` folder of the repository and write here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_path(name: str) -> Path:
    """The file ``name`` of the shipped data (it may not exist until its script has run)."""
    return Path(str(resources.files(__name__).joinpath(name)))

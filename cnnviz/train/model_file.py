"""Model files: a trained network saved as ``.npz`` bytes, and read back safely.

A file holds the weights under PyTorch's names (``"0.weight"``, ...), the
:class:`~cnnviz.train.TrainConfig` that built the network as ``config.<field>`` entries, and
``format_version``. :func:`save_model_bytes` writes one; :func:`load_model_bytes` rebuilds
``(model, config)`` from trusted bytes (raising :class:`ModelFileError`);
:func:`read_model_file` is the guarded reader for uploads, raising :class:`ModelLoadProblem`,
which carries an i18n key (``text(lang)`` gives the translated message).
:func:`model_saver` and :func:`model_file_name` serve download buttons.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

import numpy as np

from cnnviz.i18n import t
from cnnviz.nn import layers as L
from cnnviz.train import TrainConfig, build_model, normalize_config
from cnnviz.train import datasets as cdata

FORMAT_VERSION = 1


def save_model_bytes(model: L.Sequential, config: TrainConfig) -> bytes:
    buffer = io.BytesIO()
    meta = {f"config.{k}": np.asarray(v) for k, v in asdict(config).items()}
    np.savez_compressed(buffer, format_version=np.asarray(FORMAT_VERSION), **meta, **model.state_dict())
    return buffer.getvalue()


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message says why and what to do."""


def load_model_bytes(blob: bytes, classes: int = 10, input_shape=(1, 28, 28)):
    """Rebuild ``(model, config)`` from :func:`save_model_bytes` output, or raise ModelFileError."""
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except Exception as error:  # zipfile / pickle / OS errors all mean "not our file"
        raise ModelFileError(f"this is not a cnnviz model file (.npz): {type(error).__name__}") from None
    if "format_version" not in arrays:
        raise ModelFileError("this .npz has no cnnviz model header: save a model from the Training Lab first")
    try:
        fields = {k[len("config."):]: arrays[k].item() for k in arrays if k.startswith("config.")}
        defaults = asdict(TrainConfig())
        typed = {k: type(defaults[k])(v) for k, v in fields.items() if k in defaults}
        config = replace(TrainConfig(), **typed).validate()
        model = build_model(config, input_shape, classes, np.random.default_rng(0))
        model.load_state_dict({k: v for k, v in arrays.items() if k != "format_version" and not k.startswith("config.")})
    except (ValueError, TypeError) as error:
        raise ModelFileError(f"the model file does not fit: {error}") from None
    return model, config




MAX_MODEL_BYTES = 20 * 1024 * 1024
"""Largest model file :func:`read_model_file` accepts (a LeNet-5 file is about 250 kB)."""


class ModelLoadProblem(ValueError):
    """A model file that cannot be used; ``key`` is an i18n key, ``text(lang)`` the message."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key = key
        self.fields = fields
        super().__init__(f"{key}: {fields}")

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.fields)


def read_model_file(blob: bytes, max_bytes: int = MAX_MODEL_BYTES):
    """Rebuild ``(model, config)`` from the bytes of a saved ``.npz``, or raise ModelLoadProblem.

    Checks, in order: empty file, size, readable ``.npz`` archive, cnnviz header, format version,
    then lets :func:`cnnviz.train.load_model_bytes` rebuild the network for the dataset named in
    the file (10 digit classes, or the shapes' classes) and check every array's name and shape.
    """
    blob = bytes(blob)
    if not blob:
        raise ModelLoadProblem("training.load_err_empty")
    if len(blob) > max_bytes:
        raise ModelLoadProblem("training.load_err_too_big", size_mb=f"{len(blob) / 2 ** 20:.1f}",
                               limit_mb=f"{max_bytes / 2 ** 20:.0f}")
    try:
        archive = np.load(io.BytesIO(blob), allow_pickle=False)
    except Exception:  # zip, pickle and OS errors all mean "not an .npz we can read"
        raise ModelLoadProblem("training.load_err_not_npz") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):  # a bare .npy array
        raise ModelLoadProblem("training.load_err_not_npz")
    try:
        with archive:
            arrays = {name: archive[name] for name in archive.files}  # reads (and CRC-checks) every entry
    except Exception:
        raise ModelLoadProblem("training.load_err_corrupt") from None
    version = arrays["format_version"].item() if "format_version" in arrays else None
    dataset = str(arrays["config.dataset"].item()) if "config.dataset" in arrays else "mnist"
    if version is None:
        raise ModelLoadProblem("training.load_err_no_header")
    if not isinstance(version, (int, np.integer)) or version > FORMAT_VERSION:
        raise ModelLoadProblem("training.load_err_version", version=version, supported=FORMAT_VERSION)
    classes = len(cdata.SHAPE_CLASSES) if dataset == "shapes" else len(cdata.MNIST_CLASS_NAMES)
    try:
        model, config = load_model_bytes(blob, classes=classes)
    except ModelFileError as error:
        raise ModelLoadProblem("training.load_err_mismatch", detail=str(error)) from None
    return model, normalize_config(config)


def model_saver(model: L.Sequential, config: TrainConfig, input_shape, classes: int) -> Callable[[], bytes]:
    """A zero-argument function giving the ``.npz`` bytes of ``model``'s weights as they are now.

    The weights are copied at once; the file itself is written only when the function is called
    (e.g. by a deferred download button), so training may go on meanwhile.
    """
    state = model.state_dict()

    def save() -> bytes:
        frozen = build_model(config, tuple(input_shape), classes, np.random.default_rng(0))
        frozen.load_state_dict(state)
        return save_model_bytes(frozen, config)

    return save


def model_file_name(config: TrainConfig, step: int) -> str:
    """A descriptive download name, e.g. ``cnnviz_lenet5_relu_mnist_step504.npz``."""
    return f"cnnviz_{config.model}_{config.activation}_{config.dataset}_step{int(step)}.npz"

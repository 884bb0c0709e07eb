"""Model files: a trained network saved as ``.npz`` bytes, and read back safely.

A file holds the weights under PyTorch's names (``"0.weight"``, ...), the
:class:`~cnnviz.train.TrainConfig` that built the network as ``config.<field>`` entries, and
``format_version``. :func:`save_model_bytes` writes one; :func:`load_model_bytes` rebuilds
``(model, config)`` for a given network size; :func:`read_model_file` is the reader for uploads
(size limit, classes from the file). Both raise :class:`ModelFileError`, a
:class:`~cnnviz.errors.CnnvizError` whose key says what is wrong with the file.
:func:`model_saver` and :func:`model_file_name` serve download buttons.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, replace

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import layers as L
from cnnviz.train import TrainConfig, build_model, normalize_config
from cnnviz.train import datasets as cdata

FORMAT_VERSION = 2
"""2: configs gained depth, residual, batchnorm, dropout, augment and val_size, and the files keep
batch norm's buffers. Version 1 files (none of these fields) still load with their defaults."""


def save_model_bytes(model: L.Sequential, config: TrainConfig) -> bytes:
    buffer = io.BytesIO()
    meta = {f"config.{k}": np.asarray(v) for k, v in asdict(config).items()}
    np.savez_compressed(buffer, format_version=np.asarray(FORMAT_VERSION), **meta, **model.state_dict())
    return buffer.getvalue()


MAX_MODEL_BYTES = 20 * 1024 * 1024
"""Largest model file :func:`read_model_file` accepts (a LeNet-5 file is about 250 kB)."""


class ModelFileError(CnnvizError):
    """A model file that cannot be used: ``key`` (``"training.load_err_not_npz"``, ...) and ``fields``."""


def _read_arrays(blob: bytes, max_bytes: int | None) -> dict[str, np.ndarray]:
    """Every array of a cnnviz model file, after the checks in :func:`read_model_file`'s order."""
    blob = bytes(blob)
    if not blob:
        raise ModelFileError("training.load_err_empty")
    if max_bytes is not None and len(blob) > max_bytes:
        raise ModelFileError("training.load_err_too_big", size_mb=f"{len(blob) / 2 ** 20:.1f}",
                             limit_mb=f"{max_bytes / 2 ** 20:.0f}")
    try:
        archive = np.load(io.BytesIO(blob), allow_pickle=False)
    except Exception:  # zip, pickle and OS errors all mean "not an .npz we can read"
        raise ModelFileError("training.load_err_not_npz") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):  # a bare .npy array
        raise ModelFileError("training.load_err_not_npz")
    try:
        with archive:
            arrays = {name: archive[name] for name in archive.files}  # reads (and CRC-checks) every entry
    except Exception:
        raise ModelFileError("training.load_err_corrupt") from None
    if "format_version" not in arrays:
        raise ModelFileError("training.load_err_no_header")
    version = arrays["format_version"].item()
    if not isinstance(version, (int, np.integer)) or version > FORMAT_VERSION:
        raise ModelFileError("training.load_err_version", version=version, supported=FORMAT_VERSION)
    return arrays


def _rebuild(arrays: dict[str, np.ndarray], classes: int, input_shape) -> tuple[L.Sequential, TrainConfig]:
    """The network and config a file's arrays describe, with every weight's name and shape checked."""
    try:
        fields = {k[len("config."):]: arrays[k].item() for k in arrays if k.startswith("config.")}
        defaults = asdict(TrainConfig())
        typed = {k: type(defaults[k])(v) for k, v in fields.items() if k in defaults}
        config = replace(TrainConfig(), **typed).validate()
        model = build_model(config, input_shape, classes, np.random.default_rng(0))
        model.load_state_dict({k: v for k, v in arrays.items() if k != "format_version" and not k.startswith("config.")})
    except (ValueError, TypeError) as error:
        raise ModelFileError("training.load_err_mismatch", detail=str(error)) from None
    return model, config


def load_model_bytes(blob: bytes, classes: int = 10, input_shape=(1, 28, 28)) -> tuple[L.Sequential, TrainConfig]:
    """Rebuild ``(model, config)`` from :func:`save_model_bytes` output for a network with
    ``classes`` outputs and ``input_shape`` (C, H, W) inputs, or raise :class:`ModelFileError`."""
    return _rebuild(_read_arrays(blob, None), classes, input_shape)


def read_model_file(blob: bytes, max_bytes: int = MAX_MODEL_BYTES) -> tuple[L.Sequential, TrainConfig]:
    """Rebuild ``(model, config)`` from the bytes of an uploaded ``.npz``, or raise :class:`ModelFileError`.

    Checks, in order: empty file, size, readable ``.npz`` archive, cnnviz header, format version,
    then rebuilds the network for the dataset named in the file (10 digit classes, or the shapes'
    classes) and checks every array's name and shape. The config comes back normalised
    (:func:`cnnviz.train.normalize_config`).
    """
    arrays = _read_arrays(blob, max_bytes)
    dataset = str(arrays["config.dataset"].item()) if "config.dataset" in arrays else "mnist"
    classes = len(cdata.SHAPE_CLASSES) if dataset == "shapes" else len(cdata.MNIST_CLASS_NAMES)
    model, config = _rebuild(arrays, classes, (1, 28, 28))
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

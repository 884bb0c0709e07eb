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
import math
import zipfile
from collections.abc import Callable
from dataclasses import asdict, replace

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import layers as L
from cnnviz.train import DATASETS, TrainConfig, build_model, classroom_problem, normalize_config
from cnnviz.train import datasets as cdata

FORMAT_VERSION = 2
"""2: configs gained depth, residual, batchnorm, dropout, augment and val_size, and the files keep
batch norm's buffers. Version 1 files (none of these fields) still load with their defaults."""


def save_model_bytes(model: L.Sequential, config: TrainConfig) -> bytes:
    buffer = io.BytesIO()
    meta = {f"config.{k}": np.asarray(v) for k, v in asdict(config).items()}
    np.savez_compressed(buffer, format_version=np.asarray(FORMAT_VERSION), **meta, **model.state_dict())
    return buffer.getvalue()


MAX_MODEL_BYTES = 8 * 1024 * 1024
"""Largest model file :func:`read_model_file` accepts (a LeNet-5 file is about 250 kB, the largest
network the Training Lab offers about 2 MB)."""
MAX_ARRAYS = 64
"""Most entries an uploaded archive may hold (a model file has about 30)."""
MAX_ARRAY_BYTES = 8 * 1024 * 1024
"""Largest size one entry may declare (its ``.npy`` header's shape × item size, and its unpacked size)."""
MAX_TOTAL_BYTES = 16 * 1024 * 1024
"""Largest unpacked size of all entries together: nothing bigger is ever decompressed or allocated."""
MAX_WEIGHT = 1e4
"""Largest absolute weight accepted; trained networks stay far below (LeNet-5's are below 2)."""
_ARRAY_KINDS = "fiub"  # float, int, unsigned, bool; "U" (text) only for config entries
_MAX_TEXT_CHARS = 32


class ModelFileError(CnnvizError):
    """A model file that cannot be used: ``key`` (``"training.load_err_not_npz"``, ...) and ``fields``."""


def _entry_header(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[tuple, np.dtype]:
    """The shape and dtype an entry's ``.npy`` header declares, read without unpacking its data."""
    with archive.open(info) as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_1_0(member, max_header_size=1024)
        elif version == (2, 0):
            shape, _fortran, dtype = np.lib.format.read_array_header_2_0(member, max_header_size=1024)
        else:
            raise ValueError(f"unsupported .npy version {version}")
    return shape, dtype


def _read_arrays(blob: bytes, max_bytes: int | None) -> dict[str, np.ndarray]:
    """Every array of a cnnviz model file, after the checks in :func:`read_model_file`'s order.

    Sizes are checked before anything is unpacked: the number of entries, each entry's unpacked
    size as the archive declares it (reading never unpacks more than that) and as its ``.npy``
    header declares it (shape × item size), and the total; object arrays (pickles) are refused.
    """
    blob = bytes(blob)
    if not blob:
        raise ModelFileError("training.load_err_empty")
    if max_bytes is not None and len(blob) > max_bytes:
        raise ModelFileError("training.load_err_too_big", size_mb=f"{len(blob) / 2 ** 20:.1f}",
                             limit_mb=f"{max_bytes / 2 ** 20:.0f}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
        entries = archive.infolist()
    except Exception:  # not a zip (a bare .npy, a picture, text ...)
        raise ModelFileError("training.load_err_not_npz") from None
    with archive:
        if len(entries) > MAX_ARRAYS:
            raise ModelFileError("training.load_err_too_many_entries", count=len(entries), limit=MAX_ARRAYS)
        if not entries or any(not info.filename.endswith(".npy") or info.is_dir() for info in entries):
            raise ModelFileError("training.load_err_not_npz")
        total = sum(info.file_size for info in entries)
        biggest = max(entries, key=lambda info: info.file_size)
        if biggest.file_size > MAX_ARRAY_BYTES + 4096 or total > MAX_TOTAL_BYTES:
            raise ModelFileError("training.load_err_unpacks_too_big", size_mb=f"{total / 2 ** 20:,.0f}",
                                 limit_mb=f"{MAX_TOTAL_BYTES / 2 ** 20:.0f}")
        declared = {}
        try:
            for info in entries:
                declared[info.filename[:-4]] = _entry_header(archive, info)
        except Exception:
            raise ModelFileError("training.load_err_corrupt") from None
        for name, (shape, dtype) in declared.items():
            nbytes = math.prod(shape) * dtype.itemsize  # Python ints: no overflow
            if dtype.hasobject or dtype.kind not in _ARRAY_KINDS + "U" or dtype.fields is not None:
                raise ModelFileError("training.load_err_dtype", name=name, dtype=str(dtype))
            if nbytes > MAX_ARRAY_BYTES:
                raise ModelFileError("training.load_err_unpacks_too_big", size_mb=f"{nbytes / 2 ** 20:,.0f}",
                                     limit_mb=f"{MAX_ARRAY_BYTES / 2 ** 20:.0f}")
        arrays = {}
        try:
            for info in entries:
                with archive.open(info) as member:
                    arrays[info.filename[:-4]] = np.lib.format.read_array(member, allow_pickle=False)
        except Exception:  # CRC errors, truncated data, a header that lies about the data
            raise ModelFileError("training.load_err_corrupt") from None
    if "format_version" not in arrays:
        raise ModelFileError("training.load_err_no_header")
    version = arrays["format_version"]
    if version.ndim != 0 or version.dtype.kind not in "iu" or not 1 <= int(version) <= FORMAT_VERSION:
        raise ModelFileError("training.load_err_version", version=_shown(version), supported=FORMAT_VERSION)
    return arrays


def _shown(array: np.ndarray) -> str:
    """A short text of a value from a file, for a message."""
    text = np.array2string(array, threshold=4, max_line_width=60) if array.ndim else str(array.item())
    return text if len(text) <= 40 else text[:39] + "…"


def _config_from(arrays: dict[str, np.ndarray], classroom: bool) -> TrainConfig:
    """The :class:`TrainConfig` a file's ``config.*`` entries give: each a scalar of its field's type
    and, when ``classroom``, within the ranges the Training Lab offers
    (:data:`cnnviz.train.CLASSROOM_LIMITS`)."""
    defaults = asdict(TrainConfig())
    values = {}
    for key, array in arrays.items():
        if not key.startswith("config."):
            continue
        name = key[len("config."):]
        if name not in defaults:
            continue  # a field of a later version: ignored
        kind = type(defaults[name])
        ok = array.ndim == 0 and (
            (kind is bool and array.dtype.kind == "b")
            or (kind is int and array.dtype.kind in "iu")
            or (kind is float and array.dtype.kind in "fiu" and math.isfinite(float(array)))
            or (kind is str and array.dtype.kind == "U" and array.dtype.itemsize <= 4 * _MAX_TEXT_CHARS))
        if not ok:
            raise ModelFileError("training.load_err_setting", name=name, value=_shown(array))
        values[name] = kind(array.item())
    config = replace(TrainConfig(), **values)
    outside = classroom_problem(config) if classroom else None
    if outside is not None:
        name, value, low, high = outside
        raise ModelFileError("training.load_err_out_of_range", name=name, value=f"{value:g}" if isinstance(value, float)
                             else str(value), low=f"{low:g}", high=f"{high:g}")
    try:
        return config.validate()
    except CnnvizError as error:  # each value fine, but not together (e.g. a residual stack of odd depth)
        raise ModelFileError("training.load_err_settings", reason=error) from None
    except ValueError:  # no library reason to show
        raise ModelFileError("training.load_err_corrupt") from None


def _rebuild(arrays: dict[str, np.ndarray], classes: int, input_shape,
             classroom: bool = False) -> tuple[L.Sequential, TrainConfig]:
    """The network and config a file's arrays describe, with every weight's name, shape and size checked."""
    config = _config_from(arrays, classroom)
    weights = {k: v for k, v in arrays.items() if k != "format_version" and not k.startswith("config.")}
    for name, array in weights.items():
        if array.dtype.kind not in "fiu":
            raise ModelFileError("training.load_err_dtype", name=name, dtype=str(array.dtype))
        if not np.all(np.isfinite(array)) or (array.size and np.max(np.abs(array)) > MAX_WEIGHT):
            raise ModelFileError("training.load_err_weights", name=name, limit=f"{MAX_WEIGHT:g}")
    try:
        model = build_model(config, input_shape, classes, np.random.default_rng(0))
        model.load_state_dict(weights)
    except CnnvizError as error:  # a name or shape the network does not have: the reason, translated at the edge
        raise ModelFileError("training.load_err_mismatch", detail=error) from None
    except (ValueError, TypeError, KeyError):  # no library reason to show
        raise ModelFileError("training.load_err_corrupt") from None
    _check_probe(model, input_shape)
    return model, config


def _check_probe(model: L.Sequential, input_shape) -> None:
    """Refuse a network whose outputs on a probe batch (blank, mid-grey, noise) are not finite."""
    rng = np.random.default_rng(0)
    probe = np.stack([np.zeros(input_shape), np.full(input_shape, 0.5), rng.random(input_shape)]).astype(np.float32)
    with np.errstate(all="ignore"), L.eval_mode(model):  # eval: batch norm must not learn from the probe
        logits = model.forward(probe)
        shifted = logits - logits.max(axis=1, keepdims=True)
    if not (np.all(np.isfinite(logits)) and np.all(np.isfinite(shifted))):
        raise ModelFileError("training.load_err_not_finite")


def load_model_bytes(blob: bytes, classes: int = 10, input_shape=(1, 28, 28)) -> tuple[L.Sequential, TrainConfig]:
    """Rebuild ``(model, config)`` from :func:`save_model_bytes` output for a network with
    ``classes`` outputs and ``input_shape`` (C, H, W) inputs, or raise :class:`ModelFileError`."""
    return _rebuild(_read_arrays(blob, None), classes, input_shape)


def read_model_file(blob: bytes, max_bytes: int = MAX_MODEL_BYTES) -> tuple[L.Sequential, TrainConfig]:
    """Rebuild ``(model, config)`` from the bytes of an uploaded ``.npz``, or raise :class:`ModelFileError`.

    Checks, in order: empty file, size, readable archive, entry count and unpacked sizes (declared,
    before anything is unpacked), entry types, cnnviz header, format version, each setting (a scalar
    of its type within the Training Lab's ranges), every weight finite and below
    :data:`MAX_WEIGHT`; then rebuilds the network for the dataset named in the file (10 digit
    classes, or the shapes' classes), checks every array's name and shape, and runs a probe batch
    whose outputs must be finite. Any other failure while reading is reported as a damaged file
    (``training.load_err_corrupt``), never raised as is. The config comes back normalised
    (:func:`cnnviz.train.normalize_config`).
    """
    try:
        arrays = _read_arrays(blob, max_bytes)
        dataset = arrays.get("config.dataset", np.asarray("mnist"))
        if dataset.ndim != 0 or str(dataset.item()) not in DATASETS:
            raise ModelFileError("training.load_err_setting", name="dataset", value=_shown(dataset))
        classes = len(cdata.SHAPE_CLASSES) if str(dataset.item()) == "shapes" else len(cdata.MNIST_CLASS_NAMES)
        model, config = _rebuild(arrays, classes, (1, 28, 28), classroom=True)
        return model, normalize_config(config)
    except ModelFileError:
        raise
    except Exception:  # MemoryError, OverflowError, anything a malformed file provokes
        raise ModelFileError("training.load_err_corrupt") from None


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

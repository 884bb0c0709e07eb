"""What the Convolution Lab convolves: kernel presets, input presets, typed grids, filter banks.

Pure NumPy helpers (Pillow only through :func:`cnnviz.images.resize_to`) behind the Convolution Lab
page, each usable and tested on its own:

- :func:`kernel_preset` — the classic image kernels (identity, box blur, Gaussian, Sobel x/y,
  Laplacian, sharpen, emboss) and the course's ``[[1,0,1],[0,1,0],[1,0,1]]``; identity, box and
  Gaussian come in any ``Kh × Kw``.
- :func:`input_preset` — the 5×5 binary image of the course notes, its 3×3 ramp example, a step
  edge, a diagonal line, a checkerboard, and :func:`image_grid` for an MNIST digit or a photo
  shrunk to a few pixels a side.
- :func:`parse_grid`, :func:`parse_kernel`, :func:`format_grid` — grids typed as text
  (``"1 0 1; 0 1 0; 1 0 1"``); mistakes raise :class:`GridParseError`, whose ``key`` and
  ``fields`` give a translated explanation.
- :func:`channel_stack`, :func:`filter_bank`, :func:`convolve` — several input channels, ``Co``
  filters of ``Ci`` slices each, and the convolution itself (``cnnviz.nn.functional.conv2d`` on the
  padded input, so every number is the library's).
- :func:`lab_ranges` — slider ranges for one axis, from :func:`cnnviz.nn.shapes.valid_conv_ranges`
  with the lab's caps, so the page's state stays valid.

Grids are float64 ``(H, W)`` arrays, row 0 at the top. Padding is given per side
``(top, bottom, left, right)`` as :func:`cnnviz.lessons.trace.resolve_conv_padding` returns it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import functional as F
from cnnviz.nn import shapes
from cnnviz.nn.validation import MAX_TYPED_MAGNITUDE

__all__ = [
    "KERNEL_PRESETS", "SIZABLE_KERNELS", "INPUT_PRESETS", "SIZED_INPUTS",
    "COURSE_IMAGE", "COURSE_KERNEL", "COURSE_OUTPUT", "RAMP_IMAGE", "RAMP_KERNEL", "RAMP_OUTPUT",
    "MAX_KERNEL_SIDE", "MAX_GRID_SIDE", "MAX_CHANNELS", "MAX_STRIDE", "MAX_DILATION",
    "kernel_preset", "input_preset", "image_grid", "scaled_shape",
    "GridParseError", "parse_grid", "parse_kernel", "format_grid", "format_kernel",
    "rotate_180", "is_rotation_symmetric", "channel_stack", "filter_bank", "convolve", "channel_partials",
    "AxisRanges", "lab_ranges",
]

KERNEL_PRESETS = ("course", "identity", "box", "gaussian", "sobel_x", "sobel_y", "laplacian", "sharpen",
                  "emboss", "ramp2")
"""Kernel preset names; "course" is ``[[1,0,1],[0,1,0],[1,0,1]]``, "ramp2" the course's ``[[0,1],[2,3]]``."""

SIZABLE_KERNELS = ("identity", "box", "gaussian")
"""Presets that exist in any ``Kh × Kw``; the others have the size they are known by."""

INPUT_PRESETS = ("course", "ramp", "edge", "diagonal", "checker")
"""Input presets: the course's 5×5 binary image and 3×3 ramp, and three patterns of any size."""

SIZED_INPUTS = ("edge", "diagonal", "checker")
"""Input presets whose size can be chosen."""

MAX_KERNEL_SIDE = 7
"""Largest kernel side the lab offers (typed kernels included)."""

MAX_GRID_SIDE = 16
"""Largest side of an input the lab animates (and of a typed input grid)."""

MAX_CHANNELS = 4
"""Most input channels and most filters in the lab (the animation draws up to 4 channel rows)."""

MAX_STRIDE = 4
MAX_DILATION = 4

COURSE_IMAGE = np.array([
    [1, 1, 1, 0, 0],
    [0, 1, 1, 1, 0],
    [0, 0, 1, 1, 1],
    [0, 0, 1, 1, 0],
    [0, 1, 1, 0, 0],
], dtype=np.float64)
"""The 5×5 binary image of the course notes."""

COURSE_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=np.float64)
"""The course's 3×3 kernel; ``COURSE_IMAGE`` ⊛ it = :data:`COURSE_OUTPUT`."""

COURSE_OUTPUT = np.array([[4, 3, 4], [2, 4, 3], [2, 3, 4]], dtype=np.float64)

RAMP_IMAGE = np.arange(9, dtype=np.float64).reshape(3, 3)
"""The course's second example, ``[[0,1,2],[3,4,5],[6,7,8]]``."""

RAMP_KERNEL = np.array([[0, 1], [2, 3]], dtype=np.float64)

RAMP_OUTPUT = np.array([[19, 25], [37, 43]], dtype=np.float64)

_FIXED_KERNELS = {
    "course": COURSE_KERNEL,
    "sobel_x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64),
    "sobel_y": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=np.float64),
    "laplacian": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=np.float64),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=np.float64),
    "emboss": np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=np.float64),
    "ramp2": RAMP_KERNEL,
}

_ROW_SPLIT = re.compile(r"[;\n]+")
_VALUE_SPLIT = re.compile(r"[,\s]+")
_SLICE_SPLIT = "|"


def _side(value, name: str, low: int, high: int) -> int:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return int(value)


def _size_pair(size, name: str, low: int, high: int) -> tuple[int, int]:
    pair = shapes.as_pair(size, name, low)
    return _side(pair[0], name, low, high), _side(pair[1], name, low, high)


# ---------------------------------------------------------------------------------------------
# kernels
# ---------------------------------------------------------------------------------------------

def _binomial(n: int) -> np.ndarray:
    """Row ``n - 1`` of Pascal's triangle: ``[1, 2, 1]`` for ``n = 3``."""
    row = np.ones(1)
    for _ in range(n - 1):
        row = np.convolve(row, [1.0, 1.0])
    return row


def kernel_preset(name: str, size=3) -> np.ndarray:
    """A named kernel.

    Parameters
    ----------
    name : str
        One of :data:`KERNEL_PRESETS`:

        - "identity": 1 in the centre (the upper-left of the centre for even sides), 0 elsewhere;
          the output copies the input.
        - "box": every weight ``1 / (Kh·Kw)``, the plain average (box blur).
        - "gaussian": the binomial kernel ``b_h b_wᵀ / sum`` (``[1,2,1]ᵀ[1,2,1] / 16`` at 3×3),
          the integer approximation of a Gaussian blur with σ² = (K−1)/4.
        - "sobel_x" / "sobel_y": horizontal / vertical intensity change (responds to vertical /
          horizontal edges).
        - "laplacian": ``[[0,1,0],[1,-4,1],[0,1,0]]``, second derivative: 0 on flat and linear
          regions.
        - "sharpen": identity plus the negative Laplacian.
        - "emboss": a diagonal derivative plus the identity (a relief look).
        - "course": ``[[1,0,1],[0,1,0],[1,0,1]]``; "ramp2": ``[[0,1],[2,3]]``.
    size : int or (int, int)
        ``Kh × Kw`` for the presets in :data:`SIZABLE_KERNELS` (1 .. :data:`MAX_KERNEL_SIDE`);
        ignored by the others, which have their own size.

    Returns
    -------
    ndarray, shape (Kh, Kw), float64
        A fresh array.
    """
    if name in _FIXED_KERNELS:
        return _FIXED_KERNELS[name].copy()
    if name not in SIZABLE_KERNELS:
        raise ValueError(f"kernel preset must be one of {KERNEL_PRESETS}, got {name!r}")
    kh, kw = _size_pair(size, "kernel size", 1, MAX_KERNEL_SIDE)
    if name == "identity":
        kernel = np.zeros((kh, kw))
        kernel[(kh - 1) // 2, (kw - 1) // 2] = 1.0
        return kernel
    if name == "box":
        return np.full((kh, kw), 1.0 / (kh * kw))
    outer = np.outer(_binomial(kh), _binomial(kw))  # (Kh, Kw)
    return outer / outer.sum()


def rotate_180(kernel) -> np.ndarray:
    """The kernel turned half a circle: ``kernel[::-1, ::-1]`` on the last two axes (a copy).

    Convolution in the mathematical sense is cross-correlation with this rotated kernel.
    """
    array = np.asarray(kernel, dtype=np.float64)
    if array.ndim < 2:
        raise ValueError(f"kernel must have at least 2 dimensions (..., Kh, Kw), got shape {array.shape}")
    return array[..., ::-1, ::-1].copy()


def is_rotation_symmetric(kernel, tol: float = 1e-12) -> bool:
    """Whether turning the kernel by 180° leaves it unchanged (then convolution and
    cross-correlation give the same output)."""
    array = np.asarray(kernel, dtype=np.float64)
    return bool(np.allclose(array, rotate_180(array), rtol=0.0, atol=tol))


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def input_preset(name: str, size=7) -> np.ndarray:
    """A named input grid.

    Parameters
    ----------
    name : str
        One of :data:`INPUT_PRESETS`: "course" (the 5×5 binary image of the course notes),
        "ramp" (``[[0,1,2],[3,4,5],[6,7,8]]``), "edge" (a vertical step edge: 0 on the left
        half, 1 on the right), "diagonal" (1 on the main diagonal), "checker" (alternating 0 and
        1 pixels, 1 at the top-left).
    size : int or (int, int)
        ``H × W`` of the patterns in :data:`SIZED_INPUTS`, 2 .. :data:`MAX_GRID_SIDE` (ignored by
        "course" and "ramp").

    Returns
    -------
    ndarray, shape (H, W), float64
    """
    if name == "course":
        return COURSE_IMAGE.copy()
    if name == "ramp":
        return RAMP_IMAGE.copy()
    if name not in SIZED_INPUTS:
        raise ValueError(f"input preset must be one of {INPUT_PRESETS}, got {name!r}")
    h, w = _size_pair(size, "input size", 2, MAX_GRID_SIDE)
    rows, cols = np.indices((h, w))  # (H, W) each
    if name == "edge":
        return (cols >= w // 2).astype(np.float64)
    if name == "diagonal":
        return (rows == cols).astype(np.float64)
    return ((rows + cols) % 2 == 0).astype(np.float64)


def scaled_shape(height: int, width: int, longest: int, shortest: int = 2) -> tuple[int, int]:
    """``(h, w)`` with the aspect ratio of ``height × width`` and the longer side ``longest``.

    The shorter side is rounded and kept at least ``shortest``.
    """
    height = _side(height, "height", 1, 10**6)
    width = _side(width, "width", 1, 10**6)
    longest = _side(longest, "longest", 1, 10**6)
    scale = longest / max(height, width)
    h = max(shortest, min(longest, round(height * scale)))
    w = max(shortest, min(longest, round(width * scale)))
    return (longest, w) if height >= width else (h, longest)


def image_grid(image, longest: int, decimals: int = 2) -> np.ndarray:
    """A picture shrunk to a grid of a few numbers a side (area averaging), for the animation.

    Parameters
    ----------
    image : ndarray, shape (H, W) or (H, W, C), float in [0, 1]
        A digit, a photo (C channels, e.g. RGB).
    longest : int
        The longer side of the result, 2 .. :data:`MAX_GRID_SIDE`; the aspect ratio is kept.
    decimals : int
        Values are rounded to this many decimals, so the numbers in the cells stay short.

    Returns
    -------
    ndarray, shape (h, w) or (C, h, w), float64 in [0, 1]
        Channels first, as the convolution wants them.
    """
    array = np.asarray(image)
    if array.ndim not in (2, 3) or min(array.shape[:2]) < 1:
        raise ValueError(f"image must have shape (H, W) or (H, W, C), got {array.shape}")
    longest = _side(longest, "longest", 2, MAX_GRID_SIDE)
    size = scaled_shape(array.shape[0], array.shape[1], longest)
    from cnnviz import images  # Pillow, only when a photo is shrunk

    small = images.resize_to(np.asarray(array, dtype=np.float32), size, resample="box")  # (h, w[, C])
    small = np.round(np.clip(small.astype(np.float64), 0.0, 1.0), decimals)
    return small if small.ndim == 2 else small.transpose(2, 0, 1)  # (C, h, w)


# ---------------------------------------------------------------------------------------------
# typed grids
# ---------------------------------------------------------------------------------------------

class GridParseError(CnnvizError):
    """A typed grid that cannot be read: ``key`` (``"grid.not_number"``, ...) and ``fields``."""


def _parse_rows(text: str, slice_no: int | None) -> list[list[float]]:
    rows: list[list[float]] = []
    for line in _ROW_SPLIT.split(text):
        tokens = [token for token in _VALUE_SPLIT.split(line.strip()) if token]
        if not tokens:
            continue
        values = []
        for token in tokens:
            shown = token if len(token) <= 12 else token[:11] + "…"
            try:
                value = float(token.replace("−", "-"))
            except ValueError:
                raise GridParseError("grid.not_number", token=shown, row=len(rows) + 1) from None
            if not math.isfinite(value):
                raise GridParseError("grid.not_finite", token=shown, row=len(rows) + 1)
            if abs(value) > MAX_TYPED_MAGNITUDE:
                raise GridParseError("grid.too_large", token=shown, row=len(rows) + 1,
                                     limit=f"{MAX_TYPED_MAGNITUDE:,.0f}")
            values.append(value)
        if rows and len(values) != len(rows[0]):
            raise GridParseError("grid.ragged", row=len(rows) + 1, count=len(values), first=len(rows[0]))
        rows.append(values)
    if not rows:
        if slice_no is not None:
            raise GridParseError("grid.empty_slice", slice=slice_no)
        raise GridParseError("grid.empty")
    return rows


def parse_grid(text: str, max_side: int = MAX_GRID_SIDE) -> np.ndarray:
    """Read a grid of numbers typed as text.

    Rows are separated by ``;`` or new lines, values by spaces or commas; blank rows are
    ignored and the minus sign may be ``-`` or ``−``: ``"1 0 1; 0 1 0; 1 0 1"``.

    Parameters
    ----------
    text : str
    max_side : int
        Most rows and most columns allowed.

    Returns
    -------
    ndarray, shape (rows, cols), float64

    Raises
    ------
    GridParseError
        Empty text (``grid.empty``), a value that is not a number (``not_number``,
        fields ``token``, ``row``) or not finite (``not_finite``), rows of different lengths
        (``ragged``, fields ``row``, ``count``, ``first``), more than ``max_side`` rows or
        columns (``too_big``, fields ``rows``, ``cols``, ``limit``).
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    grid = np.array(_parse_rows(text, None), dtype=np.float64)
    if max(grid.shape) > max_side:
        raise GridParseError("grid.too_big", rows=grid.shape[0], cols=grid.shape[1], limit=max_side)
    return grid


def parse_kernel(text: str, max_side: int = MAX_KERNEL_SIDE, max_slices: int = MAX_CHANNELS) -> np.ndarray:
    """Read a kernel typed as text: one grid, or one slice per input channel separated by ``|``.

    ``"1 0; 0 1"`` is a 2×2 kernel; ``"1 0; 0 1 | 0 1; 1 0"`` has two slices, for an input with
    two channels. Each slice is read as by :func:`parse_grid`.

    Returns
    -------
    ndarray, shape (S, Kh, Kw), float64
        ``S`` slices (1 when no ``|`` is typed).

    Raises
    ------
    GridParseError
        As :func:`parse_grid` (keys ``grid.*``); also a slice of another size than the
        first (``slice_shape``, fields ``slice``, ``shape``, ``first``), an empty slice
        (``empty_slice``), more than ``max_slices`` slices (``too_many_slices``).
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    parts = text.split(_SLICE_SPLIT)
    if len(parts) > max_slices:
        raise GridParseError("grid.too_many_slices", count=len(parts), limit=max_slices)
    if len(parts) == 1:
        grid = np.array(_parse_rows(parts[0], None), dtype=np.float64)
        slices = [grid]
    else:
        slices = [np.array(_parse_rows(part, number), dtype=np.float64) for number, part in enumerate(parts, 1)]
    for number, grid in enumerate(slices, 1):
        if grid.shape != slices[0].shape:
            raise GridParseError("grid.slice_shape", slice=number, shape=_shape_text(grid.shape),
                                 first=_shape_text(slices[0].shape))
    if max(slices[0].shape) > max_side:
        raise GridParseError("grid.too_big", rows=slices[0].shape[0], cols=slices[0].shape[1],
                             limit=max_side)
    return np.stack(slices)  # (S, Kh, Kw)


def _shape_text(shape) -> str:
    return f"{shape[0]}×{shape[1]}"


def _number(value: float) -> str:
    """A number as typed: integers without ".0", others with up to 4 significant digits."""
    value = float(value)
    if value == int(value) and abs(value) < 1e9:
        return str(int(value))
    return f"{value:.4g}"


def format_grid(grid) -> str:
    """A grid as text that :func:`parse_grid` reads back: one row per line, values by spaces.

    Integers are written without decimals, other values with 4 significant digits
    (``format_grid([[0.0625, 0.125]])`` → ``"0.0625 0.125"``).
    """
    array = np.asarray(grid, dtype=np.float64)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"grid must be a non-empty 2-D array, got shape {array.shape}")
    return "\n".join(" ".join(_number(v) for v in row) for row in array)


def format_kernel(kernel) -> str:
    """A kernel ``(Kh, Kw)`` or its slices ``(S, Kh, Kw)`` as text for :func:`parse_kernel`."""
    array = np.asarray(kernel, dtype=np.float64)
    if array.ndim == 2:
        return format_grid(array)
    if array.ndim != 3 or array.shape[0] < 1:
        raise ValueError(f"kernel must have shape (Kh, Kw) or (S, Kh, Kw), got {array.shape}")
    return "\n|\n".join(format_grid(piece) for piece in array)


# ---------------------------------------------------------------------------------------------
# channels and filters
# ---------------------------------------------------------------------------------------------

def _variant(grid: np.ndarray, index: int, rotate: bool) -> np.ndarray:
    """Variant ``index`` of a grid: turned by ``index`` quarter turns clockwise (square grids
    when ``rotate``), else flipped (0 as is, 1 left-right, 2 up-down, 3 both)."""
    index %= 4
    if rotate and grid.shape[-1] == grid.shape[-2]:
        return np.rot90(grid, k=-index, axes=(-2, -1)).copy()
    flips = [(), (-1,), (-2,), (-2, -1)][index]
    return np.flip(grid, axis=flips).copy() if flips else grid.copy()


def channel_stack(grid, channels: int) -> np.ndarray:
    """A single-channel input made into ``channels`` channels, for the multi-channel view.

    Channel 1 is ``grid``, channel 2 it mirrored left-right, channel 3 upside down, channel 4
    both — different but related pictures, so every channel's contribution can be followed.

    Parameters
    ----------
    grid : array_like, shape (H, W)
    channels : int
        1 .. :data:`MAX_CHANNELS`.

    Returns
    -------
    ndarray, shape (channels, H, W), float64
    """
    array = np.asarray(grid, dtype=np.float64)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"grid must be a non-empty 2-D array, got shape {array.shape}")
    channels = _side(channels, "channels", 1, MAX_CHANNELS)
    return np.stack([_variant(array, c, rotate=False) for c in range(channels)])  # (C, H, W)


def filter_bank(kernel, out_channels: int, in_channels: int) -> np.ndarray:
    """The weight of a conv layer with ``out_channels`` filters built from one kernel.

    Filter 1 is the kernel; for a square kernel filter ``o`` is it turned by ``o − 1`` quarter
    turns clockwise (Sobel x → its 90° turn → −Sobel x → ...), for a rectangular one it is
    mirrored (left-right, up-down, both). A variant equal to an earlier filter is skipped, so the
    filters always differ: a symmetric kernel (the course's ``[[1,0,1],[0,1,0],[1,0,1]]`` looks the
    same turned or mirrored) continues with its transposes and its cyclic shifts by one column,
    one row, ..., then its negative and multiples (a constant kernel). Each filter has one slice
    per input channel: the kernel's own slices when it has ``in_channels`` of them, else its
    (single) slice repeated.

    Parameters
    ----------
    kernel : array_like, shape (Kh, Kw) or (S, Kh, Kw)
        ``S`` is 1 or ``in_channels``.
    out_channels, in_channels : int
        1 .. :data:`MAX_CHANNELS` (``in_channels`` up to 4 as well).

    Returns
    -------
    ndarray, shape (out_channels, in_channels, Kh, Kw), float64
        torch's ``Conv2d.weight`` layout.
    """
    array = np.asarray(kernel, dtype=np.float64)
    if array.ndim == 2:
        array = array[None]
    if array.ndim != 3 or array.size == 0:
        raise ValueError(f"kernel must have shape (Kh, Kw) or (S, Kh, Kw), got {array.shape}")
    out_channels = _side(out_channels, "out_channels", 1, MAX_CHANNELS)
    in_channels = _side(in_channels, "in_channels", 1, MAX_CHANNELS)
    if array.shape[0] not in (1, in_channels):
        raise ValueError(
            f"kernel has {array.shape[0]} slices but the input has {in_channels} channels: "
            f"give 1 slice (used for every channel) or {in_channels}"
        )
    slices = np.broadcast_to(array, (in_channels,) + array.shape[1:])  # (Ci, Kh, Kw)
    filters = []
    for candidate in _filter_candidates(slices, out_channels):
        if not any(np.array_equal(candidate, kept) for kept in filters):
            filters.append(candidate)
            if len(filters) == out_channels:
                break
    return np.stack(filters)  # (Co, Ci, Kh, Kw)


def _filter_candidates(slices: np.ndarray, count: int):
    """Kernels for :func:`filter_bank`, in order of preference (turns, mirrors, shifts, signs, scales)."""
    yield from (_variant(slices, o, rotate=True) for o in range(4))
    yield from (_variant(slices, o, rotate=False) for o in range(1, 4))
    if slices.shape[-1] == slices.shape[-2]:
        yield np.swapaxes(slices, -2, -1).copy()
        yield np.rot90(np.swapaxes(slices, -2, -1), k=2, axes=(-2, -1)).copy()
    for shift in range(1, max(slices.shape[-2:])):
        for axis in (-1, -2):
            if shift < slices.shape[axis]:
                yield np.roll(slices, shift, axis=axis)
    yield -slices.copy()
    yield from ((scale + 2) * slices for scale in range(count))


def _as_chw(x) -> np.ndarray:
    array = np.asarray(x, dtype=np.float64)
    if array.ndim == 2:
        array = array[None]
    if array.ndim != 3 or array.size == 0:
        raise ValueError(f"x must have shape (C, H, W) or (H, W), got {array.shape}")
    return array


def _pad4(padding) -> tuple[int, int, int, int]:
    if (not isinstance(padding, (tuple, list)) or len(padding) != 4
            or not all(isinstance(p, (int, np.integer)) and not isinstance(p, bool) and p >= 0 for p in padding)):
        raise ValueError(f"padding must be four ints >= 0 (top, bottom, left, right), got {padding!r}")
    return tuple(int(p) for p in padding)


def convolve(x, weight, bias=0.0, stride=1, padding=(0, 0, 0, 0), dilation=1, flip=False) -> np.ndarray:
    """Apply a bank of filters to one input: ``cnnviz.nn.functional.conv2d`` after per-side padding.

    ``out[o] = sum_c x_pad[c] ⋆ weight[o, c] + bias[o]`` with output size
    ``OH = floor((H + top + bottom − D(Kh−1) − 1) / S) + 1`` (likewise OW).

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
    weight : array_like, shape (Co, C, Kh, Kw), or (Kh, Kw) for one single-slice filter
    bias : float or array_like, shape (Co,)
    stride, dilation : int or (int, int)
    padding : (top, bottom, left, right)
        Zeros on each side, e.g. from :func:`cnnviz.lessons.trace.resolve_conv_padding`.
    flip : bool
        Rotate every kernel slice by 180° first: true convolution instead of cross-correlation.

    Returns
    -------
    ndarray, shape (Co, OH, OW), float64
    """
    x = _as_chw(x)
    weight = np.asarray(weight, dtype=np.float64)
    if weight.ndim == 2:
        weight = weight[None, None]
    if weight.ndim != 4 or weight.shape[1] != x.shape[0]:
        raise ValueError(
            f"weight must have shape (Co, {x.shape[0]}, Kh, Kw) for an input with {x.shape[0]} channels, "
            f"got {weight.shape}"
        )
    bias = np.broadcast_to(np.asarray(bias, dtype=np.float64), (weight.shape[0],)).copy()
    if flip:
        weight = rotate_180(weight)
    padded = F.pad2d(x[None], _pad4(padding))  # (1, C, HP, WP)
    return F.conv2d(padded, weight, bias, stride=stride, padding=0, dilation=dilation)[0]


def channel_partials(x, weight, stride=1, padding=(0, 0, 0, 0), dilation=1, flip=False) -> np.ndarray:
    """What each input channel contributes to one filter's output (no bias).

    ``channel_partials(x, w).sum(axis=0) + b == convolve(x, w[None], b)[0]``.

    Parameters
    ----------
    x : array_like, shape (C, H, W)
    weight : array_like, shape (C, Kh, Kw)
        One filter.

    Returns
    -------
    ndarray, shape (C, OH, OW), float64
    """
    x = _as_chw(x)
    weight = _as_chw(weight)
    if weight.shape[0] != x.shape[0]:
        raise ValueError(f"weight has {weight.shape[0]} slices but x has {x.shape[0]} channels: give one per channel")
    return np.stack([
        convolve(x[c], weight[c], 0.0, stride, padding, dilation, flip)[0] for c in range(x.shape[0])
    ])  # (C, OH, OW)


# ---------------------------------------------------------------------------------------------
# slider ranges
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AxisRanges:
    """Inclusive ``(lo, hi)`` slider ranges for one axis of the lab's convolution."""

    kernel: tuple[int, int]
    dilation: tuple[int, int]
    padding: tuple[int, int]
    stride: tuple[int, int]


def lab_ranges(size: int, kernel: int, dilation: int = 1, padding=0) -> AxisRanges:
    """Slider ranges for one axis, given the current values (from
    :func:`cnnviz.nn.shapes.valid_conv_ranges`, capped at the lab's maxima).

    - kernel: 1 .. ``min(size, MAX_KERNEL_SIDE)`` — no larger than the input;
    - dilation: 1 .. the largest whose span ``D(K−1)+1`` fits the padded input (at most
      :data:`MAX_DILATION`);
    - padding (a number per side): enough for the span to fit .. ``span − 1``;
    - stride: 1 .. ``min(padded − span + 1, MAX_STRIDE)``; exactly 1 for ``"same"`` (PyTorch).

    Choose the values in that order (kernel, dilation, padding, stride), each with the ranges
    computed from the values chosen before it, and the configuration is valid.

    Parameters
    ----------
    size : int
        Input size along the axis.
    kernel, dilation : int
        Current values.
    padding : int, "valid", "same" or "full"
        Current padding of the axis (an int is padding on each side).
    """
    size = _side(size, "input size", 1, 10**6)
    kernel = _side(kernel, "kernel size", 1, 10**6)
    dilation = _side(dilation, "dilation", 1, 10**6)
    if isinstance(padding, str) and padding not in shapes.PADDING_MODES:
        raise ValueError(f"padding must be an int >= 0 or one of {shapes.PADDING_MODES}, got {padding!r}")
    ranges = shapes.valid_conv_ranges(size, kernel, 1, padding, dilation, cap=MAX_DILATION)
    before, after = shapes.resolve_padding(padding, kernel, 1, dilation)
    span = shapes.effective_kernel_size(kernel, dilation)
    padded = size + before + after
    if padding in ("same", "full"):
        d_hi = MAX_DILATION if kernel == 1 else max(1, min(MAX_DILATION, (size - 1) // (kernel - 1) or 1))
    else:
        d_hi = min(MAX_DILATION, ranges.dilation[1])
    stride_hi = 1 if padding == "same" else max(1, min(MAX_STRIDE, padded - span + 1))
    return AxisRanges(
        kernel=(1, max(1, min(size, MAX_KERNEL_SIDE))),
        dilation=(1, max(1, d_hi)),
        padding=ranges.padding,
        stride=(1, stride_hi),
    )

"""Image files for the pages: safe decoding of uploads, resizing, the bundled sample photos, and
the MNIST-style preparation of a drawn or photographed digit (Pillow).

- Uploads: :func:`load_image` turns arbitrary bytes into a float array in [0, 1], or raises
  :class:`ImageLoadError` carrying an i18n key, never a raw Pillow exception.
- :func:`resize_to`, :func:`to_uint8`, the bundled photos (:data:`SAMPLE_IMAGES`,
  :func:`load_sample_image`), and :func:`preprocess_digit`, the MNIST-style preparation of a
  drawn or photographed digit with every intermediate kept for display.

The datasets the networks train on are NumPy-only, in :mod:`cnnviz.train.datasets`.
Arrays returned from caches are read-only (``writeable=False``): copy before modifying.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np
from PIL import ExifTags, Image

from cnnviz.assets import asset_path
from cnnviz.errors import CnnvizError
from cnnviz.nn import shapes
from cnnviz.train.datasets import _read_only

#: Bundled sample photos for the Conv Lab (see ``assets/make_samples.py``); label key
#: ``"data.sample_" + name``, credit key ``"data.sample_" + name + "_credit"``.
SAMPLE_IMAGES = ("camera", "cat", "house")

#: Image formats :func:`load_image` accepts (Pillow format names). MPO is how Pillow opens many
#: phone JPEGs.
ALLOWED_FORMATS = ("PNG", "JPEG", "MPO", "BMP", "GIF", "WEBP", "TIFF", "PPM", "ICO")
DEFAULT_MAX_SIDE = 1024
DEFAULT_MAX_PIXELS = 12_000_000  # a 4000 × 3000 phone photo; 36 MB decoded as RGB
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

_RESAMPLE = {
    "nearest": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
    "box": Image.Resampling.BOX,
}
#: EXIF orientation tag value -> the transpose that makes the photo upright (as ImageOps.exif_transpose)
_EXIF_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R 601-2, the weights Pillow's convert("L") uses


# --------------------------------------------------------------------------------------------
# Errors and notices
# --------------------------------------------------------------------------------------------

class ImageLoadError(CnnvizError):
    """An image the app cannot use: ``key`` (e.g. ``"data.err_not_image"``) and ``fields``.

    The edge shows it with :func:`cnnviz.i18n.message`; ``str(error)`` is the English text.
    """


@dataclass(frozen=True)
class Notice:
    """Something the user should know about how their image was adapted (not an error): a message
    key and its fields, shown with :func:`cnnviz.i18n.message`."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImageResult:
    """A decoded image ready for the library.

    Attributes
    ----------
    array : ndarray, shape (H, W) or (H, W, 3), float32 in [0, 1]
        (H, W) for ``mode="L"``, (H, W, 3) for ``mode="RGB"``.
    notices : tuple of Notice
        How the image was adapted (downscaled, transparency filled, ...), in order.
    original_size : tuple of int
        (height, width) of the file as stored, before EXIF rotation and downscaling.
    format : str or None
        Pillow's name of the file format, e.g. "PNG".
    """

    array: np.ndarray
    notices: tuple[Notice, ...]
    original_size: tuple[int, int]
    format: str | None = None


# --------------------------------------------------------------------------------------------
# Image loading
# --------------------------------------------------------------------------------------------

def _read_bytes(data: bytes | bytearray | memoryview | BinaryIO) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if hasattr(data, "getvalue"):  # io.BytesIO, Streamlit's UploadedFile
        return bytes(data.getvalue())
    if hasattr(data, "read"):
        return bytes(data.read())
    raise ValueError(f"data must be bytes or a binary file object, got {type(data).__name__}")


def _high_bit_depth_to_float(image: Image.Image) -> Image.Image:
    """An "I;16*", "I" or "F" image as mode "F" scaled to [0, 1]."""
    values = np.asarray(image).astype(np.float64)  # (H, W)
    if image.mode.startswith("I;16"):
        values = values / 65535.0
    elif image.mode == "I":
        values = np.clip(values, 0, 65535) / (65535.0 if values.max() > 255 else 255.0)
    else:  # "F": keep values already in [0, 1], stretch anything else to it
        finite = np.isfinite(values)
        values = np.where(finite, values, 0.0)
        low, high = values.min(), values.max()
        if low < 0 or high > 1:
            values = (values - low) / (high - low) if high > low else np.zeros_like(values)
    return Image.fromarray(values.astype(np.float32), "F")


def _normalise_mode(image: Image.Image, notices: list[Notice]) -> Image.Image:
    """Convert any Pillow mode to "L", "RGB", "RGBA" or "F" (float in [0, 1])."""
    mode = image.mode
    if mode in ("L", "RGB", "RGBA"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mode in ("LA", "La", "PA", "RGBa"):
        return image.convert("RGBA")
    if mode == "CMYK":
        notices.append(Notice("data.notice_cmyk"))
        return image.convert("RGB")
    if mode.startswith("I") or mode == "F":
        if mode != "F":
            notices.append(Notice("data.notice_high_bit_depth"))
        return _high_bit_depth_to_float(image)
    return image.convert("RGB")  # RGBX, YCbCr, LAB, HSV, ...


def load_image(data: bytes | bytearray | memoryview | BinaryIO, *, mode: str = "L",
               max_side: int = DEFAULT_MAX_SIDE, max_pixels: int = DEFAULT_MAX_PIXELS,
               max_bytes: int = DEFAULT_MAX_BYTES) -> ImageResult:
    """Decode an uploaded image file into a float array, safely.

    Handles every mode Pillow produces: 16-bit and 32-bit greyscale are rescaled to [0, 1],
    CMYK is converted to RGB, palette and alpha images are composited on white, EXIF
    orientation is applied, only the first frame of an animation is kept, and images whose
    longest side exceeds ``max_side`` are downscaled (Lanczos), each with a :class:`Notice`.

    Parameters
    ----------
    data : bytes or binary file object
        The file's content (a Streamlit ``UploadedFile`` works as is).
    mode : {"L", "RGB"}
        "L": one greyscale channel, result shape (H, W); "RGB": shape (H, W, 3).
    max_side : int
        Longest side allowed in the result, >= 1; larger images are scaled down to it.
    max_pixels : int
        Images whose stored width × height exceeds this are refused before decoding
        (decompression-bomb guard).
    max_bytes : int
        Files larger than this are refused.

    Returns
    -------
    ImageResult
        ``array`` float32 in [0, 1], ``notices``, ``original_size`` (height, width), ``format``.

    Raises
    ------
    ImageLoadError
        Empty file ("data.err_empty"), too large a file ("data.err_file_too_big"), not an image
        ("data.err_not_image"), damaged or truncated ("data.err_truncated"), too many pixels
        ("data.err_too_many_pixels", "data.err_pixel_bomb").
    ValueError
        Invalid arguments (``mode``, ``max_side``, ...).
    """
    if mode not in ("L", "RGB"):
        raise ValueError(f"mode must be 'L' (greyscale) or 'RGB', got {mode!r}")
    for name, value in (("max_side", max_side), ("max_pixels", max_pixels), ("max_bytes", max_bytes)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    raw = _read_bytes(data)
    if not raw:
        raise ImageLoadError("data.err_empty")
    if len(raw) > max_bytes:
        raise ImageLoadError("data.err_file_too_big", size_mb=f"{len(raw) / 2**20:.1f}",
                             limit_mb=f"{max_bytes / 2**20:.1f}")

    notices: list[Notice] = []
    try:
        Image.init()  # register every plugin, so `formats` only names known ones
        source = Image.open(io.BytesIO(raw), formats=[f for f in ALLOWED_FORMATS if f in Image.OPEN])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageLoadError("data.err_pixel_bomb") from None
    except Exception:  # Pillow plugins raise many types on malformed headers
        raise ImageLoadError("data.err_not_image") from None

    with source:
        width, height = source.size
        if width < 1 or height < 1:
            raise ImageLoadError("data.err_not_image")
        if width * height > max_pixels:
            raise ImageLoadError("data.err_too_many_pixels", width=width, height=height,
                                 limit_mp=f"{max_pixels / 1e6:g}")
        frames = getattr(source, "n_frames", 1)
        try:
            if frames > 1:
                source.seek(0)
                if source.format != "MPO":  # phone JPEGs: extra frames are previews or depth maps
                    notices.append(Notice("data.notice_first_frame", {"frames": frames}))
            if max(width, height) > max_side:
                source.draft(None, (max_side, max_side))  # JPEG: decode at a reduced scale
            source.load()
            image = source.copy()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageLoadError("data.err_pixel_bomb") from None
        except MemoryError:
            raise ImageLoadError("data.err_too_many_pixels", width=width, height=height,
                                 limit_mp=f"{max_pixels / 1e6:g}") from None
        except Exception:  # OSError "image file is truncated", SyntaxError "broken PNG file", ...
            raise ImageLoadError("data.err_truncated") from None
        file_format = source.format
        try:
            orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
        except Exception:  # malformed EXIF: ignore it, the pixels are fine
            orientation = 1

    if orientation in _EXIF_TRANSPOSE:
        image = image.transpose(_EXIF_TRANSPOSE[orientation])
        notices.append(Notice("data.notice_rotated"))

    image = _normalise_mode(image, notices)

    if max(image.size) > max_side:
        scale = max_side / max(image.size)
        new_size = (max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale)))
        image = image.resize(new_size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        notices.append(Notice("data.notice_downscaled", {"orig_width": width, "orig_height": height,
                                                         "width": new_size[0], "height": new_size[1]}))

    if image.mode == "RGBA":
        if image.getextrema()[3][0] < 255:
            notices.append(Notice("data.notice_transparency"))
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
        image = image.convert("RGB")

    if image.mode == "F":
        grey = np.asarray(image, dtype=np.float32)  # (H, W), already in [0, 1]
        array = grey if mode == "L" else np.repeat(grey[:, :, None], 3, axis=2)  # (H, W, 3)
    else:
        if mode == "L" and image.mode == "RGB":
            rgb = np.asarray(image)
            if not (np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 1], rgb[..., 2])):
                notices.append(Notice("data.notice_to_grey"))
        array = np.asarray(image.convert(mode), dtype=np.float32) / np.float32(255)
    return ImageResult(np.clip(array, 0.0, 1.0).astype(np.float32), tuple(notices), (height, width), file_format)


# --------------------------------------------------------------------------------------------
# Array helpers
# --------------------------------------------------------------------------------------------

def resize_to(array: np.ndarray, size: int | tuple[int, int], *, resample: str = "lanczos") -> np.ndarray:
    """Resize an image array with Pillow (antialiased when shrinking).

    Parameters
    ----------
    array : ndarray, shape (H, W) or (H, W, C)
        float (any range) or uint8.
    size : int or (h, w)
        Output height and width.
    resample : {"nearest", "bilinear", "bicubic", "lanczos", "box"}

    Returns
    -------
    ndarray, shape (h, w) or (h, w, C)
        Same dtype as a float or uint8 input (float16 comes back as float32). Float results of
        "bicubic" and "lanczos" may overshoot the input range slightly; clip if needed.
    """
    out_h, out_w = shapes.as_pair(size, "size", 1)
    if resample not in _RESAMPLE:
        raise ValueError(f"resample must be one of {tuple(_RESAMPLE)}, got {resample!r}")
    array = np.asarray(array)
    if array.ndim not in (2, 3) or array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"array must have shape (H, W) or (H, W, C), got {array.shape}")
    if array.dtype != np.uint8 and array.dtype.kind != "f":
        raise ValueError(f"array must be float or uint8, got dtype {array.dtype}")
    channels = array[:, :, None] if array.ndim == 2 else array  # (H, W, C)
    pil_mode = "L" if array.dtype == np.uint8 else "F"
    work = np.uint8 if pil_mode == "L" else np.float32
    planes = [np.asarray(Image.fromarray(np.ascontiguousarray(channels[:, :, c], dtype=work), pil_mode)
                         .resize((out_w, out_h), _RESAMPLE[resample]))
              for c in range(channels.shape[2])]
    out = np.stack(planes, axis=2)  # (h, w, C)
    out = out[:, :, 0] if array.ndim == 2 else out
    out_dtype = np.uint8 if pil_mode == "L" else (array.dtype if array.itemsize >= 4 else np.float32)
    return out.astype(out_dtype, copy=False)


def to_uint8(array: np.ndarray) -> np.ndarray:
    """Float pixels in [0, 1] to uint8 0-255 (rounded, out-of-range values clipped).

    Parameters
    ----------
    array : ndarray, any shape, float (or bool, or uint8, returned as a copy)

    Returns
    -------
    ndarray, same shape, uint8
    """
    array = np.asarray(array)
    if array.dtype == np.uint8:
        return array.copy()
    if array.dtype == bool:
        return array.astype(np.uint8) * np.uint8(255)
    if array.dtype.kind != "f":
        raise ValueError(f"array must be float in [0, 1] (or bool / uint8), got dtype {array.dtype}")
    if not np.all(np.isfinite(array)):
        raise ValueError("array contains NaN or infinity; pixel values must be finite")
    return np.rint(np.clip(array, 0.0, 1.0) * 255).astype(np.uint8)


# --------------------------------------------------------------------------------------------
# Sample photos
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=len(SAMPLE_IMAGES))
def _sample_raw(name: str) -> np.ndarray:
    path = asset_path(f"sample_{name}.png")
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python assets/make_samples.py` to create it")
    with Image.open(path) as image:
        image = image.convert("L" if image.mode in ("L", "1", "I;16") else "RGB")
        return _read_only(np.asarray(image, dtype=np.float32) / np.float32(255))


def load_sample_image(name: str, mode: str | None = None) -> np.ndarray:
    """A bundled sample photo as float32 in [0, 1] (read-only, cached).

    Parameters
    ----------
    name : str
        One of :data:`SAMPLE_IMAGES`: "camera" (greyscale, 256 x 256), "cat" (colour,
        170 x 256), "house" (colour, 256 x 256).
    mode : {None, "L", "RGB"}
        None: as stored; "L": greyscale (ITU-R 601-2 luma); "RGB": three channels.

    Returns
    -------
    ndarray, shape (H, W) or (H, W, 3), float32
    """
    if name not in SAMPLE_IMAGES:
        raise ValueError(f"name must be one of {SAMPLE_IMAGES}, got {name!r}")
    if mode not in (None, "L", "RGB"):
        raise ValueError(f"mode must be None, 'L' or 'RGB', got {mode!r}")
    array = _sample_raw(name)
    if mode == "L" and array.ndim == 3:
        return _read_only((array @ _LUMA.astype(np.float32)).astype(np.float32))  # (H, W)
    if mode == "RGB" and array.ndim == 2:
        return _read_only(np.repeat(array[:, :, None], 3, axis=2))  # (H, W, 3)
    return array


# --------------------------------------------------------------------------------------------
# MNIST-style preprocessing of a user's digit
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DigitSteps:
    """Every intermediate of :func:`preprocess_digit`, for a step-by-step view.

    Attributes
    ----------
    grey : ndarray, shape (H, W), float in [0, 1]
        The input as one greyscale channel (alpha composited, see :func:`preprocess_digit`).
    inverted : bool
        True when the background was light, so the image was inverted (MNIST is white ink on
        black).
    ink : ndarray, shape (H, W), float in [0, 1]
        Ink intensity: inverted if needed, then stretched so the background level is 0 and the
        strongest ink is 1.
    threshold : float
        Ink level above which a pixel counts for the bounding box.
    bbox : tuple of int
        (top, left, bottom, right) of the ink, bottom/right exclusive, in ``ink`` coordinates.
    cropped : ndarray, shape (bottom - top, right - left)
    scaled : ndarray, shape (h, w) with max(h, w) == box
        The crop resized so its longest side is ``box`` pixels (20 for MNIST), aspect kept.
    center_of_mass : tuple of float
        (row, col) of the ink's centre of mass in ``scaled``.
    offset : tuple of int
        (row, col) where ``scaled`` was pasted in the canvas to put that centre at the middle.
    centered : ndarray, shape (canvas, canvas)
        The 28 x 28 result.
    final : ndarray, shape (1, 1, canvas, canvas), float32
        Network input, like :func:`load_mnist` (values in [0, 1], not standardised).
    """

    grey: np.ndarray
    inverted: bool
    ink: np.ndarray
    threshold: float
    bbox: tuple[int, int, int, int]
    cropped: np.ndarray
    scaled: np.ndarray
    center_of_mass: tuple[float, float]
    offset: tuple[int, int]
    centered: np.ndarray
    final: np.ndarray


def _as_grey(image: np.ndarray) -> np.ndarray:
    """(H, W), (H, W, 3) or (H, W, 4) uint8/float image -> (H, W) float64 grey in [0, 1]."""
    image = np.asarray(image)
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError(f"image must have shape (H, W), (H, W, 3) or (H, W, 4), got {image.shape}")
    if min(image.shape[:2]) < 2:
        raise ImageLoadError("data.err_too_small", height=image.shape[0], width=image.shape[1], side=2)
    if image.dtype == np.uint8:
        pixels = image.astype(np.float64) / 255.0
    elif image.dtype.kind == "f" or image.dtype == bool:
        pixels = image.astype(np.float64)
        if not np.all(np.isfinite(pixels)):
            raise ValueError("image contains NaN or infinity; pixel values must be finite")
        if pixels.min() < 0 or pixels.max() > 1:
            raise ValueError(f"float pixel values must lie in [0, 1], got [{pixels.min():g}, "
                             f"{pixels.max():g}]: divide 0-255 values by 255")
    else:
        raise ValueError(f"image must be uint8, bool or float in [0, 1], got dtype {image.dtype}")
    if pixels.ndim == 2:
        return pixels
    grey = pixels[:, :, :3] @ _LUMA  # (H, W)
    if pixels.shape[2] == 4:
        alpha = pixels[:, :, 3]
        if alpha.min() < 1.0:
            # Composite on the background that contrasts with the strokes, so both black-on-
            # transparent and white-on-transparent drawings keep their ink.
            opaque = alpha.sum()
            stroke_level = (grey * alpha).sum() / opaque if opaque > 0 else 0.0
            background = 0.0 if stroke_level > 0.5 else 1.0
            grey = alpha * grey + (1.0 - alpha) * background
    return grey


def preprocess_digit(image: np.ndarray, *, box: int = 20, canvas: int = 28,
                     threshold: float = 0.2) -> DigitSteps:
    """Prepare a drawn or photographed digit the way MNIST digits were prepared.

    Steps: greyscale; invert when the background is light (mean of the border ring > 0.5);
    stretch so the border's median level becomes 0 and the strongest ink 1; crop to the
    bounding box of pixels above ``threshold``; scale the crop so its longest side is ``box``
    pixels keeping the aspect ratio (Pillow Lanczos, antialiased); paste it into a
    ``canvas`` × ``canvas`` black image so the ink's centre of mass lands at pixel (14, 14)
    (index coordinates scaled to the canvas: ``canvas / 2``), where it lies in MNIST.

    Parameters
    ----------
    image : ndarray, shape (H, W), (H, W, 3) or (H, W, 4)
        uint8 0-255 or float in [0, 1]. An RGBA canvas (e.g. from a drawing widget) with
        transparent areas is composited on black when its strokes are light, on white otherwise.
    box : int
        Longest side of the scaled digit, 1 to ``canvas`` (MNIST: 20).
    canvas : int
        Side of the output (MNIST: 28).
    threshold : float
        Ink level in (0, 1) that counts for the bounding box.

    Returns
    -------
    DigitSteps
        All intermediates; ``final`` has shape (1, 1, canvas, canvas), float32.

    Raises
    ------
    ImageLoadError
        "data.err_blank" when there is no ink (a blank or uniform image).
    """
    if not isinstance(canvas, (int, np.integer)) or canvas < 2:
        raise ValueError(f"canvas must be an integer >= 2, got {canvas!r}")
    if not isinstance(box, (int, np.integer)) or not 1 <= box <= canvas:
        raise ValueError(f"box must be an integer from 1 to canvas ({canvas}), got {box!r}")
    if not 0.0 < float(threshold) < 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold!r}")

    grey = _as_grey(image)
    height, width = grey.shape
    ring = max(1, round(0.05 * min(height, width)))
    border = np.concatenate([grey[:ring].ravel(), grey[-ring:].ravel(),
                             grey[:, :ring].ravel(), grey[:, -ring:].ravel()])
    inverted = bool(border.mean() > 0.5)
    ink = 1.0 - grey if inverted else grey.copy()
    background = float(np.median(1.0 - border if inverted else border))
    contrast = float(ink.max()) - background
    if contrast < 0.1:
        raise ImageLoadError("data.err_blank")
    ink = np.clip((ink - background) / contrast, 0.0, 1.0)

    mask = ink > threshold
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    top, bottom, left, right = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    cropped = ink[top:bottom, left:right]

    crop_h, crop_w = cropped.shape
    scale = box / max(crop_h, crop_w)
    new_h, new_w = max(1, round(crop_h * scale)), max(1, round(crop_w * scale))
    scaled = np.clip(resize_to(cropped.astype(np.float32), (new_h, new_w), resample="lanczos"), 0.0, 1.0)
    scaled = scaled.astype(np.float64)

    mass = scaled.sum()
    if mass <= 0:  # everything vanished in the resize: a speck too small to be a digit
        raise ImageLoadError("data.err_blank")
    com_row = float((scaled.sum(axis=1) * np.arange(new_h)).sum() / mass)
    com_col = float((scaled.sum(axis=0) * np.arange(new_w)).sum() / mass)
    middle = canvas / 2
    off_row = int(np.clip(round(middle - com_row), 0, canvas - new_h))
    off_col = int(np.clip(round(middle - com_col), 0, canvas - new_w))
    centered = np.zeros((canvas, canvas), dtype=np.float64)
    centered[off_row:off_row + new_h, off_col:off_col + new_w] = scaled

    return DigitSteps(
        grey=grey, inverted=inverted, ink=ink, threshold=float(threshold),
        bbox=(top, left, bottom, right), cropped=cropped, scaled=scaled,
        center_of_mass=(com_row, com_col), offset=(off_row, off_col), centered=centered,
        final=centered.astype(np.float32)[None, None, :, :],  # (1, 1, canvas, canvas)
    )

"""Tests of cnnviz.train.datasets (MNIST asset, shapes, minibatches) and cnnviz.images (loading, samples,
the MNIST-style preprocessing of a user's digit)."""

from __future__ import annotations

import io
import string
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnnviz import images
from cnnviz.i18n import message, t
from cnnviz.i18n.locales.data import STRINGS as DATA_STRINGS
from cnnviz.train import datasets

ASSETS = Path(__file__).resolve().parent.parent / "cnnviz" / "assets"


def encode(image: Image.Image, fmt: str = "PNG", **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def keys(result: images.ImageResult) -> list[str]:
    return [notice.key for notice in result.notices]


def load_error(payload: bytes, **kwargs) -> images.ImageLoadError:
    with pytest.raises(images.ImageLoadError) as info:
        images.load_image(payload, **kwargs)
    return info.value


# --------------------------------------------------------------------------------------------
# MNIST asset and loader
# --------------------------------------------------------------------------------------------

def test_mnist_npz_has_5000_digits_500_per_class_and_a_stratified_split():
    with np.load(ASSETS / "mnist_5k.npz") as archive:
        digits, labels = archive["images"], archive["labels"]
        train_idx, test_idx = archive["train_idx"], archive["test_idx"]
    assert digits.shape == (5000, 28, 28) and digits.dtype == np.uint8
    assert labels.shape == (5000,) and labels.dtype == np.uint8
    assert np.bincount(labels, minlength=10).tolist() == [500] * 10
    assert train_idx.size == 4000 and test_idx.size == 1000
    assert np.bincount(labels[train_idx], minlength=10).tolist() == [400] * 10
    assert np.bincount(labels[test_idx], minlength=10).tolist() == [100] * 10
    assert np.intersect1d(train_idx, test_idx).size == 0
    assert np.array_equal(np.union1d(train_idx, test_idx), np.arange(5000))
    # real MNIST statistics: background 0, ink up to 255, mean ~0.13 of full scale
    assert digits.min() == 0 and digits.max() == 255
    assert 0.12 < digits.mean() / 255 < 0.14
    assert (ASSETS / "mnist_5k.npz").stat().st_size < 1_500_000


def test_load_mnist_shapes_dtype_range_and_read_only():
    x, y = datasets.load_mnist("train")
    assert x.shape == (4000, 1, 28, 28) and x.dtype == np.float32
    assert y.shape == (4000,) and y.dtype == np.int64
    assert x.min() == 0.0 and x.max() == 1.0
    assert np.bincount(y).tolist() == [400] * 10
    with pytest.raises(ValueError):
        x[0, 0, 0, 0] = 1.0  # cached arrays cannot be mutated by accident
    with pytest.raises(ValueError):
        y[0] = 3
    xt, yt = datasets.load_mnist("test", dtype=np.float64)
    assert xt.shape == (1000, 1, 28, 28) and xt.dtype == np.float64
    assert np.bincount(yt).tolist() == [100] * 10
    xa, ya = datasets.load_mnist("all")
    assert xa.shape == (5000, 1, 28, 28)
    # the same pixels, whatever the dtype or split asked for
    with np.load(ASSETS / "mnist_5k.npz") as archive:
        raw, test_idx = archive["images"], archive["test_idx"]
    assert np.allclose(xt[:, 0], raw[test_idx] / 255.0)
    assert datasets.load_mnist("train")[0] is x  # cached


def test_load_mnist_rejects_bad_arguments():
    with pytest.raises(ValueError, match="split"):
        datasets.load_mnist("validation")
    with pytest.raises(ValueError, match="dtype"):
        datasets.load_mnist("train", dtype=np.int32)


def test_normalize_mnist_uses_the_standard_constants():
    x = np.array([0.0, datasets.MNIST_MEAN, 1.0], dtype=np.float32)
    z = datasets.normalize_mnist(x)
    assert z.dtype == np.float32
    assert np.allclose(z, [-0.1307 / 0.3081, 0.0, (1 - 0.1307) / 0.3081], atol=1e-6)
    train, _ = datasets.load_mnist("train")
    standardised = datasets.normalize_mnist(train[:500])
    assert abs(float(standardised.mean())) < 0.1 and 0.9 < float(standardised.std()) < 1.1
    with pytest.raises(ValueError, match="255"):
        datasets.normalize_mnist(np.zeros(3, dtype=np.uint8))


# --------------------------------------------------------------------------------------------
# Shapes dataset
# --------------------------------------------------------------------------------------------

def _ink_moments(image: np.ndarray) -> tuple[float, float, float]:
    """Weighted row spread, column spread and row-column correlation of the ink."""
    rows, cols = np.mgrid[0:image.shape[0], 0:image.shape[1]]
    w = image / image.sum()
    mr, mc = (w * rows).sum(), (w * cols).sum()
    vr, vc = (w * (rows - mr) ** 2).sum(), (w * (cols - mc) ** 2).sum()
    cov = (w * (rows - mr) * (cols - mc)).sum()
    return float(np.sqrt(vr)), float(np.sqrt(vc)), float(cov / np.sqrt(vr * vc))


@pytest.mark.parametrize("size", [16, 28])
def test_shapes_dataset_shapes_labels_and_determinism(size):
    x, y, class_keys = datasets.make_shapes_dataset(140, size, rng=np.random.default_rng(3))
    assert x.shape == (140, 1, size, size) and x.dtype == np.float32
    assert y.shape == (140,) and y.dtype == np.int64
    assert class_keys == tuple(f"data.shape_{c}" for c in datasets.SHAPE_CLASSES)
    assert np.bincount(y, minlength=7).tolist() == [20] * 7
    assert x.min() >= 0.0 and x.max() <= 1.0
    again = datasets.make_shapes_dataset(140, size, rng=np.random.default_rng(3))
    assert np.array_equal(again.x, x) and np.array_equal(again.y, y)
    other = datasets.make_shapes_dataset(140, size, rng=np.random.default_rng(4))
    assert not np.array_equal(other.x, x)
    for key in class_keys:
        assert t(key, "en") and t(key, "zh")


def test_shapes_dataset_classes_draw_what_their_names_say():
    ds = datasets.make_shapes_dataset(70, 28, rng=np.random.default_rng(0), noise=0.0, dtype=np.float64)
    assert ds.x.dtype == np.float64
    names = [key.removeprefix("data.shape_") for key in ds.class_keys]
    for image, label in zip(ds.x[:, 0], ds.y):
        name = names[label]
        row_spread, col_spread, corr = _ink_moments(image)
        if name == "horizontal":
            assert row_spread < 1.5 and col_spread > 3
        elif name == "vertical":
            assert col_spread < 1.5 and row_spread > 3
        elif name == "diagonal":  # "\": row grows with column
            assert corr > 0.9
        elif name == "anti_diagonal":  # "/": row shrinks as column grows
            assert corr < -0.9
        elif name in ("plus", "x"):
            assert abs(corr) < 0.3 and row_spread > 2 and col_spread > 2
            # "+" has its ink on one row and one column; "x" does not
            best_row_and_col = np.sort(image.sum(axis=1))[-1] + np.sort(image.sum(axis=0))[-1]
            share = best_row_and_col / image.sum()
            assert share > 0.35 if name == "plus" else share < 0.35
        else:  # circle: a ring, empty in the middle
            rows, cols = np.mgrid[0:28, 0:28]
            w = image / image.sum()
            rc, cc = (w * rows).sum(), (w * cols).sum()
            radius = np.hypot(rows - rc, cols - cc)
            mean_r = (w * radius).sum()
            assert image[radius < 0.5 * mean_r].sum() < 0.02 * image.sum()


def test_shapes_dataset_subset_of_classes_and_validation():
    ds = datasets.make_shapes_dataset(10, 16, rng=np.random.default_rng(0), classes=("circle", "plus"))
    assert ds.class_keys == ("data.shape_circle", "data.shape_plus")
    assert sorted(np.bincount(ds.y).tolist()) == [5, 5]
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="n "):
        datasets.make_shapes_dataset(0, rng=rng)
    with pytest.raises(ValueError, match="size"):
        datasets.make_shapes_dataset(5, 4, rng=rng)
    with pytest.raises(ValueError, match="classes"):
        datasets.make_shapes_dataset(5, rng=rng, classes=("circle", "triangle"))
    with pytest.raises(ValueError, match="rng"):
        datasets.make_shapes_dataset(5, rng=0)
    with pytest.raises(ValueError, match="noise"):
        datasets.make_shapes_dataset(5, rng=rng, noise=2.0)


# --------------------------------------------------------------------------------------------
# Minibatches
# --------------------------------------------------------------------------------------------

def test_iterate_minibatches_covers_every_sample_once_per_epoch():
    x = np.arange(103, dtype=np.float32)[:, None] * np.ones((1, 4), dtype=np.float32)  # (103, 4)
    y = np.arange(103)
    rng = np.random.default_rng(0)
    epochs = []
    for _ in range(2):
        batches = list(datasets.iterate_minibatches(x, y, 25, rng))
        assert [len(b[1]) for b in batches] == [25, 25, 25, 25, 3]
        for xb, yb in batches:
            assert np.array_equal(xb[:, 0], yb.astype(np.float32))  # x and y stay paired
        seen = np.concatenate([yb for _, yb in batches])
        assert np.array_equal(np.sort(seen), y)
        epochs.append(seen)
    assert not np.array_equal(epochs[0], epochs[1])  # a new order each epoch
    assert not np.array_equal(epochs[0], y)
    ordered = list(datasets.iterate_minibatches(x, y, 25, shuffle=False))
    assert np.array_equal(np.concatenate([yb for _, yb in ordered]), y)
    dropped = list(datasets.iterate_minibatches(x, y, 25, rng, drop_last=True))
    assert [len(b[1]) for b in dropped] == [25] * 4


def test_iterate_minibatches_validation():
    x, y = np.zeros((5, 2)), np.zeros(4)
    with pytest.raises(ValueError, match="same length"):
        list(datasets.iterate_minibatches(x, y, 2, np.random.default_rng(0)))
    with pytest.raises(ValueError, match="batch_size"):
        list(datasets.iterate_minibatches(x, x, 0, np.random.default_rng(0)))
    with pytest.raises(ValueError, match="rng"):
        list(datasets.iterate_minibatches(x, x, 2))


# --------------------------------------------------------------------------------------------
# Image loading
# --------------------------------------------------------------------------------------------

def test_load_valid_png_greyscale():
    pixels = (np.arange(30 * 40) % 256).astype(np.uint8).reshape(30, 40)
    result = images.load_image(encode(Image.fromarray(pixels, "L")))
    assert result.array.shape == (30, 40) and result.array.dtype == np.float32
    assert np.allclose(result.array, pixels / 255.0)
    assert result.notices == () and result.original_size == (30, 40) and result.format == "PNG"
    rgb = images.load_image(io.BytesIO(encode(Image.fromarray(pixels, "L"))), mode="RGB")  # file object
    assert rgb.array.shape == (30, 40, 3) and np.allclose(rgb.array[..., 2], pixels / 255.0)


def test_load_valid_jpeg_colour_and_its_greyscale():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    payload = encode(image, "JPEG", quality=95)
    colour = images.load_image(payload, mode="RGB")
    assert colour.array.shape == (48, 64, 3) and colour.format == "JPEG"
    assert np.allclose(colour.array.mean(axis=(0, 1)), np.array([200, 30, 30]) / 255, atol=0.03)
    grey = images.load_image(payload)
    assert grey.array.shape == (48, 64)
    assert abs(float(grey.array.mean()) - (0.299 * 200 + 0.587 * 30 + 0.114 * 30) / 255) < 0.03
    assert keys(grey) == ["data.notice_to_grey"]


def test_random_bytes_empty_and_truncated_files_give_translated_errors():
    random_bytes = np.random.default_rng(0).integers(0, 256, 2000, dtype=np.uint8).tobytes()
    error = load_error(random_bytes)
    assert isinstance(error, ValueError) and error.key == "data.err_not_image"
    assert str(error) == ("This file is not an image Pillow can read (PNG, JPEG, BMP, GIF, WebP...). "
                          "Choose another file.")
    assert "Pillow" in message(error, "zh") and "请换一个文件" in message(error, "zh")
    assert load_error(b"").key == "data.err_empty"
    assert load_error(b"GIF89a").key == "data.err_not_image"  # a header and nothing else

    noise = np.random.default_rng(1).integers(0, 256, (64, 64), dtype=np.uint8)
    png = encode(Image.fromarray(noise, "L"))
    assert load_error(png[: len(png) // 2]).key == "data.err_truncated"
    jpeg = encode(Image.fromarray(noise, "L"), "JPEG")
    assert load_error(jpeg[: len(jpeg) // 3]).key == "data.err_truncated"


def test_file_size_limit():
    error = load_error(encode(Image.new("L", (8, 8))), max_bytes=10)
    assert error.key == "data.err_file_too_big" and "MB" in message(error, "zh")


def test_16_bit_png_is_rescaled_from_65535():
    values = np.array([[0, 1000, 32768, 65535]] * 3, dtype=np.uint16)
    image = Image.fromarray(values)
    assert image.mode.startswith("I;16")
    result = images.load_image(encode(image))
    assert result.array.shape == (3, 4)
    assert np.allclose(result.array[0], values[0] / 65535.0, atol=1e-6)
    assert keys(result) == ["data.notice_high_bit_depth"]
    rgb = images.load_image(encode(image), mode="RGB")
    assert rgb.array.shape == (3, 4, 3) and np.allclose(rgb.array[0, 3], 1.0)

    wide = Image.fromarray(np.array([[0, 300, 65535]], dtype=np.int32), "I")  # 32-bit mode "I"
    result = images.load_image(encode(wide, "TIFF"))
    assert np.allclose(result.array[0], [0, 300 / 65535, 1.0], atol=1e-6)


def test_cmyk_jpeg_becomes_rgb_with_a_notice():
    cyan = Image.new("CMYK", (32, 32), (255, 0, 0, 0))
    result = images.load_image(encode(cyan, "JPEG", quality=95), mode="RGB")
    assert "data.notice_cmyk" in keys(result)
    assert np.allclose(result.array.mean(axis=(0, 1)), [0.0, 1.0, 1.0], atol=0.05)


def test_huge_image_is_downscaled_with_a_notice():
    image = Image.new("L", (3400, 3400), 0)  # 11.6 megapixels: just within the 12 MP budget
    image.paste(255, (1700, 0, 3400, 3400))  # right half white
    result = images.load_image(encode(image, compress_level=1), max_side=1024)
    assert result.array.shape == (1024, 1024) and result.original_size == (3400, 3400)
    assert keys(result) == ["data.notice_downscaled"]
    assert result.notices[0].fields == {"orig_width": 3400, "orig_height": 3400, "width": 1024, "height": 1024}
    assert "3400×3400" in message(result.notices[0], "zh")
    assert np.all(result.array[:, :500] == 0) and np.all(result.array[:, 524:] == 1)
    wide = images.load_image(encode(Image.new("RGB", (300, 100))), mode="RGB", max_side=60)
    assert wide.array.shape == (20, 60, 3)


def test_pixel_limits_refuse_bombs_before_decoding():
    error = load_error(encode(Image.new("L", (200, 100))), max_pixels=10_000)
    assert error.key == "data.err_too_many_pixels"
    assert error.fields == {"width": 200, "height": 100, "limit_mp": "0.01"}

    def png_claiming(width: int, height: int) -> bytes:
        """A PNG whose header claims width x height but carries almost no data."""
        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))

    assert load_error(png_claiming(30_000, 30_000)).key == "data.err_pixel_bomb"  # Pillow's own guard
    assert load_error(png_claiming(8_000, 8_000)).key == "data.err_too_many_pixels"  # ours: 64 MP > 50 MP


def test_rgba_is_composited_on_white():
    rgba = np.zeros((10, 10, 4), dtype=np.uint8)
    rgba[..., 0] = 255
    rgba[..., 3] = 128  # half-transparent red
    rgba[:5, :, 3] = 0  # top half fully transparent
    result = images.load_image(encode(Image.fromarray(rgba, "RGBA")), mode="RGB")
    assert keys(result) == ["data.notice_transparency"]
    assert np.allclose(result.array[:5], 1.0)
    assert np.allclose(result.array[7, 3], [1.0, 127 / 255, 127 / 255], atol=2 / 255)
    opaque = rgba.copy()
    opaque[..., 3] = 255
    assert images.load_image(encode(Image.fromarray(opaque, "RGBA")), mode="RGB").notices == ()


def test_palette_with_transparency_and_la_and_bilevel():
    palette_image = Image.new("P", (6, 4), 1)
    palette_image.putpalette([0, 0, 0, 0, 0, 255] + [0] * (256 * 3 - 6))  # 0 black, 1 blue
    palette_image.paste(0, (0, 0, 3, 4))
    palette_image.info["transparency"] = 0
    for fmt in ("PNG", "GIF"):
        result = images.load_image(encode(palette_image, fmt, transparency=0), mode="RGB")
        assert "data.notice_transparency" in keys(result)
        assert np.allclose(result.array[:, :3], 1.0)  # transparent black -> white
        assert np.allclose(result.array[:, 3:], [0.0, 0.0, 1.0])  # blue stays blue
    plain = Image.new("P", (4, 4), 1)
    plain.putpalette([0, 0, 0, 0, 0, 255] + [0] * (256 * 3 - 6))
    assert images.load_image(encode(plain), mode="RGB").notices == ()
    la = Image.fromarray(np.dstack([np.zeros((4, 4), np.uint8), np.zeros((4, 4), np.uint8)]), "LA")
    assert np.allclose(images.load_image(encode(la)).array, 1.0)  # transparent black -> white
    bilevel = Image.fromarray(np.eye(4, dtype=bool))
    assert np.array_equal(images.load_image(encode(bilevel)).array, np.eye(4))


def test_exif_orientation_is_applied():
    image = Image.new("L", (40, 20), 0)
    image.paste(255, (20, 0, 40, 20))  # right half white
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    result = images.load_image(encode(image, "JPEG", exif=exif, quality=95))
    assert result.array.shape == (40, 20) and result.original_size == (20, 40)
    assert keys(result) == ["data.notice_rotated"]
    assert result.array[:16].mean() < 0.05 and result.array[24:].mean() > 0.95  # right went down


def test_animated_gif_uses_first_frame():
    frames = [Image.new("L", (8, 8), 0), Image.new("L", (8, 8), 255)]
    payload = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    result = images.load_image(payload)
    assert keys(result) == ["data.notice_first_frame"] and result.notices[0].fields == {"frames": 2}
    assert np.allclose(result.array, 0.0)


def test_multi_picture_jpeg_from_a_phone_loads_its_main_image():
    main, preview = Image.new("RGB", (16, 12), (250, 250, 250)), Image.new("RGB", (16, 12), (0, 0, 0))
    result = images.load_image(encode(main, "MPO", save_all=True, append_images=[preview]))
    assert result.format == "MPO" and result.notices == ()
    assert result.array.shape == (12, 16) and result.array.mean() > 0.95


def test_load_image_argument_validation():
    png = encode(Image.new("L", (4, 4)))
    with pytest.raises(ValueError, match="mode"):
        images.load_image(png, mode="CMYK")
    with pytest.raises(ValueError, match="max_side"):
        images.load_image(png, max_side=0)
    with pytest.raises(ValueError, match="data must be bytes"):
        images.load_image(12345)


# --------------------------------------------------------------------------------------------
# Array helpers and samples
# --------------------------------------------------------------------------------------------

def test_resize_to_and_to_uint8():
    ramp = np.tile(np.linspace(0, 1, 64, dtype=np.float32), (32, 1))  # (32, 64)
    small = images.resize_to(ramp, (8, 16), resample="bilinear")
    assert small.shape == (8, 16) and small.dtype == np.float32
    assert np.all(np.diff(small[0]) > 0) and np.allclose(small[:, 0], small[0, 0])
    colour = np.ones((10, 10, 3), dtype=np.float64) * np.array([0.2, 0.5, 0.9])
    out = images.resize_to(colour, 4)
    assert out.shape == (4, 4, 3) and out.dtype == np.float64
    assert np.allclose(out, colour[:4, :4], atol=1e-5)
    u8 = images.resize_to(np.full((6, 6), 200, np.uint8), (3, 2), resample="nearest")
    assert u8.dtype == np.uint8 and u8.shape == (3, 2) and np.all(u8 == 200)
    with pytest.raises(ValueError, match="size"):
        images.resize_to(ramp, (0, 4))
    with pytest.raises(ValueError, match="resample"):
        images.resize_to(ramp, 4, resample="cubic-ish")

    assert images.to_uint8(np.array([-0.5, 0.0, 0.5, 1.0, 2.0])).tolist() == [0, 0, 128, 255, 255]
    assert images.to_uint8(np.array([True, False])).tolist() == [255, 0]
    with pytest.raises(ValueError, match="finite"):
        images.to_uint8(np.array([np.nan]))


@pytest.mark.parametrize("name, shape", [("camera", (256, 256)), ("cat", (170, 256, 3)), ("house", (256, 256, 3))])
def test_sample_images(name, shape):
    assert name in images.SAMPLE_IMAGES
    assert (ASSETS / f"sample_{name}.png").stat().st_size < 150_000
    image = images.load_sample_image(name)
    assert image.shape == shape and image.dtype == np.float32
    assert image.min() >= 0.0 and image.max() <= 1.0 and image.std() > 0.1
    assert not image.flags.writeable
    grey, rgb = images.load_sample_image(name, "L"), images.load_sample_image(name, "RGB")
    assert grey.shape == shape[:2] and rgb.shape == shape[:2] + (3,)
    assert t(f"data.sample_{name}", "zh") and t(f"data.sample_{name}_credit", "en")
    with pytest.raises(ValueError, match="name"):
        images.load_sample_image("lena")


# --------------------------------------------------------------------------------------------
# MNIST-style preprocessing
# --------------------------------------------------------------------------------------------

def test_preprocess_recovers_held_out_mnist_digits_drawn_large_on_white():
    x, _ = datasets.load_mnist("test")
    correlations = []
    for i in range(0, 1000, 10):
        digit = x[i, 0]
        large = np.clip(images.resize_to(digit, (200, 200), resample="bilinear"), 0, 1)
        steps = images.preprocess_digit(1.0 - large)  # dark ink on white paper
        assert steps.inverted and steps.final.shape == (1, 1, 28, 28) and steps.final.dtype == np.float32
        correlations.append(np.corrcoef(steps.final.ravel(), digit.ravel())[0, 1])
    assert all(c > 0.8 for c in correlations[:10])  # the first ten held-out digits
    assert np.median(correlations) > 0.95


def test_preprocess_steps_are_consistent():
    x, _ = datasets.load_mnist("test")
    canvas = np.zeros((280, 280, 4), dtype=np.uint8)  # drawing widget: strokes on transparency
    alpha = images.to_uint8(np.clip(images.resize_to(x[5, 0], (200, 120), resample="bilinear"), 0, 1))
    canvas[40:240, 100:220, 3] = alpha
    canvas[..., :3] = 255  # white strokes
    white = images.preprocess_digit(canvas)
    canvas[..., :3] = 0  # black strokes
    black = images.preprocess_digit(canvas)
    assert not white.inverted and black.inverted
    assert np.allclose(white.final, black.final, atol=1e-6)
    steps = white
    top, left, bottom, right = steps.bbox
    assert 40 <= top < bottom <= 240 and 100 <= left < right <= 220
    assert steps.cropped.shape == (bottom - top, right - left)
    assert max(steps.scaled.shape) == 20
    assert abs(steps.scaled.shape[0] / steps.scaled.shape[1]
               - steps.cropped.shape[0] / steps.cropped.shape[1]) < 0.1  # aspect kept
    rows = np.arange(28)
    mass = steps.centered.sum()
    com = ((steps.centered.sum(1) * rows).sum() / mass, (steps.centered.sum(0) * rows).sum() / mass)
    assert abs(com[0] - 14) <= 0.5 and abs(com[1] - 14) <= 0.5
    assert steps.final.min() >= 0.0 and steps.final.max() <= 1.0


def test_preprocess_blank_input_raises_translated_error():
    for blank in (np.zeros((50, 50)), np.ones((50, 50)), np.full((50, 50, 4), 255, np.uint8),
                  np.zeros((50, 50, 4), np.uint8)):
        with pytest.raises(images.ImageLoadError) as info:
            images.preprocess_digit(blank)
        assert info.value.key == "data.err_blank"
    assert t("data.err_blank", "en") == "The canvas is empty: draw a digit first."
    with pytest.raises(ValueError, match="divide"):
        images.preprocess_digit(np.full((10, 10), 255.0))
    with pytest.raises(ValueError, match="shape"):
        images.preprocess_digit(np.zeros((10, 10, 2)))


# --------------------------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------------------------

def test_data_strings_complete_in_both_languages_with_matching_fields():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in DATA_STRINGS.items():
        assert key.startswith("data.")
        assert texts["en"].strip() and texts["zh"].strip(), key
        assert fields(texts["en"]) == fields(texts["zh"]), key
    source = Path(images.__file__).read_text(encoding="utf-8")
    import re
    used = set(re.findall(r'"(data\.(?:err|notice)_[a-z_]+)"', source))
    assert used and used <= set(DATA_STRINGS)

"""Write the small sample photos that the Conv Lab offers for its real-image view.

Output (each a PNG well under 150 KB, read by :func:`cnnviz.images.load_sample_image`):

``cnnviz/assets/sample_camera.png`` : greyscale, 256 x 256
    The "camera" photograph from scikit-image (a photographer with a tripod camera on a lawn,
    buildings behind). Strong vertical, horizontal and diagonal edges at several scales.
    Licence: no copyright restrictions, CC0 by the photographer (Lav Varshney), as stated in
    ``skimage.data.camera``.
``cnnviz/assets/sample_cat.png`` : RGB, 256 x 170
    "Chelsea the cat" from scikit-image: texture plus prominent horizontal and diagonal edges.
    Licence: no copyright restrictions, CC0 by the photographer (Stefan van der Walt), as stated
    in ``skimage.data.chelsea``.
``cnnviz/assets/sample_house.png`` : RGB, 256 x 256
    A procedurally drawn scene (gradient sky, sun, house with roof, windows and door, a tree, a
    path) made here with Pillow and NumPy from a fixed seed: clean edges in every direction.
    Made for this project; no third-party rights.

The two photographs are read straight out of a scikit-image wheel with :mod:`zipfile` (nothing
is installed; the app never imports scikit-image). The wheel is looked for in ``/tmp/skimg`` and
downloaded there with ``pip download --no-deps scikit-image`` when missing.

Usage
-----
    python assets/make_samples.py                # all three
    python assets/make_samples.py --wheel PATH   # use a given scikit-image wheel
    python assets/make_samples.py --only house   # just the synthetic scene (no wheel needed)
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

import numpy as np
import wheels  # assets/wheels.py, beside this script
from PIL import Image, ImageDraw, ImageFilter

ASSETS_DIR = Path(__file__).resolve().parent.parent / "cnnviz" / "assets"  # package data
WHEEL_DIR = Path("/tmp/skimg")
HOUSE_SEED = 7
PHOTO_MEMBERS = {
    "camera": ("skimage/data/camera.png", "L", (256, 256)),
    "cat": ("skimage/data/chelsea.png", "RGB", (256, 170)),
}


def find_wheel(wheel_dir: Path = WHEEL_DIR) -> Path:
    """Return a scikit-image wheel in ``wheel_dir``, downloading one with pip (no deps) if needed."""
    return wheels.find_wheel("scikit-image", wheel_dir)


def extract_photo(wheel: Path, member: str, mode: str, size: tuple[int, int]) -> Image.Image:
    """The image ``member`` of the wheel, converted to ``mode`` and resized to ``size`` (w, h)."""
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(member)
    with Image.open(io.BytesIO(data)) as image:
        return image.convert(mode).resize(size, Image.Resampling.LANCZOS)


def draw_house(size: int = 256, rng: np.random.Generator | None = None) -> Image.Image:
    """A synthetic RGB scene, ``size`` x ``size``, drawn at 4x and downsampled for smooth edges."""
    rng = rng if rng is not None else np.random.default_rng(HOUSE_SEED)
    s = 4 * size
    u = s / 256  # drawing unit: coordinates below are on a 256-pixel canvas

    # sky: vertical gradient from deep blue to pale blue; grass below the horizon
    horizon = int(170 * u)
    t = np.linspace(0.0, 1.0, horizon)[:, None]  # (horizon, 1)
    top, bottom = np.array([70, 120, 200]), np.array([200, 225, 245])
    sky = (top + (bottom - top) * t)[:, None, :] * np.ones((1, s, 1))  # (horizon, s, 3)
    grass_rows = s - horizon
    g = np.linspace(0.0, 1.0, grass_rows)[:, None]
    grass = (np.array([110, 160, 70]) + (np.array([60, 110, 40]) - np.array([110, 160, 70])) * g)
    grass = grass[:, None, :] * np.ones((1, s, 1))  # (s - horizon, s, 3)
    canvas = Image.fromarray(np.concatenate([sky, grass], axis=0).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(canvas)

    def box(x0, y0, x1, y1):
        return [x0 * u, y0 * u, x1 * u, y1 * u]

    draw.ellipse(box(190, 22, 230, 62), fill=(255, 214, 90))  # sun
    draw.polygon([(108 * u, 170 * u), (96 * u, 256 * u), (150 * u, 256 * u), (124 * u, 170 * u)],
                 fill=(190, 170, 130))  # path to the door
    draw.rectangle(box(60, 100, 172, 172), fill=(205, 110, 80), outline=(90, 45, 30), width=int(2 * u))
    draw.polygon([(50 * u, 102 * u), (116 * u, 48 * u), (182 * u, 102 * u)], fill=(120, 60, 50),
                 outline=(60, 30, 25))  # roof: two diagonals
    draw.rectangle(box(140, 56, 154, 84), fill=(110, 100, 100))  # chimney
    for x0 in (72, 132):  # windows with a cross of glazing bars
        draw.rectangle(box(x0, 112, x0 + 28, 138), fill=(235, 240, 250), outline=(60, 40, 30), width=int(2 * u))
        draw.line(box(x0 + 14, 112, x0 + 14, 138), fill=(60, 40, 30), width=int(2 * u))
        draw.line(box(x0, 125, x0 + 28, 125), fill=(60, 40, 30), width=int(2 * u))
    draw.rectangle(box(106, 134, 126, 172), fill=(95, 60, 40), outline=(50, 30, 20), width=int(2 * u))
    draw.ellipse(box(120, 152, 124, 156), fill=(230, 200, 80))  # door knob
    draw.rectangle(box(214, 140, 222, 186), fill=(100, 70, 40))  # tree trunk
    draw.ellipse(box(194, 96, 242, 150), fill=(50, 120, 50), outline=(30, 80, 30), width=int(2 * u))
    draw.rectangle(box(14, 150, 46, 154), fill=(240, 240, 240))  # fence rails and posts
    draw.rectangle(box(14, 162, 46, 166), fill=(240, 240, 240))
    for x0 in range(16, 46, 8):
        draw.rectangle(box(x0, 144, x0 + 3, 176), fill=(240, 240, 240))

    small = canvas.filter(ImageFilter.GaussianBlur(radius=u * 0.6)).resize((size, size), Image.Resampling.LANCZOS)
    pixels = np.asarray(small, dtype=np.float64)
    pixels = pixels + rng.normal(0.0, 2.0, size=pixels.shape)  # a little sensor-like noise
    return Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8), "RGB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="path of a scikit-image wheel (default: find or download)")
    parser.add_argument("--only", choices=["camera", "cat", "house"], action="append")
    args = parser.parse_args(argv)
    names = args.only or ["camera", "cat", "house"]

    for name in names:
        if name == "house":
            image = draw_house()
        else:
            member, mode, size = PHOTO_MEMBERS[name]
            image = extract_photo(args.wheel or find_wheel(), member, mode, size)
        path = ASSETS_DIR / f"sample_{name}.png"
        image.save(path, optimize=True)
        print(f"{path}: {image.mode} {image.size[0]}x{image.size[1]}, {path.stat().st_size / 1e3:.0f} KB")


if __name__ == "__main__":
    main()

"""A hostile-input corpus, generated (no binary files in the repository).

- :data:`INJECTIONS`: Markdown/HTML/link/image/directive injections and odd Unicode, as a visitor
  would put them in a URL, a file name or a typed field.
- :data:`HOSTILE_URL_VALUES`: values for URL parameters (injections, huge and non-finite numbers,
  overlong text, empty, lists).
- :func:`hostile_strings`: seeded random strings built from the dangerous characters.
- :func:`hostile_numbers`: typed numbers that are not finite or overflow when multiplied.
- Upload builders (:func:`png_bytes`, :func:`npz_bytes`, :func:`zip_bomb_npz`, ...) make the files
  fed through every uploader.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Iterator

import numpy as np

INJECTIONS = (
    "![a](http://10.9.9.9/p.png)",
    "[Login again](http://x)",
    "[Login again](http://10.9.9.9/login 'session expired')",
    "<img src=http://10.9.9.9/q.png onerror=alert(1)>",
    "<a href='http://x'>x</a>",
    "<script>alert(1)</script>",
    "<https://evil.example>",
    "http://evil.example/x",
    "www.evil.example",
    "admin@evil.example",
    "**bold** _it_ ~~del~~ `code`",
    ":red[alarm] :material/home: :smile: :rainbow-background[x]",
    "$\\frac{1}{0}$ $$x$$",
    "# heading\n- list\n> quote\n1. one",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;b&gt; &#x3C;img&#x3E;",
    "\u202eevil\u202c \u200b zero-width \ufeff",
    "line\r\nbreak\u2028sep\u2029para",
    "\\[escaped](x) \\\\",
    "中文[链接](http://x)",
    "[a]: http://x\n[a]",
    "javascript:alert(1)",
)

HOSTILE_URL_VALUES = (
    "![a](http://10.9.9.9/p.png)",
    "[Login again](http://x)",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-0",
    "",
    "x" * 2500,
    "\x00\x01",
    "%00%0a",
    "1" * 400,
    "0x10",
    "1_000",
    "٣",  # an Arabic-Indic digit: int() accepts it
    "[1,2]",
    "True",
    "   ",
)

_DANGEROUS = "\\`*_[]<>()~$&:#|!@.-+=/'\"\n\r\t\u202e\u200b\u2028 abcwhtp中文0123456789"


def hostile_strings(count: int, seed: int = 0, max_len: int = 40) -> Iterator[str]:
    """``count`` seeded random strings of dangerous characters, plus the known injections spliced in."""
    rng = random.Random(seed)
    for index in range(count):
        if index % 10 == 0:
            base = INJECTIONS[(index // 10) % len(INJECTIONS)]
            cut = rng.randrange(len(base) + 1)
            yield base[:cut] + "".join(rng.choice(_DANGEROUS) for _ in range(rng.randrange(4))) + base[cut:]
        else:
            yield "".join(rng.choice(_DANGEROUS) for _ in range(rng.randrange(max_len)))


def hostile_numbers() -> tuple[str, ...]:
    """Typed numbers a grid or a list of numbers must refuse with a message."""
    return ("1e308", "-1e308", "1.7976931348623157e308", "1e309", "inf", "-inf", "nan", "NaN", "1e1000",
            "9" * 400, "1e6000001", "1000001", "-1e7")


# ---------------------------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------------------------

def png_bytes(height: int, width: int, mode: str = "L", value: int = 128) -> bytes:
    """A real PNG of the given size, made with Pillow."""
    from PIL import Image

    image = Image.new(mode, (width, height), value if mode in ("L", "1", "P") else (value,) * len(mode))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def png_header_claiming(height: int, width: int) -> bytes:
    """A tiny PNG whose header claims ``height`` × ``width`` pixels (a decompression bomb's header)."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * 64)  # far too little data: decoding would fail late, after allocating
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def npz_bytes(arrays: dict, compressed: bool = True) -> bytes:
    """An ``.npz`` archive of ``arrays`` (plain NumPy, as a visitor could write it)."""
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()


def zip_bomb_npz(declared_bytes: int = 1 << 30, name: str = "conv1.weight") -> bytes:
    """A small ``.npz`` (about 1 MB) whose one entry unpacks to ``declared_bytes`` of float32 zeros.

    Built without compressing a gigabyte: with a full flush after every 4 MiB block of zeros, every
    block compresses to the same bytes, so the compressed stream is one block repeated.
    """
    block = bytes(1 << 22)
    count = declared_bytes // len(block)
    header = npy_header_only((count * len(block) // 4,), "<f4")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(header) + compressor.flush(zlib.Z_FULL_FLUSH)
    packed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert packed == again, "deflate output of a block after a full flush must not depend on history"
    stream = head + packed * count + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(header)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    size = len(header) + count * len(block)
    return _zip_of([(name + ".npy", stream, crc, size), ("format_version.npy", *_stored(_npy(np.asarray(1))))])


def _stored(payload: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(payload) + compressor.flush(), zlib.crc32(payload), len(payload)


def _zip_of(entries) -> bytes:
    """A zip archive of already deflated entries ``(name, data, crc, unpacked size)`` (sizes < 4 GiB)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in entries:
        offset = out.tell()
        raw = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc & 0xFFFFFFFF, len(data), size)
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(raw), 0) + raw + data)
        central.write(b"PK\x01\x02" + struct.pack("<H", 20) + fields
                      + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start, table = out.tell(), central.getvalue()
    out.write(table + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(table),
                                                     start, 0))
    return out.getvalue()


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npz_with_members(members: dict[str, bytes]) -> bytes:
    """A zip archive with raw member bytes (for malformed ``.npy`` headers, pickles, many members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def npy_header_only(shape: tuple, descr: str = "<f8") -> bytes:
    """An ``.npy`` member that declares ``shape`` but holds no data."""
    header = {"descr": descr, "fortran_order": False, "shape": tuple(shape)}
    text = repr(header).encode("latin1")
    pad = 64 - (10 + len(text) + 1) % 64
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text) + pad + 1) + text + b" " * pad + b"\n"

"""A small, strict PNG reader and writer for drawn signatures (no Pillow needed).

`clean_signature(data)` checks that bytes are a real PNG of sane size, decodes it fully (so a
corrupt or truncated file is refused), refuses a blank drawing, and returns a re-encoded copy
that holds only the pixels (no text chunks or other metadata).
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass

MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 200 * 1024
MAX_WIDTH, MAX_HEIGHT = 1600, 600  # CSS pixels of the pad; bounds decode time
MIN_INK_PIXELS = 40  # a deliberate mark, not a stray tap
# bytes per pixel for 8-bit colour types: grey, RGB, grey+alpha, RGBA
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


class SignatureImageError(ValueError):
    """The drawn signature cannot be accepted; the message says why in plain words."""


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    color_type: int
    rows: list[bytes]  # unfiltered pixel rows

    @property
    def bpp(self) -> int:
        return _CHANNELS[self.color_type]


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = len(MAGIC), []
    while pos < len(data):
        if pos + 8 > len(data):
            raise SignatureImageError("The signature image is cut short.")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        end = pos + 8 + length
        if end + 4 > len(data):
            raise SignatureImageError("The signature image is cut short.")
        body = data[pos + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(ctype + body) != crc:
            raise SignatureImageError("The signature image is damaged.")
        out.append((ctype, body))
        pos = end + 4
        if ctype == b"IEND":
            break
    return out


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, row: bytearray, prev: bytes, bpp: int) -> bytearray:
    n = len(row)
    if kind == 0:
        return row
    if kind == 1:
        for i in range(bpp, n):
            row[i] = (row[i] + row[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(n):
            row[i] = (row[i] + prev[i]) & 0xFF
    elif kind == 3:
        for i in range(n):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(n):
            left = row[i - bpp] if i >= bpp else 0
            upleft = prev[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + _paeth(left, prev[i], upleft)) & 0xFF
    else:
        raise SignatureImageError("The signature image is damaged.")
    return row


def decode(data: bytes) -> Image:
    if len(data) > MAX_BYTES:
        raise SignatureImageError(
            f"The signature image is too large ({len(data) // 1024} KB; the limit is "
            f"{MAX_BYTES // 1024} KB). Clear it and sign again."
        )
    if not data.startswith(MAGIC):
        raise SignatureImageError("The signature is not a PNG image.")
    chunks = _chunks(data)
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise SignatureImageError("The signature image is damaged.")
    width, height, depth, color_type, _comp, _filt, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1]
    )
    if not (0 < width <= MAX_WIDTH and 0 < height <= MAX_HEIGHT):
        raise SignatureImageError(
            f"The signature image must be at most {MAX_WIDTH} × {MAX_HEIGHT} pixels."
        )
    if depth != 8 or color_type not in _CHANNELS or interlace != 0:
        raise SignatureImageError("The signature image is in a PNG format we do not accept.")
    if chunks[-1][0] != b"IEND":
        raise SignatureImageError("The signature image is cut short.")
    bpp = _CHANNELS[color_type]
    stride = width * bpp
    expected = height * (stride + 1)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(b"".join(b for t, b in chunks if t == b"IDAT"), expected + 1)
    except zlib.error:
        raise SignatureImageError("The signature image is damaged.") from None
    if len(raw) != expected or not inflater.eof:
        raise SignatureImageError("The signature image is damaged.")
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), prev, bpp)
        prev = bytes(row)
        rows.append(prev)
    return Image(width, height, color_type, rows)


def ink_pixels(image: Image, enough: int = MIN_INK_PIXELS) -> int:
    """How many pixels differ from the background (the top-left pixel); stops at `enough`."""
    bpp = image.bpp
    background = image.rows[0][:bpp]
    blank_row = background * image.width
    count = 0
    for row in image.rows:
        if row == blank_row:
            continue
        for x in range(0, len(row), bpp):
            if row[x : x + bpp] != background:
                count += 1
                if count >= enough:
                    return count
    return count


def encode(width: int, height: int, color_type: int, rows: list[bytes]) -> bytes:
    """A minimal PNG: IHDR, one IDAT (no row filters), IEND."""

    def chunk(ctype: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + ctype
            + body
            + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    raw = b"".join(b"\x00" + r for r in rows)
    return (
        MAGIC + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    )


def clean_signature(data: bytes) -> bytes:
    image = decode(data)
    if ink_pixels(image) < MIN_INK_PIXELS:
        raise SignatureImageError("The signature box is empty. Please sign with a finger or pen.")
    return encode(image.width, image.height, image.color_type, image.rows)


def squiggle(width: int = 480, height: int = 140, seed: int = 0) -> bytes:
    """A generated, signature-like scribble (transparent background, dark ink) for demo data."""
    pixels = [bytearray(width * 4) for _ in range(height)]
    ink = (20, 30, 60, 255)
    steps = width * 3
    for i in range(steps):
        t = i / steps
        x = 20 + t * (width - 40)
        loops = math.sin(t * math.pi * (6 + seed % 3)) * (height * 0.28)
        drift = math.sin(t * math.pi * 1.5 + seed) * (height * 0.12)
        y = height / 2 + loops + drift
        for dx in (0, 1):
            for dy in (0, 1):
                px, py = int(x) + dx, int(y) + dy
                if 0 <= px < width and 0 <= py < height:
                    pixels[py][px * 4 : px * 4 + 4] = bytes(ink)
    return encode(width, height, 6, [bytes(r) for r in pixels])

"""A strict check of drawn signatures (PNG), decoded by Pillow.

`clean_signature(data)` checks that bytes are a real PNG of sane size, decodes it fully (so a
corrupt or truncated file is refused), refuses a blank drawing, and returns a re-encoded copy
that holds only the pixels (no text chunks or other metadata).

The header and chunk checksums are read here before anything is decompressed (a tiny file that
claims a huge image is refused by its header); pixel work is Pillow's, in C. An earlier version
unfiltered rows in Python, and a crafted 5 KB file cost seconds of a worker's CPU.
"""

from __future__ import annotations

import io
import math
import struct
import zlib
from dataclasses import dataclass

from PIL import Image as PillowImage
from PIL import ImageChops, ImageDraw

MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 200 * 1024
MAX_WIDTH, MAX_HEIGHT = 1600, 600  # CSS pixels of the pad; bounds decode time
MIN_INK_PIXELS = 40  # a deliberate mark, not a stray tap
# 8-bit colour types we accept (grey, RGB, grey+alpha, RGBA), as Pillow names their modes
_MODES = {0: "L", 2: "RGB", 4: "LA", 6: "RGBA"}


class SignatureImageError(ValueError):
    """The drawn signature cannot be accepted; the message says why in plain words."""


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    color_type: int
    rows: list[bytes]  # unfiltered pixel rows
    pixels: PillowImage.Image


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
    if depth != 8 or color_type not in _MODES or interlace != 0:
        raise SignatureImageError("The signature image is in a PNG format we do not accept.")
    if chunks[-1][0] != b"IEND":
        raise SignatureImageError("The signature image is cut short.")
    # The image stream must hold exactly the pixel rows (each with its filter byte): Pillow would
    # ignore data after them. zlib runs in C and stops one byte past the expected length.
    expected = height * (width * len(_MODES[color_type]) + 1)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(b"".join(b for t, b in chunks if t == b"IDAT"), expected + 1)
    except zlib.error:
        raise SignatureImageError("The signature image is damaged.") from None
    if len(raw) != expected or not inflater.eof:
        raise SignatureImageError("The signature image is damaged.")
    try:
        pixels = PillowImage.open(io.BytesIO(data), formats=["PNG"])
        pixels.load()
    except (OSError, SyntaxError, ValueError):
        raise SignatureImageError("The signature image is damaged.") from None
    if pixels.mode != _MODES[color_type]:
        raise SignatureImageError("The signature image is in a PNG format we do not accept.")
    stride = width * len(pixels.getbands())
    flat = pixels.tobytes()
    rows = [flat[y * stride : (y + 1) * stride] for y in range(height)]
    return Image(width, height, color_type, rows, pixels)


def ink_pixels(image: Image, enough: int = MIN_INK_PIXELS) -> int:
    """How many pixels differ from the background (the top-left pixel), at most `enough`."""
    pixels = image.pixels
    background = PillowImage.new(pixels.mode, pixels.size, pixels.getpixel((0, 0)))
    bands = ImageChops.difference(pixels, background).split()
    changed = bands[0]
    for band in bands[1:]:
        changed = ImageChops.lighter(changed, band)
    histogram = changed.histogram()
    return min(enough, image.width * image.height - histogram[0])


def encode(width: int, height: int, color_type: int, rows: list[bytes]) -> bytes:
    """A PNG of these 8-bit rows and nothing else: IHDR, IDAT, IEND."""
    pixels = PillowImage.frombytes(_MODES[color_type], (width, height), b"".join(rows))
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=True)
    return out.getvalue()


def clean_signature(data: bytes) -> bytes:
    image = decode(data)
    if ink_pixels(image) < MIN_INK_PIXELS:
        raise SignatureImageError("The signature box is empty. Please sign with a finger or pen.")
    return encode(image.width, image.height, image.color_type, image.rows)


def squiggle(width: int = 480, height: int = 140, seed: int = 0) -> bytes:
    """A generated, signature-like scribble (transparent background, dark ink) for demo data."""
    pixels = PillowImage.new("RGBA", (width, height), (0, 0, 0, 0))
    steps = width * 3
    points = []
    for i in range(steps):
        t = i / steps
        loops = math.sin(t * math.pi * (6 + seed % 3)) * (height * 0.28)
        drift = math.sin(t * math.pi * 1.5 + seed) * (height * 0.12)
        points.append((20 + t * (width - 40), height / 2 + loops + drift))
    ImageDraw.Draw(pixels).line(points, fill=(20, 30, 60, 255), width=2)
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=True)
    return out.getvalue()

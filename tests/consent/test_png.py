"""The signature PNG check: real, sane, decodable, not blank; stored re-encoded."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image, ImageDraw

from needling.consent import png


def _pillow_png(
    blank: bool = False, mode: str = "RGBA", size: tuple[int, int] = (300, 100)
) -> bytes:
    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    if not blank:
        draw = ImageDraw.Draw(image)
        draw.line([(10, 80), (60, 20), (120, 70), (200, 15), (290, 60)], fill="black", width=3)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)  # adaptive row filters, like browsers
    return out.getvalue()


def test_a_drawn_png_is_accepted_and_decoded_exactly_as_pillow_does() -> None:
    data = _pillow_png()
    decoded = png.decode(data)
    reference = Image.open(io.BytesIO(data)).convert("RGBA")
    assert (decoded.width, decoded.height) == reference.size
    assert b"".join(decoded.rows) == reference.tobytes()


def test_cleaning_re_encodes_the_same_pixels_without_extra_chunks() -> None:
    image = Image.open(io.BytesIO(_pillow_png())).convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=_text_chunk("Comment", "<script>alert(1)</script>"))
    cleaned = png.clean_signature(out.getvalue())
    assert b"tEXt" not in cleaned
    assert b"script" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).convert("RGBA").tobytes() == image.tobytes()


def _text_chunk(key: str, value: str) -> object:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(key, value)
    return info


def test_an_rgb_png_is_accepted() -> None:
    assert png.clean_signature(_pillow_png(mode="RGB")).startswith(png.MAGIC)


def test_a_blank_drawing_is_refused() -> None:
    with pytest.raises(png.SignatureImageError, match="empty"):
        png.clean_signature(_pillow_png(blank=True))


def test_a_stray_dot_is_not_a_signature() -> None:
    image = Image.new("RGBA", (200, 80), (0, 0, 0, 0))
    image.putpixel((10, 10), (0, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    with pytest.raises(png.SignatureImageError, match="empty"):
        png.clean_signature(out.getvalue())


def test_something_that_is_not_a_png_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (50, 50), "black").save(out, format="JPEG")
    with pytest.raises(png.SignatureImageError, match="not a PNG"):
        png.clean_signature(out.getvalue())
    with pytest.raises(png.SignatureImageError, match="not a PNG"):
        png.clean_signature(b"<svg onload=alert(1)>")


def test_a_truncated_png_is_refused() -> None:
    with pytest.raises(png.SignatureImageError, match=r"cut short|damaged"):
        png.clean_signature(_pillow_png()[:-30])


def test_a_png_with_a_bad_checksum_is_refused() -> None:
    data = bytearray(_pillow_png())
    data[40] ^= 0xFF  # inside the first IDAT chunk
    with pytest.raises(png.SignatureImageError, match="damaged"):
        png.clean_signature(bytes(data))


def test_a_file_over_the_size_limit_is_refused() -> None:
    with pytest.raises(png.SignatureImageError, match="too large"):
        png.clean_signature(png.MAGIC + b"\x00" * png.MAX_BYTES)


def test_huge_dimensions_are_refused_before_decompressing() -> None:
    # A tiny file claiming 100,000 x 100,000 pixels (a decompression bomb) is refused by its header.
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    with pytest.raises(png.SignatureImageError, match="at most"):
        png.clean_signature(png.MAGIC + chunk)


def test_sixteen_bit_or_interlaced_pngs_are_refused_with_a_message() -> None:
    image = Image.new("I;16", (100, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    with pytest.raises(png.SignatureImageError, match="format"):
        png.clean_signature(out.getvalue())


def test_extra_data_in_the_image_stream_is_refused() -> None:
    image = png.decode(png.squiggle())
    raw = b"".join(b"\x00" + r for r in image.rows) + b"extra"
    ihdr = struct.pack(">IIBBBBB", image.width, image.height, 8, 6, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    data = (
        png.MAGIC + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    with pytest.raises(png.SignatureImageError, match="damaged"):
        png.clean_signature(data)


def test_the_demo_squiggle_is_a_valid_signature() -> None:
    assert png.ink_pixels(png.decode(png.squiggle())) >= png.MIN_INK_PIXELS


def test_a_crafted_full_size_png_costs_little_cpu() -> None:
    # 1600 x 600 RGBA rows all under the Paeth filter compress to a few KB; unfiltering them in
    # Python once took seconds of a sync worker's CPU. Pillow does it in C.
    w, h = png.MAX_WIDTH, png.MAX_HEIGHT
    raw = b"".join(b"\x04" + bytes(w * 4) for _ in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    data = png.MAGIC + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
    data += chunk(b"IEND", b"")
    assert len(data) < 10_000
    started = time.process_time()
    with pytest.raises(png.SignatureImageError, match="empty"):
        png.clean_signature(data)
    assert time.process_time() - started < 0.5

"""Real image bytes made with Pillow (with GPS EXIF), bad files, consent and ready-made photos."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from needling.clients.models import Client
from needling.consent.models import Kind
from needling.photos.models import Photo
from needling.photos.services import upload_photo
from tests.consent.factories import signature

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(
    width: int = 640, height: int = 480, *, colour: tuple[int, int, int] = (200, 150, 130),
    orientation: int | None = None, quality: int = 90,
) -> bytes:  # fmt: skip
    """A real JPEG with GPS coordinates (and a camera model) in its EXIF."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 4, height // 4), fill=(220, 40, 40))  # a red top-left mark
    exif = Image.Exif()
    exif[0x0110] = "Test Camera"  # Model
    if orientation is not None:
        exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {
        1: "N",
        2: (51.0, 30.0, 12.5),
        3: "W",
        4: (0.0, 7.0, 39.0),
    }
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def swapped_primaries_profile() -> bytes:
    """An RGB colour profile whose red and blue primaries are swapped: a file tagged with it
    shows its red channel as blue. Made from Pillow's sRGB profile by swapping two tag offsets,
    so converting to sRGB visibly changes the pixels (a real Display P3 photo shifts less)."""
    from PIL import ImageCms

    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", icc[128:132])[0]
    entries = {bytes(icc[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    r, b = entries[b"rXYZ"], entries[b"bXYZ"]
    icc[r + 4 : r + 12], icc[b + 4 : b + 12] = icc[b + 4 : b + 12], icc[r + 4 : r + 12]
    return bytes(icc)


def jpeg_full_of_metadata(colour: tuple[int, int, int] = (220, 40, 40)) -> bytes:
    """A JPEG with every kind of metadata segment: a COM segment holding HTML, EXIF with GPS,
    XMP and a (swapped-primaries) ICC profile."""
    image = Image.new("RGB", (1600, 1200), colour)
    exif = Image.Exif()
    exif[0x0110] = "Test Camera"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.5)}
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        quality=95,
        comment=HTML,
        exif=exif.tobytes(),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><secret>xmp-payload</secret></x:xmpmeta>",
        icc_profile=swapped_primaries_profile(),
    )
    return out.getvalue()


def jpeg_segments(data: bytes) -> list[int]:
    """The marker of every segment before the image data (0xE0 APP0 ... 0xFE COM)."""
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the picture itself follows
            break
        markers.append(marker)
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(GPS_IFD)) or GPS_IFD in exif or b"GPS" in data[:4096]


def png(width: int = 64, height: int = 48, mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), (10, 200, 10, 128) if mode == "RGBA" else 120).save(out, "PNG")
    return out.getvalue()


def webp(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (50, 60, 70)).save(out, "WEBP")
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(side: int = 20_000) -> bytes:
    """A tiny PNG whose header declares side x side pixels (20,000 x 20,000 = 400 MP): a few
    compressed rows of a highly compressible image, as a bomb would start."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = zlib.compress(b"\x00" + b"\x00" * (side * 3), 9)  # one row
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def truncated_jpeg() -> bytes:
    data = jpeg_with_gps(800, 600)
    return data[: len(data) // 2]


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
NOT_AN_IMAGE = b"MZ\x90\x00 this is an executable, not a photo" * 20


def photo_consent(client: Client, *, days_ago: int = 30) -> None:
    signature(client, Kind.PHOTOGRAPHY, signed_at=timezone.now() - timedelta(days=days_ago))


def marketing_consent(client: Client) -> None:
    signature(client, Kind.MARKETING, signed_at=timezone.now() - timedelta(days=1))


def make_photo(
    client: Client, actor: Any, *, view: str = "front", taken_on: date | None = None,
    timepoint: str = "baseline", data: bytes | None = None, **kw: Any,
) -> Photo:  # fmt: skip
    return upload_photo(
        actor=actor,
        client=client,
        data=data or jpeg_with_gps(320, 240),
        file_name_given="photo.jpg",
        view=view,
        taken_on=taken_on or timezone.localdate(),
        timepoint=timepoint,
        **kw,
    )


def matrix_url(name: str, cast: Any) -> str:
    """URLs for the permission matrix: everything points at client A's record."""
    client = cast.record_a
    if name in ("photos:detail", "photos:image", "photos:measure"):
        photo_consent(client)
        photo = make_photo(client, cast.practitioner)
        if name == "photos:image":
            return reverse(name, args=[photo.pk, "small"])
        return reverse(name, args=[photo.pk])
    if name == "photos:capture":
        photo_consent(client)
    if name == "outcomes:record":
        return reverse(name, args=[client.pk, "gais"])
    return reverse(name, args=[client.pk])

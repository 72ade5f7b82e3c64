"""processing.process: content decides the type; bombs, damage and emptiness are refused;
orientation is applied and every metadata block dropped; thumbnails made once."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from needling.photos.processing import (
    LARGE_EDGE,
    MAX_UPLOAD_BYTES,
    SMALL_EDGE,
    PhotoRejected,
    check_file_name,
    process,
)
from tests.photos.factories import (
    HTML,
    NOT_AN_IMAGE,
    SVG,
    has_gps,
    jpeg_full_of_metadata,
    jpeg_segments,
    jpeg_with_gps,
    png,
    png_bomb,
    swapped_primaries_profile,
    truncated_jpeg,
    webp,
)


def test_it_drops_exif_including_gps() -> None:
    original = jpeg_with_gps()
    assert has_gps(original)
    result = process(original)
    for data in (result.full, result.large, result.small):
        assert not has_gps(data)
        assert b"Exif\x00\x00" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert dict(image.getexif()) == {}
            assert image.format == "JPEG"


def test_it_drops_jpeg_comments_and_every_metadata_segment_in_all_sizes() -> None:
    original = jpeg_full_of_metadata()
    assert HTML in original
    assert b"xmp-payload" in original
    assert {0xFE, 0xE1, 0xE2} <= set(jpeg_segments(original))  # COM, EXIF/XMP, ICC
    result = process(original)
    for data in (result.full, result.large, result.small):
        # Only the JFIF header (APP0) and the tables needed to decode the picture are left.
        assert set(jpeg_segments(data)) <= {0xE0, 0xDB, 0xC0, 0xC4}, jpeg_segments(data)
        assert b"<script>" not in data
        assert b"<!DOCTYPE" not in data
        assert b"xmp-payload" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert "comment" not in image.info
            assert "icc_profile" not in image.info


def test_it_converts_an_embedded_colour_profile_to_srgb_before_dropping_it() -> None:
    # Stored red, under a profile that says "this channel is blue": the picture shows blue.
    result = process(jpeg_full_of_metadata(colour=(220, 40, 40)))
    for data in (result.full, result.small):
        with Image.open(io.BytesIO(data)) as image:
            r, g, b = image.convert("RGB").getpixel((image.width // 2, image.height // 2))  # type: ignore[misc]
            assert (b > 150, r < 120) == (True, True), (r, g, b)


def test_an_srgb_or_unreadable_profile_leaves_the_colours_alone() -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for icc in (srgb, b"not a profile"):
        out = io.BytesIO()
        Image.new("RGB", (64, 64), (200, 150, 130)).save(out, "JPEG", quality=95, icc_profile=icc)
        with Image.open(io.BytesIO(process(out.getvalue()).full)) as image:
            r, g, b = image.getpixel((32, 32))  # type: ignore[misc]
            assert max(abs(r - 200), abs(g - 150), abs(b - 130)) <= 3, (icc[:8], r, g, b)
    assert swapped_primaries_profile() != srgb


def test_it_applies_the_exif_orientation_before_dropping_it() -> None:
    result = process(jpeg_with_gps(640, 480, orientation=6))  # "rotate 90° clockwise"
    assert (result.width, result.height) == (480, 640)


def test_it_makes_two_thumbnail_sizes() -> None:
    result = process(jpeg_with_gps(2000, 1500))
    with (
        Image.open(io.BytesIO(result.large)) as large,
        Image.open(io.BytesIO(result.small)) as small,
    ):
        assert max(large.size) == LARGE_EDGE
        assert max(small.size) == SMALL_EDGE


def test_it_accepts_png_with_transparency_and_webp() -> None:
    assert process(png()).source_format == "PNG"
    assert process(webp()).source_format == "WEBP"


def test_sha256_is_of_the_stored_bytes() -> None:
    import hashlib

    result = process(jpeg_with_gps())
    assert result.sha256("full") == hashlib.sha256(result.full).hexdigest()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (NOT_AN_IMAGE, "not a JPEG, PNG or WebP"),
        (SVG, "not a JPEG, PNG or WebP"),
        (HTML, "not a JPEG, PNG or WebP"),
        (truncated_jpeg(), "damaged or incomplete"),
        (png_bomb(), "too many pixels"),
        (b"\xff\xd8\xff" + b"\x00" * 100, "damaged or incomplete"),
    ],
    ids=[
        "zero-bytes",
        "not-an-image",
        "svg",
        "html",
        "truncated-jpeg",
        "pixel-bomb",
        "jpeg-magic-only",
    ],
)
def test_it_refuses_bad_files_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(PhotoRejected, match=message):
        process(data)


def test_it_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(PhotoRejected, match="limit is 25 MB"):
        process(b"\xff\xd8\xff" + b"\x00" * MAX_UPLOAD_BYTES)


@pytest.mark.parametrize(
    "name", ["x", "../../x", "photo\u202egpj.exe", "photo\u202e.jpg", "a\x00.jpg", "notes.txt"]
)
def test_it_refuses_odd_file_names(name: str) -> None:
    with pytest.raises(PhotoRejected):
        check_file_name(name)


@pytest.mark.parametrize("name", ["IMG_0001.JPG", "image.jpeg", "scan.png", "x.webp", "é ü.jpg"])
def test_it_accepts_ordinary_file_names(name: str) -> None:
    check_file_name(name)


def test_truncated_files_are_refused_even_after_weasyprint_allowed_them() -> None:
    import weasyprint  # noqa: F401  (sets ImageFile.LOAD_TRUNCATED_IMAGES = True on import)
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        with pytest.raises(PhotoRejected, match="damaged or incomplete"):
            process(truncated_jpeg())
        assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # put back as it was
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before

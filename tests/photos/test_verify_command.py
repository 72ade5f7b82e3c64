"""`needling photos verify`: re-hashes every file, reports mismatches and orphans, fails loudly."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from needling.photos import storage
from needling.photos.models import Photo
from tests.conftest import Cast
from tests.photos.factories import make_photo, photo_consent


@pytest.fixture
def photo(cast: Cast) -> Photo:
    photo_consent(cast.record_a)
    return make_photo(cast.record_a, cast.practitioner)


def test_intact_photos_pass(photo: Photo) -> None:
    out = StringIO()
    call_command("photos", "verify", stdout=out)
    assert "Photos intact: 1 photo(s), 3 file(s) re-hashed." in out.getvalue()


def test_a_changed_file_is_reported(photo: Photo, media: Path) -> None:
    path = media / photo.file_name("large")
    path.write_bytes(path.read_bytes() + b"tampered")
    err = StringIO()
    with pytest.raises(CommandError, match="1 mismatched"):
        call_command("photos", "verify", stderr=err)
    assert f"hash mismatch: {photo.file_name('large')}" in err.getvalue()


def test_a_missing_file_and_an_orphan_are_reported(photo: Photo, media: Path) -> None:
    storage.delete([photo.file_name("small")])
    stray = media / "photos" / "ab" / "stray.jpg"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"x")
    err = StringIO()
    with pytest.raises(CommandError, match="1 missing, 1 orphan"):
        call_command("photos", "verify", stderr=err)
    assert "orphan file (no photo row): photos/ab/stray.jpg" in err.getvalue()


def test_deleting_a_client_removes_its_files_on_commit(
    cast: Cast, photo: Photo, media: Path, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        cast.record_a.delete()
    assert not Photo.objects.exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []
    call_command("photos", "verify", stdout=StringIO())


def test_an_unknown_action_is_refused() -> None:
    with pytest.raises(CommandError):
        call_command("photos", "rehash")

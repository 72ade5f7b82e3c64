"""The image view: the only way out for photo bytes. Access-checked, audited, never cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client as Browser
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.photos import storage
from needling.photos.models import Photo
from tests.conftest import Cast
from tests.photos.factories import make_photo, photo_consent


@pytest.fixture
def photo(cast: Cast) -> Photo:
    photo_consent(cast.record_a)
    return make_photo(cast.record_a, cast.practitioner)


@pytest.mark.parametrize("size", ["full", "large", "small"])
def test_clinicians_get_the_bytes_with_no_store_and_an_audit_event(
    cast: Cast, photo: Photo, size: str
) -> None:
    browser = Browser()
    browser.force_login(cast.owner)
    response = browser.get(reverse("photos:image", args=[photo.pk, size]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == storage.read(photo.file_name(size))  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="photo.view")
    assert (event.client_id, event.object_id, event.detail) == (
        cast.record_a.pk,
        str(photo.pk),
        {"size": size},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("front_desk", 403),
        ("client_a", 403),
        ("client_b", 404),
        ("other_practitioner", 404),
    ],
)
def test_others_get_nothing(cast: Cast, photo: Photo, who: str, status: int) -> None:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    response = browser.get(reverse("photos:image", args=[photo.pk, "small"]))
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="photo.view").exists()


def test_anonymous_is_sent_to_sign_in(photo: Photo) -> None:
    response = Browser().get(reverse("photos:image", args=[photo.pk, "small"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_unknown_sizes_and_ids_are_404(cast: Cast, photo: Photo) -> None:
    browser = Browser()
    browser.force_login(cast.practitioner)
    assert browser.get(reverse("photos:image", args=[photo.pk, "huge"])).status_code == 404
    assert browser.get(reverse("photos:image", args=[photo.pk + 999, "small"])).status_code == 404
    assert browser.get(f"/photos/{photo.pk}/image/../../settings.py").status_code == 404


def test_a_missing_file_is_404_not_500(cast: Cast, photo: Photo, media: Path) -> None:
    storage.delete([photo.file_name("small")])
    browser = Browser()
    browser.force_login(cast.practitioner)
    assert browser.get(reverse("photos:image", args=[photo.pk, "small"])).status_code == 404


def test_photo_files_are_not_reachable_as_media_urls(cast: Cast, photo: Photo) -> None:
    browser = Browser()
    browser.force_login(cast.owner)
    assert browser.get("/media/" + photo.file_name("full")).status_code == 404

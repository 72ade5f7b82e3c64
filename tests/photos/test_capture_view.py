"""Uploading a photo through the capture page: consent first, bad files refused with a clear
400 and nothing left behind (no row, no file), good files stored re-encoded and audited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.photos import storage
from needling.photos.models import Photo
from tests.conftest import Cast
from tests.photos.conftest import files_under
from tests.photos.factories import (
    HTML,
    NOT_AN_IMAGE,
    SVG,
    has_gps,
    jpeg_with_gps,
    photo_consent,
    png_bomb,
    truncated_jpeg,
)


def _post(browser: Browser, cast: Cast, name: str, data: bytes, **fields: Any) -> Any:
    form = {
        "view": "front",
        "zone": "",
        "taken_on": timezone.localdate().isoformat(),
        "timepoint": "baseline",
        "photo": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        **fields,
    }
    return browser.post(reverse("photos:capture", args=[cast.record_a.pk]), form)


@pytest.fixture
def practitioner(cast: Cast) -> Browser:
    photo_consent(cast.record_a)
    browser = Browser()
    browser.force_login(cast.practitioner)
    return browser


def test_it_stores_a_reencoded_photo_without_gps(
    practitioner: Browser, cast: Cast, media: Path
) -> None:
    original = jpeg_with_gps(1024, 768)
    assert has_gps(original)
    response = _post(practitioner, cast, "IMG_0001.jpg", original)
    photo = Photo.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("photos:detail", args=[photo.pk])
    assert (photo.client, photo.view, photo.width, photo.height) == (
        cast.record_a,
        "front",
        1024,
        768,
    )
    assert len(files_under(media)) == 3
    for size, name in photo.file_names().items():
        data = storage.read(name)
        assert not has_gps(data), size
        assert b"Test Camera" not in data
        assert storage.sha256_of(name) == photo.expected_hashes()[size]
        assert name.startswith("photos/")
        assert photo.uuid.hex in name
    event = AuditEvent.objects.get(action="photo.upload")
    assert event.client_id == cast.record_a.pk
    assert "IMG_0001" not in str(event.detail)


BAD_FILES = [
    ("not-an-image.jpg", NOT_AN_IMAGE, "not a JPEG, PNG or WebP"),
    ("drawing.svg.jpg", SVG, "not a JPEG, PNG or WebP"),
    ("page.jpg", HTML, "not a JPEG, PNG or WebP"),
    ("cut.jpg", truncated_jpeg(), "damaged or incomplete"),
    ("empty.jpg", b"", "empty"),
    ("bomb.png", png_bomb(), "too many pixels"),
    ("../../x", jpeg_with_gps(), "must end in .jpg"),
    # Django drops the U+202E override from the name; what is left is not a photo's name.
    ("photo\u202egpj.exe", jpeg_with_gps(), "must end in .jpg"),
    ("huge.jpg", b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024), "limit is 25 MB"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_and_leave_nothing_behind(
    practitioner: Browser, cast: Cast, media: Path, name: str, data: bytes, message: str
) -> None:
    response = _post(practitioner, cast, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Photo.objects.count() == 0
    assert files_under(media) == []
    assert AuditEvent.objects.filter(action="photo.upload_refused").count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"view": "back"}, "Select a valid choice"),
        ({"view": "close_up", "zone": ""}, "A close-up needs the zone"),
        ({"zone": "elbow"}, "Select a valid choice"),
        ({"taken_on": "2999-01-01"}, "cannot be in the future"),
        ({"taken_on": "yesterday"}, "Enter a valid date"),
        ({"timepoint": "month_2"}, "Select a valid choice"),
        ({"session": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_fields_are_refused(
    practitioner: Browser, cast: Cast, media: Path, fields: dict[str, str], message: str
) -> None:
    response = _post(practitioner, cast, "ok.jpg", jpeg_with_gps(), **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Photo.objects.count() == 0
    assert files_under(media) == []


def test_no_capture_without_photo_consent(cast: Cast, media: Path) -> None:
    browser = Browser()
    browser.force_login(cast.practitioner)
    page = browser.get(reverse("photos:capture", args=[cast.record_a.pk]))
    assert page.status_code == 403
    assert "Photography consent is not signed" in page.content.decode()
    assert f"/clients/{cast.record_a.pk}/#section-consent" in page.content.decode()
    response = _post(browser, cast, "ok.jpg", jpeg_with_gps())
    assert response.status_code == 403
    assert Photo.objects.count() == 0
    assert files_under(media) == []


def test_withdrawn_photo_consent_stops_capture(cast: Cast, media: Path) -> None:
    from tests.consent.factories import signature

    signature(
        cast.record_a,
        "photography",
        signed_at=timezone.now() - timedelta(days=3),
        withdrawn_at=timezone.now(),
    )
    browser = Browser()
    browser.force_login(cast.practitioner)
    assert _post(browser, cast, "ok.jpg", jpeg_with_gps()).status_code == 403
    assert Photo.objects.count() == 0


def test_a_photo_dated_before_consent_is_refused(
    practitioner: Browser, cast: Cast, media: Path
) -> None:
    long_ago = (timezone.localdate().replace(year=2000)).isoformat()
    response = _post(practitioner, cast, "ok.jpg", jpeg_with_gps(), taken_on=long_ago)
    assert response.status_code == 403
    assert "not in force on the day" in response.content.decode()
    assert files_under(media) == []


def test_the_capture_page_offers_the_camera_and_the_baseline_guide(
    practitioner: Browser, cast: Cast
) -> None:
    from tests.photos.factories import make_photo

    baseline = make_photo(cast.record_a, cast.practitioner, view="left_45")
    page = practitioner.get(reverse("photos:capture", args=[cast.record_a.pk]) + "?view=left_45")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'capture="environment"' in html
    assert 'accept="image/jpeg,image/png,image/webp,image/*"' in html
    guide = reverse("photos:image", args=[baseline.pk, "large"])
    assert f'data-guide-url="{guide}"' in html
    assert 'class="capture-guide"' in html
    assert f'src="{guide}"' in html
    assert "style=" not in html


@pytest.mark.parametrize("who", ["front_desk", "client_a"])
def test_front_desk_and_clients_cannot_capture(cast: Cast, media: Path, who: str) -> None:
    photo_consent(cast.record_a)
    browser = Browser()
    browser.force_login(getattr(cast, who))
    assert _post(browser, cast, "ok.jpg", jpeg_with_gps()).status_code == 403
    assert Photo.objects.count() == 0


def test_another_clinic_gets_404(cast: Cast, media: Path) -> None:
    photo_consent(cast.record_a)
    browser = Browser()
    browser.force_login(cast.other_practitioner)
    assert _post(browser, cast, "ok.jpg", jpeg_with_gps()).status_code == 404
    assert Photo.objects.count() == 0


def test_a_session_of_this_client_can_be_chosen(practitioner: Browser, cast: Cast) -> None:
    from needling.charting.models import TreatmentSession

    session = TreatmentSession.objects.create(
        client=cast.record_a, practitioner=cast.practitioner, session_date=timezone.localdate()
    )
    response = _post(practitioner, cast, "ok.jpg", jpeg_with_gps(), session=str(session.pk))
    assert response.status_code == 302
    assert Photo.objects.get().session_id == session.pk


def test_an_outcome_review_of_this_client_can_be_chosen(practitioner: Browser, cast: Cast) -> None:
    from tests.scheduling.factories import appointment

    review = appointment(cast, kind="review")
    treatment = appointment(cast, kind="treatment", start=review.start + timedelta(hours=2),
                            end=review.end + timedelta(hours=2))  # fmt: skip
    page = practitioner.get(reverse("photos:capture", args=[cast.record_a.pk]))
    assert f'<option value="{review.pk}">' in page.content.decode()
    assert f'<option value="{treatment.pk}">' not in page.content.decode()
    refused = _post(practitioner, cast, "ok.jpg", jpeg_with_gps(), review=str(treatment.pk))
    assert refused.status_code == 400
    response = _post(practitioner, cast, "ok.jpg", jpeg_with_gps(), review=str(review.pk))
    assert response.status_code == 302
    assert Photo.objects.get().review_id == review.pk

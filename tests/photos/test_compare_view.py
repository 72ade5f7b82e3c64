"""Comparing two photos of the same view, and exporting the pair (consent permitting)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from needling.audit.models import AuditEvent
from needling.photos.models import Photo
from tests.conftest import Cast
from tests.consent.factories import signature
from tests.photos.factories import make_photo, marketing_consent, photo_consent


@pytest.fixture
def pair(cast: Cast) -> tuple[Photo, Photo]:
    photo_consent(cast.record_a)
    today = timezone.localdate()
    before = make_photo(cast.record_a, cast.practitioner, taken_on=today - timedelta(days=20))
    after = make_photo(cast.record_a, cast.practitioner, timepoint="month_1")
    return before, after


@pytest.fixture
def browser(cast: Cast) -> Browser:
    b = Browser()
    b.force_login(cast.practitioner)
    return b


def _compare(cast: Cast, before: Photo | int | str, after: Photo | int | str) -> str:
    b = before.pk if isinstance(before, Photo) else before
    a = after.pk if isinstance(after, Photo) else after
    return reverse("photos:compare", args=[cast.record_a.pk]) + f"?before={b}&after={a}"


def test_it_shows_the_pair_with_a_slider_and_side_by_side(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    before, after = pair
    response = browser.get(_compare(cast, before, after))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="range"' in html
    assert "data-compare-slider" in html
    assert html.count(reverse("photos:image", args=[before.pk, "large"])) == 2
    assert html.count(reverse("photos:image", args=[after.pk, "large"])) == 2
    assert f'width="{before.width}" height="{before.height}"' in html
    assert "style=" not in html
    assert AuditEvent.objects.filter(action="photo.compare").count() == 1


def test_different_views_are_refused(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    side = make_photo(cast.record_a, cast.practitioner, view="left_90")
    response = browser.get(_compare(cast, pair[0], side))
    assert response.status_code == 400
    assert "choose two photos of the same view" in response.content.decode()


def test_another_clients_photo_is_404(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    photo_consent(cast.record_b)
    theirs = make_photo(cast.record_b, cast.practitioner)
    assert browser.get(_compare(cast, pair[0], theirs)).status_code == 404
    assert browser.get(_compare(cast, pair[0], 999999)).status_code == 404
    assert browser.get(_compare(cast, pair[0], "x")).status_code == 404


def _export(browser: Browser, cast: Cast, pair: tuple[Photo, Photo], purpose: str = "record"):  # type: ignore[no-untyped-def]
    return browser.post(
        reverse("photos:export", args=[cast.record_a.pk]),
        {"before": pair[0].pk, "after": pair[1].pk, "purpose": purpose},
    )


def test_the_pair_exports_as_one_image(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    response = _export(browser, cast, pair)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]
    assert "Alice" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.width > 2 * 240  # both photos, side by side
        assert dict(image.getexif()) == {}
    event = AuditEvent.objects.get(action="photo.export")
    assert event.detail["purpose"] == "record"


def test_no_export_without_photo_consent(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    signature(
        cast.record_a, "photography", signed_at=timezone.now() - timedelta(hours=1),
        withdrawn_at=timezone.now(),
    )  # fmt: skip
    response = _export(browser, cast, pair)
    assert response.status_code == 403
    assert "Photography consent" in response.content.decode()
    assert not AuditEvent.objects.filter(action="photo.export").exists()


def test_marketing_export_needs_marketing_consent(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    response = _export(browser, cast, pair, "marketing")
    assert response.status_code == 403
    assert "Marketing consent" in response.content.decode()
    marketing_consent(cast.record_a)
    assert _export(browser, cast, pair, "marketing").status_code == 200


@pytest.mark.parametrize(
    "data", [{}, {"before": "1", "after": "2", "purpose": "print"}, {"before": "a", "after": "b"}]
)
def test_bad_export_requests_are_400(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo], data: dict[str, str]
) -> None:
    response = browser.post(reverse("photos:export", args=[cast.record_a.pk]), data)
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="photo.export").exists()


def test_mismatched_views_are_not_exported(
    browser: Browser, cast: Cast, pair: tuple[Photo, Photo]
) -> None:
    side = make_photo(cast.record_a, cast.practitioner, view="left_90")
    response = _export(browser, cast, (pair[0], side))
    assert response.status_code == 400
    assert "same view" in response.content.decode()


def test_front_desk_cannot_compare_or_export(cast: Cast, pair: tuple[Photo, Photo]) -> None:
    b = Browser()
    b.force_login(cast.front_desk)
    assert b.get(_compare(cast, *pair)).status_code == 403
    assert _export(b, cast, pair).status_code == 403


def test_the_page_opens_on_the_baseline_and_the_latest_photo_of_one_view(
    browser: Browser, cast: Cast
) -> None:
    """Issue 17: the default pair mixed views and nothing showed until "Compare" was pressed."""
    photo_consent(cast.record_a, days_ago=120)
    today = timezone.localdate()
    baseline = make_photo(cast.record_a, cast.practitioner, taken_on=today - timedelta(days=90))
    make_photo(cast.record_a, cast.practitioner, timepoint="month_1",
               taken_on=today - timedelta(days=60))  # fmt: skip
    latest = make_photo(cast.record_a, cast.practitioner, timepoint="month_3",
                        taken_on=today - timedelta(days=5))  # fmt: skip
    make_photo(cast.record_a, cast.practitioner, view="left_45", taken_on=today)  # alone: no pair
    url = reverse("photos:compare", args=[cast.record_a.pk])
    html = browser.get(url).content.decode()
    assert "data-compare-slider" in html
    assert html.count(reverse("photos:image", args=[baseline.pk, "large"])) == 2
    assert html.count(reverse("photos:image", args=[latest.pk, "large"])) == 2

"""Measuring redness on a marked region of a photo (and a reference patch)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from PIL import Image

from needling.audit.models import AuditEvent
from needling.photos.models import Photo, RednessMeasurement
from tests.conftest import Cast
from tests.photos.factories import make_photo, photo_consent


def _half_red_jpeg() -> bytes:
    image = Image.new("RGB", (400, 300), (200, 170, 150))
    image.paste((220, 60, 60), (0, 0, 200, 300))  # left half red
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def photo(cast: Cast) -> Photo:
    photo_consent(cast.record_a)
    return make_photo(cast.record_a, cast.practitioner, data=_half_red_jpeg())


@pytest.fixture
def browser(cast: Cast) -> Browser:
    b = Browser()
    b.force_login(cast.practitioner)
    return b


def _url(photo: Photo) -> str:
    return reverse("photos:measure", args=[photo.pk])


def test_it_measures_a_region_against_a_reference(browser: Browser, photo: Photo) -> None:
    data = {"x": "5", "y": "10", "w": "40", "h": "80", "ref_x": "60", "ref_y": "10",
            "ref_w": "30", "ref_h": "80"}  # fmt: skip
    response = browser.post(_url(photo), data)
    assert response.status_code == 302
    m = RednessMeasurement.objects.get()
    assert (m.x, m.y, m.w, m.h) == pytest.approx((0.05, 0.1, 0.4, 0.8))
    assert m.mean_a > 30
    assert m.ref_mean_a is not None
    assert m.delta_a is not None
    assert m.delta_a > 20
    assert m.delta_ei is not None
    assert m.delta_ei > 0
    assert AuditEvent.objects.filter(action="photo.measure").count() == 1


def test_the_whole_photo_can_be_measured(browser: Browser, photo: Photo) -> None:
    assert browser.post(_url(photo), {"whole_image": "on"}).status_code == 302
    m = RednessMeasurement.objects.get()
    assert (m.w, m.h) == (1.0, 1.0)
    assert m.ref_mean_a is None


def test_htmx_gets_the_results_partial(browser: Browser, photo: Photo) -> None:
    response = browser.post(_url(photo), {"whole_image": "on"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="redness-body">')
    assert "Relative measure, not a diagnosis" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Mark a region"),
        ({"x": "10", "y": "10", "w": "20"}, "all four numbers"),
        ({"x": "90", "y": "10", "w": "20", "h": "20"}, "must end inside the photo"),
        ({"x": "-5", "y": "10", "w": "20", "h": "20"}, "greater than or equal to 0"),
        ({"x": "abc", "y": "10", "w": "20", "h": "20"}, "Enter a number"),
        ({"x": "1", "y": "1", "w": "0.1", "h": "0.1"}, "too small"),
        ({"whole_image": "on", "ref_x": "1"}, "all four numbers of the reference patch"),
        ({"x": "nan", "y": "10", "w": "20", "h": "20"}, "Enter a number"),
    ],
)
def test_bad_regions_are_refused_and_nothing_is_stored(
    browser: Browser, photo: Photo, data: dict[str, str], message: str
) -> None:
    response = browser.post(_url(photo), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert RednessMeasurement.objects.count() == 0


@pytest.mark.parametrize(("who", "status"), [("front_desk", 403), ("other_practitioner", 404)])
def test_only_the_clinics_clinicians_measure(
    cast: Cast, photo: Photo, who: str, status: int
) -> None:
    b = Browser()
    b.force_login(getattr(cast, who))
    assert b.post(_url(photo), {"whole_image": "on"}).status_code == status
    assert b.get(reverse("photos:detail", args=[photo.pk])).status_code == status
    assert RednessMeasurement.objects.count() == 0


def test_the_detail_page_shows_the_photo_and_the_label(browser: Browser, photo: Photo) -> None:
    html = browser.get(reverse("photos:detail", args=[photo.pk])).content.decode()
    assert reverse("photos:image", args=[photo.pk, "large"]) in html
    assert "Relative measure, not a diagnosis" in html
    assert "§9.12" in html
    assert "style=" not in html


def test_get_on_measure_is_405(
    browser: Browser, photo: Photo, django_assert_max_num_queries: Any
) -> None:
    assert browser.get(_url(photo)).status_code == 405

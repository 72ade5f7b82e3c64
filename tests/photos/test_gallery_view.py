"""The client's photo gallery: paginated, filtered by view, constant queries."""

from __future__ import annotations

from typing import Any

import PIL.Image
import pytest
from django.test import Client as Browser
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.photos.models import Photo
from tests.conftest import Cast
from tests.photos.factories import jpeg_with_gps, make_photo, photo_consent


def _bulk(cast: Cast, n: int) -> None:
    """n photo rows sharing one set of files (the gallery does not read the files)."""
    first = make_photo(cast.record_a, cast.practitioner)
    Photo.objects.bulk_create(
        Photo(
            client=cast.record_a, view="front" if i % 2 else "left_45", taken_on=first.taken_on,
            timepoint="session", width=1, height=1, size_bytes=1, source_format="JPEG",
            sha256=first.sha256, sha256_large=first.sha256_large, sha256_small=first.sha256_small,
        )
        for i in range(n - 1)
    )  # fmt: skip


@pytest.fixture
def browser(cast: Cast) -> Browser:
    photo_consent(cast.record_a)
    b = Browser()
    b.force_login(cast.practitioner)
    return b


def test_it_lists_photos_with_thumbnails_and_audits(browser: Browser, cast: Cast) -> None:
    photo = make_photo(cast.record_a, cast.practitioner)
    response = browser.get(reverse("photos:gallery", args=[cast.record_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("photos:image", args=[photo.pk, "small"]) in html
    assert AuditEvent.objects.filter(action="photo.list", client_id=cast.record_a.pk).count() == 1


def test_it_pages_and_filters(browser: Browser, cast: Cast) -> None:
    _bulk(cast, 30)
    url = reverse("photos:gallery", args=[cast.record_a.pk])
    first = browser.get(url).content.decode()
    assert first.count('class="photo-tile"') == 24
    assert "Page 1 of 2" in first
    assert browser.get(url + "?page=2").content.decode().count('class="photo-tile"') == 6
    fronts = browser.get(url + "?view=front").content.decode()
    assert fronts.count('class="photo-tile"') == 15
    # An unknown view or page is not an error.
    assert browser.get(url + "?view=<script>&page=abc").status_code == 200


def test_front_desk_cannot_see_the_gallery(cast: Cast) -> None:
    b = Browser()
    b.force_login(cast.front_desk)
    assert b.get(reverse("photos:gallery", args=[cast.record_a.pk])).status_code == 403


@pytest.mark.parametrize("n", [2, 50])
def test_queries_do_not_grow_with_photos(
    browser: Browser, cast: Cast, n: int, query_budget: Any
) -> None:
    _bulk(cast, n)
    url = reverse("photos:gallery", args=[cast.record_a.pk])
    browser.get(url)  # warm the session
    # session, user, actor, MFA check, client, count, page, audit (last event,
    # insert, signed head)
    with query_budget("photo gallery"):
        assert browser.get(url).status_code == 200


def test_processing_is_not_repeated_on_view(browser: Browser, cast: Cast, monkeypatch: Any) -> None:
    make_photo(cast.record_a, cast.practitioner, data=jpeg_with_gps())
    # Count every image Pillow opens while the pages are served: the views must send the stored
    # sizes as they are, never decode or re-process them.
    calls = []
    real_open = PIL.Image.open
    monkeypatch.setattr(PIL.Image, "open", lambda *a, **k: calls.append(1) or real_open(*a, **k))
    browser.get(reverse("photos:gallery", args=[cast.record_a.pk]))
    photo = Photo.objects.get()
    browser.get(reverse("photos:image", args=[photo.pk, "small"]))
    assert calls == []

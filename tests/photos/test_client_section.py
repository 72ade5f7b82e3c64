"""The Photos and Outcomes sections of the client page: clinicians only."""

from __future__ import annotations

import pytest
from django.test import Client as Browser
from django.urls import reverse

from tests.conftest import Cast
from tests.photos.factories import make_photo, photo_consent


def test_clinicians_see_thumbnails_and_actions(cast: Cast) -> None:
    photo_consent(cast.record_a)
    photo = make_photo(cast.record_a, cast.practitioner)
    b = Browser()
    b.force_login(cast.practitioner)
    html = b.get(reverse("clients:detail", args=[cast.record_a.pk])).content.decode()
    assert 'id="section-photos"' in html
    assert 'id="section-outcomes"' in html
    assert reverse("photos:image", args=[photo.pk, "small"]) in html
    assert reverse("photos:capture", args=[cast.record_a.pk]) in html


def test_without_photo_consent_the_section_says_so_and_links_to_consent(cast: Cast) -> None:
    b = Browser()
    b.force_login(cast.owner)
    html = b.get(reverse("clients:detail", args=[cast.record_a.pk])).content.decode()
    assert "Photography consent is not signed" in html
    assert "#section-consent" in html
    assert reverse("photos:capture", args=[cast.record_a.pk]) not in html


@pytest.mark.parametrize("who", ["front_desk", "client_a"])
def test_front_desk_and_clients_see_no_photos_at_all(cast: Cast, who: str) -> None:
    photo_consent(cast.record_a)
    make_photo(cast.record_a, cast.practitioner)
    b = Browser()
    b.force_login(getattr(cast, who))
    html = b.get(reverse("clients:detail", args=[cast.record_a.pk])).content.decode()
    assert "/photos/" not in html
    assert "/outcomes/" not in html
    assert 'id="section-photos"' not in html

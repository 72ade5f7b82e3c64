"""The Photos section of the client page (clinicians only: front desk never triggers it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from needling.consent.selectors import photo_consent_valid
from needling.photos.selectors import photos_of

SECTION_PHOTOS = 6


def section_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    latest = list(photos_of(request.user, client)[: SECTION_PHOTOS + 1])
    return {
        "photos": latest[:SECTION_PHOTOS],
        "more_photos": len(latest) > SECTION_PHOTOS,
        "photo_consent": photo_consent_valid(client, on=timezone.localdate()),
    }

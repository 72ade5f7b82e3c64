"""Reads. Page selectors take the acting user: strangers to a photo get 404, staff who may see
the client but not photos (front desk) get 403, through needling.access like every page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from needling.access import get_visible_or_404, parse_pk, require
from needling.charting.models import TreatmentSession
from needling.clients.models import Client
from needling.outcomes.timepoints import Timepoint
from needling.photos.models import Photo, RednessMeasurement
from needling.scheduling.models import Appointment
from needling.scheduling.models import Kind as AppointmentKind

GUIDE_SCAN_LIMIT = 500
SESSION_CHOICES = 50


def photo_for(user: Any, photo_id: object, action: str = "photo.view") -> Photo:
    photos = Photo.objects.select_related("client", "client__clinic")
    return get_visible_or_404(photos, user, photo_id, action)


def photos_of(user: Any, client: Client) -> QuerySet[Photo]:
    require(user, "photo.view", client)
    return Photo.objects.filter(client=client).order_by("-taken_on", "-id")


def photo_of_client(user: Any, client: Client, photo_id: object) -> Photo:
    """A photo of this client (another client's photo id: 404)."""
    photo = photos_of(user, client).filter(pk=parse_pk(photo_id, "photo")).first()
    if photo is None:
        raise Http404("no such photo")
    photo.client = client
    return photo


def guide_photos(user: Any, client: Client) -> dict[str, Photo]:
    """view -> the photo to match the framing against: the first baseline photo of that view,
    or else the earliest photo of it. One query."""
    chosen: dict[str, Photo] = {}
    rows = (
        photos_of(user, client)
        .order_by("taken_on", "id")
        .only("id", "view", "timepoint", "taken_on", "width", "height", "generated")[
            :GUIDE_SCAN_LIMIT
        ]
    )
    for photo in rows:
        current = chosen.get(photo.view)
        if current is None or (
            current.timepoint != Timepoint.BASELINE and photo.timepoint == Timepoint.BASELINE
        ):
            chosen[photo.view] = photo
    return chosen


def measurements_of_photo(user: Any, photo: Photo) -> list[RednessMeasurement]:
    require(user, "photo.view", photo.client)
    return list(photo.redness.select_related("measured_by").order_by("measured_at", "id")[:50])


def redness_series(client: Client) -> list[RednessMeasurement]:
    """Every redness measurement of the client with its photo's date and session, oldest first.
    One query; the caller checked access (outcomes page)."""
    return list(
        RednessMeasurement.objects.filter(client=client)
        .select_related("photo")
        .only(
            "id",
            "mean_a",
            "erythema_index",
            "ref_mean_a",
            "ref_erythema_index",
            "photo__id",
            "photo__taken_on",
            "photo__view",
            "photo__zone",
            "photo__timepoint",
        )
        .order_by("photo__taken_on", "id")[:1000]
    )


def client_sessions(client: Client) -> list[TreatmentSession]:
    """The client's latest sessions, to tie a photo or an assessment to one. One query."""
    return list(
        TreatmentSession.objects.filter(client=client)
        .order_by("-session_date", "-id")
        .only("id", "session_date", "status")[:SESSION_CHOICES]
    )


def review_choices(client: Client) -> list[tuple[str, str]]:
    """The client's outcome review appointments (scheduling), latest first. One query."""
    reviews = (
        Appointment.objects.filter(client=client, kind=AppointmentKind.REVIEW)
        .exclude(status="cancelled")
        .order_by("-start", "-id")
        .only("id", "start")[:SESSION_CHOICES]
    )
    return [("", "— none —")] + [(str(a.pk), f"{a.start:%-d %b %Y}") for a in reviews]


def session_choices(client: Client) -> list[tuple[str, str]]:
    return [("", "— none —")] + [
        (str(s.pk), f"{s.session_date:%-d %b %Y}{'' if s.status == 'signed' else ' (draft)'}")
        for s in client_sessions(client)
    ]

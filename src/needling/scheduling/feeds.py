"""Managing calendar feed tokens (owner only): create, rotate (new token, old URL 404), revoke."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from needling.access import get_visible_or_404, require
from needling.audit.services import record
from needling.clinics.models import Location, StaffMember
from needling.scheduling.errors import SchedulingError
from needling.scheduling.models import CalendarFeed, new_feed_token


def create_feed(
    *, actor: Any, practitioner_id: int | None = None, location_id: int | None = None,
    show_details: bool = False,
) -> CalendarFeed:  # fmt: skip
    who = require(actor, "calendar.feeds")
    if (practitioner_id is None) == (location_id is None):
        raise SchedulingError("Choose a practitioner or a location (one of them).")
    if (
        practitioner_id is not None
        and not StaffMember.objects.filter(
            user_id=practitioner_id, clinic_id=who.clinic_id, role__in=["owner", "practitioner"]
        ).exists()
    ):
        raise SchedulingError("Choose a practitioner of this clinic.", field="practitioner")
    if (
        location_id is not None
        and not Location.objects.filter(pk=location_id, clinic_id=who.clinic_id).exists()
    ):
        raise SchedulingError("Choose a location of this clinic.", field="location")
    with transaction.atomic():
        feed = CalendarFeed.objects.create(
            clinic_id=who.clinic_id,
            practitioner_id=practitioner_id,
            location_id=location_id,
            show_details=bool(show_details),
            created_by=actor,
        )
        record(actor=actor, action="feed.create", obj=feed, detail={"details": feed.show_details})
    return feed


def _own(actor: Any, feed_id: object) -> CalendarFeed:
    require(actor, "calendar.feeds")  # the feeds page is the owner's: 403 before any look-up
    return get_visible_or_404(CalendarFeed.objects.all(), actor, feed_id, "calendar.feeds")


def rotate_feed(*, actor: Any, feed_id: object) -> CalendarFeed:
    feed = _own(actor, feed_id)
    with transaction.atomic():
        feed.token = new_feed_token()
        feed.active = True
        feed.save(update_fields=["token", "active"])
        record(actor=actor, action="feed.rotate", obj=feed)
    return feed


def revoke_feed(*, actor: Any, feed_id: object) -> CalendarFeed:
    feed = _own(actor, feed_id)
    with transaction.atomic():
        feed.active = False
        feed.token = new_feed_token()  # the old URL stops working at once
        feed.save(update_fields=["token", "active"])
        record(actor=actor, action="feed.revoke", obj=feed)
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.filter(token=token, active=True).select_related("clinic").first()

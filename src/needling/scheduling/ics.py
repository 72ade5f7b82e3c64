"""Calendar feeds (RFC 5545) with icalendar: one VEVENT per appointment, stable UID, SEQUENCE.

No client names or appointment kinds unless the feed shows details (the clinic opted in);
cancelled appointments stay in the feed as STATUS:CANCELLED for CANCELLED_KEPT_DAYS.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from needling.scheduling.models import Appointment, CalendarFeed, Status

CANCELLED_KEPT_DAYS = 30  # issue 6: "cancelled ones kept as CANCELLED for a while"
PAST_DAYS = 90  # how far back a feed reaches (Needling default)
FUTURE_DAYS = 366
MAX_EVENTS = 2000


def uid_host() -> str:
    return (
        getattr(settings, "NEEDLING_ICAL_HOST", "")
        or (settings.ALLOWED_HOSTS or ["needling"])[0].strip("[]")
        or "needling"
    )


def feed_appointments(feed: CalendarFeed) -> list[Appointment]:
    now = timezone.now()
    qs = Appointment.objects.filter(
        clinic_id=feed.clinic_id,
        start__gte=now - timedelta(days=PAST_DAYS),
        start__lte=now + timedelta(days=FUTURE_DAYS),
    ).filter(
        ~Q(status=Status.CANCELLED) | Q(cancelled_at__gte=now - timedelta(days=CANCELLED_KEPT_DAYS))
    )
    if feed.practitioner_id is not None:
        qs = qs.filter(practitioner_id=feed.practitioner_id)
    else:
        qs = qs.filter(location_id=feed.location_id or -1)
    return list(
        qs.select_related("client", "location", "room", "practitioner").order_by("start")[
            :MAX_EVENTS
        ]
    )


def render_feed(feed: CalendarFeed, appointments: list[Appointment], *, clinic_name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Needling//Calendar feed//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{clinic_name} appointments")
    host = uid_host()
    stamp = timezone.now()
    for a in appointments:
        cal.add_component(_event(a, feed.show_details, host, stamp))
    return bytes(cal.to_ical())


def _event(a: Appointment, details: bool, host: str, stamp: Any) -> Event:
    event = Event()
    event.add("uid", f"{a.uid}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", a.start)
    event.add("dtend", a.end)
    event.add("sequence", a.sequence)
    event.add("last-modified", a.updated_at)
    if details:
        event.add("summary", f"{a.get_kind_display()}: {a.client.full_name}")
    else:
        event.add("summary", "Appointment")
    where = a.location.name + (f", {a.room.name}" if a.room_id and a.room else "")
    event.add("location", where)
    event.add("status", "CANCELLED" if a.status == Status.CANCELLED else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if a.status == Status.CANCELLED else "OPAQUE")
    return event

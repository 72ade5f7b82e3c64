"""The client page section: next allowed session date, appointments and the course timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from needling.access import can
from needling.scheduling import gate
from needling.scheduling.models import Status
from needling.scheduling.selectors import appointments_of, follow_ups_of
from needling.scheduling.times import clinic_zone


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    label: str
    state: str  # "past" | "booked" | "proposed" | "cancelled"


def section_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    today = timezone.localdate()
    appointments = appointments_of(request.user, client)
    follow_ups = follow_ups_of(request.user, client)
    decision = gate.decide(client, proposed=today)
    timeline: list[TimelineEntry] = []
    if can(request.user, "chart.view", client):
        from needling.charting.selectors import signed_session_dates

        for on in signed_session_dates(client, limit=24):
            timeline.append(TimelineEntry(on, "Treatment session (signed)", "past"))
    review_of: dict[int, str] = {}
    for f in follow_ups:
        label = f"{f.months}-month outcome review"
        if f.appointment_id:
            review_of[f.appointment_id] = label  # shown once, as its appointment
        else:
            timeline.append(TimelineEntry(f.due_on, label, "proposed"))
    zone = clinic_zone(client.clinic)
    now = timezone.now()
    for a in appointments:
        past = "past" if a.end < now else "booked"
        state = "cancelled" if a.status == Status.CANCELLED else past
        label = review_of.get(a.pk, a.get_kind_display())
        timeline.append(TimelineEntry(a.start.astimezone(zone).date(), label, state))
    timeline.sort(key=lambda e: e.on)
    upcoming = [a for a in appointments if a.status == Status.BOOKED and a.end >= timezone.now()]
    upcoming.sort(key=lambda a: a.start)
    return {
        "decision": decision,
        "today": today,
        "upcoming": upcoming,
        "timeline": timeline,
        "clinic_tz": zone.key,
        "may_book": can(request.user, "appointment.book", client),
    }

"""The client page section: next allowed session date, appointments and the course timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from needling.access import can
from needling.scheduling import gate
from needling.scheduling.models import Kind, Status
from needling.scheduling.selectors import appointments_of, follow_ups_of
from needling.scheduling.times import clinic_zone


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    label: str
    state: str  # "past" | "booked" | "proposed" | "cancelled"


def gate_actions(
    user: Any, client: Any, reasons: list[str], facts: gate.GateFacts | None = None
) -> dict[str, Any]:
    """What a refused booking offers next: the first date the gate accepts (never one it would
    refuse) and, when a healing check is missing, the way to get one for who is asking: a
    clinician records it, the desk books the visit."""
    from needling.charting.selectors import last_signed_session_id
    from needling.scheduling.services import bookable_from

    today = timezone.localdate()
    actions: dict[str, Any] = {"bookable_from": bookable_from(client, today=today, facts=facts)}
    if any("healing" in r.lower() for r in reasons):
        last = last_signed_session_id(client)
        if last is not None and can(user, "chart.edit", client):
            actions["healing_url"] = reverse("charting:healing_check", args=[last])
        elif can(user, "appointment.book", client):
            actions["book_healing_url"] = (
                f"{reverse('scheduling:new')}?client={client.pk}&kind={Kind.HEALING_CHECK.value}"
                f"&day={today + timedelta(days=1):%Y-%m-%d}"
            )
    return actions


def section_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    today = timezone.localdate()
    appointments = appointments_of(request.user, client)
    follow_ups = follow_ups_of(request.user, client)
    facts = gate.facts_for(client, on=today)
    decision = gate.decide(client, proposed=today, facts=facts)
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
        **(
            gate_actions(request.user, client, decision.reasons, facts)
            if not decision.allowed
            else {}
        ),
        "decision": decision,
        "today": today,
        "upcoming": upcoming,
        "timeline": timeline,
        "clinic_tz": zone.key,
        "may_book": can(request.user, "appointment.book", client),
    }

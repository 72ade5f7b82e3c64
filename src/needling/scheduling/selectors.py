"""Reading the calendar. Selectors take the acting user and return only their clinic's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from needling.access import get_visible_or_404, require
from needling.clinical import PROTOCOLS
from needling.clinics.models import Clinic, Location
from needling.kernel.planner import not_an_index_term
from needling.scheduling.models import (
    MAX_APPOINTMENT_MINUTES,
    Appointment,
    CalendarFeed,
    FollowUp,
    Message,
    Room,
    Status,
)
from needling.scheduling.times import clinic_zone, day_bounds

DAY_START_HOUR = 7  # the day grid shows 07:00 to 21:00 (Needling default)
DAY_END_HOUR = 21
SLOT_MINUTES = 15
# Overdue healing checks stay on Today for the standard protocol's longest interval (its window
# end, from needling.clinical); after that the next booking's gate asks anyway.
HEALING_LOOKBACK_DAYS = PROTOCOLS["standard"].max_days


def _clinic_id(user: Any, action: str = "calendar.view") -> int:
    actor = require(user, action)
    return actor.clinic_id


def appointment_for(user: Any, appointment_id: object) -> Appointment:
    """The appointment if it belongs to the user's clinic (else 404) and the user may see the
    calendar (else 403)."""
    appointments = Appointment.objects.select_related(
        "client", "client__clinic", "practitioner", "location", "room"
    )
    return get_visible_or_404(appointments, user, appointment_id, "calendar.view")


def overlapping(qs: QuerySet[Appointment], start: datetime, end: datetime) -> QuerySet[Appointment]:
    """Appointments overlapping [start, end). The lower bound on `start` (no appointment is
    longer than MAX_APPOINTMENT_MINUTES: a CHECK constraint) turns the look-up into an index
    range on (clinic|location|practitioner, start) instead of a walk through all history."""
    earliest = start - timedelta(minutes=MAX_APPOINTMENT_MINUTES)
    return qs.filter(start__gt=earliest, start__lt=end, end__gt=start)


def _base(clinic_id: int) -> QuerySet[Appointment]:
    return Appointment.objects.filter(clinic_id=clinic_id).select_related(
        "client", "practitioner", "location", "room"
    )


@dataclass
class Placed:
    """An appointment placed on the day grid (rows of SLOT_MINUTES from DAY_START_HOUR)."""

    appointment: Appointment
    local_start: datetime
    local_end: datetime
    row: int
    span: int


@dataclass
class Column:
    key: str
    title: str
    items: list[Placed] = field(default_factory=list)


def _place(appointment: Appointment, zone: Any, day: date) -> Placed:
    ls = appointment.start.astimezone(zone)
    le = appointment.end.astimezone(zone)
    first = datetime.combine(day, datetime.min.time(), tzinfo=zone).replace(hour=DAY_START_HOUR)
    minutes_in = int((ls.replace(tzinfo=None) - first.replace(tzinfo=None)).total_seconds() // 60)
    rows = (DAY_END_HOUR - DAY_START_HOUR) * 60 // SLOT_MINUTES
    row = min(max(minutes_in // SLOT_MINUTES, 0), rows - 1)
    span = max(1, min(appointment.duration_minutes // SLOT_MINUTES, rows - row))
    return Placed(appointment, ls, le, row, span)


def day_calendar(
    user: Any, *, day: date, location_id: int | None = None, practitioner_id: int | None = None
) -> tuple[Clinic, list[Column]]:
    """One column per practitioner (a location's day) or per location (a practitioner's day).
    Two queries: the clinic and the day's appointments."""
    clinic = Clinic.objects.get(pk=_clinic_id(user))
    zone = clinic_zone(clinic)
    start, end = day_bounds(zone, day)
    qs = overlapping(_base(clinic.pk), start, end).exclude(status=Status.CANCELLED)
    if location_id is not None:
        qs = qs.filter(location_id=location_id)
    if practitioner_id is not None:
        qs = qs.filter(practitioner_id=practitioner_id)
    columns: dict[str, Column] = {}
    for appointment in qs.order_by("start", "id")[:500]:
        if practitioner_id is not None:
            key, title = f"l{appointment.location_id}", appointment.location.name
        else:
            key = f"p{appointment.practitioner_id}"
            title = appointment.practitioner.get_full_name() or appointment.practitioner.email
        column = columns.setdefault(key, Column(key, title))
        column.items.append(_place(appointment, zone, day))
    return clinic, sorted(columns.values(), key=lambda c: c.title)


@dataclass
class WeekDay:
    day: date
    items: list[Placed]


def week_calendar(
    user: Any, *, monday: date, location_id: int | None = None, practitioner_id: int | None = None
) -> tuple[Clinic, list[WeekDay]]:
    clinic = Clinic.objects.get(pk=_clinic_id(user))
    zone = clinic_zone(clinic)
    start, _ = day_bounds(zone, monday)
    _, end = day_bounds(zone, monday + timedelta(days=6))
    qs = overlapping(_base(clinic.pk), start, end).exclude(status=Status.CANCELLED)
    if location_id is not None:
        qs = qs.filter(location_id=location_id)
    if practitioner_id is not None:
        qs = qs.filter(practitioner_id=practitioner_id)
    days = [WeekDay(monday + timedelta(days=i), []) for i in range(7)]
    for appointment in qs.order_by("start", "id")[:1000]:
        local_day = appointment.start.astimezone(zone).date()
        index = (local_day - monday).days
        if 0 <= index < 7:
            days[index].items.append(_place(appointment, zone, local_day))
    return clinic, days


def calendar_choices(user: Any) -> tuple[list[Location], list[tuple[int, str]]]:
    from needling.scheduling.forms import practitioner_choices

    _clinic_id(user)
    locations = list(Location.objects.visible_to(user).order_by("name"))
    return locations, [(int(k), v) for k, v in practitioner_choices(user)]


def appointments_of(user: Any, client: Any, *, limit: int = 20) -> list[Appointment]:
    require(user, "calendar.view", client)
    return list(
        Appointment.objects.filter(client=client)
        .select_related("practitioner", "location", "room")
        .order_by("-start")[:limit]
    )


def follow_ups_of(user: Any, client: Any) -> list[FollowUp]:
    require(user, "calendar.view", client)
    return list(FollowUp.objects.filter(client=client).select_related("appointment")[:24])


def messages_of_clinic(user: Any) -> QuerySet[Message]:
    _clinic_id(user, "messages.view")  # 403 for anyone the outbox is not for
    return Message.objects.visible_to(user).select_related("client").order_by("-due_at", "-id")


def feeds_of_clinic(user: Any) -> QuerySet[CalendarFeed]:
    _clinic_id(user, "calendar.feeds")
    return CalendarFeed.objects.visible_to(user).select_related("practitioner", "location")


def rooms_of_clinic(user: Any) -> list[Room]:
    _clinic_id(user)
    return list(Room.objects.visible_to(user).select_related("location"))


@dataclass(frozen=True)
class HealingDue:
    session_id: int
    client_id: int
    client_name: str
    session_date: date
    day: int  # 3 or 7: the check point that is due
    last_checked: date | None


def healing_checks_due(clinic_id: int, *, today: date, limit: int = 20) -> list[HealingDue]:
    """Signed sessions (each client's latest) from day 3 on (up to HEALING_LOOKBACK_DAYS: overdue
    ones stay listed) with no healed check recorded and no check since the check point now due
    (day 3, then day 7). One query."""
    from needling.charting.models import HealingCheck, TreatmentSession

    later = TreatmentSession.objects.filter(
        client_id=OuterRef("client_id"), status="signed", session_date__gt=OuterRef("session_date")
    )
    healed = HealingCheck.objects.filter(session_id=OuterRef("pk"), healed=True)
    last_check = HealingCheck.objects.filter(session_id=OuterRef("pk")).order_by("-checked_on")
    # Starts from the signed sessions of the look-back window (index session_signed_by_date,
    # in session_date order, so the LIMIT stops the walk early); no GROUP BY.
    rows = (
        TreatmentSession.objects.alias(clinic_of_client=not_an_index_term("client__clinic_id"))
        .filter(
            status="signed",
            session_date__lte=today - timedelta(days=3),
            session_date__gte=today - timedelta(days=HEALING_LOOKBACK_DAYS),
            clinic_of_client=clinic_id,
        )
        .annotate(
            has_later=Exists(later),
            is_healed=Exists(healed),
            last_check=Subquery(last_check.values("checked_on")[:1]),
        )
        .filter(has_later=False, is_healed=False)
        .select_related("client")
        .order_by("session_date", "id")
    )
    due = []
    for s in rows[: limit * 2]:
        elapsed = (today - s.session_date).days
        point = 7 if elapsed >= 7 else 3
        point_date = s.session_date + timedelta(days=point)
        if s.last_check is not None and s.last_check >= point_date:
            continue
        due.append(
            HealingDue(s.pk, s.client_id, s.client.full_name, s.session_date, point, s.last_check)
        )
    return due[:limit]

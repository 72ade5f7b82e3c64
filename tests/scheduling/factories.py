"""Objects for scheduling tests, and URLs with real objects for the permission matrix."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from needling.clinics.models import Location
from needling.scheduling.models import Appointment, CalendarFeed
from needling.scheduling.times import clinic_zone, local_datetime
from tests.conftest import Cast


def at(cast: Cast, day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime for a wall-clock time in the test clinic's zone."""
    return local_datetime(clinic_zone(cast.clinic), day, time(hour, minute))


def day_after_tomorrow() -> date:
    """Two days ahead in the clinic: an appointment there at any hour is more than 24 hours away."""
    return timezone.localdate() + timedelta(days=2)


def location(cast: Cast) -> Location:
    return Location.objects.get(clinic=cast.clinic, name="Main")


def appointment(cast: Cast, **fields: Any) -> Appointment:
    """A booked consultation for client A two days ahead at 10:00 (straight into the table)."""
    start = fields.pop("start", at(cast, day_after_tomorrow(), 10))
    minutes = fields.pop("minutes", 30)
    defaults: dict[str, Any] = {
        "clinic": cast.clinic,
        "client": cast.record_a,
        "practitioner": cast.practitioner,
        "location": location(cast),
        "kind": "consultation",
        "start": start,
        "end": start + timedelta(minutes=minutes),
        "booked_by": cast.front_desk,
    }
    defaults.update(fields)
    return Appointment.objects.create(**defaults)


def signed_session(cast: Cast, client: Any, on: date, *, healed_on: date | None = None) -> Any:
    """A signed treatment session (and optionally a healed check) through charting's models."""
    from needling.charting.models import HealingCheck, TreatmentSession

    session = TreatmentSession.objects.create(
        client=client,
        practitioner=cast.practitioner,
        session_date=on,
        status="signed",
        signed_by=cast.practitioner,
        signed_at=timezone.now(),
    )
    if healed_on is not None:
        HealingCheck.objects.create(
            session=session,
            client=client,
            checked_on=healed_on,
            healed=True,
            symptoms=[],
            recorded_by=cast.practitioner,
        )
    return session


def matrix_url(name: str, cast: Cast) -> str:
    if name in ("scheduling:appointment", "scheduling:move", "scheduling:cancel"):
        return reverse(name, args=[appointment(cast).pk])
    if name == "scheduling:feed":
        feed = CalendarFeed.objects.create(
            clinic=cast.clinic, practitioner=cast.practitioner, created_by=cast.owner
        )
        return reverse(name, args=[feed.pk])
    if name == "scheduling:ical":
        feed = CalendarFeed.objects.create(
            clinic=cast.clinic, location=location(cast), created_by=cast.owner
        )
        return reverse(name, args=[feed.token])
    if name == "scheduling:room":
        from needling.scheduling.models import Room

        return reverse(name, args=[Room.objects.create(location=location(cast), name="R1").pk])
    return reverse(name)

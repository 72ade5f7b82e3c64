"""Booking, moving and cancelling appointments: THE one gate every booking path calls.

The staff calendar calls these now; the API and the portal call the same functions later.
Treatment appointments ask needling.clinical.booking_decision (through gate.py) with the
client's last session, latest healing check, open adverse events and screening verdict. A refusal
raises BookingRefused with the reasons and the earliest date; a practitioner (never front desk)
may override with a written reason, which is audited. Consultations and reviews are not gated.

No double booking: inside the transaction the practitioner's and the room's rows are locked and
the overlap checked (PostgreSQL); SQLite's IMMEDIATE transaction serialises writers. Behind that,
the database itself refuses overlaps (exclusion constraint / trigger, migration 0002).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from needling.access import CLINICIANS, actor_for, can, require
from needling.audit.services import record
from needling.clinics.models import StaffMember
from needling.scheduling import gate
from needling.scheduling.errors import (
    BookingRefused,
    SchedulingError,
    SlotTaken,
    StaleAppointment,
)
from needling.scheduling.models import MAX_APPOINTMENT_MINUTES, Appointment, Kind, Room, Status
from needling.scheduling.notify import appointment_booked, appointment_cancelled, appointment_moved
from needling.scheduling.times import clinic_zone

MIN_MINUTES = 5
MAX_MINUTES = MAX_APPOINTMENT_MINUTES
MIN_OVERRIDE_CHARS = 10


def _duration(duration: object) -> timedelta:
    if isinstance(duration, timedelta):
        minutes = duration.total_seconds() / 60
    elif isinstance(duration, int) and not isinstance(duration, bool):
        minutes = duration
    else:
        raise SchedulingError("The duration must be a whole number of minutes.", field="duration")
    if minutes != int(minutes) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise SchedulingError(
            f"The duration must be between {MIN_MINUTES} and {MAX_MINUTES} minutes.",
            field="duration",
        )
    return timedelta(minutes=int(minutes))


def _start(start: object) -> datetime:
    if not isinstance(start, datetime) or timezone.is_naive(start):
        raise SchedulingError("The start must be a date and time.", field="start")
    if start <= timezone.now():
        raise SchedulingError(
            "That time is in the past: appointments are booked from now on.", field="start"
        )
    return start.replace(microsecond=0)


def _check_people_and_places(
    *, clinic_id: int, practitioner: Any, location: Any, room: Room | None
) -> None:
    staff = (
        StaffMember.objects.filter(user_id=getattr(practitioner, "pk", None) or -1, active=True)
        .values_list("clinic_id", "role")
        .first()
    )
    if staff is None or staff[0] != clinic_id:
        raise SchedulingError("Choose a practitioner of this clinic.", field="practitioner")
    if staff[1] not in CLINICIANS:
        raise SchedulingError(
            "Appointments are with a practitioner: front desk staff cannot hold them.",
            field="practitioner",
        )
    if location is None or location.clinic_id != clinic_id:
        raise SchedulingError("Choose a location of this clinic.", field="location")
    if room is not None and (room.location_id != location.pk or not room.active):
        raise SchedulingError("Choose a room at that location.", field="room")


def _lock_and_check_slot(
    *,
    practitioner_id: int,
    room_id: int | None,
    start: datetime,
    end: datetime,
    exclude_id: int | None = None,
) -> None:
    """Lock the practitioner's and the room's rows (PostgreSQL; SQLite's IMMEDIATE transaction
    already holds the write lock), then refuse an overlapping appointment."""
    list(StaffMember.objects.select_for_update().filter(user_id=practitioner_id))
    if room_id is not None:
        list(Room.objects.select_for_update().filter(pk=room_id))
    # Bounded below by the longest appointment (a CHECK constraint): an index range on
    # (practitioner, start) and (room, start), not the practitioner's whole history.
    earliest = start - timedelta(minutes=MAX_APPOINTMENT_MINUTES)
    overlapping = Appointment.objects.exclude(status=Status.CANCELLED).filter(
        start__gt=earliest, start__lt=end, end__gt=start
    )
    if exclude_id is not None:
        overlapping = overlapping.exclude(pk=exclude_id)
    who = overlapping.filter(practitioner_id=practitioner_id).exists()
    if who:
        raise SlotTaken(
            "The practitioner already has an appointment at that time. Choose another time or "
            "another practitioner.",
            field="start",
        )
    if room_id is not None and overlapping.filter(room_id=room_id).exists():
        raise SlotTaken(
            "The room is already booked at that time. Choose another time or another room.",
            field="room",
        )


def _gate(
    *, actor: Any, client: Any, kind: str, start: datetime, override_reason: str
) -> tuple[str, list[str]]:
    """Ask the gate for a treatment; returns (override reason used, the decision's notes)."""
    if kind != Kind.TREATMENT:
        return "", []
    proposed = start.astimezone(clinic_zone(client.clinic)).date()
    facts = gate.facts_for(client, on=proposed)
    decision = gate.decide(client, proposed=proposed, facts=facts)
    if decision.allowed:
        return "", decision.reasons
    overridable = facts.screening != "stop"
    if not override_reason:
        raise BookingRefused(decision.reasons, earliest=decision.earliest, overridable=overridable)
    if not overridable:
        raise BookingRefused(
            decision.reasons,
            earliest=decision.earliest,
            overridable=False,
            message="A screening stop cannot be overridden when booking: resolve it in the "
            "screening first. " + " ".join(decision.reasons),
        )
    if not can(actor, "appointment.override_gate", client):
        raise BookingRefused(
            decision.reasons,
            earliest=decision.earliest,
            overridable=True,
            message="Only a practitioner may override the booking gate. "
            + " ".join(decision.reasons),
        )
    if len(override_reason) < MIN_OVERRIDE_CHARS:
        raise SchedulingError(
            f"Write the reason for the override (at least {MIN_OVERRIDE_CHARS} characters).",
            field="override_reason",
        )
    return override_reason, decision.reasons


def _clean_key(key: object) -> uuid.UUID | None:
    if key in (None, ""):
        return None
    try:
        return uuid.UUID(str(key))
    except ValueError:
        raise SchedulingError("This form is out of date: reload the page.") from None


def book_appointment(
    *,
    actor: Any,
    client: Any,
    kind: str,
    start: datetime,
    duration: int | timedelta,
    practitioner: Any,
    location: Any,
    room: Room | None = None,
    override_reason: str | None = None,
    note: str = "",
    idempotency_key: object = None,
) -> Appointment:
    """Book an appointment, or raise SchedulingError / BookingRefused / SlotTaken.

    The same `idempotency_key` twice returns the first appointment (a double submit)."""
    require(actor, "appointment.book", client)
    key = _clean_key(idempotency_key)
    if key is not None:
        existing = Appointment.objects.filter(idempotency_key=key).first()
        if existing is not None:
            if existing.client_id != client.pk:
                raise SchedulingError("This form was already used: reload the page.")
            return existing
    if kind not in Kind.values:
        raise SchedulingError("Choose the kind of appointment.", field="kind")
    length = _duration(duration)
    begin = _start(start)
    end = begin + length
    _check_people_and_places(
        clinic_id=client.clinic_id, practitioner=practitioner, location=location, room=room
    )
    note = (note or "").strip()
    if len(note) > 300:
        raise SchedulingError("Keep the note under 300 characters.", field="note")
    reason = (override_reason or "").strip()
    if len(reason) > 2000:
        raise SchedulingError(
            "Keep the override reason under 2,000 characters.", field="override_reason"
        )
    used_reason, notes = _gate(
        actor=actor, client=client, kind=kind, start=begin, override_reason=reason
    )
    try:
        with transaction.atomic():
            _lock_and_check_slot(
                practitioner_id=practitioner.pk,
                room_id=room.pk if room else None,
                start=begin,
                end=end,
            )
            appointment = Appointment.objects.create(
                clinic_id=client.clinic_id,
                client=client,
                practitioner=practitioner,
                location=location,
                room=room,
                kind=kind,
                start=begin,
                end=end,
                override_reason=used_reason,
                note=note,
                idempotency_key=key,
                booked_by=actor,
            )
            record(
                actor=actor,
                action="appointment.override" if used_reason else "appointment.book",
                client=client,
                obj=appointment,
                detail={"kind": kind, "minutes": int(length.total_seconds() // 60),
                        "overridden": bool(used_reason), "gate_notes": len(notes)},
            )  # fmt: skip
            appointment_booked(appointment)
            if kind == Kind.REVIEW:
                from needling.scheduling.followups import link_review

                link_review(appointment)
    except IntegrityError:
        if key is not None:
            existing = Appointment.objects.filter(idempotency_key=key, client=client).first()
            if existing is not None:
                return existing
        raise SlotTaken(
            "That time was just taken by another booking. Choose another time.", field="start"
        ) from None
    appointment.gate_notes = notes  # type: ignore[attr-defined]
    return appointment


_KEEP: Any = object()


def move_appointment(
    *,
    actor: Any,
    appointment: Appointment,
    start: datetime,
    duration: int | timedelta | None = None,
    practitioner: Any = None,
    location: Any = None,
    room: Any = _KEEP,
    override_reason: str | None = None,
    sequence: int | None = None,
) -> Appointment:
    """Move (and optionally reassign) a booked appointment; a treatment passes the gate again.

    `sequence` is the SEQUENCE the person saw: if the appointment changed since, refuse."""
    client = appointment.client
    require(actor, "appointment.book", client)
    if appointment.status != Status.BOOKED:
        raise SchedulingError("Only a booked appointment can be moved.")
    if sequence is not None and sequence != appointment.sequence:
        raise StaleAppointment(
            "Someone else changed this appointment meanwhile: reload it and try again."
        )
    length = _duration(duration) if duration is not None else appointment.end - appointment.start
    begin = _start(start)
    end = begin + length
    who = practitioner if practitioner is not None else appointment.practitioner
    where = location if location is not None else appointment.location
    new_room = appointment.room if room is _KEEP else room
    _check_people_and_places(
        clinic_id=client.clinic_id, practitioner=who, location=where, room=new_room
    )
    reason = (override_reason or "").strip()
    used_reason, _notes = _gate(
        actor=actor, client=client, kind=appointment.kind, start=begin, override_reason=reason
    )
    try:
        with transaction.atomic():
            _lock_and_check_slot(
                practitioner_id=who.pk,
                room_id=new_room.pk if new_room else None,
                start=begin,
                end=end,
                exclude_id=appointment.pk,
            )
            updated = Appointment.objects.filter(
                pk=appointment.pk, status=Status.BOOKED, sequence=appointment.sequence
            ).update(
                start=begin,
                end=end,
                practitioner=who,
                location=where,
                room=new_room,
                override_reason=used_reason or appointment.override_reason,
                sequence=F("sequence") + 1,
                updated_at=timezone.now(),
            )
            if not updated:
                raise StaleAppointment(
                    "Someone else changed this appointment meanwhile: reload it and try again."
                )
            appointment.refresh_from_db()
            record(
                actor=actor,
                action="appointment.override" if used_reason else "appointment.move",
                client=client,
                obj=appointment,
                detail={"kind": appointment.kind, "overridden": bool(used_reason),
                        "sequence": appointment.sequence},
            )  # fmt: skip
            appointment_moved(appointment)
    except IntegrityError:
        raise SlotTaken(
            "That time was just taken by another booking. Choose another time.", field="start"
        ) from None
    return appointment


def cancel_appointment(
    *, actor: Any, appointment: Appointment, sequence: int | None = None
) -> Appointment:
    client = appointment.client
    require(actor, "appointment.book", client)
    if appointment.status == Status.CANCELLED:
        return appointment  # a double submit: already done
    if appointment.status != Status.BOOKED:
        raise SchedulingError("Only a booked appointment can be cancelled.")
    if sequence is not None and sequence != appointment.sequence:
        raise StaleAppointment(
            "Someone else changed this appointment meanwhile: reload it and try again."
        )
    now = timezone.now()
    with transaction.atomic():
        updated = Appointment.objects.filter(
            pk=appointment.pk, status=Status.BOOKED, sequence=appointment.sequence
        ).update(
            status=Status.CANCELLED,
            cancelled_at=now,
            sequence=F("sequence") + 1,
            updated_at=now,
        )
        if not updated:
            raise StaleAppointment(
                "Someone else changed this appointment meanwhile: reload it and try again."
            )
        appointment.refresh_from_db()
        record(
            actor=actor,
            action="appointment.cancel",
            client=client,
            obj=appointment,
            detail={"kind": appointment.kind},
        )
        appointment_cancelled(appointment)
    return appointment


def set_attendance(*, actor: Any, appointment: Appointment, status: str) -> Appointment:
    """Mark a started appointment done or a no-show."""
    require(actor, "appointment.book", appointment.client)
    if status not in (Status.DONE, Status.NO_SHOW):
        raise SchedulingError("Choose done or no-show.", field="status")
    if appointment.status not in (Status.BOOKED, Status.DONE, Status.NO_SHOW):
        raise SchedulingError("A cancelled appointment cannot be marked.")
    if appointment.start > timezone.now():
        raise SchedulingError("The appointment has not started yet.")
    with transaction.atomic():
        Appointment.objects.filter(pk=appointment.pk).update(
            status=status, sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        appointment.refresh_from_db()
        record(actor=actor, action="appointment.attendance", client=appointment.client,
               obj=appointment, detail={"status": status})  # fmt: skip
    return appointment


def earliest_slot_day(client: Any, *, on: date) -> date | None:
    """The earliest day a treatment may be booked (None when the gate names none)."""
    return gate.decide(client, proposed=on).earliest


def bookable_from(client: Any, *, today: date, facts: gate.GateFacts | None = None) -> date | None:
    """The first day from `today` the gate would accept a treatment on, or None while something
    other than the interval blocks it (no healed check, an open adverse event, a screening stop):
    a date is offered only when booking it would succeed."""
    from dataclasses import replace

    from needling.intake.selectors import screening_verdict_for_booking

    facts = facts or gate.facts_for(client, on=today)
    earliest = gate.decide(client, proposed=today, facts=facts).earliest
    candidate = max(earliest, today) if earliest is not None else today
    if candidate != today:
        facts = replace(facts, screening=screening_verdict_for_booking(client, on=candidate))
    return candidate if gate.decide(client, proposed=candidate, facts=facts).allowed else None


def actor_is_clinician(user: Any) -> bool:
    a = actor_for(user)
    return a is not None and a.role in CLINICIANS

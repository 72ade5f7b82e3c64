"""move_appointment and cancel_appointment: gated again, SEQUENCE bumped, messages follow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.scheduling.errors import BookingRefused, SchedulingError, SlotTaken, StaleAppointment
from needling.scheduling.models import Appointment, Message
from needling.scheduling.services import book_appointment, cancel_appointment, move_appointment
from tests.conftest import Cast
from tests.scheduling.factories import at, day_after_tomorrow, location, signed_session


def _booked(
    cast: Cast, kind: str = "consultation", hour: int = 10, client: object = None
) -> Appointment:
    return book_appointment(
        actor=cast.front_desk, client=client or cast.record_a, kind=kind,
        start=at(cast, day_after_tomorrow(), hour), duration=30, practitioner=cast.practitioner,
        location=location(cast),
    )  # fmt: skip


def test_moving_bumps_the_sequence_and_moves_the_reminder(cast: Cast) -> None:
    appointment = _booked(cast)
    new_start = at(cast, day_after_tomorrow() + timedelta(days=1), 15)
    moved = move_appointment(
        actor=cast.front_desk, appointment=appointment, start=new_start, sequence=0
    )
    assert moved.start == new_start
    assert moved.sequence == 1
    reminder = Message.objects.get(appointment=appointment, kind="reminder")
    assert reminder.due_at == new_start - timedelta(hours=24)
    assert Message.objects.filter(appointment=appointment, kind="confirmation").count() == 2
    assert AuditEvent.objects.filter(action="appointment.move").count() == 1


def test_moving_a_treatment_passes_the_gate_again(cast: Cast) -> None:
    today = timezone.localdate()
    appointment = _booked(cast, kind="treatment")
    signed_session(
        cast, cast.record_a, today - timedelta(days=10), healed_on=today - timedelta(days=8)
    )
    with pytest.raises(BookingRefused) as refused:
        move_appointment(
            actor=cast.front_desk, appointment=appointment, start=at(cast, day_after_tomorrow(), 16)
        )
    assert refused.value.earliest == today - timedelta(days=10) + timedelta(days=42)
    appointment.refresh_from_db()
    assert appointment.start == at(cast, day_after_tomorrow(), 10)
    assert appointment.sequence == 0


def test_moving_onto_a_taken_slot_is_refused_and_changes_nothing(cast: Cast) -> None:
    first = _booked(cast, hour=10)
    _booked(cast, hour=14, client=cast.record_b)
    with pytest.raises(SlotTaken):
        move_appointment(
            actor=cast.front_desk, appointment=first, start=at(cast, day_after_tomorrow(), 14, 15)
        )
    first.refresh_from_db()
    assert first.start == at(cast, day_after_tomorrow(), 10)


def test_moving_a_stale_copy_is_refused(cast: Cast) -> None:
    appointment = _booked(cast)
    move_appointment(
        actor=cast.front_desk, appointment=appointment, start=at(cast, day_after_tomorrow(), 11)
    )
    with pytest.raises(StaleAppointment):
        move_appointment(
            actor=cast.front_desk,
            appointment=appointment,
            start=at(cast, day_after_tomorrow(), 12),
            sequence=0,
        )


def test_moving_into_the_past_is_refused(cast: Cast) -> None:
    appointment = _booked(cast)
    with pytest.raises(SchedulingError, match="past"):
        move_appointment(
            actor=cast.front_desk,
            appointment=appointment,
            start=timezone.now() - timedelta(hours=1),
        )


def test_cancelling_keeps_the_row_frees_the_slot_and_tells_the_client(cast: Cast) -> None:
    appointment = _booked(cast)
    cancel_appointment(actor=cast.front_desk, appointment=appointment, sequence=0)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert appointment.cancelled_at is not None
    assert appointment.sequence == 1
    reminder = Message.objects.get(appointment=appointment, kind="reminder")
    assert reminder.status == "cancelled"
    assert Message.objects.filter(appointment=appointment, kind="cancellation").count() == 1
    assert AuditEvent.objects.filter(action="appointment.cancel").count() == 1


def test_cancelling_twice_is_harmless(cast: Cast) -> None:
    appointment = _booked(cast)
    cancel_appointment(actor=cast.front_desk, appointment=appointment)
    cancel_appointment(actor=cast.front_desk, appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.sequence == 1
    assert Message.objects.filter(kind="cancellation").count() == 1


def test_a_cancelled_appointment_cannot_be_moved(cast: Cast) -> None:
    appointment = _booked(cast)
    cancel_appointment(actor=cast.front_desk, appointment=appointment)
    with pytest.raises(SchedulingError, match="Only a booked"):
        move_appointment(
            actor=cast.front_desk, appointment=appointment, start=at(cast, day_after_tomorrow(), 12)
        )

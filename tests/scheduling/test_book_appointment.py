"""book_appointment: the one gate every booking path calls."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.clinics.models import Location
from needling.scheduling.errors import BookingRefused, SchedulingError, SlotTaken
from needling.scheduling.models import Appointment, Message, Room
from needling.scheduling.services import book_appointment
from tests.conftest import Cast
from tests.intake.factories import ready, submit
from tests.scheduling.factories import at, day_after_tomorrow, location, signed_session


def _book(cast: Cast, **kw: Any) -> Appointment:
    args: dict[str, Any] = {
        "actor": cast.front_desk,
        "client": cast.record_a,
        "kind": "treatment",
        "start": at(cast, day_after_tomorrow(), 10),
        "duration": 60,
        "practitioner": cast.practitioner,
        "location": location(cast),
    }
    args.update(kw)
    return book_appointment(**args)


def _treated(cast: Cast, days_ago: int, healed_after: int | None = 2) -> None:
    today = timezone.localdate()
    last = today - timedelta(days=days_ago)
    healed = last + timedelta(days=healed_after) if healed_after is not None else None
    signed_session(cast, cast.record_a, last, healed_on=healed)


def test_a_first_treatment_is_booked_and_confirmed(cast: Cast) -> None:
    appointment = _book(cast)
    assert appointment.status == "booked"
    assert appointment.end - appointment.start == timedelta(minutes=60)
    assert appointment.sequence == 0
    kinds = set(Message.objects.filter(appointment=appointment).values_list("kind", flat=True))
    assert kinds == {"confirmation", "reminder"}
    assert (
        AuditEvent.objects.filter(action="appointment.book", client_id=cast.record_a.pk).count()
        == 1
    )


def test_a_treatment_too_early_is_refused_with_the_earliest_date(cast: Cast) -> None:
    _treated(cast, days_ago=21)
    with pytest.raises(BookingRefused) as refused:
        _book(cast)
    earliest = timezone.localdate() - timedelta(days=21) + timedelta(days=42)
    assert refused.value.earliest == earliest
    assert any("42 days" in r for r in refused.value.reasons)
    assert refused.value.overridable
    assert Appointment.objects.count() == 0
    assert Message.objects.count() == 0


def test_a_treatment_without_a_healing_check_is_refused(cast: Cast) -> None:
    _treated(cast, days_ago=45, healed_after=None)
    with pytest.raises(BookingRefused) as refused:
        _book(cast)
    assert any("healing" in r.lower() for r in refused.value.reasons)
    assert Appointment.objects.count() == 0


def test_a_treatment_inside_the_window_after_healing_is_booked(cast: Cast) -> None:
    _treated(cast, days_ago=45, healed_after=3)
    assert _book(cast).kind == "treatment"


def test_an_open_adverse_event_refuses_a_treatment(cast: Cast) -> None:
    from needling.charting.models import AdverseEvent, TreatmentSession

    _treated(cast, days_ago=45)
    session = TreatmentSession.objects.get(client=cast.record_a)
    AdverseEvent.objects.create(
        session=session, client=cast.record_a, kind="pih", severity="mild",
        onset=session.session_date + timedelta(days=5), reported_by=cast.practitioner,
    )  # fmt: skip
    with pytest.raises(BookingRefused) as refused:
        _book(cast)
    assert any("adverse event" in r for r in refused.value.reasons)


def test_consultations_and_reviews_are_not_gated(cast: Cast) -> None:
    _treated(cast, days_ago=7, healed_after=None)
    _book(cast, kind="consultation")
    _book(cast, kind="review", start=at(cast, day_after_tomorrow(), 14))
    assert Appointment.objects.count() == 2


def test_a_practitioner_overrides_with_a_written_reason_which_is_audited(cast: Cast) -> None:
    _treated(cast, days_ago=21)
    reason = "Client travels abroad for three months; agreed a shorter interval."
    appointment = _book(cast, actor=cast.practitioner, override_reason=reason)
    assert appointment.override_reason == reason
    event = AuditEvent.objects.get(action="appointment.override")
    assert event.detail["overridden"] is True
    assert reason not in str(event.detail)  # the reason stays on the appointment, not the log


def test_front_desk_cannot_override(cast: Cast) -> None:
    _treated(cast, days_ago=21)
    with pytest.raises(BookingRefused, match="Only a practitioner"):
        _book(cast, override_reason="The client insists on an earlier date, please.")
    assert Appointment.objects.count() == 0


def test_an_override_needs_a_real_reason(cast: Cast) -> None:
    _treated(cast, days_ago=21)
    with pytest.raises(SchedulingError, match="at least 10 characters") as error:
        _book(cast, actor=cast.practitioner, override_reason="ok")
    assert error.value.field == "override_reason"
    assert Appointment.objects.count() == 0


def test_a_screening_stop_cannot_be_overridden_at_booking(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, on=timezone.localdate(), pregnant=True)
    with pytest.raises(BookingRefused) as refused:
        _book(
            cast, actor=cast.practitioner, override_reason="Practitioner judgement, booked anyway."
        )
    assert not refused.value.overridable
    assert "screening" in refused.value.message
    assert Appointment.objects.count() == 0


def test_a_time_in_the_past_is_refused(cast: Cast) -> None:
    with pytest.raises(SchedulingError, match="in the past"):
        _book(cast, kind="consultation", start=timezone.now() - timedelta(minutes=5))
    assert Appointment.objects.count() == 0


def test_a_naive_datetime_is_refused(cast: Cast) -> None:
    naive = at(cast, day_after_tomorrow(), 10).replace(tzinfo=None)
    with pytest.raises(SchedulingError, match="date and time"):
        _book(cast, kind="consultation", start=naive)


@pytest.mark.parametrize("minutes", [0, 4, 481, -30, 12.5, "60", True])
def test_a_bad_duration_is_refused(cast: Cast, minutes: object) -> None:
    with pytest.raises(SchedulingError) as error:
        _book(cast, kind="consultation", duration=minutes)
    assert error.value.field == "duration"
    assert Appointment.objects.count() == 0


def test_an_unknown_kind_is_refused(cast: Cast) -> None:
    with pytest.raises(SchedulingError, match="kind"):
        _book(cast, kind="surgery")


def test_another_clinics_practitioner_is_refused(cast: Cast) -> None:
    with pytest.raises(SchedulingError, match="practitioner of this clinic"):
        _book(cast, kind="consultation", practitioner=cast.other_practitioner)
    assert Appointment.objects.count() == 0


def test_front_desk_cannot_hold_appointments(cast: Cast) -> None:
    with pytest.raises(SchedulingError, match="front desk"):
        _book(cast, kind="consultation", practitioner=cast.front_desk)


def test_another_clinics_location_is_refused(cast: Cast) -> None:
    elsewhere = Location.objects.create(clinic=cast.other_clinic, name="Far away")
    with pytest.raises(SchedulingError, match="location of this clinic"):
        _book(cast, kind="consultation", location=elsewhere)
    assert Appointment.objects.count() == 0


def test_a_room_at_another_location_is_refused(cast: Cast) -> None:
    other = Location.objects.create(clinic=cast.clinic, name="Second site")
    room = Room.objects.create(location=other, name="Room A")
    with pytest.raises(SchedulingError, match="room at that location"):
        _book(cast, kind="consultation", room=room)


def test_another_clinics_client_is_not_found_for_the_actor(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _book(cast, kind="consultation", client=cast.other_record)
    assert Appointment.objects.count() == 0


def test_a_practitioner_cannot_be_double_booked(cast: Cast) -> None:
    _book(cast, kind="consultation", duration=60)
    with pytest.raises(SlotTaken, match="practitioner already has"):
        _book(
            cast,
            kind="consultation",
            client=cast.record_b,
            start=at(cast, day_after_tomorrow(), 10, 30),
        )
    assert Appointment.objects.count() == 1


def test_a_room_cannot_be_double_booked(cast: Cast) -> None:
    room = Room.objects.create(location=location(cast), name="Room 1")
    _book(cast, kind="consultation", room=room)
    with pytest.raises(SlotTaken, match="room is already booked"):
        _book(cast, kind="consultation", client=cast.record_b, practitioner=cast.owner, room=room)
    assert Appointment.objects.count() == 1


def test_back_to_back_appointments_fit(cast: Cast) -> None:
    _book(cast, kind="consultation", duration=30)
    _book(
        cast,
        kind="consultation",
        client=cast.record_b,
        start=at(cast, day_after_tomorrow(), 10, 30),
    )
    assert Appointment.objects.count() == 2


def test_a_cancelled_appointment_frees_its_slot(cast: Cast) -> None:
    from needling.scheduling.services import cancel_appointment

    first = _book(cast, kind="consultation")
    cancel_appointment(actor=cast.front_desk, appointment=first)
    _book(cast, kind="consultation", client=cast.record_b)
    assert Appointment.objects.filter(status="booked").count() == 1


def test_a_double_submit_is_deduplicated(cast: Cast) -> None:
    key = uuid.uuid4()
    first = _book(cast, kind="consultation", idempotency_key=key)
    second = _book(cast, kind="consultation", idempotency_key=str(key))
    assert first.pk == second.pk
    assert Appointment.objects.count() == 1
    assert Message.objects.filter(kind="confirmation").count() == 1


def test_a_garbled_idempotency_key_is_refused(cast: Cast) -> None:
    with pytest.raises(SchedulingError, match="out of date"):
        _book(cast, kind="consultation", idempotency_key="not-a-uuid")


def test_a_time_skipped_by_the_clocks_going_forward_is_refused(cast: Cast) -> None:
    from needling.scheduling.times import clinic_zone, local_datetime

    # Europe/London springs forward at 01:00 on the last Sunday of March.
    with pytest.raises(SchedulingError, match="clocks go forward"):
        local_datetime(
            clinic_zone(cast.clinic), date(2027, 3, 28), __import__("datetime").time(1, 30)
        )


def test_an_appointment_across_the_clocks_change_keeps_its_real_length(cast: Cast) -> None:
    import time_machine

    with time_machine.travel("2027-10-01 12:00Z"):
        # Europe/London falls back at 02:00 on 31 October 2027: 00:30 + 3 h ends at 02:30 local.
        appointment = _book(cast, kind="consultation", start=at(cast, date(2027, 10, 31), 0, 30),
                            duration=180)  # fmt: skip
    assert appointment.end - appointment.start == timedelta(hours=3)
    assert appointment.start.utcoffset() == timedelta(0)  # stored in UTC
    assert at(cast, date(2027, 10, 31), 0, 30).hour == 23  # 00:30 BST is 23:30 UTC the day before

"""Which messages each event queues (called inside the event's transaction).

E-mails say only "you have a new message"; the `body` here is what the client reads after
signing in. Message times: reminder 24 hours before; aftercare on days 0, 1, 3 and 7 (the days of
needling.clinical.aftercare_plan, DESIGN.md step 8); healing check-in requests on days 3 and 7
(DESIGN.md step 9, issue 6); outcome review invitations at each follow-up point.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from needling.scheduling.models import Appointment, MessageKind
from needling.scheduling.outbox import cancel_pending, queue_message, reschedule
from needling.scheduling.times import clinic_zone, local_datetime

REMINDER_BEFORE = timedelta(hours=24)  # issue 6: "reminder 24 h before"
AFTERCARE_DAYS = (0, 1, 3, 7)  # DESIGN.md step 8: "sent at the right times (day 0, 1, 3, 7)"
HEALING_CHECKIN_DAYS = (3, 7)  # issue 6: "a healing check-in request at day 3 and 7"
MESSAGE_HOUR = time(9, 0)  # day messages go out at 09:00 clinic time (Needling default)


def _when(appointment: Appointment) -> str:
    local = appointment.start.astimezone(clinic_zone(appointment.client.clinic))
    return f"{local:%A %d %B %Y at %H:%M}"


def appointment_booked(appointment: Appointment) -> None:
    kind = appointment.get_kind_display().lower()
    queue_message(
        client=appointment.client,
        kind=MessageKind.CONFIRMATION,
        due_at=timezone.now(),
        body=f"Your {kind} appointment on {_when(appointment)} at {appointment.location.name} "
        "is booked.",
        dedupe_key=f"appt:{appointment.pk}:confirm:{appointment.sequence}",
        appointment=appointment,
    )
    _queue_reminder(appointment)


def _queue_reminder(appointment: Appointment) -> None:
    due = appointment.start - REMINDER_BEFORE
    if due <= timezone.now():
        return  # booked less than a day ahead: the confirmation is the reminder
    queue_message(
        client=appointment.client,
        kind=MessageKind.REMINDER,
        due_at=due,
        body=f"A reminder: your appointment is on {_when(appointment)} at "
        f"{appointment.location.name}.",
        dedupe_key=f"appt:{appointment.pk}:reminder",
        appointment=appointment,
    )


def appointment_moved(appointment: Appointment) -> None:
    queue_message(
        client=appointment.client,
        kind=MessageKind.CONFIRMATION,
        due_at=timezone.now(),
        body=f"Your appointment has moved to {_when(appointment)} at {appointment.location.name}.",
        dedupe_key=f"appt:{appointment.pk}:confirm:{appointment.sequence}",
        appointment=appointment,
    )
    reminder = appointment.messages.filter(kind=MessageKind.REMINDER).first()
    due = appointment.start - REMINDER_BEFORE
    if reminder is None:
        _queue_reminder(appointment)
    elif due > timezone.now():
        reminder.body = (
            f"A reminder: your appointment is on {_when(appointment)} at "
            f"{appointment.location.name}."
        )
        reminder.save(update_fields=["body"])
        reschedule(reminder, due)
    else:
        cancel_pending(appointment, [MessageKind.REMINDER])


def appointment_cancelled(appointment: Appointment) -> None:
    cancel_pending(appointment)
    queue_message(
        client=appointment.client,
        kind=MessageKind.CANCELLATION,
        due_at=timezone.now(),
        body=f"Your appointment on {_when(appointment)} is cancelled.",
        dedupe_key=f"appt:{appointment.pk}:cancelled",
        appointment=appointment,
    )


def _day_at(client: Any, day: date) -> datetime:
    zone = clinic_zone(client.clinic)
    try:
        return local_datetime(zone, day, MESSAGE_HOUR)
    except Exception:  # 09:00 always exists; defensive for exotic zones
        return timezone.now()


def session_signed(*, client: Any, session_id: int, session_date: date) -> None:
    """Aftercare on days 0, 1, 3, 7 and healing check-in requests on days 3 and 7.

    Idempotent: calling it twice for one session queues nothing new."""
    now = timezone.now()
    for day in AFTERCARE_DAYS:
        due = _day_at(client, session_date + timedelta(days=day))
        if (day > 0 and due < now) or due < now - timedelta(hours=24):
            continue  # a chart signed late: the moment for this one has passed
        queue_message(
            client=client,
            kind=MessageKind.AFTERCARE,
            due_at=max(due, now),
            body=f"Your aftercare for day {day} after your session is ready: sign in to read it.",
            dedupe_key=f"session:{session_id}:aftercare:{day}",
            session_id=session_id,
        )
    for day in HEALING_CHECKIN_DAYS:
        due = _day_at(client, session_date + timedelta(days=day))
        if due < now:
            continue
        queue_message(
            client=client,
            kind=MessageKind.HEALING_CHECKIN,
            due_at=due,
            body=f"Day {day} after your session: please tell us how your skin is healing.",
            dedupe_key=f"session:{session_id}:healing:{day}",
            session_id=session_id,
        )


def review_invitation(*, client: Any, follow_up_id: int, due_on: date, months: int) -> None:
    # Invite two weeks ahead of the review point (Needling default) so there is time to book.
    due = max(_day_at(client, due_on - timedelta(days=14)), timezone.now())
    queue_message(
        client=client,
        kind=MessageKind.REVIEW_INVITATION,
        due_at=due,
        body=f"It is time to book your {months}-month outcome review: sign in to choose a time.",
        dedupe_key=f"followup:{follow_up_id}:invite",
    )

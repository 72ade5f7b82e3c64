"""deliver(): sends when due, records failures, retries with backoff, never sends PHI."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from needling.clients.models import Client
from needling.scheduling import tasks
from needling.scheduling.models import Message
from needling.scheduling.outbox import queue_message
from needling.scheduling.services import book_appointment
from tests.conftest import Cast
from tests.scheduling.factories import at, day_after_tomorrow, location


def _message(
    cast: Cast, *, due_in: timedelta = timedelta(0), email: str = "alice@client.test"
) -> Message:
    Client.objects.filter(pk=cast.record_a.pk).update(email=email)
    cast.record_a.refresh_from_db()
    return queue_message(
        client=cast.record_a, kind="reminder", due_at=timezone.now() + due_in,
        body="A reminder: your appointment is on Monday at Main.", dedupe_key=f"t:{due_in}",
    )  # fmt: skip


def test_a_due_message_is_sent_without_phi(cast: Cast, mailoutbox: list[Any]) -> None:
    message = _message(cast)
    assert tasks.deliver(message.pk) == "sent"
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.sent_at is not None
    assert message.attempts == 1
    [mail] = mailoutbox
    assert mail.to == ["alice@client.test"]
    assert mail.subject == "You have a new message from Test Clinic"
    body = mail.body.lower()
    for phi in ("alice", "monday", "reminder", "appointment"):
        assert phi not in body, phi


def test_a_message_not_yet_due_is_left_for_later(cast: Cast, mailoutbox: list[Any]) -> None:
    message = _message(cast, due_in=timedelta(hours=2))
    assert tasks.deliver(message.pk) == "not_due"
    assert mailoutbox == []


def test_a_client_without_an_email_address_is_marked(cast: Cast, mailoutbox: list[Any]) -> None:
    message = _message(cast, email="")
    assert tasks.deliver(message.pk) == "no_address"
    message.refresh_from_db()
    assert message.status == "no_address"
    assert mailoutbox == []


def test_a_sent_or_cancelled_message_is_never_sent_again(cast: Cast, mailoutbox: list[Any]) -> None:
    message = _message(cast)
    tasks.deliver(message.pk)
    assert tasks.deliver(message.pk) == "sent"
    assert len(mailoutbox) == 1
    Message.objects.filter(pk=message.pk).update(status="cancelled")
    assert tasks.deliver(message.pk) == "cancelled"
    assert tasks.deliver(999_999) == "gone"


def test_a_failed_send_is_recorded_and_retried_with_backoff(cast: Cast) -> None:
    message = _message(cast)
    before = DBTaskResult.objects.count()
    with mock.patch.object(tasks, "send_mail", side_effect=ConnectionRefusedError("refused")):
        assert tasks.deliver(message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == "pending"
    assert message.attempts == 1
    assert message.last_error == "ConnectionRefusedError: refused"
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == before + 1
    assert retry is not None
    assert retry.run_after > timezone.now() + timedelta(seconds=30)


def test_sending_gives_up_after_the_last_attempt(cast: Cast) -> None:
    message = _message(cast)
    Message.objects.filter(pk=message.pk).update(attempts=tasks.MAX_ATTEMPTS - 1)
    with mock.patch.object(tasks, "send_mail", side_effect=OSError("down")):
        assert tasks.deliver(message.pk) == "gave_up"
    message.refresh_from_db()
    assert message.status == "failed"
    assert message.attempts == tasks.MAX_ATTEMPTS


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (12, 360)])
def test_backoff_grows_and_is_capped(attempts: int, minutes: int) -> None:
    assert tasks.backoff(attempts) == timedelta(minutes=minutes)


def test_a_broken_queue_never_breaks_the_booking(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        mock.patch.object(
            tasks, "send_message", mock.Mock(using=mock.Mock(side_effect=RuntimeError("down")))
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        appointment = book_appointment(
            actor=cast.front_desk, client=cast.record_a, kind="consultation",
            start=at(cast, day_after_tomorrow(), 10), duration=30, practitioner=cast.practitioner,
            location=location(cast),
        )  # fmt: skip
    assert appointment.pk is not None
    assert Message.objects.filter(appointment=appointment, status="pending").count() == 2


def test_the_safety_net_enqueues_due_pending_messages(cast: Cast) -> None:
    _message(cast)
    _message(cast, due_in=timedelta(hours=3))
    before = DBTaskResult.objects.count()
    assert tasks.enqueue_due() == 1
    assert DBTaskResult.objects.count() == before + 1


def test_booking_enqueues_the_worker_task_after_commit(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    # Frozen in the afternoon, when a "tomorrow" helper once made this fail: the reminder's time
    # is then exactly 24 hours before the appointment, whatever the hour the suite runs.
    with time_machine.travel(
        datetime(2026, 3, 10, 15, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        start = at(cast, day_after_tomorrow(), 10)
        with django_capture_on_commit_callbacks(execute=True):
            book_appointment(
                actor=cast.front_desk, client=cast.record_a, kind="consultation",
                start=start, duration=30, practitioner=cast.practitioner,
                location=location(cast),
            )  # fmt: skip
        now = timezone.now()
    assert start == datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    rows = list(DBTaskResult.objects.values_list("task_path", "run_after"))
    assert len(rows) == 2
    assert all(p == "needling.scheduling.tasks.send_message" for p, _ in rows)
    # The confirmation runs at once (django_tasks_db stores "no run_after" as its maximum date),
    # the reminder exactly a day before the appointment.
    due = sorted(r for _, r in rows if r < now + timedelta(days=365))
    assert due == [start - timedelta(hours=24)]

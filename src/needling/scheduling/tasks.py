"""Background work: sending outbox messages. Run by `needling worker` (django_tasks_db).

A failed send is recorded on the message (attempts, last error) and retried with a growing delay;
after MAX_ATTEMPTS the message is marked failed for staff to see. The e-mail never contains PHI:
it says that there is a message from the clinic and asks the client to sign in.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from needling.scheduling.models import Message, MessageStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
NOT_DUE_SLACK = timedelta(seconds=5)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 ... minutes after the n-th failure, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def subject_and_body(clinic_name: str) -> tuple[str, str]:
    site = getattr(settings, "NEEDLING_SITE_URL", "")
    subject = f"You have a new message from {clinic_name}"
    body = (
        f"You have a new message from {clinic_name}: sign in to read it."
        + (f"\n\n{site}\n" if site else "\n")
        + "\nThis e-mail was sent automatically; please do not reply to it.\n"
    )
    return subject, body


@task()
def send_message(message_id: int) -> str:
    return deliver(message_id)


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Send one message if it is pending and due. Returns what happened (for the task result)."""
    now = now or timezone.now()
    message = Message.objects.select_related("client", "clinic").filter(pk=message_id).first()
    if message is None:
        return "gone"
    if message.status != MessageStatus.PENDING:
        return str(message.status)
    if message.due_at > now + NOT_DUE_SLACK:
        return "not_due"  # moved later: the task queued for the new time sends it
    if not message.client.email:
        Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(
            status=MessageStatus.NO_ADDRESS
        )
        return "no_address"
    # Claim it: only one worker gets past this line for a given attempt.
    claimed = Message.objects.filter(
        pk=message.pk, status=MessageStatus.PENDING, attempts=message.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return "claimed_elsewhere"
    attempts = message.attempts + 1
    subject, body = subject_and_body(message.clinic.name)
    try:
        send_mail(subject, body, None, [message.client.email], fail_silently=False)
    except Exception as exc:  # any failure: record it, retry later
        error = f"{type(exc).__name__}: {str(exc)[:200]}"
        gave_up = attempts >= MAX_ATTEMPTS
        Message.objects.filter(pk=message.pk).update(
            last_error=error[:300],
            status=MessageStatus.FAILED if gave_up else MessageStatus.PENDING,
        )
        log.warning(
            "message %s: send attempt %s failed (%s)", message.pk, attempts, type(exc).__name__
        )
        if not gave_up:
            try:
                send_message.using(run_after=now + backoff(attempts)).enqueue(message.pk)
            except Exception:
                log.exception("message %s: could not enqueue the retry", message.pk)
        return "gave_up" if gave_up else "retry"
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def enqueue_due(*, now: datetime | None = None) -> int:
    """Enqueue a send for every pending message that is due (the safety net for a lost enqueue
    or a worker that was down). Returns how many were enqueued."""
    now = now or timezone.now()
    ids = list(
        Message.objects.filter(status=MessageStatus.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        send_message.enqueue(pk)
    return len(ids)

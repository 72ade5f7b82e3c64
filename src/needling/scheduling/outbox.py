"""Queueing messages to clients: one outbox row per message, sent by the worker when due.

Queueing is idempotent (a `dedupe_key` per message) and happens inside the caller's transaction;
the worker task is enqueued only after the commit, and a failure to enqueue never breaks the
request (the `send_messages` command picks up anything left behind).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from needling.scheduling.models import Appointment, Message, MessageKind, MessageStatus

log = logging.getLogger(__name__)


def queue_message(
    *,
    client: Any,
    kind: str,
    due_at: datetime,
    body: str,
    dedupe_key: str,
    appointment: Appointment | None = None,
    session_id: int | None = None,
) -> Message:
    """Add a message to the outbox (or return the one already queued under `dedupe_key`)."""
    if kind not in MessageKind.values:
        raise ValueError(f"unknown message kind {kind!r}")
    message, created = Message.objects.get_or_create(
        dedupe_key=dedupe_key[:120],
        defaults={
            "clinic_id": client.clinic_id,
            "client": client,
            "kind": kind,
            "due_at": due_at,
            "body": body,
            "appointment": appointment,
            "session_id": session_id,
        },
    )
    if created:
        enqueue_on_commit(message.pk, due_at)
    return message


def enqueue_on_commit(message_id: int, due_at: datetime) -> None:
    def _enqueue() -> None:
        try:
            from needling.scheduling.tasks import send_message

            run_after = due_at if due_at > timezone.now() else None
            send_message.using(run_after=run_after).enqueue(message_id)
        except Exception:  # never break the request that queued the message
            log.exception("could not enqueue message %s; send_messages will retry", message_id)

    transaction.on_commit(_enqueue, robust=True)


def reschedule(message: Message, due_at: datetime) -> None:
    """Move a pending message to a new time (the old task finds it not yet due and stops)."""
    updated = Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(
        due_at=due_at
    )
    if updated:
        enqueue_on_commit(message.pk, due_at)


def cancel_pending(appointment: Appointment, kinds: list[str] | None = None) -> int:
    pending = Message.objects.filter(appointment=appointment, status=MessageStatus.PENDING)
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    return pending.update(status=MessageStatus.CANCELLED)

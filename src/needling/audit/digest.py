"""The owners' daily e-mail digest: the audit log's signed end, carried outside the server.

Every morning each clinic's owners get the chain head (sequence, hash, time, signature), the last
backup's result and the number of refused accesses. A copy of the head in someone's mailbox is an
anchor no one with the server alone can roll back: `needling audit verify --head '<the line>'`
proves later that the log still reaches it. No client data is in the mail.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from needling.access import OWNER
from needling.audit.anchors import signed_head
from needling.audit.models import AuditEvent, OwnerDigest
from needling.clinics.models import Clinic, StaffMember
from needling.scheduling.times import clinic_zone

log = logging.getLogger(__name__)

SEND_FROM_HOUR = 7  # local clinic time; a Needling default (before the day's first clients)
CHECK_EVERY = timedelta(minutes=10)


def _backup_line() -> str:
    from needling.backups.selectors import backup_status

    status = backup_status()
    if status.last_ok is None or status.last_ok.finished_at is None:
        return "Backups: no successful backup yet. Set one up (see SECURITY.md)."
    size = f", {status.last_ok.size_bytes / 1_000_000:.1f} MB" if status.last_ok.size_bytes else ""
    warning = " (older than a day: check the worker)" if status.overdue else ""
    when = f"{status.last_ok.finished_at:%Y-%m-%d %H:%M} UTC"
    return f"Backups: last successful backup {when}{size}{warning}."


def body(clinic: Clinic, day: object, head: dict[str, object]) -> str:
    since = timezone.now() - timedelta(hours=24)
    denied = AuditEvent.objects.filter(clinic_id=clinic.pk, outcome="denied", at__gte=since).count()
    return (
        f"Needling daily summary for {clinic.name}, {day}.\n\n"
        "The end of your audit log. Keep this e-mail: it proves later that no record was cut "
        "from the end of the log (`needling audit verify --head '<the line below>'`).\n\n"
        f"{json.dumps(head, sort_keys=True)}\n\n"
        f"{_backup_line()}\n"
        f"Refused access attempts in the last 24 hours: {denied} (Settings → Audit log).\n"
    )


def send_due_digests(*, now: datetime | None = None) -> int:
    """Send today's digest to each clinic's owners once its local time has passed 07:00.
    Returns how many clinics were sent one."""
    now = now or timezone.now()
    sent = 0
    for clinic in Clinic.objects.order_by("pk"):
        local = now.astimezone(clinic_zone(clinic))
        if local.hour < SEND_FROM_HOUR:
            continue
        owners = list(
            StaffMember.objects.filter(clinic=clinic, role=OWNER, active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        if not owners or OwnerDigest.objects.filter(clinic=clinic, day=local.date()).exists():
            continue
        head = signed_head(now=now)
        try:
            with transaction.atomic():
                # The row first: a second worker's insert fails here and it sends nothing; a
                # failed send rolls the row back, so the next turn tries again.
                OwnerDigest.objects.create(clinic=clinic, day=local.date(), head_seq=head["seq"])
                send_mail(
                    f"Needling daily summary: {clinic.name}",
                    body(clinic, local.date(), head),
                    None,
                    owners,
                    fail_silently=False,
                )
        except IntegrityError:
            continue
        except OSError:
            log.exception("the owners' digest for clinic %s could not be sent", clinic.pk)
            continue
        sent += 1
    return sent

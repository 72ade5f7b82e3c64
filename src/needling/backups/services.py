"""Running a backup and recording how it went (the row Settings and Today read)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from needling.audit.services import record
from needling.backups import retention
from needling.backups.archive import BackupResult, create_backup
from needling.backups.errors import BackupError
from needling.backups.models import BackupRun, BackupStatus

log = logging.getLogger(__name__)

# The worker backs up once a day; a run older than this that never finished is taken as dead.
SCHEDULE_EVERY = timedelta(hours=24)
STALE_RUN = timedelta(hours=3)
# After a failed scheduled run the worker tries again this much later.
RETRY_AFTER = timedelta(hours=1)


def run_backup(
    *,
    scheduled: bool = False,
    encrypt: bool = True,
    directory: Path | None = None,
    output: Path | None = None,
) -> tuple[BackupRun, BackupResult | None]:
    """Make one archive and record the attempt. A failure is recorded (and logged) and
    re-raised as BackupError; retention runs after a successful scheduled backup."""
    run = BackupRun.objects.create(
        started_at=timezone.now(), scheduled=scheduled, encrypted=encrypt
    )
    try:
        result = create_backup(directory=directory, output=output, encrypt=encrypt)
    except Exception as exc:
        message = str(exc) if isinstance(exc, BackupError) else f"{type(exc).__name__}: {exc}"
        with transaction.atomic():
            BackupRun.objects.filter(pk=run.pk).update(
                status=BackupStatus.FAILED, finished_at=timezone.now(), error=message[:500]
            )
            record(actor=None, action="backup.failed", detail={"run": run.pk})
        log.error("backup %s failed: %s", run.pk, message)
        if isinstance(exc, BackupError):
            raise
        raise BackupError(message) from exc
    with transaction.atomic():
        BackupRun.objects.filter(pk=run.pk).update(
            status=BackupStatus.OK,
            finished_at=timezone.now(),
            file_name=result.path.name,
            size_bytes=result.size,
        )
        record(
            actor=None,
            action="backup.created",
            detail={
                "run": run.pk,
                "size": result.size,
                "encrypted": result.encrypted,
                "audit_seq": result.manifest["audit_chain_head"]["seq"],
            },
        )
    if scheduled:
        removed = retention.prune(result.path.parent)
        if removed:
            log.info("backup retention removed %s old archive(s)", len(removed))
    run.refresh_from_db()
    return run, result


def backup_due(*, now: datetime | None = None) -> bool:
    """True when the worker should start a scheduled backup: none started in the last day (a
    running one counts unless it is stale; a failed one only for RETRY_AFTER)."""
    now = now or timezone.now()
    recent = BackupRun.objects.filter(scheduled=True, started_at__gt=now - SCHEDULE_EVERY)
    recent = recent.exclude(status=BackupStatus.FAILED, started_at__lt=now - RETRY_AFTER).exclude(
        status=BackupStatus.RUNNING, started_at__lt=now - STALE_RUN
    )
    return bool(settings.BACKUP_SCHEDULE) and not recent.exists()

"""The daily backup, run by `needling worker`: the worker's scheduler ticks every few minutes
and enqueues this task when a backup is due."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.tasks import task

from needling.backups.errors import BackupError
from needling.backups.services import backup_due, run_backup

log = logging.getLogger(__name__)

# How often the worker looks whether a backup is due (the backup itself runs once a day).
CHECK_EVERY = timedelta(minutes=10)


@task()
def scheduled_backup() -> str:
    if not backup_due():
        return "not_due"
    try:
        run, _ = run_backup(scheduled=True)
    except BackupError:
        return "failed"  # recorded on the run; owners see it in Settings and on Today
    return f"ok {run.file_name}"


def enqueue_if_due() -> bool:
    """The worker's periodic tick."""
    if backup_due():
        scheduled_backup.enqueue()
        return True
    return False

"""What owners see about backups: the newest run and the newest successful one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from needling.backups.errors import BackupError
from needling.backups.models import BackupRun, BackupStatus

# Owners' Today warns when the newest successful backup is older than this (a daily backup
# plus two hours' slack). A Needling default.
WARN_AFTER = timedelta(hours=26)


@dataclass(frozen=True)
class BackupStatusView:
    last: BackupRun | None
    last_ok: BackupRun | None
    folder: str
    key_configured: bool
    scheduled: bool

    @property
    def overdue(self) -> bool:
        return self.last_ok is None or self.age_hours_over(WARN_AFTER)

    def age_hours_over(self, limit: timedelta, now: datetime | None = None) -> bool:
        if self.last_ok is None or self.last_ok.finished_at is None:
            return True
        return (now or timezone.now()) - self.last_ok.finished_at > limit


def backup_status() -> BackupStatusView:
    from needling.backups.keys import recipients

    try:
        key_configured = bool(recipients())
    except BackupError:
        key_configured = False
    last = BackupRun.objects.order_by("-started_at").first()
    if last is None or last.status == BackupStatus.OK:
        last_ok = last  # one query in the usual cases: no backup yet, or the last one worked
    else:
        last_ok = BackupRun.objects.filter(status=BackupStatus.OK).order_by("-started_at").first()
    return BackupStatusView(
        last=last,
        last_ok=last_ok,
        folder=str(settings.BACKUP_DIR),
        key_configured=key_configured,
        scheduled=bool(settings.BACKUP_SCHEDULE),
    )

from __future__ import annotations

from django.db import models


class BackupStatus(models.TextChoices):
    RUNNING = "running", "Running"
    OK = "ok", "Succeeded"
    FAILED = "failed", "Failed"


class BackupRun(models.Model):
    """One attempt at a backup (scheduled by the worker, or `needling backup` by hand).

    Install-wide, not per clinic: one archive holds the whole database and every media file.
    The archive itself lives in the backup folder; this row is what Settings and Today show.
    """

    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=BackupStatus.choices, default=BackupStatus.RUNNING
    )
    scheduled = models.BooleanField(default=False)
    file_name = models.CharField(max_length=255, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    encrypted = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"backup {self.started_at:%Y-%m-%d %H:%M} {self.status}"

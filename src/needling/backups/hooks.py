"""How backups plug into the rest: the owners' Today warning."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from needling.access import Actor
from needling.web.today import Task


def backup_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    from needling.backups.selectors import backup_status

    status = backup_status()
    if not status.overdue:
        return []
    url = reverse("settings:index") + "#backups"
    if status.last_ok is None or status.last_ok.finished_at is None:
        detail = "No backup exists yet. Set up the backup key and check the worker is running."
        if status.last is not None and status.last.error:
            detail = f"No backup exists yet; the last attempt failed: {status.last.error}"
        return [Task(label="No backup yet", detail=detail, url=url, severity="stop")]
    when = timezone.localtime(status.last_ok.finished_at)
    hours = int((timezone.now() - status.last_ok.finished_at).total_seconds() // 3600)
    detail = (
        f"The last successful backup was {hours} hours ago ({date_format(when, 'j M Y, H:i')})."
    )
    if status.last is not None and status.last.error:
        detail += f" The last attempt failed: {status.last.error}"
    return [Task(label="Backup overdue", detail=detail, url=url, severity="stop")]


def register_all() -> None:
    from needling.web.today import TaskSource, register

    register(
        TaskSource(
            key="backups",
            title="Backups",
            order=1,
            action="backup.view",
            items=backup_tasks,
            hide_when_empty=True,
        )
    )

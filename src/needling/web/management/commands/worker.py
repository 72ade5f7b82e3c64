from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from needling.web import periodic
from needling.web.startup import warn_about_defaults


class Command(BaseCommand):
    help = (
        "Run the background task worker (database-backed queue) and the periodic jobs "
        "(the audit log's anchor every NEEDLING_AUDIT_ANCHOR_MINUTES, the daily backup)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        warn_about_defaults()
        periodic.start(periodic.default_jobs())
        call_command("db_worker")

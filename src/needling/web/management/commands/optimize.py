from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from needling.kernel.dbstats import refresh_statistics


class Command(BaseCommand):
    help = "Refresh the database planner's statistics (ANALYZE). Safe to run often; cron daily."

    def handle(self, *args: Any, **options: Any) -> None:
        refresh_statistics(options.get("database", "default"))
        self.stdout.write("statistics refreshed")

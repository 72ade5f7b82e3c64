from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from needling.scheduling.tasks import enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueue every pending client message that is due (the safety net for a lost enqueue or "
        "a worker that was down). Safe to run often, e.g. from cron every 10 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = enqueue_due()
        self.stdout.write(f"enqueued {count} due message(s)")

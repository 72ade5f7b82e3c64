from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needling.audit.models import AuditEvent
from needling.audit.verify import verify_log


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` re-hashes the whole chain and reports tampering."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_log())
        total = AuditEvent.objects.count()
        if problems:
            for p in problems[:200]:
                self.stderr.write(f"event {p.seq}: {p.what}")
            raise CommandError(
                f"Audit log is NOT intact: {len(problems)} problem(s) in {total} events."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {total} events, chain verified."))

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needling.photos.verify import verify_photos


class Command(BaseCommand):
    help = (
        "Photo tools. `photos verify` re-hashes every stored photo file against its SHA-256 and "
        "reports mismatches, rows whose files are missing and files that no row owns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_photos()
        for problem in report.problems[:500]:
            self.stderr.write(problem)
        if report.problems:
            raise CommandError(
                f"Photos NOT intact: {len(report.mismatched)} mismatched, {len(report.missing)} "
                f"missing, {len(report.orphans)} orphan file(s); {report.rows} photo(s) checked."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Photos intact: {report.rows} photo(s), {report.files} file(s) re-hashed."
            )
        )

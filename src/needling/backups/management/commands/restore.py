from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needling.backups.errors import BackupError
from needling.backups.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `needling backup` archive into an EMPTY database and media folder (those of "
        "this install's settings: DATABASE_URL / NEEDLING_VAR_DIR). Checks every hash first, "
        "migrates forward if the archive is older, then verifies the audit chain, the photo "
        "files and the row counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--identity", type=Path, help="the backup's secret key file (for an encrypted archive)"
        )
        parser.add_argument(
            "--accept-unsigned",
            action="store_true",
            help="restore although the manifest's audit head is not signed with this machine's "
            "audit key (only when the original key is lost)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore_backup(
                archive=options["archive"],
                identity=options["identity"],
                accept_unsigned=options["accept_unsigned"],
            )
        except BackupError as exc:
            raise CommandError(f"Restore refused, nothing was changed: {exc}") from None
        manifest = report.manifest
        self.stdout.write(
            f"Archive of {manifest['created_at']} made by Needling {manifest['app_version']}: "
            f"{len(manifest['files'])} files, hashes checked."
        )
        for line in report.lines:
            self.stdout.write(f"  {line}")
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        for problem in report.problems:
            self.stderr.write(f"  PROBLEM: {problem}")
        if report.problems:
            raise CommandError(
                f"Restored, but verification found {len(report.problems)} problem(s): do not "
                "use this copy until they are understood."
            )
        self.stdout.write(self.style.SUCCESS("Restore complete and verified."))

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from needling.demo import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Load the demo clinic (Northside Skin Clinic). Keeps existing demo data unless --reset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="reload the demo for today's date")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo(today=timezone.localdate(), reset=options["reset"])
        if created:
            self.stdout.write(self.style.SUCCESS("Demo clinic loaded: Northside Skin Clinic."))
        else:
            self.stdout.write("Demo clinic already loaded (use `needling demo --reset` to reload).")
        self._first_backup()
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
            for login in demo_logins():
                self.stdout.write(f"  {login.role:<13} {login.email:<30} {login.name}")

    def _first_backup(self) -> None:
        """The demo starts with one backup, so owners' Today is quiet about backups. Its key is a
        demo key kept in the var folder (a real install keeps the secret half elsewhere)."""
        from pathlib import Path

        from django.conf import settings

        from needling.backups import keys
        from needling.backups.errors import BackupError
        from needling.backups.selectors import backup_status
        from needling.backups.services import run_backup

        if not backup_status().overdue:
            return
        try:
            if not keys.recipients():
                keys.generate(Path(settings.VAR_DIR) / "demo-backup-identity.txt")
            run, _ = run_backup()
        except BackupError as exc:
            self.stderr.write(f"The demo's first backup failed: {exc}")
            return
        self.stdout.write(
            f"Demo backup written: {run.file_name} (demo key: var/demo-backup-identity.txt)."
        )

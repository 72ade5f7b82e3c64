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
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
            for login in demo_logins():
                self.stdout.write(f"  {login.role:<13} {login.email:<30} {login.name}")

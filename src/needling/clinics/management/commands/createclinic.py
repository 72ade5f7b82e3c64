from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from needling.clinics.services import create_clinic


class Command(BaseCommand):
    help = "Create a clinic with its first location and owner account (a new install starts here)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the clinic's name")
        parser.add_argument("--owner-email", required=True)
        parser.add_argument("--owner-name", required=True)
        parser.add_argument("--location", default="", help="first location (default: the name)")
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="do not ask for a password; the owner uses 'Forgot your password?' to set one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            member = create_clinic(
                name=options["name"],
                owner_email=options["owner_email"],
                owner_name=options["owner_name"],
                location=options["location"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = member.user
        if not options["no_password"]:
            while True:
                password = getpass.getpass(f"Password for {user.email}: ")
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    self.stderr.write(" ".join(error.messages))
                    continue
                if password == getpass.getpass("Again: "):
                    break
                self.stderr.write("The two passwords differ.")
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(f"Created {member.clinic.name} with owner {user.email}.")
            + " The owner sets up two-factor authentication at first sign-in."
        )

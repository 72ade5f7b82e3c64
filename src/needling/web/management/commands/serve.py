from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from needling.web.startup import warn_about_defaults


class Command(BaseCommand):
    help = "Serve Needling with gunicorn (sync workers) and WhiteNoise for static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("NEEDLING_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("NEEDLING_WORKERS", "2"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        warn_about_defaults()
        argv = [
            "gunicorn",
            "needling.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--worker-class",
            "sync",
            "--access-logfile",
            "-",
            # The access log format leaves out query strings: no PHI in logs.
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
            "--graceful-timeout",
            "10",
        ]
        os.execvp(sys.executable, [sys.executable, "-m", *argv])  # noqa: S606 (fixed argv, no shell)

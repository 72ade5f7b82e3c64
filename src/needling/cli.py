"""The `needling` command line: Django's management commands plus the operator tasks.

needling serve            production server (gunicorn) with static files
needling demo [--reset]   load the demo clinic
needling worker           background task worker
needling audit verify     check the audit log's hash chain
needling createsuperuser | migrate | check | ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "needling.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["needling", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()

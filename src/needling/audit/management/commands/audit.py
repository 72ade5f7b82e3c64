from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needling.audit.anchors import write_anchor
from needling.audit.models import AuditEvent
from needling.audit.verify import verify_chain, verify_end


class Command(BaseCommand):
    help = (
        "Audit log tools. `audit verify` re-hashes the whole chain and compares its end with the "
        "signed head row and the newest anchor; `audit anchor` appends the signed head to the "
        "anchor log now (the worker does this every few minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument(
            "--head",
            metavar="JSON",
            help="verify: also check the log still reaches this signed head (the line from an "
            "owners' daily digest or a backup manifest)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            written = write_anchor()
            if written:
                self.stdout.write(f"Anchored event {written['seq']} at {written['at']}.")
            else:
                self.stdout.write("The anchor log already ends at the newest event.")
            return
        problems = list(verify_chain())
        expected = None
        if options.get("head"):
            try:
                expected = json.loads(options["head"])
                if not isinstance(expected, dict) or not {"seq", "hash", "at", "signature"} <= set(
                    expected
                ):
                    raise ValueError
            except ValueError:
                raise CommandError(
                    "--head takes the JSON line from a daily digest: "
                    '{"at": ..., "hash": ..., "seq": ..., "signature": ...}'
                ) from None
        end = verify_end(expected_head=expected)
        problems += end.problems
        total = AuditEvent.objects.count()
        for note in end.notes:
            self.stdout.write(note)
        if problems:
            for p in problems[:200]:
                self.stderr.write(f"event {p.seq}: {p.what}")
            raise CommandError(
                f"Audit log is NOT intact: {len(problems)} problem(s) in {total} events."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {total} events, chain verified."))

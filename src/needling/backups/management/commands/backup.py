from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from needling.backups import keys
from needling.backups.errors import BackupError
from needling.backups.services import run_backup


class Command(BaseCommand):
    help = (
        "Backups. `backup` (or `backup create`) writes one archive of the database and every "
        "media file, encrypted to the owner's age key, into NEEDLING_BACKUP_DIR. `backup keygen "
        "--identity FILE` makes that key: the secret half goes to FILE (keep it off this "
        "machine), the public half stays here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", default="create", choices=["create", "keygen"])
        parser.add_argument(
            "--to", type=Path, help="folder for the archive (default: the backup folder)"
        )
        parser.add_argument("--output", type=Path, help="exact archive file to write")
        parser.add_argument(
            "--no-encrypt", action="store_true", help="write an UNENCRYPTED archive on purpose"
        )
        parser.add_argument(
            "--identity", type=Path, help="keygen: where to write the new SECRET key"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "keygen":
            self._keygen(options["identity"])
            return
        try:
            _run, result = run_backup(
                encrypt=not options["no_encrypt"], directory=options["to"], output=options["output"]
            )
        except BackupError as exc:
            raise CommandError(f"Backup failed: {exc}") from None
        assert result is not None
        head = result.manifest["audit_chain_head"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({filesizeformat(result.size)}, "
                f"{'encrypted' if result.encrypted else 'NOT encrypted'}); "
                f"{len(result.manifest['files'])} files, audit log to event {head['seq']}."
            )
        )

    def _keygen(self, identity: Path | None) -> None:
        if identity is None:
            raise CommandError(
                "give --identity FILE: where to write the secret key (somewhere you keep, "
                "ideally not on this machine; copy it off and delete it here afterwards)"
            )
        identity = identity.expanduser().resolve()
        try:
            public = keys.generate(identity)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        inside_var = Path(settings.VAR_DIR) in identity.parents
        self.stdout.write(
            self.style.SUCCESS(f"New backup key. Public half (stays here): {public}")
            + f"\n  added to {settings.BACKUP_RECIPIENTS_FILE}"
            + f"\nSecret half written to {identity} (mode 600)."
            + "\n\nKeep the secret half safe and away from this server: in a password manager"
            + "\nor on a USB key in the safe. Backups are encrypted to the public half; only the"
            + "\nsecret half can open them, and without it no backup can be restored:"
            + f"\n  needling restore ARCHIVE --identity {identity.name}"
            + (
                "\n\nWARNING: the secret key is inside the var folder; move it off this machine,"
                "\nor a thief of this disk can read the backups too."
                if inside_var
                else ""
            )
        )

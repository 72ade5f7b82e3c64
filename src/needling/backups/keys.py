"""The age keys that backups are encrypted to.

The server holds only public keys (recipients, `age1...`): it can write backups but never read
them. The owner keeps the matching secret key (identity, `AGE-SECRET-KEY-1...`) away from this
machine (a password manager, a USB key in the safe) and hands it to `needling restore`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
from django.conf import settings
from pyrage import x25519

from needling.backups.errors import BackupError


def recipients() -> list[x25519.Recipient]:
    """Every configured public key: NEEDLING_BACKUP_RECIPIENT (comma-separated) and the lines of
    the recipients file. Empty when none is configured."""
    raw: list[str] = [r for r in settings.BACKUP_RECIPIENT.split(",") if r.strip()]
    path = Path(settings.BACKUP_RECIPIENTS_FILE)
    if path.exists():
        raw += [line for line in path.read_text().splitlines() if line.strip()]
    found = []
    for line in raw:
        line = line.strip()
        if line.startswith("#"):
            continue
        try:
            found.append(x25519.Recipient.from_str(line))
        except pyrage.RecipientError:
            raise BackupError(
                f"{line[:20]!r}... is not an age public key (it should start with age1)"
            ) from None
    return found


def load_identity(path: Path) -> list[x25519.Identity]:
    """The secret key(s) in an age identity file (as written by `needling backup keygen` or
    `age-keygen`)."""
    try:
        text = path.read_text()
    except OSError as exc:
        raise BackupError(f"cannot read the key file {path}: {exc.strerror}") from None
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise BackupError(
                f"{path} holds something that is not an age secret key "
                "(it should start with AGE-SECRET-KEY-1)"
            ) from None
    if not identities:
        raise BackupError(f"{path} holds no age secret key")
    return identities


def generate(identity_path: Path) -> str:
    """Write a new secret key to identity_path (mode 0600, never overwriting) and add its public
    key to the recipients file. Returns the public key."""
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    identity_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(identity_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{identity_path} already exists; it was not overwritten") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(
            "# Needling backup key: the SECRET half. Whoever has this file can read every\n"
            "# backup. Keep it away from the server (password manager, safe); without it no\n"
            "# backup can be restored.\n"
            f"# public key: {public}\n{identity}\n"
        )
    recipients_file = Path(settings.BACKUP_RECIPIENTS_FILE)
    recipients_file.parent.mkdir(parents=True, exist_ok=True)
    with recipients_file.open("a") as handle:
        handle.write(f"{public}\n")
    return public

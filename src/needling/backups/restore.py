"""Restore one archive into an empty database and an empty media folder.

Order, so that a bad archive changes nothing:

1. refuse a target that is not empty (any table in the database, any file in MEDIA_ROOT);
2. decrypt and unpack the stream into a staging folder beside MEDIA_ROOT, hashing every member;
3. check the manifest: our format, not made by a newer Needling (app version, migrations this
   code does not know), same database engine, every file present with its SHA-256 and size and
   nothing extra;
4. only then load the database (SQLite online backup API into the empty file; pg_restore in one
   transaction), move the media folder into place, compare every table's row count and the
   audit chain head with the manifest, migrate forward when the archive is older, and run the
   audit chain and photo verifications.

The append-only triggers come back with the schema (they are part of the snapshot) and are
never dropped: loading rows is an INSERT, which they allow.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pyrage
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from needling.audit import triggers
from needling.audit.anchors import signed_head, verify_anchor, verify_end
from needling.audit.verify import verify_chain
from needling.backups import keys
from needling.backups.archive import (
    AGE_MAGIC,
    BLOCK,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    ROOT,
    app_version,
    pg_environment,
)
from needling.backups.errors import BackupError
from needling.backups.models import BackupRun, BackupStatus
from needling.photos.verify import verify_photos

MAX_MANIFEST = 256 * 1024 * 1024


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def target_problems() -> list[str]:
    """Why the configured database and media folder are not an empty place to restore into."""
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        found.append(
            f"the database is not empty ({len(tables)} tables, e.g. {sorted(tables)[0]}): "
            "restore only into a new, empty database"
        )
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and (not media.is_dir() or any(media.iterdir())):
        found.append(f"the media folder {media} is not empty: restore only into an empty one")
    return found


def restore_backup(
    *, archive: Path, identity: Path | None, accept_unsigned: bool = False
) -> RestoreReport:
    """Check, then restore. Raises BackupError (nothing changed) for a bad archive, a wrong key
    or a non-empty target; returns a report whose `problems` say what failed verification after
    the data was loaded."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file")
    refused = target_problems()
    if refused:
        raise BackupError("; ".join(refused))
    with archive.open("rb") as handle:
        encrypted = handle.read(len(AGE_MAGIC)) == AGE_MAGIC
    identities = None
    if encrypted:
        if identity is None:
            raise BackupError(
                "the archive is encrypted: pass --identity with the backup's secret key file"
            )
        identities = keys.load_identity(identity)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    try:
        manifest, hashes = _unpack(archive, identities, staging)
        _check_manifest(manifest, hashes)
        report = RestoreReport(manifest=manifest)
        if not verify_anchor(dict(manifest.get("audit_chain_head") or {})):
            if not accept_unsigned:
                raise BackupError(
                    "the manifest's audit log head is not signed with this install's audit key: "
                    "either the archive was not made by this install (forged?), or this machine "
                    "lacks the audit key (set NEEDLING_AUDIT_KEY or NEEDLING_AUDIT_KEY_FILE to "
                    "the original's). If that key is lost for good, --accept-unsigned restores "
                    "anyway and reports the audit log's end as unproven"
                )
            report.notes.append(
                "restored with --accept-unsigned: the audit log's end could not be proven"
            )
        _load(manifest, staging / ROOT, report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _unpack(
    archive: Path, identities: list[Any] | None, staging: Path
) -> tuple[dict[str, Any], dict[str, tuple[str, int]]]:
    hashes: dict[str, tuple[str, int]] = {}
    manifest_bytes: bytes | None = None
    failure: list[BaseException] = []
    with archive.open("rb") as source:
        if identities is None:
            stream: IO[bytes] = source
            thread = None
        else:
            read_fd, write_fd = os.pipe()
            stream = os.fdopen(read_fd, "rb")

            def decrypt() -> None:
                try:
                    with os.fdopen(write_fd, "wb") as sink:
                        pyrage.decrypt_io(source, sink, identities)  # type: ignore[arg-type]
                except BaseException as exc:  # handed over below
                    failure.append(exc)

            thread = threading.Thread(target=decrypt, name="restore-decrypt", daemon=True)
            thread.start()
        try:
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                for member in tar:
                    name = _member_name(member)
                    if name == MANIFEST:
                        handle = tar.extractfile(member)
                        if handle is None or member.size > MAX_MANIFEST:
                            raise BackupError("the archive's manifest is not readable")
                        manifest_bytes = handle.read()
                        continue
                    handle = tar.extractfile(member)
                    if handle is None:
                        raise BackupError(f"the archive member {member.name!r} is not a file")
                    hashes[name] = _save(handle, staging / ROOT / name)
        except (tarfile.TarError, EOFError, OSError) as exc:
            if thread is not None:
                stream.close()
                thread.join()
            if failure:
                raise _decrypt_error(failure[0]) from None
            raise BackupError(
                f"the archive is damaged or cut short ({type(exc).__name__}: {exc})"
            ) from None
        finally:
            if thread is not None:
                stream.close()
                thread.join()
    if failure:
        raise _decrypt_error(failure[0])
    if manifest_bytes is None:
        raise BackupError("the archive has no manifest: it is cut short or not a Needling backup")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError("the archive's manifest is not valid JSON (damaged)") from None
    if not isinstance(manifest, dict):
        raise BackupError("the archive's manifest is not a Needling manifest")
    return manifest, hashes


def _decrypt_error(exc: BaseException) -> BackupError:
    text = str(exc)
    if "No matching keys" in text or "no identity matched" in text.lower():
        return BackupError("this key does not open the archive (wrong key?)")
    return BackupError(
        f"the archive could not be decrypted: it is damaged, cut short or was altered ({text})"
    )


def _member_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    parts = path.parts
    if (
        not member.isfile()
        or path.is_absolute()
        or len(parts) < 2
        or parts[0] != ROOT
        or any(part in ("..", ".", "") for part in parts)
    ):
        raise BackupError(f"the archive holds an unexpected entry {member.name!r}")
    return "/".join(parts[1:])


def _save(handle: IO[bytes], path: Path) -> tuple[str, int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with path.open("xb") as out:
        while block := handle.read(BLOCK):
            digest.update(block)
            size += len(block)
            out.write(block)
    return digest.hexdigest(), size


def _known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _check_manifest(manifest: dict[str, Any], hashes: dict[str, tuple[str, int]]) -> None:
    if manifest.get("format") != FORMAT:
        raise BackupError("this is not a Needling backup (its manifest has another format)")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] < 1:
        raise BackupError("the archive's manifest has no valid format version")
    if manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(
            f"the archive uses backup format {manifest['format_version']}, newer than this "
            f"Needling ({app_version()}) reads: update Needling first, then restore"
        )
    made_by = str(manifest.get("app_version", ""))
    if _version_tuple(made_by) > _version_tuple(app_version()):
        raise BackupError(
            f"the archive was made by Needling {made_by}, newer than this one ({app_version()}): "
            "install that version or newer, then restore"
        )
    known = _known_migrations()
    unknown = sorted(
        f"{app}.{name}"
        for app, names in dict(manifest.get("migrations", {})).items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            f"the archive's database has migrations this Needling does not know "
            f"({', '.join(unknown[:5])}): it was made by a newer version; update first"
        )
    if manifest.get("engine") != connection.vendor:
        raise BackupError(
            f"the archive holds a {manifest.get('engine')} database and the target is "
            f"{connection.vendor}: restore into the same kind of database"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or manifest.get("database") not in files:
        raise BackupError("the archive's manifest lists no database snapshot")
    bad = []
    for name, entry in files.items():
        if name not in hashes:
            bad.append(f"missing from the archive: {name}")
        elif hashes[name] != (entry.get("sha256"), entry.get("size")):
            bad.append(f"SHA-256 or size does not match the manifest: {name}")
    bad += [f"not in the manifest: {name}" for name in sorted(set(hashes) - set(files))]
    if bad:
        raise BackupError(
            "the archive does not match its manifest (damaged or altered): " + "; ".join(bad[:10])
        )


def _load(manifest: dict[str, Any], staged: Path, report: RestoreReport) -> None:
    database = staged / str(manifest["database"])
    if manifest["engine"] == "sqlite":
        _load_sqlite(database)
    else:
        _load_postgresql(database)
    report.lines.append(
        f"database restored ({manifest['engine']}, snapshot of {manifest['created_at']})"
    )
    media_root = Path(settings.MEDIA_ROOT)
    staged_media = staged / "media"
    if media_root.exists():
        media_root.rmdir()  # empty: checked before anything was unpacked
    if staged_media.is_dir():
        os.replace(staged_media, media_root)
    else:
        media_root.mkdir(parents=True)
    media_count = sum(1 for name in manifest["files"] if name.startswith("media/"))
    report.lines.append(f"{media_count} media file(s) restored to {media_root}")

    mismatched = []
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for table, expected in sorted(dict(manifest.get("row_counts", {})).items()):
            if table not in present:  # also keeps manifest text out of the SQL below
                mismatched.append(f"{table}: table missing, manifest says {expected} rows")
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 - a real table name
            actual = cursor.fetchone()[0]
            if actual != expected:
                mismatched.append(f"{table}: {actual} rows, manifest says {expected}")
    if mismatched:
        report.problems += [f"row count differs: {m}" for m in mismatched]
    else:
        total = sum(dict(manifest.get("row_counts", {})).values())
        report.lines.append(
            f"row counts match the manifest: {len(manifest.get('row_counts', {}))} tables, "
            f"{total} rows"
        )
    head = signed_head()
    expected = dict(manifest.get("audit_chain_head") or {})
    if (head["seq"], head["hash"]) != (expected.get("seq"), expected.get("hash")):
        report.problems.append(
            f"the audit log ends at event {head['seq']}, the manifest says {expected.get('seq')}"
        )

    before = set(MigrationRecorder(connection).applied_migrations())
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # the login rate limits' table, if missing
    applied = set(MigrationRecorder(connection).applied_migrations()) - before
    if applied:
        report.lines.append(f"migrated forward: {len(applied)} migration(s) applied")
    else:
        report.lines.append("schema is current: no migration needed")

    # The run that made this archive was still going when its snapshot was taken; in the
    # restored install it never finishes, so say so instead of showing it as running for ever.
    unfinished = BackupRun.objects.filter(status=BackupStatus.RUNNING).update(
        status=BackupStatus.FAILED,
        error="unfinished when the snapshot this install was restored from was taken",
    )
    if unfinished:
        report.lines.append(f"{unfinished} backup run(s) unfinished in the snapshot marked failed")

    if not triggers.installed(connection):
        report.problems.append("the audit log's append-only triggers are missing")
    # The chain itself, its signed head row, and the manifest's signed head. Not the anchor log
    # beside the restored place: it may belong to the install this archive came from, which
    # went on writing after the backup, and would rightly call the restored log short.
    end = verify_end(use_anchor_log=False, expected_head=expected)
    audit_problems = list(verify_chain()) + list(end.problems)
    if audit_problems:
        report.problems += [f"audit event {p.seq}: {p.what}" for p in audit_problems[:50]]
        if any("signature" in p.what or "signed" in p.what for p in end.problems):
            report.notes.append(
                "a signature problem can mean this machine lacks the original install's audit "
                "key (NEEDLING_AUDIT_KEY or its key file): set it and run `needling audit verify`"
            )
    else:
        report.lines.append(
            f"audit log intact: chain, signed head and the manifest's signed head agree at "
            f"event {head['seq']}"
        )
    report.notes += end.notes
    photos = verify_photos()
    if photos.mismatched or photos.missing:
        report.problems += [p for p in photos.problems if not p.startswith("orphan")][:50]
    else:
        report.lines.append(f"photos intact: {photos.rows} photo(s), {photos.files} file(s)")
    if photos.orphans:
        report.notes.append(
            f"{len(photos.orphans)} photo file(s) no restored row owns (uploaded while the "
            "backup ran): harmless, listed by `needling photos verify`"
        )


def _load_sqlite(database: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    connection.close()
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    target = sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    connection.close()


def _load_postgresql(database: Path) -> None:
    args, env = pg_environment(connection.settings_dict)
    connection.close()
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        *args,
        str(database),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            command, env=env, capture_output=True, text=True, timeout=3600, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            "pg_restore was not found: install the PostgreSQL client tools; nothing was changed"
        ) from None
    if done.returncode != 0:
        raise BackupError(
            f"pg_restore failed and was rolled back, nothing was changed: "
            f"{done.stderr.strip()[:400]}"
        )

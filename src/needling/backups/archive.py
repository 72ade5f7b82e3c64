"""Make one backup archive: a consistent database snapshot plus every media file, with a manifest.

The archive is a tar stream (members under `needling-backup/`):

    database.sqlite3 | database.pgdump   the snapshot (SQLite online backup API / pg_dump -Fc)
    media/<path>                         every file under MEDIA_ROOT
    manifest.json                        last: versions, migrations, row counts, SHA-256 of
                                         every member above, the audit chain head

encrypted by default to the owner's age public key(s) as it is written (age's STREAM format:
64 KiB chunks, each authenticated, so an edit or a cut anywhere fails decryption). Memory stays
constant: the tar is produced into a pipe that the encryptor reads; files are read in 1 MiB
blocks and hashed on the way.

Consistency: the row counts, migration state and audit chain head are read inside the same
database snapshot that is dumped (SQLite: one read transaction on the app's connection, the
backup copies from it; PostgreSQL: a REPEATABLE READ transaction whose exported snapshot
pg_dump uses). Media files are listed after the snapshot, so every photo the snapshot knows is
there (files are written before their rows); an upload that lands during the backup can add a
file no restored row owns, which `photos verify` reports as an orphan and a restore lists as a
note.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

import pyrage
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from needling.audit.anchors import signed_head
from needling.backups import keys
from needling.backups.errors import BackupError

FORMAT = "needling-backup"
FORMAT_VERSION = 1
ROOT = "needling-backup"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
BLOCK = 1024 * 1024
AGE_MAGIC = b"age-encryption.org/v1"


def app_version() -> str:
    return version("needling")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    encrypted: bool
    manifest: dict[str, Any]


def archive_name(at: datetime, *, encrypted: bool) -> str:
    return f"needling-backup-{at:%Y%m%dT%H%M%SZ}.tar{'.age' if encrypted else ''}"


def create_backup(
    *,
    directory: Path | None = None,
    output: Path | None = None,
    encrypt: bool = True,
    now: datetime | None = None,
) -> BackupResult:
    """Write one archive into `directory` (default BACKUP_DIR) or to `output`. Refuses to write an
    unencrypted archive unless encrypt=False is asked for."""
    now = now or datetime.now(UTC)
    recipients = keys.recipients() if encrypt else []
    if encrypt and not recipients:
        raise BackupError(
            "no backup key is configured, so the backup cannot be encrypted. Run "
            "`needling backup keygen --identity <file kept off this machine>` once (or set "
            "NEEDLING_BACKUP_RECIPIENT to an age public key), or pass --no-encrypt to write an "
            "unencrypted archive on purpose."
        )
    if output is None:
        directory = directory or Path(settings.BACKUP_DIR)
        output = directory / archive_name(now, encrypted=encrypt)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.exists():
        raise BackupError(f"{output} already exists; it was not overwritten")
    partial = output.with_name(output.name + ".partial")
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=settings.VAR_DIR))
    try:
        database_member, snapshot, manifest = _snapshot(work, now)
        with partial.open("wb") as out:
            _write_stream(
                out,
                lambda tar_out: _write_tar(tar_out, database_member, snapshot, manifest),
                recipients,
            )
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        partial.unlink(missing_ok=True)
    return BackupResult(
        path=output, size=output.stat().st_size, encrypted=encrypt, manifest=manifest
    )


def _snapshot(work: Path, now: datetime) -> tuple[str, Path, dict[str, Any]]:
    """Dump the database into `work` and read, inside the same snapshot, what the manifest says
    about it."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("a backup cannot run inside another database transaction")
    if connection.vendor == "sqlite":
        member, path = SQLITE_MEMBER, work / SQLITE_MEMBER
        raw = connection.connection
        raw.execute("BEGIN DEFERRED")  # one read transaction: WAL lets writers go on meanwhile
        try:
            facts = _facts()
            target = sqlite3.connect(path)
            try:
                raw.backup(target)  # all pages in one step, from this transaction's snapshot
            finally:
                target.close()
        finally:
            raw.execute("COMMIT")
    elif connection.vendor == "postgresql":
        member, path = PG_MEMBER, work / PG_MEMBER
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
            facts = _facts()
            _pg_dump(snapshot_id, path)
    else:  # pragma: no cover - settings allow only these two
        raise BackupError(f"cannot back up a {connection.vendor} database")
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": now.isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "database": member,
        **facts,
        "files": {},
    }
    return member, path, manifest


def _facts() -> dict[str, Any]:
    """Migration state, row counts per table and the audit chain head, read through the app's
    connection (so inside whatever snapshot it is in)."""
    migrations: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        migrations.setdefault(app, []).append(name)
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 - a real table name
            counts[table] = cursor.fetchone()[0]
    return {
        "migrations": {app: sorted(names) for app, names in sorted(migrations.items())},
        "row_counts": counts,
        # The chain's end inside this snapshot, signed with the audit key (not in the database).
        "audit_chain_head": signed_head(),
    }


def pg_environment(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment for the database in settings_dict (password via env)."""
    args = ["--dbname", str(settings_dict["NAME"])]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _pg_dump(snapshot_id: str, path: Path) -> None:
    args, env = pg_environment(connection.settings_dict)
    command = ["pg_dump", "--format=custom", f"--snapshot={snapshot_id}", "--file", str(path)]
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            command + args, env=env, capture_output=True, text=True, timeout=3600, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            "pg_dump was not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client)"
        ) from None
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()[:400]}")


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(name inside the archive, path) of every regular file under root, sorted."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_file() and not path.is_symlink():
                yield "media/" + path.relative_to(root).as_posix(), path


class _HashingReader(io.RawIOBase):
    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path, files: dict[str, Any]) -> None:
    with path.open("rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=f"{ROOT}/{name}")
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o600
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    files[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def _write_tar(
    out: IO[bytes], database_member: str, snapshot: Path, manifest: dict[str, Any]
) -> None:
    files: dict[str, Any] = manifest["files"]
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        _add_file(tar, database_member, snapshot, files)
        snapshot.unlink()
        for name, path in media_files(Path(settings.MEDIA_ROOT)):
            try:
                _add_file(tar, name, path, files)
            except FileNotFoundError:
                continue  # removed since it was listed (a photo deleted meanwhile)
        body = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(f"{ROOT}/{MANIFEST}")
        info.size = len(body)
        info.mode = 0o600
        info.mtime = int(datetime.now(UTC).timestamp())
        tar.addfile(info, io.BytesIO(body))


def _write_stream(
    out: IO[bytes], produce: Callable[[IO[bytes]], None], recipients: list[Any]
) -> None:
    """Run produce(writer) and send what it writes to `out`, through age when recipients are
    given. The producer runs in a thread writing into a pipe that the encryptor reads."""
    if not recipients:
        produce(out)
        return
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def producer() -> None:
        try:
            with os.fdopen(write_fd, "wb") as writer:
                produce(writer)
        except BaseException as exc:  # handed to the caller below
            failure.append(exc)

    thread = threading.Thread(target=producer, name="backup-tar", daemon=True)
    thread.start()
    with os.fdopen(read_fd, "rb") as reader:
        try:
            pyrage.encrypt_io(reader, out, recipients)  # type: ignore[arg-type]
        finally:
            reader.close()  # a producer still writing gets a broken pipe instead of hanging
            thread.join()
    if failure:
        raise failure[0]

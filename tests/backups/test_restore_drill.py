"""The restore drill: back up the live demo clinic while 8 writers keep writing, restore into a
fresh place, and prove the same rows, the same photo files and an intact audit chain.

Runs on whichever database the suite runs on (SQLite, and PostgreSQL in the second pass), with
real `needling` processes: one writing from 8 threads (8 connections), one backing up, one
restoring.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from needling.backups import keys
from needling.demo import load_demo

WRITER = """
import pathlib, threading, time
from django.db import connection, transaction
from needling.audit.services import record
from needling.clients.models import Client
from needling.clinics.models import Clinic

stop = pathlib.Path({stop!r})
clinic = Clinic.objects.get(slug="northside")
started = threading.Barrier(9)
counts = [0] * 8

def write(n):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (counts[n] < 3 or not stop.exists()):
        with transaction.atomic():
            client = Client.objects.create(
                clinic_id=clinic.pk, first_name=f"Writer{{n}}", last_name=f"No{{counts[n]}}"
            )
            record(actor=None, action="drill.write", client=client, detail={{"n": n}})
        counts[n] += 1
        if counts[n] == 3:
            started.wait()
        time.sleep(0.02)  # a busy clinic, not a benchmark: leave the backup some CPU
    connection.close()

threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
for thread in threads:
    thread.start()
started.wait()
print("writing", flush=True)
for thread in threads:
    thread.join()
print("wrote", sum(counts), flush=True)
"""

# Rows here change after they are written (the backup's own run row is updated when it ends;
# the cache and the task queue churn), so they are compared by count only (the restore checks
# counts against the manifest).
MUTABLE = {"backups_backuprun", "needling_cache", "django_tasks_db_dbtaskresult"}
# The audit log's signed head row moves with every append (the restore checks it separately).
MUTABLE |= {"audit_audithead", "audit_deniedrepeat"}
# The restore migrates the older archive forward: one more migration recorded, one more column.
MUTABLE |= {"django_migrations", "outcomes_assessment"}
# Written by the drill's writers while the backup runs: the restore holds a subset.
APPENDED = {"clients_client", "audit_auditevent"}


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
        f"{s['PORT'] or 5432}/{name}"
    )


def _env(var: Path, database: str | None, recipient: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        NEEDLING_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="needling.settings",
        NEEDLING_BACKUP_RECIPIENT=recipient,
        # The restoring machine holds the same audit key as the live one (the runbook says so).
        NEEDLING_AUDIT_KEY=str(settings.AUDIT_KEY),
        NEEDLING_AUDIT_ANCHOR_DIR=str(var.parent / "anchors"),
    )
    if database is not None:
        env["DATABASE_URL"] = _pg_url(database)
    return env


def _needling(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "needling.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def fresh_pg_database() -> Iterator[str | None]:
    """An empty PostgreSQL database beside the test database (None on SQLite)."""
    if connection.vendor != "postgresql":
        yield None
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg.connect(_pg_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _rows(vendor: str, where: str) -> dict[str, set[str]]:
    """Every table's rows (as text), from a SQLite file or a PostgreSQL database."""
    found: dict[str, set[str]] = {}
    if vendor == "sqlite":
        db = sqlite3.connect(where)
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            found[table] = {repr(r) for r in db.execute(f'SELECT * FROM "{table}"')}
        db.close()
        return found
    import psycopg

    with psycopg.connect(_pg_url(where)) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        for table in tables:
            found[table] = {repr(r) for r in db.execute(f'SELECT * FROM "{table}"').fetchall()}
    return found


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_backup_under_8_writers_restores_the_same_clinic(
    transactional_db: Any, tmp_path: Path, fresh_pg_database: str | None
) -> None:
    load_demo(today=date(2026, 11, 24))
    # The live install is one migration behind this code, so the restore must migrate forward.
    call_command("migrate", "outcomes", "0001_initial", verbosity=0)
    try:
        _drill(tmp_path, fresh_pg_database)
    finally:
        call_command("migrate", "outcomes", verbosity=0)


def _drill(tmp_path: Path, fresh_pg_database: str | None) -> None:
    source, target = tmp_path / "live", tmp_path / "restored"
    source.mkdir()
    shutil.copytree(settings.MEDIA_ROOT, source / "media")
    assert _files(source / "media"), "the demo has photo files"
    if connection.vendor == "sqlite":
        # The processes get a file of their own (the online backup API copies the test's).
        live = sqlite3.connect(source / "needling.sqlite3")
        connection.connection.backup(live)
        live.close()
        source_db: str = str(source / "needling.sqlite3")
    else:
        source_db = str(connection.settings_dict["NAME"])
    key = tmp_path / "owner-key.txt"
    public = keys.generate(key)
    live_env = _env(source, None if connection.vendor == "sqlite" else source_db, public)

    stop = tmp_path / "stop"
    writer = _needling(live_env, "shell", "--no-imports", "-c", WRITER.format(stop=str(stop)))
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing", writer.communicate()[1]
    backup = _needling(live_env, "backup")
    out, err = backup.communicate(timeout=180)
    stop.touch()
    assert backup.returncode == 0, err
    assert "Backup written" in out
    _w_out, w_err = writer.communicate(timeout=120)
    assert writer.returncode == 0, w_err
    archives = list((source / "backups").glob("*.tar.age"))
    assert len(archives) == 1

    restore = _needling(
        _env(target, fresh_pg_database, ""), "restore", str(archives[0]), "--identity", str(key)
    )
    out, err = restore.communicate(timeout=180)
    assert restore.returncode == 0, out + err
    assert "Restore complete and verified." in out
    assert "audit log intact" in out
    assert "photos intact" in out
    assert "migrated forward: 1 migration(s) applied" in out

    # Same rows: everything restored was in the live database, byte for byte, and every table
    # the writers did not touch is identical.
    vendor = connection.vendor
    connection.close()
    before = _rows(vendor, source_db)
    after = _rows(
        vendor,
        str(target / "needling.sqlite3") if fresh_pg_database is None else fresh_pg_database,
    )
    assert set(after) == set(before)
    for table, rows in after.items():
        if table in MUTABLE:
            continue
        if table in APPENDED:
            assert rows <= before[table], table
        else:
            assert rows == before[table], table
    # The snapshot fell while the writers were writing: some of their rows are in it, later
    # ones are not.
    drill = [r for r in after["audit_auditevent"] if "drill.write" in r]
    assert 24 <= len(drill) < sum(1 for r in before["audit_auditevent"] if "drill.write" in r)
    # Same photo files.
    assert _files(target / "media") == _files(source / "media")

"""Separate processes sharing the test database (as app servers and workers do in production).

On PostgreSQL they connect to the test database (committed data: use `transactional_db`); on
SQLite the test database lives in memory, so they get a migrated database file of their own and
set up their data in it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.db import connection

from tests.conftest import audit_env, clocked

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from needling.accounts.models import User
from needling.clients.models import Client
from needling.clinics.models import Clinic, Location, StaffMember
clinic = Clinic.objects.create(name="Process Clinic", slug="proc")
location = Location.objects.create(clinic=clinic, name="Main")
prac = User.objects.create_user("prac@proc.test", "x-unused-password-1", full_name="Pat Prac")
StaffMember.objects.create(user=prac, clinic=clinic, role="practitioner")
desk = User.objects.create_user("desk@proc.test", "x-unused-password-2", full_name="Dee Desk")
StaffMember.objects.create(user=desk, clinic=clinic, role="front_desk")
clients = [Client.objects.create(clinic=clinic, first_name=f"Client{i}", last_name="Proc",
                                 email=f"c{i}@proc.test") for i in range(8)]
print(json.dumps({"clinic": clinic.pk, "location": location.pk, "prac": prac.pk, "desk": desk.pk,
                  "clients": [c.pk for c in clients]}))
"""


def env_for_processes(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEEDLING_VAR_DIR"] = str(tmp_path)
    env.update(audit_env(tmp_path))
    env["DJANGO_SETTINGS_MODULE"] = "needling.settings"
    env["NEEDLING_LOG_LEVEL"] = "WARNING"
    env["NEEDLING_BACKUP_SCHEDULE"] = "false"  # a worker here tests messages, not backups
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
            f"{s['PORT'] or 5432}/{s['NAME']}"
        )
    env.update(extra)
    return env


def needling(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        clocked([sys.executable, "-m", "needling.cli", *args]),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_script(env: dict[str, str], script: str, timeout: int = 120) -> str:
    p = needling(env, "shell", "-c", script)
    out, err = p.communicate(timeout=timeout)
    assert p.returncode == 0, err
    return out


_MIGRATED: dict[str, Path] = {}


def _migrated_sqlite(env: dict[str, str]) -> None:
    """Migrate a SQLite file once per test run; each test gets a fresh copy of it."""
    target = Path(env["NEEDLING_VAR_DIR"]) / "needling.sqlite3"
    if "file" not in _MIGRATED:
        template = Path(tempfile.mkdtemp(prefix="needling-sched-")) / "template"
        template.mkdir()
        migrate = needling(
            {**env, "NEEDLING_VAR_DIR": str(template)}, "migrate", "--no-input", "-v0"
        )
        _, err = migrate.communicate(timeout=600)
        assert migrate.returncode == 0, err
        _MIGRATED["file"] = template / "needling.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_MIGRATED["file"], target)
    shutil.copyfile(
        _MIGRATED["file"].parent / "secret_key", Path(env["NEEDLING_VAR_DIR"]) / "secret_key"
    )


def prepare(env: dict[str, str]) -> dict[str, Any]:
    """Migrate (SQLite file) and create a clinic, a practitioner, front desk and clients."""
    if connection.vendor == "sqlite":
        _migrated_sqlite(env)
    out = run_script(env, SETUP)
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]

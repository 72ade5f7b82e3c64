"""Several app processes writing audit events at once still leave one unbroken chain."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db import connection

from tests.conftest import audit_env, clocked

WRITER = (
    "from needling.audit.services import record\n"
    "for i in range(25):\n"
    "    record(actor=None, action='test.concurrent', detail={'i': i})\n"
)


def _env_for_processes(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEEDLING_VAR_DIR"] = str(tmp_path)
    env.update(audit_env(tmp_path))
    env["DJANGO_SETTINGS_MODULE"] = "needling.settings"
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
            f"{s['PORT'] or 5432}/{s['NAME']}"
        )
    return env


def _needling(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        clocked([sys.executable, "-m", "needling.cli", *args]),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_parallel_writers_never_fork_the_chain(transactional_db: Any, tmp_path: Path) -> None:
    env = _env_for_processes(tmp_path)
    if connection.vendor == "sqlite":
        # The test database lives in memory; give the processes a real file to share.
        migrate = _needling(env, "migrate", "--no-input", "-v0")
        assert migrate.wait(timeout=120) == 0, migrate.communicate()[1]
    writers = [_needling(env, "shell", "-c", WRITER) for _ in range(4)]
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    check = _needling(env, "audit", "verify")
    out, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
    assert "intact: 100 events" in out

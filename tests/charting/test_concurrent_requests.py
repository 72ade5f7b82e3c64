"""Two requests at once to the as-typed depth check, against a real SQLite file.

Typing a depth sends a check while the practitioner may already be tapping "Save zone"; both
requests look up the session (and may write it) at the same moment. In production gunicorn's sync
workers are separate processes, each with its own connection to the database file, and SQLite's
WAL journal lets them read together while writes queue on its lock (busy_timeout), so neither sees
the other's half-used connection. The tests' live server answers each request on a thread; with a
file-backed test database each thread opens its own connection too. Both servers are tested.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client as Browser

from needling.charting.models import TreatmentSession
from tests.conftest import Cast, audit_env, clocked

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the shared-connection race is SQLite's; PostgreSQL connections are per thread anyway",
)

# With Django's in-memory test database (one connection shared by the live server's threads) the
# live-server test failed within 60 rounds here ("database table is locked", a 400): enough rounds
# to catch the race, few enough to take seconds.
ROUNDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def gunicorn(transactional_db: Any, tmp_path: Path) -> Iterator[str]:
    """`needling serve`'s server: gunicorn with two sync workers on the test database file."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "NEEDLING_SECRET_KEY": settings.SECRET_KEY,
        "NEEDLING_VAR_DIR": str(tmp_path),
        "NEEDLING_MFA_REQUIRED": "false",
        **audit_env(tmp_path),
    }
    server = subprocess.Popen(
        clocked([sys.executable, "-m", "gunicorn", "needling.wsgi:application", "--workers", "2",
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        # Ready when it answers: a worker imports the app on its first request, which takes
        # seconds on a busy machine (this test is about correctness under concurrency, not speed).
        deadline = time.monotonic() + 120
        while True:
            try:
                with urlopen(f"{url}/healthz", timeout=60) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer /healthz within 120 s")
                threading.Event().wait(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=15)


def _session_cookie(user: Any) -> str:
    browser = Browser()
    browser.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"


def _check_together(base_url: str, cookie: str, draft: TreatmentSession) -> list[tuple[int, str]]:
    """Each round, two depth checks leave at the same instant (a barrier releases them)."""
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def one(barrier: threading.Barrier, depth: str) -> None:
        request = Request(  # noqa: S310 (our own server)
            f"{base_url}/charts/{draft.pk}/depth-check/?zone=cheeks&indication=texture"
            f"&depth_mm={depth}&passes=4",
            headers={"Cookie": cookie, "HX-Request": "true"},
        )
        barrier.wait()
        try:
            with urlopen(request, timeout=120) as response:  # noqa: S310
                outcome = (response.status, response.read().decode())
        except Exception as exc:  # a 500 is the failure this test looks for
            outcome = (getattr(exc, "code", 0), str(exc))
        with lock:
            results.append(outcome)

    for _ in range(ROUNDS):
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=one, args=(barrier, d)) for d in ("0.5", "1.25")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return results


def _assert_all_answered(results: list[tuple[int, str]]) -> None:
    assert len(results) == 2 * ROUNDS
    assert [status for status, _ in results] == [200] * (2 * ROUNDS), [
        body[:300] for status, body in results if status != 200
    ]
    # Real answers, not an empty page: the 1.25 mm check on cheeks is a caution.
    assert sum("A depth of 1.25 mm" in body for _, body in results) == ROUNDS


def test_concurrent_depth_checks_on_gunicorn_sync_workers(
    gunicorn: str, cast: Cast, draft: TreatmentSession
) -> None:
    _assert_all_answered(_check_together(gunicorn, _session_cookie(cast.practitioner), draft))


def test_concurrent_depth_checks_on_the_tests_threaded_live_server(
    live_server: Any, cast: Cast, draft: TreatmentSession
) -> None:
    _assert_all_answered(
        _check_together(live_server.url, _session_cookie(cast.practitioner), draft)
    )

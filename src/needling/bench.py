"""`make bench`: seed a clinic with years of history and time every staff page beside a bare
50-row Django view, in-process and over HTTP through gunicorn.

Prints p50/p95 server time, the query count and the ratio to the bare view per page; booking
and chart-save writes; a mixed staff workload through gunicorn. Not a test: it never fails on
timing. Runs on a throw-away SQLite database, or on DATABASE_URL's PostgreSQL with --postgres.

    python -m needling.bench [--clients 20000] [--audit-events 1000000] [--keep DIR]
                             [--repeat 40] [--http-seconds 20] [--postgres]

--keep DIR keeps the seeded database (and photo files) in DIR and reuses it on the next run
with the same options, so measuring after a change does not seed again (migrations run first).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Ids = dict[str, Any]

# Every staff page: (label, path from the seeded ids).
PAGES: list[tuple[str, Callable[[Ids], str]]] = [
    ("bare 50-row view", lambda ids: "/bench/bare/"),
    ("today", lambda ids: "/"),
    ("client list", lambda ids: "/clients/"),
    ("client list, page 200", lambda ids: "/clients/?page=200"),
    ("client search", lambda ids: "/clients/?q=Surname1234"),
    ("client page", lambda ids: f"/clients/{ids['client']}/"),
    ("intake", lambda ids: f"/intake/{ids['client']}/"),
    ("plan", lambda ids: f"/plans/client/{ids['client']}/"),
    ("chart, draft", lambda ids: f"/charts/{ids['draft']}/"),
    ("chart, signed", lambda ids: f"/charts/{ids['session']}/"),
    ("calendar day", lambda ids: f"/calendar/?date={ids['today']}"),
    ("calendar week", lambda ids: f"/calendar/week/?date={ids['today']}"),
    ("calendar week, all locs", lambda ids: f"/calendar/week/?date={ids['today']}&location="),
    ("appointment", lambda ids: f"/calendar/appointments/{ids['appointment']}/"),
    ("equipment", lambda ids: "/equipment/"),
    ("lot recall", lambda ids: f"/equipment/lots/{ids['lot']}/"),
    ("photos", lambda ids: f"/photos/clients/{ids['client']}/"),
    ("outcomes", lambda ids: f"/outcomes/clients/{ids['client']}/"),
    ("audit log", lambda ids: "/settings/audit/"),
    ("reference", lambda ids: "/reference/"),
    ("messages", lambda ids: "/calendar/messages/"),
]

# The mixed staff workload: a clinic day (shares of requests).
MIX: list[tuple[float, list[str]]] = [
    (0.20, ["today"]),
    (0.20, ["calendar day", "calendar week"]),
    (0.20, ["client page"]),
    (0.10, ["client search"]),
    (0.10, ["chart, draft", "chart, signed"]),
    (0.15, ["client list", "intake", "plan", "appointment", "photos", "outcomes", "reference"]),
    (0.05, ["BOOK"]),
]


def _setup(var_dir: Path, postgres: bool) -> None:
    os.environ["NEEDLING_VAR_DIR"] = str(var_dir)
    os.environ["NEEDLING_MFA_REQUIRED"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "needling.bench_settings"
    if not postgres:
        os.environ.pop("DATABASE_URL", None)
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("--postgres needs DATABASE_URL (a database the bench may empty)")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def _seed(n_clients: int, audit_events: int) -> Ids:
    from django.db import connection

    from needling.bench_seed import seed_history
    from needling.demo import load_demo
    from needling.equipment.models import Lot
    from needling.scheduling.models import Appointment

    today = date.today()
    if connection.vendor == "postgresql":
        from django.core.management import call_command

        call_command("flush", verbosity=0, interactive=False)
    load_demo(today=today, reset=True)
    ids = seed_history(n_clients=n_clients, audit_events=audit_events, today=today)
    appointment = Appointment.objects.filter(client_id=ids["client"]).order_by("-start").first()
    lot = Lot.objects.order_by("id").first()
    assert appointment is not None
    assert lot is not None
    ids.update(appointment=appointment.pk, lot=lot.pk, seeded_on=today.isoformat())
    _optimize()
    return ids


def _optimize() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def _time_page(browser: Any, path: str, repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser.get(path)  # warm
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = browser.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(path)
    return (*_percentiles(timings), len(queries.captured_queries), response.status_code)


# Each run books on its own far-future days, so a reused database has no earlier run's slots.
_RUN_DAYS = random.SystemRandom().randrange(0, 50_000)


def _booking_form(ids: Ids, n: int) -> dict[str, str]:
    """A consultation for the busy client, each on its own slot far ahead (never overlaps)."""
    day = date.fromisoformat(ids["today"]) + timedelta(days=400 + _RUN_DAYS + n // 40)
    minutes = 8 * 60 + (n % 40) * 15
    return {
        "client": str(ids["client"]),
        "kind": "consultation",
        "day": day.isoformat(),
        "at": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "minutes": "15",
        "practitioner": str(ids["bench_practitioners"][n % len(ids["bench_practitioners"])]),
        "location": str(ids["location"]),
        "room": "",
        "note": "",
        "idempotency_key": str(uuid.uuid4()),
    }


def _time_writes(browser: Any, ids: Ids, repeat: int) -> list[tuple[str, float, float, int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from needling.charting.models import TreatmentSession

    rows = []
    timings, status, n_queries = [], 0, 0
    for n in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = browser.post("/calendar/new/", _booking_form(ids, 100_000 + n))
            timings.append((time.perf_counter() - start) * 1000)
        status, n_queries = response.status_code, len(queries.captured_queries)
    rows.append(("write: booking", *_percentiles(timings), n_queries, status))
    timings = []
    draft = ids["draft"]
    for n in range(repeat):
        version = TreatmentSession.objects.get(pk=draft).version
        form = {
            "version": str(version),
            "zone": "cheeks",
            "indication": "acne_scars",
            "depth_mm": "1.0" if n % 2 else "0.75",
            "passes": "3",
            "pattern": "crosshatch",
            "end_point": "erythema",
        }
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = browser.post(f"/charts/{draft}/zones/", form, HTTP_HX_REQUEST="true")
            timings.append((time.perf_counter() - start) * 1000)
        status, n_queries = response.status_code, len(queries.captured_queries)
    rows.append(("write: chart zone save", *_percentiles(timings), n_queries, status))
    return rows


class _Load:
    """The load generator: `connections` threads on this machine, each with one keep-alive
    HTTP connection (reopened when the server closes it; gunicorn's sync workers do)."""

    def __init__(self, port: int, cookie: str, paths: dict[str, str], ids: Ids) -> None:
        self.port, self.cookie, self.paths, self.ids = port, cookie, paths, ids
        self.lock = threading.Lock()
        self.done = 0
        self.errors: dict[str, int] = {}
        self.timings: list[float] = []
        self.booked = 0

    def _pick(self, rnd: random.Random) -> str:
        x, acc = rnd.random(), 0.0
        for share, labels in MIX:
            acc += share
            if x < acc:
                return rnd.choice(labels)
        return "today"

    def worker(self, index: int, until: float) -> None:
        rnd = random.Random(index)  # noqa: S311 (load mix, not secrets)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": f"sessionid={self.cookie}; csrftoken={'b' * 32}"}
        n = 0
        while time.perf_counter() < until:
            label = self._pick(rnd)
            start = time.perf_counter()
            try:
                if label == "BOOK":
                    n += 1
                    form = _booking_form(self.ids, index * 10_000 + n)
                    body = "&".join(f"{k}={v}" for k, v in form.items())
                    conn.request(
                        "POST",
                        "/calendar/new/",
                        body=body.replace(":", "%3A"),
                        headers={
                            **headers,
                            "X-CSRFToken": "b" * 32,
                            "Content-Type": "application/x-www-form-urlencoded",
                        },
                    )
                    ok: tuple[int, ...] = (303, 302)
                else:
                    conn.request("GET", self.paths[label], headers=headers)
                    ok = (200,)
                response = conn.getresponse()
                response.read()
                if response.will_close:
                    conn.close()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                status = -1
            elapsed = (time.perf_counter() - start) * 1000
            with self.lock:
                self.done += 1
                self.timings.append(elapsed)
                if status not in ok:
                    key = f"{label} {status}"
                    self.errors[key] = self.errors.get(key, 0) + 1
                elif label == "BOOK":
                    self.booked += 1
        conn.close()


def _http_rows(var_dir: Path, ids: Ids, cookie: str, seconds: float) -> list[str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "needling.bench_settings"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn)
        [str(gunicorn), "needling.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    lines = []
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        paths = {label: make(ids) for label, make in PAGES}
        for name, mix in (("bare 50-row view only", False), ("mixed staff workload", True)):
            load = _Load(port, cookie, paths, ids)
            if not mix:
                load._pick = lambda rnd: "bare 50-row view"  # type: ignore[method-assign]
            for warm in ("bare 50-row view", "today"):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                for _ in range(4):
                    conn.request("GET", paths[warm], headers={"Cookie": f"sessionid={cookie}"})
                    conn.getresponse().read()
                    conn.close()
            until = time.perf_counter() + seconds
            threads = [threading.Thread(target=load.worker, args=(i, until)) for i in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            p50, p95 = _percentiles(load.timings or [0.0])
            lines.append(
                f"{name:<26} {load.done / seconds:7.1f} req/s  p50 {p50:6.1f} ms  "
                f"p95 {p95:6.1f} ms  errors {sum(load.errors.values())}"
                + (f" {load.errors}" if load.errors else "")
                + (f"  bookings {load.booked}" if mix else "")
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--audit-events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--http-seconds", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, help="keep and reuse the seeded database here")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's PostgreSQL")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        var_dir = args.keep.resolve()
        cleanup = None
    else:
        var_dir = Path(tempfile.mkdtemp(prefix="needling-bench-"))
        cleanup = var_dir
    try:
        _run(args, var_dir)
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


def _run(args: argparse.Namespace, var_dir: Path) -> None:
    _setup(var_dir, args.postgres)
    from django.db import connection

    stamp_file = var_dir / f"bench-{connection.vendor}.json"
    wanted = {"clients": args.clients, "audit_events": args.audit_events}
    ids: Ids | None = None
    if stamp_file.exists():
        saved = json.loads(stamp_file.read_text())
        if saved.get("options") == wanted:
            ids = saved["ids"]
            print(f"reusing the database seeded on {ids['seeded_on']} in {var_dir}")
            _optimize()
    if ids is None:
        started = time.perf_counter()
        print(f"seeding {args.clients} clients with history ({connection.vendor})")
        ids = _seed(args.clients, args.audit_events)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
        stamp_file.write_text(json.dumps({"options": wanted, "ids": ids}))
    _report_counts()
    from django.test import Client as Browser
    from django.test.utils import setup_test_environment

    from needling.accounts.models import User

    setup_test_environment()
    ids = {**ids, "today": date.today().isoformat()}
    ids["bench_practitioners"] = list(
        User.objects.filter(email__startswith="bench-practitioner")
        .order_by("id")
        .values_list("id", flat=True)
    )
    owner = User.objects.get(email="owner@northside.example")
    browser = Browser()
    browser.force_login(owner)
    print(f"\nin-process server time ({connection.vendor}, {args.repeat} requests per page)")
    print(f"{'page':<26} {'p50 ms':>8} {'p95 ms':>8} {'× bare':>7} {'queries':>8} {'status':>7}")
    bare_p50 = None
    for label, path in PAGES:
        p50, p95, n_queries, status = _time_page(browser, path(ids), args.repeat)
        bare_p50 = bare_p50 or p50
        ratio = p50 / bare_p50
        print(f"{label:<26} {p50:8.1f} {p95:8.1f} {ratio:6.1f}× {n_queries:8d} {status:7d}")
    for label, p50, p95, n_queries, status in _time_writes(browser, ids, max(10, args.repeat)):
        ratio = p50 / (bare_p50 or 1)
        print(f"{label:<26} {p50:8.1f} {p95:8.1f} {ratio:6.1f}× {n_queries:8d} {status:7d}")
    if args.http_seconds > 0:
        cookie = browser.cookies["sessionid"].value
        print(
            f"\nover HTTP: gunicorn, 2 sync workers; 8 keep-alive connections for "
            f"{args.http_seconds:.0f} s from a load generator on the same machine"
        )
        for line in _http_rows(var_dir, ids, cookie, args.http_seconds):
            print(line)


def _report_counts() -> None:
    from needling.audit.models import AuditEvent
    from needling.charting.models import SessionZone, TreatmentSession
    from needling.clients.models import Client
    from needling.outcomes.models import Assessment
    from needling.photos.models import Photo
    from needling.scheduling.models import Appointment

    counts = {
        "clients": Client.objects.count(),
        "signed sessions": TreatmentSession.objects.filter(status="signed").count(),
        "zones": SessionZone.objects.count(),
        "appointments": Appointment.objects.count(),
        "photos": Photo.objects.count(),
        "assessments": Assessment.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }
    print(", ".join(f"{v:,} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()

"""`make bench`: seed a large clinic and time the staff pages, each beside a bare endpoint.

Prints p50/p95 server time and the query count per page. Not a test: it never fails on timing.
Runs on a throw-away SQLite database (or DATABASE_URL's server when BENCH_USE_DATABASE_URL=1).

    python -m needling.bench [--clients 20000] [--repeat 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

# Each feature adds its pages here: (label, path factory taking the seeded ids).
PAGES: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("bare: /healthz", lambda ids: "/healthz"),
    ("today", lambda ids: "/"),
    ("client list", lambda ids: "/clients/"),
    ("client list, page 200", lambda ids: "/clients/?page=200"),
    ("client search by name", lambda ids: "/clients/?q=Surname1234"),
    ("client page", lambda ids: f"/clients/{ids['client']}/"),
    ("audit log", lambda ids: "/settings/audit/"),
    ("reference", lambda ids: "/reference/"),
]


def _setup(var_dir: str) -> None:
    os.environ["NEEDLING_VAR_DIR"] = var_dir
    os.environ["NEEDLING_MFA_REQUIRED"] = "false"
    if os.environ.get("BENCH_USE_DATABASE_URL") != "1":
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "needling.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def _seed(n_clients: int) -> dict[str, Any]:
    from datetime import date, timedelta

    from needling.audit.services import record
    from needling.clients.models import Client
    from needling.demo import load_demo

    load_demo(today=date.today(), reset=True)
    from needling.clinics.models import Clinic

    clinic = Clinic.objects.get(slug="northside")
    batch = [
        Client(
            clinic=clinic,
            first_name=f"Given{i}",
            last_name=f"Surname{i}",
            date_of_birth=date(1960, 1, 1) + timedelta(days=i % 15000),
            email=f"client{i}@bench.example",
            phone=f"07700{i:06d}",
        )
        for i in range(n_clients)
    ]
    Client.objects.bulk_create(batch, batch_size=2000)
    client = Client.objects.filter(clinic=clinic).order_by("id")[n_clients // 2]
    for _ in range(2000):
        record(actor=None, action="bench.seed", client=client, clinic_id=clinic.pk)
    return {"client": client.pk}


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
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries.captured_queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="needling-bench-") as var_dir:
        _setup(var_dir)
        started = time.perf_counter()
        ids = _seed(args.clients)
        print(f"seeded {args.clients} clients in {time.perf_counter() - started:.1f} s")
        from django.test import Client as Browser
        from django.test.utils import setup_test_environment

        setup_test_environment()
        from needling.accounts.models import User

        browser = Browser()
        browser.force_login(User.objects.get(email="owner@northside.example"))
        print(f"{'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'status':>7}")
        for label, path in PAGES:
            p50, p95, n_queries, status = _time_page(browser, path(ids), args.repeat)
            print(f"{label:<28} {p50:8.1f} {p95:8.1f} {n_queries:8d} {status:7d}")
        from needling.photos.bench import photo_rows  # issue 7: 12 MP upload, outcome page

        for label, p50, p95, n_queries, status in photo_rows(browser, _time_page, args.repeat):
            print(f"{label:<28} {p50:8.1f} {p95:8.1f} {n_queries:8d} {status:7d}")


if __name__ == "__main__":
    main()

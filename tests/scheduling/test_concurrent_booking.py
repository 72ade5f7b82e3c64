"""Parallel bookings of one practitioner's slot from separate processes: exactly one wins, on
SQLite (IMMEDIATE transactions) and on PostgreSQL (row locks + exclusion constraint)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.scheduling.processes import env_for_processes, needling, prepare, run_script

PROCESSES = 5
BOOKER = """
import json, sys, time
from datetime import datetime, timedelta, timezone as tz
from needling.accounts.models import User
from needling.clients.models import Client
from needling.clinics.models import Location
from needling.scheduling.errors import SlotTaken
from needling.scheduling.services import book_appointment
ids = json.loads({ids!r})
start = datetime.fromisoformat({start!r})
from pathlib import Path
barrier = Path({barrier!r})
(barrier / str(ids["client"])).touch()
deadline = time.time() + 120
while len(list(barrier.iterdir())) < {n} and time.time() < deadline:
    time.sleep(0.005)  # every process books at the same moment, once all have started
try:
    a = book_appointment(
        actor=User.objects.get(pk=ids["desk"]), client=Client.objects.get(pk=ids["client"]),
        kind="consultation", start=start, duration=30,
        practitioner=User.objects.get(pk=ids["prac"]),
        location=Location.objects.get(pk=ids["location"]))
    print("BOOKED", a.pk)
except SlotTaken:
    print("TAKEN")
"""


def test_parallel_bookings_of_one_slot_give_exactly_one(
    transactional_db: Any, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    env = env_for_processes(tmp_path)
    ids = prepare(env)
    start = (datetime.now(UTC) + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    procs = []
    for i in range(PROCESSES):
        mine = {**ids, "client": ids["clients"][i]}
        script = BOOKER.format(
            ids=json.dumps(mine), start=start.isoformat(), barrier=str(barrier), n=PROCESSES
        )
        procs.append(needling(env, "shell", "-c", script))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(out.strip().splitlines()[-1])
    assert sum(r.startswith("BOOKED") for r in results) == 1, results
    assert results.count("TAKEN") == PROCESSES - 1, results
    count = run_script(
        env,
        "from needling.scheduling.models import Appointment\n"
        "print(Appointment.objects.filter(status='booked').count())",
    )
    assert count.strip().splitlines()[-1] == "1"

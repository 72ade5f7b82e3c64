"""Pages that once grew with a clinic's history (issue 12): Today and the calendar run the same
number of queries with little and with more history, and their hot queries walk the intended
index (asserted on the plan text, SQLite and PostgreSQL). Small data: the plans are what the
indexes make possible, the bench (`make bench`) measures the times."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from needling.charting.models import HealingCheck, TreatmentSession
from needling.clients.models import Client
from needling.scheduling.models import Appointment, FollowUp
from tests.conftest import Cast
from tests.scheduling.factories import appointment, at, location

PAGES = ["/", "/calendar/", "/calendar/week/", "/calendar/week/?location="]


def _grow(cast: Cast, n: int, *, first: int = 0) -> None:
    """`n` clients with two years of history each: six signed sessions (the last one recent),
    a healing check on each, a visit per session, unbooked follow-ups and a visit today."""
    today = timezone.localdate()
    clients = Client.objects.bulk_create(
        Client(clinic=cast.clinic, first_name=f"Grow{i}", last_name=f"History{i}")
        for i in range(first, first + n)
    )
    sessions, visits, follow_ups = [], [], []
    for k, client in enumerate(clients, start=first):
        for j in range(6):
            on = today - timedelta(days=700 - 120 * j - (k % 30))
            sessions.append(
                TreatmentSession(
                    client=client,
                    practitioner=cast.practitioner,
                    session_date=on,
                    status="signed",
                    signed_by=cast.practitioner,
                    signed_at=timezone.now(),
                )
            )
            start = at(cast, on, 8 + k % 12)
            visits.append(
                Appointment(
                    clinic=cast.clinic,
                    client=client,
                    practitioner=[cast.practitioner, cast.owner][(k // 12) % 2],
                    location=location(cast),
                    kind="treatment",
                    start=start + timedelta(minutes=(k // 24) % 4 * 15),
                    end=start + timedelta(minutes=(k // 24) % 4 * 15 + 10),
                    status="done",
                    booked_by=cast.front_desk,
                )
            )
        last = today - timedelta(days=40 + k % 200)
        follow_ups += [
            FollowUp(client=client, last_session_on=last, months=m, due_on=last + timedelta(m * 30))
            for m in (1, 3, 6, 12)
        ]
    TreatmentSession.objects.bulk_create(sessions)
    HealingCheck.objects.bulk_create(
        HealingCheck(
            session=s,
            client_id=s.client_id,
            checked_on=s.session_date + timedelta(days=3),
            healed=True,
            symptoms=[],
            recorded_by=cast.practitioner,
        )
        for s in TreatmentSession.objects.filter(client__in=clients)
    )
    Appointment.objects.bulk_create(visits)
    FollowUp.objects.bulk_create(follow_ups)


def _counts(user: Any) -> dict[str, int]:
    browser = Browser()
    browser.force_login(user)
    counts = {}
    for path in PAGES:
        browser.get(path)  # warm (session, caches)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(path).status_code == 200
        counts[path] = len(queries.captured_queries)
    return counts


def test_today_and_calendar_run_the_same_queries_with_more_history(cast: Cast) -> None:
    _grow(cast, 3)
    small = _counts(cast.owner)
    _grow(cast, 60, first=3)
    assert _counts(cast.owner) == small


def _queries(user: Any, path: str) -> list[str]:
    browser = Browser()
    browser.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "\n".join(row[-1] for row in cursor.fetchall())
        # Small tables: PostgreSQL would rightly scan them or loop or merge over their few clients;
        # forbid both to see which index (and index condition) each table is read with.
        cursor.execute("ANALYZE")  # statistics of this data, as after migrate and nightly
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_nestloop = off")
        cursor.execute("SET enable_mergejoin = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_nestloop")
            cursor.execute("RESET enable_mergejoin")


def _one(sqls: list[str], *needles: str) -> str:
    [sql] = [s for s in sqls if all(n in s for n in needles)]
    return sql


def _index_range_on_start(plan: str, index_column: str) -> None:
    if connection.vendor == "sqlite":
        assert "SEARCH scheduling_appointment USING INDEX" in plan, plan
        assert f"({index_column}=? AND start>? AND start<?)" in plan, plan
    else:
        assert "Index Cond" in plan, plan
        assert f"({index_column} =" in plan, plan
        assert "(start >" in plan, plan
        assert "(start <" in plan, plan


@pytest.fixture
def history(cast: Cast) -> Cast:
    _grow(cast, 20)
    return cast


def test_calendar_day_walks_an_index_range_on_start(history: Cast) -> None:
    sqls = _queries(history.owner, "/calendar/")
    plan = _plan(_one(sqls, 'FROM "scheduling_appointment"'))
    _index_range_on_start(plan, "location_id")


def test_calendar_week_of_all_locations_walks_an_index_range_on_start(history: Cast) -> None:
    sqls = _queries(history.owner, "/calendar/week/?location=")
    plan = _plan(_one(sqls, 'FROM "scheduling_appointment"'))
    _index_range_on_start(plan, "clinic_id")


def test_calendar_of_one_practitioner_walks_an_index_range_on_start(history: Cast) -> None:
    sqls = _queries(history.owner, f"/calendar/week/?practitioner={history.practitioner.pk}")
    plan = _plan(_one(sqls, 'FROM "scheduling_appointment"'))
    _index_range_on_start(plan, "practitioner_id")


@pytest.mark.parametrize(
    ("needles", "index"),
    [
        (('FROM "charting_treatmentsession"', '"charting_healingcheck"'), "session_signed_by_date"),
        (('FROM "scheduling_followup"',), "follow_up_unbooked_due"),
        (('FROM "intake_intakesubmission"', "needs_decision"), "intake_needs_decision"),
    ],
)
def test_today_task_sources_start_from_the_rows_that_are_due(
    history: Cast, needles: tuple[str, ...], index: str
) -> None:
    if index == "intake_needs_decision" and connection.vendor == "postgresql":
        pytest.skip("no intakes in this history: PostgreSQL costs every index of an empty table")
    sqls = _queries(history.owner, "/")
    plan = _plan(_one(sqls, *needles))
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert f"USING INDEX {index}" in plan.split("\n")[0] or plan.startswith("SEARCH"), plan


def test_the_database_refuses_an_appointment_longer_than_the_longest(cast: Cast) -> None:
    from django.db import IntegrityError, transaction

    from needling.scheduling.models import MAX_APPOINTMENT_MINUTES

    start = at(cast, date.today() + timedelta(days=3), 8)
    longest = appointment(cast, kind="treatment", start=start, minutes=MAX_APPOINTMENT_MINUTES)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=longest.pk).update(end=longest.end + timedelta(minutes=1))
    longest.refresh_from_db()
    assert longest.end == start + timedelta(minutes=MAX_APPOINTMENT_MINUTES)


def test_the_bounded_trigger_still_refuses_an_overlap_with_the_longest(cast: Cast) -> None:
    from django.db import IntegrityError, transaction

    from needling.scheduling.models import MAX_APPOINTMENT_MINUTES

    start = at(cast, date.today() + timedelta(days=3), 6)
    appointment(cast, kind="treatment", start=start, minutes=MAX_APPOINTMENT_MINUTES)
    last_minute = start + timedelta(minutes=MAX_APPOINTMENT_MINUTES - 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment(cast, kind="treatment", start=last_minute)
    right_after = start + timedelta(minutes=MAX_APPOINTMENT_MINUTES)
    appointment(cast, kind="treatment", start=right_after)

"""Migration 0003: the old single strength goes under the agent the product names; times of day
become datetimes, a removal before the application falling on the next day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import Cast

OLD = [("charting", "0001_initial")]
NEW = [("charting", "0004_anaesthetic_drop_old_fields")]


def _migrate(target: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_old_records_keep_their_strength_under_the_agent_they_name(
    transactional_db: None, cast: Cast
) -> None:
    old = _migrate(OLD)
    Session = old.get_model("charting", "TreatmentSession")
    day = dt.date(2026, 3, 2)
    common = {"client_id": cast.record_a.pk, "practitioner_id": cast.practitioner.pk}
    rows = {
        "lido": Session.objects.create(
            session_date=day, anaesthetic_agent="Lidocaine 23 % ointment",
            anaesthetic_concentration_pct=Decimal("23"), anaesthetic_applied_at=dt.time(23, 30),
            anaesthetic_removed_at=dt.time(0, 40), **common,
        ),
        "blt": Session.objects.create(
            session_date=day, anaesthetic_agent="BLT benzocaine/lidocaine/tetracaine",
            anaesthetic_concentration_pct=Decimal("6"), **common,
        ),
        "tetra": Session.objects.create(
            session_date=day, anaesthetic_agent="Amethocaine gel",
            anaesthetic_concentration_pct=Decimal("4"), anaesthetic_applied_at=dt.time(9),
            anaesthetic_removed_at=dt.time(9, 30), **common,
        ),
        "unnamed": Session.objects.create(
            session_date=day, anaesthetic_agent="Numbing cream",
            anaesthetic_concentration_pct=Decimal("5"), **common,
        ),
        "none": Session.objects.create(session_date=day, **common),
    }  # fmt: skip
    new = _migrate(NEW)
    After = new.get_model("charting", "TreatmentSession")
    got = {k: After.objects.get(pk=v.pk) for k, v in rows.items()}
    tz = ZoneInfo(settings.TIME_ZONE)
    assert got["lido"].anaesthetic_agents == {"lidocaine": "23.0"}
    assert got["lido"].anaesthetic_applied_at == dt.datetime(2026, 3, 2, 23, 30, tzinfo=tz)
    assert got["lido"].anaesthetic_removed_at == dt.datetime(2026, 3, 3, 0, 40, tzinfo=tz)
    assert got["blt"].anaesthetic_agents == {"lidocaine": "6.0"}
    assert got["tetra"].anaesthetic_agents == {"tetracaine": "4.0"}
    assert got["tetra"].anaesthetic_removed_at == dt.datetime(2026, 3, 2, 9, 30, tzinfo=tz)
    assert got["unnamed"].anaesthetic_agents == {}
    assert got["none"].anaesthetic_agents == {}
    assert got["none"].anaesthetic_applied_at is None

"""Query budgets: the chart, the client page sections, equipment and the lot recall page do not
grow with the number of rows."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from needling.charting.models import SessionZone, TreatmentSession
from needling.equipment.models import Lot
from tests.charting.conftest import Kit
from tests.conftest import Cast

ZONES = ["forehead", "cheeks", "nose", "chin", "neck", "perioral", "temples", "jawline"]


def _history(cast: Cast, kit: Kit, n: int) -> TreatmentSession:
    sessions = [
        TreatmentSession.objects.create(
            client=cast.record_a,
            practitioner=cast.practitioner,
            device=kit.pen,
            lot=kit.lot,
            session_date=timezone.localdate() - timedelta(days=7 * i),
            status="signed",
            signed_by=cast.practitioner,
            signed_at=timezone.now(),
        )
        for i in range(1, n + 1)
    ]
    for s in sessions:
        SessionZone.objects.bulk_create(
            SessionZone(session=s, zone=z, indication="texture", depth_mm=Decimal("0.5"), passes=3)
            for z in ZONES[: min(n, 8)]
        )
    for i in range(n):
        Lot.objects.create(
            clinic=cast.clinic,
            kind="cartridge",
            product="C",
            lot_number=f"Q-{i}",
            expiry=timezone.localdate(),
        )
    return sessions[0]


def _count(cast: Cast, url: str, key: str, query_budget: Any) -> None:
    b = Browser()
    b.force_login(cast.practitioner)
    b.get("/")
    with query_budget(key):
        assert b.get(url).status_code == 200


@pytest.mark.parametrize("n", [2, 50])
def test_chart_page_is_constant(
    cast: Cast, kit: Kit, gates_open: None, n: int, query_budget: Any
) -> None:
    s = _history(cast, kit, n)
    # session, user, role, the chart (+client, device, lot, plan, people), zones, their
    # topicals, adverse events, addenda, aftercare, healing checks, the current intake (keloid
    # history at each zone); audit: 3 (+PG lock)
    _count(cast, f"/charts/{s.pk}/", "chart page", query_budget)


@pytest.mark.parametrize("n", [2, 50])
def test_client_page_sections_are_constant(
    cast: Cast, kit: Kit, gates_open: None, n: int, query_budget: Any
) -> None:
    _history(cast, kit, n)
    # the client page itself plus: plan, sessions (+zones prefetch), adverse events,
    # and the other features' sections; the recalled-lot flag (1) and, while the gate refuses,
    # the first bookable date's screening (1-2) and the session a healing check follows (1)
    _count(cast, f"/clients/{cast.record_a.pk}/", "client page with charts", query_budget)


@pytest.mark.parametrize("n", [2, 50])
def test_equipment_and_recall_pages_are_constant(
    cast: Cast, kit: Kit, n: int, query_budget: Any
) -> None:
    _history(cast, kit, n)
    # session, user, role, 3 counts, 3 pages, lot fits prefetch
    _count(cast, "/equipment/", "equipment page", query_budget)
    # session, user, role, the lot, count, one page of sessions (+clients), fits; audit
    _count(cast, f"/equipment/lots/{kit.lot.pk}/", "lot recall page", query_budget)

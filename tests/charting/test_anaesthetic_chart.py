"""The chart's topical anaesthetic: agents and strengths, prescriber, datetimes, needling start,
through the clinical core's anaesthetic_findings (issue 17, item 1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client as Browser

from needling.audit.models import AuditEvent
from needling.charting.errors import ChartError
from needling.charting.models import TreatmentSession
from needling.charting.services import (
    save_anaesthetic,
    save_device,
    save_zone,
    sign_problems,
)
from tests.charting.conftest import Kit, zone_args
from tests.conftest import Cast

TZ = ZoneInfo(settings.TIME_ZONE)


def at(hour: int, minute: int = 0, day: int = 2) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def args(**over: Any) -> dict[str, Any]:
    a: dict[str, Any] = {
        "agent": "Compounded numbing cream",
        "agents": {"lidocaine": Decimal("23")},
        "prescriber": "Dr A. Prescriber",
        "area_cm2": 500,
        "applied_at": at(9, 0),
        "removed_at": at(9, 45),
        "occluded": False,
    }
    a.update(over)
    return a


def _save(cast: Cast, draft: TreatmentSession, **over: Any) -> list[Any]:
    return save_anaesthetic(
        user=cast.practitioner, session=draft, version=draft.version, **args(**over)
    )


def test_23pct_lidocaine_on_500_cm2_for_45_minutes_unwrapped_warns(
    cast: Cast, draft: TreatmentSession
) -> None:
    found = _save(cast, draft)
    assert [f.code for f in found] == ["lidocaine_above_4pct"]
    draft.refresh_from_db()
    assert draft.anaesthetic_agents == {"lidocaine": "23"}
    assert draft.anaesthetic_prescriber == "Dr A. Prescriber"


def test_above_4pct_lidocaine_needs_a_prescriber_and_nothing_is_saved(
    cast: Cast, draft: TreatmentSession
) -> None:
    with pytest.raises(ChartError, match="prescription-only") as exc:
        _save(cast, draft, prescriber=" ")
    assert exc.value.field == "prescriber"
    draft.refresh_from_db()
    assert draft.anaesthetic_agents == {}
    assert draft.version == 1
    # 4 % exactly needs none
    _save(cast, draft, agents={"lidocaine": Decimal("4")}, prescriber="")


def test_emla_records_each_agent(cast: Cast, draft: TreatmentSession) -> None:
    found = _save(
        cast,
        draft,
        agent="EMLA",
        agents={"lidocaine": Decimal("2.5"), "prilocaine": Decimal("2.5")},
        prescriber="",
        area_cm2=600,
        removed_at=at(10, 0),
    )
    assert found == []
    draft.refresh_from_db()
    assert draft.anaesthetic_agents == {"lidocaine": "2.5", "prilocaine": "2.5"}


def test_a_contact_across_midnight_counts_right(cast: Cast, draft: TreatmentSession) -> None:
    found = _save(
        cast,
        draft,
        agents={"lidocaine": Decimal("4")},
        applied_at=at(23, 30, day=2),
        removed_at=at(0, 45, day=3),
    )
    assert [f.code for f in found] == ["long_contact"]
    assert "75 minutes" in found[0].message


def test_applied_after_needling_started_is_on_needled_skin(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    found = _save(
        cast,
        draft,
        agents={"lidocaine": Decimal("4")},
        needling_started_at=at(9, 30),
        applied_at=at(9, 40),
        removed_at=at(9, 50),
    )
    assert [(f.code, f.severity) for f in found] == [("on_needled_skin", "stop")]
    draft.refresh_from_db()
    assert draft.needling_started_at == at(9, 30)
    assert any("stop" in p for p in sign_problems(draft))
    _save(
        cast,
        draft,
        agents={"lidocaine": Decimal("4")},
        applied_at=at(9, 40),
        removed_at=at(9, 50),
        override_reason="Top-up on a test patch, doctor present",
    )
    draft.refresh_from_db()
    assert draft.anaesthetic_override_reason.startswith("Top-up")
    assert not any("stop" in p for p in sign_problems(draft))
    assert AuditEvent.objects.filter(action="chart.anaesthetic_override").count() == 1


def test_applied_before_needling_started_is_not(cast: Cast, draft: TreatmentSession) -> None:
    found = _save(cast, draft, agents={"lidocaine": Decimal("4")}, needling_started_at=at(10))
    assert found == []


def test_the_first_zone_records_when_needling_started(cast: Cast, draft: TreatmentSession) -> None:
    moment = dt.datetime(2026, 3, 2, 10, 5, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        save_zone(user=cast.practitioner, session=draft, version=draft.version, **zone_args())
    draft.refresh_from_db()
    assert draft.needling_started_at == moment
    with time_machine.travel(moment + dt.timedelta(minutes=20), tick=False):
        save_zone(
            user=cast.practitioner,
            session=draft,
            version=draft.version,
            **zone_args(zone="forehead", depth_mm=Decimal("0.5")),
        )
    draft.refresh_from_db()
    assert draft.needling_started_at == moment


def test_a_product_still_on_counts_its_time_until_now(cast: Cast, draft: TreatmentSession) -> None:
    with time_machine.travel(at(10, 30), tick=False):
        found = _save(cast, draft, agents={"lidocaine": Decimal("4")}, removed_at=None)
    assert [f.code for f in found] == ["long_contact"]


def test_a_named_product_without_strengths_cannot_be_signed(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    save_device(user=cast.practitioner, session=draft, version=1, device=kit.pen, lot=kit.lot)
    save_zone(user=cast.practitioner, session=draft, version=draft.version, **zone_args())
    _save(cast, draft, agents={}, prescriber="")
    draft.refresh_from_db()
    assert any("strength of each active ingredient" in p for p in sign_problems(draft))


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


def test_the_anaesthetic_step_posts_agents_and_shows_the_caution(
    cast: Cast, draft: TreatmentSession
) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/save/anaesthetic/",
        {
            "version": 1,
            "agent": "Compounded cream",
            "lidocaine_pct": "23",
            "tetracaine_pct": "7",
            "prescriber": "Dr P",
            "area_cm2": "500",
            "applied_at": "2026-03-02T09:00",
            "removed_at": "2026-03-02T09:45",
        },
        follow=True,
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert 'data-code="lidocaine_above_4pct"' in page
    assert 'data-code="combination_above_4pct"' in page
    assert 'value="2026-03-02T09:00"' in page
    draft.refresh_from_db()
    assert draft.anaesthetic_agents == {"lidocaine": "23", "tetracaine": "7"}
    assert draft.anaesthetic_applied_at == at(9, 0)


def test_the_step_refuses_a_zero_strength(cast: Cast, draft: TreatmentSession) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/save/anaesthetic/",
        {"version": 1, "agent": "Cream", "lidocaine_pct": "0"},
    )
    assert r.status_code == 400
    assert "above 0 %" in r.content.decode()
    draft.refresh_from_db()
    assert draft.anaesthetic_agent == ""


def test_a_zone_on_the_back_with_keloid_history_carries_the_caution(
    cast: Cast, draft: TreatmentSession
) -> None:
    from tests.intake.factories import ready, submit

    client = ready(draft.client)
    client.fitzpatrick_type = 6
    client.save()
    submit(cast, client, keloid_history=True)
    _row, findings, _ = save_zone(
        user=cast.practitioner,
        session=draft,
        version=draft.version,
        **zone_args(zone="back", indication="stretch_marks", depth_mm=Decimal("1.5")),
    )
    codes = {f.code: f.severity for f in findings}
    assert codes == {"keloid_prone_site": "caution", "fitzpatrick_pigmentation_risk": "info"}
    page = _as(cast.practitioner).get(f"/charts/{draft.pk}/?step=zones").content.decode()
    assert 'class="zone-note" data-code="keloid_prone_site"' in page
    assert 'data-advice="fitzpatrick_pigmentation_risk"' in page
    check = _as(cast.practitioner).get(
        f"/charts/{draft.pk}/depth-check/?zone=decolletage&indication=texture&depth_mm=0.5"
    )
    assert 'data-code="keloid_prone_site"' in check.content.decode()

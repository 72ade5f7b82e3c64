"""The gate contract the scheduling feature calls."""

from __future__ import annotations

from django.utils import timezone

from needling.charting.models import AdverseEvent, HealingCheck, TreatmentSession
from needling.charting.selectors import (
    course_protocol,
    has_open_adverse_event,
    last_session_date,
    latest_healed_on,
)
from needling.plans.models import CoursePlan
from tests.charting.conftest import past
from tests.conftest import Cast


def _session(cast: Cast, days: int, status: str = "signed") -> TreatmentSession:
    return TreatmentSession.objects.create(
        client=cast.record_a, practitioner=cast.practitioner, session_date=past(days),
        status=status, signed_by=cast.practitioner if status == "signed" else None,
        signed_at=timezone.now() if status == "signed" else None,
    )  # fmt: skip


def test_last_session_date_counts_signed_sessions_only(cast: Cast) -> None:
    assert last_session_date(cast.record_a) is None
    _session(cast, 30)
    _session(cast, 2, status="draft")
    assert last_session_date(cast.record_a) == past(30)
    assert last_session_date(cast.record_b) is None


def test_latest_healed_on_ignores_unhealed_and_earlier_checks(cast: Cast) -> None:
    s = _session(cast, 30)
    for days, healed in ((40, True), (25, False), (20, True), (10, False)):
        HealingCheck.objects.create(session=s, client=cast.record_a, checked_on=past(days),
                                    healed=healed, recorded_by=cast.practitioner)  # fmt: skip
    assert latest_healed_on(cast.record_a, after=past(30)) == past(20)
    assert latest_healed_on(cast.record_a, after=past(20)) is None


def test_open_adverse_events_and_protocol(cast: Cast) -> None:
    s = _session(cast, 30)
    assert not has_open_adverse_event(cast.record_a)
    event = AdverseEvent.objects.create(session=s, client=cast.record_a, kind="pih",
                                        severity="mild", onset=past(20),
                                        reported_by=cast.practitioner)  # fmt: skip
    assert has_open_adverse_event(cast.record_a)
    event.resolved_on = past(1)
    event.save()
    assert not has_open_adverse_event(cast.record_a)
    assert course_protocol(cast.record_a) == "standard"
    CoursePlan.objects.create(client=cast.record_a, zones=["scalp"], indications=["hair_loss"],
                              protocol="hair_weekly", planned_sessions=12,
                              created_by=cast.practitioner)  # fmt: skip
    assert course_protocol(cast.record_a) == "hair_weekly"

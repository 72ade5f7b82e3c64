"""The public contract: treatment_clearance and screening_verdict_for_booking."""

from __future__ import annotations

from datetime import timedelta

import pytest

from needling.clinical import Finding
from needling.intake.selectors import (
    NO_INTAKE,
    screening_verdict_for_booking,
    treatment_clearance,
)
from needling.intake.services import override_stop, record_caution_decision
from tests.conftest import Cast
from tests.intake.factories import TODAY, ready, submit


def test_no_intake_is_not_allowed(cast: Cast) -> None:
    clearance = treatment_clearance(cast.record_a, on=TODAY)
    assert (clearance.allowed, clearance.verdict, clearance.reasons) == (
        False,
        "no_intake",
        [NO_INTAKE],
    )
    assert NO_INTAKE == "No intake questionnaire on record: complete the intake first."
    assert screening_verdict_for_booking(cast.record_a, on=TODAY) == "caution"


def test_clear_is_allowed(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client)
    clearance = treatment_clearance(client, on=TODAY)
    assert (clearance.allowed, clearance.verdict, clearance.reasons) == (True, "clear", [])
    assert screening_verdict_for_booking(client, on=TODAY) == "clear"


def test_a_hard_stop_is_never_allowed(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, pregnant=True)
    clearance = treatment_clearance(client, on=TODAY)
    assert (clearance.allowed, clearance.verdict) == (False, "stop")
    assert isinstance(clearance.findings[0], Finding)
    assert "cannot be overridden" in clearance.reasons[0]
    assert screening_verdict_for_booking(client, on=TODAY) == "stop"


def test_an_overridden_stop_is_allowed(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, sunburn_or_tan_in_area=True)
    before = treatment_clearance(client, on=TODAY)
    assert not before.allowed
    assert "override" in before.reasons[0]
    override_stop(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        reason="Tan on the legs only; face untanned.", on=TODAY,
    )  # fmt: skip
    after = treatment_clearance(client, on=TODAY)
    assert (after.allowed, after.verdict) == (True, "stop")
    assert after.override_reason == "Tan on the legs only; face untanned."
    assert screening_verdict_for_booking(client, on=TODAY) == "caution"


def test_an_override_does_not_cover_a_new_intake(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, sunburn_or_tan_in_area=True)
    override_stop(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        reason="Legs only.", on=TODAY,
    )  # fmt: skip
    submit(cast, client, sunburn_or_tan_in_area=True)
    assert not treatment_clearance(client, on=TODAY).allowed


def test_a_caution_needs_a_decision(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, cold_sore_history=True)
    clearance = treatment_clearance(client, on=TODAY)
    assert (clearance.allowed, clearance.verdict, clearance.caution_decision) == (
        False,
        "caution",
        None,
    )
    assert clearance.reasons[0].startswith(
        "A practitioner must record a decision on: cold sore history"
    )
    assert screening_verdict_for_booking(client, on=TODAY) == "caution"


@pytest.mark.parametrize(
    ("decision", "allowed", "booking"),
    [
        ("proceed", True, "caution"),
        ("proceed_with_precautions", True, "caution"),
        ("do_not_treat", False, "stop"),
    ],
)
def test_a_caution_decision_decides(cast: Cast, decision: str, allowed: bool, booking: str) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, cold_sore_history=True)
    record_caution_decision(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        decision=decision, note="Aciclovir prophylaxis prescribed.", on=TODAY,
    )  # fmt: skip
    clearance = treatment_clearance(client, on=TODAY)
    assert (clearance.allowed, clearance.caution_decision) == (allowed, decision)
    assert screening_verdict_for_booking(client, on=TODAY) == booking


def test_a_decision_does_not_cover_a_new_caution(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(
        cast, client, cold_sore_history=True, filler_or_toxin_ever=True,
        recent_filler_or_toxin=TODAY - timedelta(days=100),
    )  # fmt: skip
    record_caution_decision(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        decision="proceed", note="Antiviral given.", on=TODAY,
    )  # fmt: skip
    assert treatment_clearance(client, on=TODAY).allowed
    # The filler was 100 days before TODAY: on a date within 14 days of it, a new caution.
    earlier = TODAY - timedelta(days=95)
    clearance = treatment_clearance(client, on=earlier)
    assert not clearance.allowed
    assert "recent filler or toxin" in clearance.reasons[0]


def test_windows_are_re_screened_on_the_given_date(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(
        cast, client, retinoid_or_acid_user=True,
        retinoid_or_acid_last_use=TODAY - timedelta(days=2),
    )  # fmt: skip
    assert treatment_clearance(client, on=TODAY).verdict == "caution"
    assert treatment_clearance(client, on=TODAY + timedelta(days=10)).verdict == "clear"


def test_it_costs_two_queries(cast: Cast, django_assert_num_queries: object) -> None:
    client = ready(cast.record_a)
    submit(cast, client, cold_sore_history=True)
    with django_assert_num_queries(2):  # type: ignore[operator]
        treatment_clearance(client, on=TODAY)  # current intake + form; decisions


def test_an_anaesthetic_allergy_decided_as_a_caution_needs_an_override_now(cast: Cast) -> None:
    """Issue 17: allergy to topical anaesthetics became a stop. A caution decision taken under
    the old rule no longer clears the client; the pre-check screens again and asks for an
    override with a written reason."""
    from needling.intake.models import ScreeningDecision

    client = ready(cast.record_a)
    submission, _ = submit(cast, client, allergy_topical_anaesthetic=True)
    ScreeningDecision.objects.create(
        client=client, submission=submission, kind="caution", decision="proceed",
        codes=["allergy_topical_anaesthetic"], note="No numbing cream.",
        decided_by=cast.practitioner, decided_by_name="Prac", decided_on=TODAY,
    )  # fmt: skip
    before = treatment_clearance(client, on=TODAY)
    assert (before.allowed, before.verdict) == (False, "stop")
    assert "override" in before.reasons[0]
    override_stop(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        reason="Patch test negative; no topical anaesthetic will be used.", on=TODAY,
    )  # fmt: skip
    after = treatment_clearance(client, on=TODAY)
    assert after.allowed
    assert screening_verdict_for_booking(client, on=TODAY) == "caution"

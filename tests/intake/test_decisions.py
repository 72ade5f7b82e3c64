"""Caution decisions and stop overrides: who, when, with what note; refusals change nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from needling.audit.models import AuditEvent
from needling.intake.models import IntakeSubmission, ScreeningDecision
from needling.intake.services import IntakeError, override_stop, record_caution_decision
from tests.conftest import Cast
from tests.intake.factories import TODAY, ready, submit


def _override(cast: Cast, submission: IntakeSubmission, reason: str, who: str = "practitioner"):  # type: ignore[no-untyped-def]
    return override_stop(
        actor=getattr(cast, who), client=submission.client, submission_id=submission.pk,
        reason=reason, on=TODAY,
    )  # fmt: skip


def test_a_hard_limit_cannot_be_overridden(cast: Cast) -> None:
    submission, _ = submit(cast, ready(cast.record_a), pregnant=True)
    with pytest.raises(IntakeError, match="cannot be overridden: pregnant is a hard limit"):
        _override(cast, submission, "She insists.")
    assert not ScreeningDecision.objects.exists()


def test_a_hard_limit_beside_an_overridable_stop_still_cannot_be_overridden(cast: Cast) -> None:
    submission, _ = submit(
        cast, ready(cast.record_a), bleeding_disorder=True, sunburn_or_tan_in_area=True
    )
    with pytest.raises(IntakeError, match="bleeding disorder"):
        _override(cast, submission, "Tan is on the legs.")


def test_an_override_is_recorded_audited_and_clears_the_today_task(cast: Cast) -> None:
    submission, _ = submit(cast, ready(cast.record_a), sunburn_or_tan_in_area=True)
    assert IntakeSubmission.objects.get(pk=submission.pk).needs_decision
    made = _override(cast, submission, "<script>x</script> =SUM(A1) tan on legs only")
    assert made.note == "<script>x</script> =SUM(A1) tan on legs only"  # stored as text
    assert made.codes == ["sunburn_or_tan_in_area"]
    assert made.decided_by_name == cast.practitioner.full_name
    event = AuditEvent.objects.get(action="screening.override")
    assert "legs" not in str(event.detail)
    assert not IntakeSubmission.objects.get(pk=submission.pk).needs_decision


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "needs a written reason"),
        ("   ", "needs a written reason"),
        ("x" * 2001, "at most 2000 characters"),
        ("bad\x00reason", "control character"),
    ],
)
def test_a_bad_reason_is_refused(cast: Cast, reason: str, message: str) -> None:
    submission, _ = submit(cast, ready(cast.record_a), sunburn_or_tan_in_area=True)
    with pytest.raises(IntakeError, match=message):
        _override(cast, submission, reason)
    assert not ScreeningDecision.objects.exists()
    assert not AuditEvent.objects.filter(action="screening.override").exists()


def test_front_desk_cannot_override(cast: Cast) -> None:
    submission, _ = submit(cast, ready(cast.record_a), sunburn_or_tan_in_area=True)
    with pytest.raises(PermissionDenied):
        _override(cast, submission, "reason", who="front_desk")


def test_nothing_to_override_or_decide_is_refused(cast: Cast) -> None:
    submission, _ = submit(cast, ready(cast.record_a))
    with pytest.raises(IntakeError, match="no stop to override"):
        _override(cast, submission, "reason")
    with pytest.raises(IntakeError, match="no caution to decide on"):
        record_caution_decision(
            actor=cast.practitioner, client=submission.client, submission_id=submission.pk,
            decision="proceed", note="ok", on=TODAY,
        )  # fmt: skip


def test_a_decision_on_a_superseded_intake_is_refused(cast: Cast) -> None:
    client = ready(cast.record_a)
    old, _ = submit(cast, client, cold_sore_history=True)
    submit(cast, client, cold_sore_history=True)
    with pytest.raises(IntakeError, match="intake changed"):
        record_caution_decision(
            actor=cast.practitioner, client=client, submission_id=old.pk,
            decision="proceed", note="ok", on=TODAY,
        )  # fmt: skip


def test_an_unknown_decision_is_refused(cast: Cast) -> None:
    submission, _ = submit(cast, ready(cast.record_a), cold_sore_history=True)
    with pytest.raises(IntakeError, match="Choose proceed"):
        record_caution_decision(
            actor=cast.practitioner, client=submission.client, submission_id=submission.pk,
            decision="override", note="ok", on=TODAY,
        )  # fmt: skip
    assert not ScreeningDecision.objects.exists()

"""Saving an intake: typed answers, screened on save, stale versions and bad answers refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from needling.audit.models import AuditEvent
from needling.intake.models import IntakeForm, IntakeSubmission, ScreeningResult
from needling.intake.services import (
    IntakeError,
    InvalidAnswers,
    StaleForm,
    current_form,
    publish_form,
    submit_intake,
)
from tests.conftest import Cast
from tests.intake.factories import TODAY, all_no, ready, submit


def test_it_stores_typed_answers_and_a_screening(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, result = submit(
        cast, client, isotretinoin_past=True, isotretinoin_last_dose=TODAY - timedelta(days=30)
    )
    assert submission.answers["isotretinoin_past"] is True
    assert submission.answers["isotretinoin_last_dose"] == "2026-05-16"
    assert submission.answers["pregnant"] is False
    assert result.verdict == "caution"
    assert [f["code"] for f in result.findings] == ["isotretinoin_last_dose"]
    assert {"message", "source", "severity", "overridable"} <= set(result.findings[0])
    assert submission.is_current
    assert submission.needs_decision


def test_the_record_supplies_age_fitzpatrick_and_sensitive_skin(cast: Cast) -> None:
    client = ready(cast.record_a, born=date(2010, 1, 1))
    client.fitzpatrick_type, client.sensitive_skin = 5, True
    client.save()
    _, result = submit(cast, client)
    assert {f["code"]: f["severity"] for f in result.findings} == {
        "date_of_birth": "stop",
        "fitzpatrick_type": "info",
        "sensitive_skin": "info",
    }


def test_a_follow_up_after_no_is_dropped(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, result = submit(
        cast, client, isotretinoin_past=False, isotretinoin_last_dose=TODAY - timedelta(days=3)
    )
    assert "isotretinoin_last_dose" not in submission.answers
    assert result.verdict == "clear"


def test_a_new_submission_replaces_the_current_one(cast: Cast) -> None:
    client = ready(cast.record_a)
    first, _ = submit(cast, client, pregnant=True)
    second, _ = submit(cast, client)
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert IntakeSubmission.objects.filter(client=client).count() == 2


def test_a_stale_version_is_refused_and_nothing_is_saved(cast: Cast) -> None:
    client = ready(cast.record_a)
    old = current_form(cast.clinic.pk)
    items = old.items
    items[0]["wording"] = "Are you pregnant, or might you be? (revised)"
    new = publish_form(actor=cast.owner, items=items)
    with pytest.raises(StaleForm, match=f"now version {new.version}"):
        submit_intake(
            actor=cast.practitioner, client=client, form_id=old.pk,
            answers=all_no(cast.clinic.pk), on=TODAY,
        )  # fmt: skip
    assert not IntakeSubmission.objects.exists()
    assert not AuditEvent.objects.filter(action="intake.submit").exists()


def test_old_submissions_keep_their_version(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client)
    items = current_form(cast.clinic.pk).items
    items[0]["wording"] = "Revised wording?"
    publish_form(actor=cast.owner, items=items)
    submission.refresh_from_db()
    assert submission.form.version == 1
    assert IntakeForm.objects.filter(clinic=cast.clinic).count() == 2


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"pregnant": None}, "pregnant", "Answer this question"),
        ({"pregnant": "yes"}, "pregnant", "Answer yes or no"),
        ({"isotretinoin_past": True}, "isotretinoin_last_dose", "Answer this question"),
        (
            {"isotretinoin_past": True, "isotretinoin_last_dose": TODAY + timedelta(days=1)},
            "isotretinoin_last_dose",
            "in the future",
        ),
        (
            {"isotretinoin_past": True, "isotretinoin_last_dose": date(1850, 1, 1)},
            "isotretinoin_last_dose",
            "before 1900",
        ),
        ({"made_up": True}, "__all__", "Unknown question"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(
    cast: Cast, answers: dict[str, object], key: str, message: str
) -> None:
    client = ready(cast.record_a)
    with pytest.raises(InvalidAnswers) as refused:
        submit(cast, client, **answers)  # type: ignore[arg-type]
    assert message in refused.value.errors[key]
    assert not IntakeSubmission.objects.exists()
    assert not ScreeningResult.objects.exists()


def test_a_client_without_a_birth_date_is_refused(cast: Cast) -> None:
    with pytest.raises(IntakeError, match="date of birth is missing"):
        submit(cast, cast.record_a)
    assert not IntakeSubmission.objects.exists()


@pytest.mark.parametrize("who", ["front_desk", "client_a", "other_practitioner"])
def test_only_clinicians_of_the_clinic_enter_intake(cast: Cast, who: str) -> None:
    from django.core.exceptions import PermissionDenied

    client = ready(cast.record_a)
    with pytest.raises(PermissionDenied):
        submit(cast, client, actor=getattr(cast, who))
    assert not IntakeSubmission.objects.exists()


def test_the_audit_event_holds_no_answers(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, pregnant=True)
    event = AuditEvent.objects.get(action="intake.submit")
    assert "pregnant" not in str(event.detail)
    assert event.detail["verdict"] == "stop"


def test_only_owners_publish_versions_and_bad_items_are_refused(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    items = current_form(cast.clinic.pk).items
    with pytest.raises(PermissionDenied):
        publish_form(actor=cast.practitioner, items=items)
    with pytest.raises(IntakeError, match="not an intake code"):
        publish_form(actor=cast.owner, items=[{**items[0], "code": "x", "key": "x"}])
    assert IntakeForm.objects.filter(clinic=cast.clinic).count() == 1

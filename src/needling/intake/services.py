"""Writing intake: questionnaire versions, submissions (screened on save), re-screening, caution
decisions and stop overrides. One transaction each, the audit event inside it; a failed call
changes nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from needling.access import require
from needling.audit.services import record
from needling.clients.models import Client
from needling.clients.validators import EARLIEST_BIRTH, validate_note
from needling.clinical import Finding, Screening, screen
from needling.intake.answers import Answer, decode, encode, is_shown, screening_answers
from needling.intake.clearance import Assessment, DecisionFacts, assess, label
from needling.intake.definition import Item, default_items, parse_items
from needling.intake.models import (
    Decision,
    DecisionKind,
    IntakeForm,
    IntakeSubmission,
    ScreeningDecision,
    ScreeningResult,
)


class IntakeError(Exception):
    """A refusal with a message for the person (nothing was changed)."""


class StaleForm(IntakeError):
    def __init__(self, current: IntakeForm) -> None:
        super().__init__(
            f"The questionnaire was revised (it is now version {current.version}) while this one "
            "was being filled in: nothing was saved. Please check the answers on the current "
            "version and save again."
        )
        self.current = current


class InvalidAnswers(IntakeError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Some answers need attention: nothing was saved.")
        self.errors = errors


# -- questionnaire versions ------------------------------------------------------------------


def current_form(clinic_id: int) -> IntakeForm:
    """The clinic's current questionnaire; version 1 (from the rule registry) if it has none."""
    form = IntakeForm.objects.filter(clinic_id=clinic_id).order_by("-version").first()
    if form is not None:
        return form
    try:
        with transaction.atomic():
            return IntakeForm.objects.create(
                clinic_id=clinic_id,
                version=1,
                items=[item.to_dict() for item in default_items()],
            )
    except IntegrityError:  # another request created it first
        return IntakeForm.objects.get(clinic_id=clinic_id, version=1)


def publish_form(*, actor: Any, items: Sequence[Mapping[str, Any]]) -> IntakeForm:
    """A new version of the actor's clinic questionnaire (owners). Old submissions keep theirs."""
    who = require(actor, "intake.manage_forms")
    try:
        parsed = parse_items(items)
    except ValueError as error:
        raise IntakeError(f"The questionnaire was not saved: {error}.") from None
    with transaction.atomic():
        latest = current_form(who.clinic_id)
        form = IntakeForm.objects.create(
            clinic_id=who.clinic_id,
            version=latest.version + 1,
            items=[item.to_dict() for item in parsed],
            created_by=actor,
        )
        record(
            actor=actor,
            action="intake.form_publish",
            obj=form,
            detail={"version": form.version, "items": len(parsed)},
        )
    return form


# -- answers -----------------------------------------------------------------------------------


def check_answers(items: Sequence[Item], answers: Mapping[str, Answer], *, on: date) -> dict:  # type: ignore[type-arg]
    """Answers of the shown items only, checked against their types; raises InvalidAnswers with
    one message per item. Follow-ups of a "no" are dropped (they were not asked)."""
    by_key = {item.key: item for item in items}
    errors: dict[str, str] = {}
    unknown = sorted(set(answers) - set(by_key))
    if unknown:
        errors["__all__"] = f"Unknown question(s): {', '.join(unknown)}."
    kept: dict[str, Answer] = {}
    for item in items:
        if not is_shown(item, answers):
            continue
        value = answers.get(item.key)
        if value is None:
            if item.required:
                errors[item.key] = "Answer this question."
            continue
        if item.type == "boolean" and not isinstance(value, bool):
            errors[item.key] = "Answer yes or no."
        elif item.type == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
            errors[item.key] = "Enter a whole number."
        elif item.type == "date":
            if not isinstance(value, date):
                errors[item.key] = "Enter a date."
            elif value > on:
                errors[item.key] = "This date is in the future: enter the date it last happened."
            elif value < EARLIEST_BIRTH:
                errors[item.key] = "This date is before 1900: check the year."
        if item.key not in errors:
            kept[item.key] = value
    if errors:
        raise InvalidAnswers(errors)
    return kept


def _findings_json(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "source": f.source,
            "overridable": f.overridable,
        }
        for f in findings
    ]


def run_screening(client: Client, submission: IntakeSubmission, *, on: date) -> Screening:
    items = submission.form.parsed_items()
    answers = decode(items, submission.answers)
    return screen(
        screening_answers(
            items,
            answers,
            date_of_birth=client.date_of_birth,
            fitzpatrick_type=client.fitzpatrick_type,
            sensitive_skin=client.sensitive_skin,
        ),
        on=on,
    )


def decision_facts(decisions: Sequence[ScreeningDecision]) -> list[DecisionFacts]:
    return [
        DecisionFacts(kind=d.kind, decision=d.decision, codes=frozenset(d.codes), note=d.note)
        for d in decisions
    ]


def _store_screening(
    *, actor: Any, client: Client, submission: IntakeSubmission, on: date
) -> tuple[ScreeningResult, Assessment]:
    result = run_screening(client, submission, on=on)
    stored = ScreeningResult.objects.create(
        submission=submission,
        screened_on=on,
        verdict=result.verdict,
        findings=_findings_json(result.findings),
        run_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    decisions = list(submission.decisions.order_by("-created_at", "-id"))
    assessment = assess(result.findings, decision_facts(decisions))
    IntakeSubmission.objects.filter(pk=submission.pk).update(
        verdict=result.verdict, needs_decision=assessment.needs_decision
    )
    submission.verdict, submission.needs_decision = result.verdict, assessment.needs_decision
    return stored, assessment


def _lock(client: Client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


def submit_intake(
    *,
    actor: Any,
    client: Client,
    form_id: int,
    answers: Mapping[str, Answer],
    on: date,
) -> tuple[IntakeSubmission, ScreeningResult]:
    """Save a completed questionnaire for the client and screen it as of `on`.

    Refused (nothing saved): a form version that is not the clinic's current one (StaleForm),
    answers that do not fit the questions (InvalidAnswers), a client without a date of birth.
    """
    require(actor, "client.edit_clinical", client)
    with transaction.atomic():
        fresh = _lock(client)
        form = current_form(fresh.clinic_id)
        if form.pk != form_id:
            raise StaleForm(form)
        if fresh.date_of_birth is None:
            raise IntakeError(
                "The client's date of birth is missing: add it to the client's details first "
                "(screening checks the age)."
            )
        kept = check_answers(form.parsed_items(), answers, on=on)
        IntakeSubmission.objects.filter(client=fresh, is_current=True).update(is_current=False)
        submission = IntakeSubmission.objects.create(
            client=fresh,
            form=form,
            answers=encode(kept),
            entered_by=actor,
            verdict="clear",
        )
        stored = _store_screening(actor=actor, client=fresh, submission=submission, on=on)[0]
        record(
            actor=actor,
            action="intake.submit",
            client=fresh,
            obj=submission,
            detail={
                "form_version": form.version,
                "answers": len(kept),
                "verdict": stored.verdict,
                "findings": len(stored.findings),
            },
        )
    return submission, stored


def current_submission(client: Client) -> IntakeSubmission | None:
    return (
        IntakeSubmission.objects.filter(client=client, is_current=True)
        .select_related("form")
        .first()
    )


def rescreen(*, actor: Any, client: Client, on: date) -> ScreeningResult:
    """Screen the current intake again as of `on` (windows and age depend on the date)."""
    require(actor, "client.edit_clinical", client)
    with transaction.atomic():
        fresh = _lock(client)
        submission = current_submission(fresh)
        if submission is None:
            raise IntakeError("There is no intake to screen: complete the intake first.")
        stored = _store_screening(actor=actor, client=fresh, submission=submission, on=on)[0]
        record(
            actor=actor,
            action="screening.rerun",
            client=fresh,
            obj=stored,
            detail={"verdict": stored.verdict, "findings": len(stored.findings)},
        )
    return stored


def _decide(
    *,
    actor: Any,
    client: Client,
    submission_id: int,
    kind: str,
    decision: str,
    note: str,
    on: date,
) -> ScreeningDecision:
    if kind == DecisionKind.OVERRIDE and not note.strip():
        raise IntakeError("An override needs a written reason: nothing was saved.")
    try:
        validate_note(note)
    except ValidationError as error:
        raise IntakeError(" ".join(error.messages)) from None
    with transaction.atomic():
        fresh = _lock(client)
        submission = current_submission(fresh)
        if submission is None or submission.pk != submission_id:
            raise IntakeError(
                "The intake changed since this page was opened: nothing was saved. Review the "
                "current screening and decide again."
            )
        result = run_screening(fresh, submission, on=on)
        if kind == DecisionKind.OVERRIDE:
            stops = [f for f in result.findings if f.severity == "stop"]
            hard = [f for f in stops if not f.overridable]
            if not stops:
                raise IntakeError("The current screening has no stop to override.")
            if hard:
                raise IntakeError(
                    "This stop cannot be overridden: "
                    + "; ".join(label(f.code) for f in hard)
                    + " is a hard limit. No treatment until it no longer applies."
                )
            codes = sorted(f.code for f in stops)
        else:
            cautions = [f for f in result.findings if f.severity == "caution"]
            if not cautions:
                raise IntakeError("The current screening has no caution to decide on.")
            codes = sorted(f.code for f in cautions)
        name = getattr(actor, "full_name", "") or getattr(actor, "email", "")
        made = ScreeningDecision.objects.create(
            client=fresh,
            submission=submission,
            kind=kind,
            decision=decision,
            codes=codes,
            note=note.strip(),
            decided_by=actor,
            decided_by_name=str(name)[:150],
            decided_on=on,
        )
        _store_screening(actor=actor, client=fresh, submission=submission, on=on)
        record(
            actor=actor,
            action="screening.override" if kind == DecisionKind.OVERRIDE else "screening.decide",
            client=fresh,
            obj=made,
            detail={"decision": decision, "codes": len(codes)},
        )
    return made


def record_caution_decision(
    *, actor: Any, client: Client, submission_id: int, decision: str, note: str, on: date
) -> ScreeningDecision:
    """A practitioner's decision on the current screening's cautions, with a note."""
    require(actor, "screening.decide", client)
    allowed = (Decision.PROCEED, Decision.PRECAUTIONS, Decision.DO_NOT_TREAT)
    if decision not in allowed:
        raise IntakeError("Choose proceed, proceed with precautions, or do not treat.")
    return _decide(
        actor=actor,
        client=client,
        submission_id=submission_id,
        kind=DecisionKind.CAUTION,
        decision=decision,
        note=note,
        on=on,
    )


def override_stop(
    *, actor: Any, client: Client, submission_id: int, reason: str, on: date
) -> ScreeningDecision:
    """A practitioner's override of the current screening's stops, with a written reason.
    Hard limits (pregnancy, a bleeding disorder) are refused."""
    require(actor, "client.override_stop", client)
    return _decide(
        actor=actor,
        client=client,
        submission_id=submission_id,
        kind=DecisionKind.OVERRIDE,
        decision=Decision.OVERRIDE,
        note=reason,
        on=on,
    )

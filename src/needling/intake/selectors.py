"""Reading intake and screening.

PUBLIC CONTRACT (charting and scheduling call these):

    treatment_clearance(client, *, on) -> Clearance
    screening_verdict_for_booking(client, *, on) -> "clear" | "caution" | "stop"

Both re-screen the client's current intake as of `on` (age and look-back windows depend on the
date) and apply the practitioner's decisions recorded for that intake. Two queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from needling.access import Actor, can, client_for, require
from needling.clients.models import Client
from needling.clinical import Finding
from needling.intake.answers import decode, screening_answers
from needling.intake.clearance import Assessment, assess
from needling.intake.models import IntakeForm, IntakeSubmission, ScreeningDecision
from needling.intake.services import current_submission, decision_facts, run_screening
from needling.kernel.planner import not_an_index_term

NO_INTAKE = "No intake questionnaire on record: complete the intake first."


@dataclass(frozen=True)
class Clearance:
    allowed: bool
    verdict: str  # "clear" | "caution" | "stop" | "no_intake"
    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    override_reason: str | None = None
    caution_decision: str | None = None


@dataclass(frozen=True)
class ScreeningState:
    """Everything the screening panel shows: the live clearance and what it rests on."""

    clearance: Clearance
    assessment: Assessment | None
    submission: IntakeSubmission | None
    decisions: list[ScreeningDecision]


def _state(client: Client, *, on: date) -> ScreeningState:
    submission = current_submission(client)
    if submission is None:
        return ScreeningState(
            clearance=Clearance(allowed=False, verdict="no_intake", reasons=[NO_INTAKE]),
            assessment=None,
            submission=None,
            decisions=[],
        )
    # Every decision on this client (overrides stay visible on every later screening); only
    # those on the current intake count towards the clearance.
    decisions = list(
        ScreeningDecision.objects.filter(client=client).order_by("-created_at", "-id")[:50]
    )
    current = [d for d in decisions if d.submission_id == submission.pk]
    result = run_screening(client, submission, on=on)
    assessment = assess(result.findings, decision_facts(current))
    clearance = Clearance(
        allowed=assessment.allowed,
        verdict=result.verdict,
        findings=list(result.findings),
        reasons=list(assessment.reasons),
        override_reason=assessment.override_reason,
        caution_decision=assessment.caution_decision,
    )
    return ScreeningState(clearance, assessment, submission, decisions)


def treatment_clearance(client: Client, *, on: date) -> Clearance:
    """May this client be treated on `on`, as far as screening goes?

    - no intake: not allowed ("No intake questionnaire on record: ...");
    - a stop: not allowed, unless a practitioner's override covers every stop (never possible
      for hard limits such as pregnancy or a bleeding disorder);
    - a caution: allowed once a practitioner decided "proceed" or "proceed_with_precautions";
      "do_not_treat", or no decision yet, is not allowed.
    """
    return _state(client, on=on).clearance


def screening_verdict_for_booking(client: Client, *, on: date) -> str:
    """The `screening` argument of needling.clinical.booking_decision.

    "stop" while treatment is blocked by a stop (or a "do not treat" decision); an overridden
    stop books as "caution" (allowed, flagged); no intake yet books as "caution" (a first visit
    can be booked; treatment_clearance still blocks the session until the intake is done);
    otherwise the verdict itself.
    """
    clearance = treatment_clearance(client, on=on)
    if clearance.verdict == "no_intake":
        return "caution"
    if clearance.verdict == "stop":
        return "caution" if clearance.allowed else "stop"
    if clearance.caution_decision == "do_not_treat":
        return "stop"
    return clearance.verdict


def history_on_record(client: Client, code: str) -> bool:
    """Whether the client's current intake answers the screening item ``code`` (a yes/no
    history item such as ``keloid_history``) with yes, as screening reads it. One query."""
    submission = current_submission(client)
    if submission is None:
        return False
    items = submission.form.parsed_items()
    answers = screening_answers(
        items,
        decode(items, submission.answers),
        date_of_birth=client.date_of_birth,
        fitzpatrick_type=client.fitzpatrick_type,
        sensitive_skin=client.sensitive_skin,
    )
    return answers.get(code) is True


def screening_state(user: object, client: Client, *, on: date) -> ScreeningState:
    """The client page's screening panel, for a user who may see clinical details."""
    require(user, "client.view_clinical", client)
    return _state(client, on=on)


def questionnaire_version(user: object, form_id: str) -> IntakeForm | None:
    """A version of the user's clinic's questionnaire by id (None if it is not one)."""
    if not form_id.isdigit():
        return None
    return IntakeForm.objects.visible_to(user, "intake.find").filter(pk=int(form_id)).first()


def submission_answers(
    user: object, client_id: object, submission_id: object | None
) -> tuple[Client, IntakeSubmission | None, list[dict[str, Any]]]:
    """One submission's questions and typed answers (the current one when no id is given)."""
    client = client_for(user, client_id, "client.view_clinical")
    submissions = IntakeSubmission.objects.filter(client=client).select_related("form")
    if submission_id is None:
        submission = submissions.filter(is_current=True).first()
    else:
        # An id that is not one of this client's intakes shows "no intake", as before.
        text = str(submission_id)
        submission = submissions.filter(pk=int(text)).first() if text.isdigit() else None
    if submission is None:
        return client, None, []
    items = submission.form.parsed_items()
    answers = decode(items, submission.answers)
    rows = []
    for item in items:
        if item.key not in answers:
            continue
        rows.append({"item": item, "value": answers[item.key]})
    return client, submission, rows


def submission_history(user: object, client: Client) -> list[IntakeSubmission]:
    require(user, "client.view_clinical", client)
    return list(IntakeSubmission.objects.filter(client=client).select_related("form")[:20])


def decision_tasks(actor: Actor, *, limit: int = 20) -> list[IntakeSubmission]:
    """Current intakes whose screening waits for a practitioner: cautions without a decision,
    overridable stops without an override. One query."""
    return list(
        IntakeSubmission.objects.alias(clinic_of_client=not_an_index_term("client__clinic_id"))
        .filter(  # index intake_needs_decision; the clinic is checked on its few rows
            clinic_of_client=actor.clinic_id, is_current=True, needs_decision=True
        )
        .select_related("client")
        .order_by("created_at")[:limit]
    )


def may_decide(user: object, client: Client) -> dict[str, bool]:
    return {
        "decide": can(user, "screening.decide", client),
        "override": can(user, "client.override_stop", client),
        "enter": can(user, "client.edit_clinical", client),
    }


def decision_label(code: str) -> str:
    """The words for a stored decision code ("proceed_with_precautions" -> "Proceed with
    precautions"); pages never show the code itself."""
    from needling.intake.models import Decision

    return str(Decision(code).label) if code in Decision.values else code

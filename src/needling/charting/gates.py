"""What the chart asks of the intake and consent features (issue 4): the screening re-run on the
session's day and whether treatment consent is valid. Kept in one place so the chart, the sign-off
and the tests ask the same question."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Gate:
    allowed: bool
    verdict: str  # "clear" | "caution" | "stop" | "no_intake"
    reasons: list[str] = field(default_factory=list)
    override_reason: str = ""
    caution_decision: str = ""
    findings: list[Any] = field(default_factory=list)


def clearance(client: Any, *, on: date) -> Gate:
    from needling.intake.selectors import decision_label, treatment_clearance

    c = treatment_clearance(client, on=on)
    return Gate(
        allowed=bool(c.allowed),
        verdict=str(c.verdict),
        reasons=[str(r) for r in (c.reasons or [])],
        override_reason=str(getattr(c, "override_reason", "") or ""),
        caution_decision=decision_label(getattr(c, "caution_decision", "") or ""),
        findings=list(getattr(c, "findings", []) or []),
    )


def consent_valid(client: Any, *, on: date) -> bool:
    from needling.consent.selectors import treatment_consent_valid

    return bool(treatment_consent_valid(client, on=on))

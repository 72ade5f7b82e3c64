"""Whether the screening findings, with the practitioner's decisions on them, allow treatment.

Pure logic over findings and decisions, shared by the selectors (treatment_clearance, the client
page) and the services (which keep ``needs_decision`` for the Today list).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from needling.clinical import Finding


@dataclass(frozen=True)
class DecisionFacts:
    """What a stored decision says (kept free of the ORM so this module stays pure)."""

    kind: str  # "caution" | "override"
    decision: str  # "proceed" | "proceed_with_precautions" | "do_not_treat" | "override"
    codes: frozenset[str]
    note: str


@dataclass(frozen=True)
class Assessment:
    allowed: bool
    reasons: list[str] = field(default_factory=list)
    override_reason: str | None = None
    caution_decision: str | None = None
    caution_note: str | None = None
    needs_decision: bool = False
    hard_stop: bool = False
    stop_codes: frozenset[str] = frozenset()
    caution_codes: frozenset[str] = frozenset()


def label(code: str) -> str:
    """An intake code in words: "cold_sore_history" -> "cold sore history"."""
    return code.replace("_", " ")


def _covering(
    decisions: Iterable[DecisionFacts], kind: str, codes: frozenset[str]
) -> DecisionFacts | None:
    """The newest decision of this kind, if it covers every code (decisions come newest first)."""
    for decision in decisions:
        if decision.kind == kind:
            return decision if codes <= decision.codes else None
    return None


def assess(findings: Sequence[Finding], decisions: Sequence[DecisionFacts]) -> Assessment:
    stops = [f for f in findings if f.severity == "stop"]
    cautions = [f for f in findings if f.severity == "caution"]
    hard = [f for f in stops if not f.overridable]
    stop_codes = frozenset(f.code for f in stops)
    caution_codes = frozenset(f.code for f in cautions)
    reasons: list[str] = []
    override_reason = caution_decision = caution_note = None
    needs = False

    if hard:
        for f in hard:
            reasons.append(
                f"{f.message} This is a hard limit that cannot be overridden: no treatment "
                "until it no longer applies (then update the intake)."
            )
    elif stops:
        override = _covering(decisions, "override", stop_codes)
        if override is not None:
            override_reason = override.note
        else:
            needs = True
            found = "; ".join(label(f.code) for f in stops)
            reasons.append(
                f"The screening found a stop ({found}): treatment is blocked until it no longer "
                "applies (then update the intake), or a practitioner overrides it with a written "
                "reason."
            )
    if cautions:
        decided = _covering(decisions, "caution", caution_codes)
        if decided is None:
            needs = needs or not hard
            reasons.append(
                "A practitioner must record a decision on: "
                + "; ".join(label(f.code) for f in cautions)
                + " (proceed, proceed with precautions, or do not treat)."
            )
        else:
            caution_decision, caution_note = decided.decision, decided.note
            if decided.decision == "do_not_treat":
                reasons.append(
                    "A practitioner decided not to treat because of the cautions "
                    f"({'; '.join(label(f.code) for f in cautions)}): record a new decision if "
                    "things change."
                )
    return Assessment(
        allowed=not reasons,
        reasons=reasons,
        override_reason=override_reason,
        caution_decision=caution_decision,
        caution_note=caution_note,
        needs_decision=needs,
        hard_stop=bool(hard),
        stop_codes=stop_codes,
        caution_codes=caution_codes,
    )

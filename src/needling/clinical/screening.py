"""Screening: run intake answers through the contraindication rules.

Answers are keyed by the intake codes of ``SCREENING_RULES`` (vocabulary.md). Booleans must be
``True``/``False``, dates ``datetime.date`` (a ``datetime`` is refused), the Fitzpatrick type an int
from 1 to 6. An absent code, a ``None`` answer (not answered) or a boolean answered ``False``
raises no finding. A dated answer after the screening date counts as inside its window; a date of
birth after the screening date is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from needling.clinical._format import day_text
from needling.clinical._validate import require_bool, require_date, require_int, require_mapping
from needling.clinical.dates import age_on
from needling.clinical.findings import Finding, Verdict, by_severity, verdict_of
from needling.clinical.intake import SCREENING_RULES, ScreeningRule
from needling.clinical.overrides import ClinicOverrides, require_overrides


@dataclass(frozen=True, slots=True)
class Screening:
    verdict: Verdict
    findings: list[Finding]


def screen(
    answers: Mapping[str, object],
    *,
    on: dt.date,
    overrides: ClinicOverrides | None = None,
) -> Screening:
    on = require_date("on", on)
    answers = require_mapping("answers", answers)
    clinic = require_overrides(overrides)
    unknown = [code for code in answers if code not in SCREENING_RULES]
    if unknown:
        raise ValueError(f"answers: unknown intake code(s) {', '.join(map(repr, unknown))}")
    findings = []
    for code in SCREENING_RULES:
        if answers.get(code) is None:
            continue
        finding = _apply(clinic.rule(code), answers[code], on)
        if finding is not None:
            findings.append(finding)
    findings = by_severity(findings)
    return Screening(verdict_of(findings), findings)


def _apply(rule: ScreeningRule, answer: object, on: dt.date) -> Finding | None:
    code = rule.code
    if rule.kind == "boolean":
        fires = require_bool(code, answer)
        return _finding(rule, rule.severity, rule.message) if fires else None
    if rule.kind == "integer":
        value = require_int(code, answer, minimum=rule.minimum, maximum=rule.maximum)
        assert rule.finding_from is not None
        fires = value >= rule.finding_from
        return _finding(rule, rule.severity, rule.message) if fires else None
    day = require_date(code, answer)
    if rule.kind == "age":
        if day > on:
            raise ValueError(f"{code}: {day.isoformat()} is after the screening date {on}")
        age = age_on(day, on)
        assert rule.stop_below_years is not None
        assert rule.caution_below_years is not None
        if age < rule.stop_below_years:
            assert rule.message_stop is not None
            assert rule.stop_source is not None
            return Finding(code, "stop", rule.message_stop.format(age=age), rule.stop_source, True)
        if age < rule.caution_below_years:
            return _finding(rule, rule.severity, rule.message.format(age=age))
        return None
    assert rule.window is not None
    if rule.window.contains(day, on=on):
        message = rule.message.format(window=rule.window.text)
        if day > on:
            message += f" (The date given, {day_text(day)}, is after today's screening.)"
        return _finding(rule, rule.severity, message)
    return None


def _finding(rule: ScreeningRule, severity: str, message: str) -> Finding:
    return Finding(rule.code, severity, message, rule.source, rule.overridable)  # type: ignore[arg-type]

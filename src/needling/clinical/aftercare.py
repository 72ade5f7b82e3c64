"""Aftercare instructions by the session's deepest set depth, from ``data/aftercare.toml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from needling.clinical._validate import require_number
from needling.clinical.datafiles import ClinicalDataError, Table, read_data_file


@dataclass(frozen=True, slots=True)
class AftercareRule:
    """One instruction from the data file; applies when above_mm < depth <= up_to_mm."""

    day: int
    text: str
    source: str
    above_mm: float | None = None
    up_to_mm: float | None = None

    def applies(self, depth: float) -> bool:
        return (self.above_mm is None or depth > self.above_mm) and (
            self.up_to_mm is None or depth <= self.up_to_mm
        )


@dataclass(frozen=True, slots=True)
class AftercareStep:
    """What to do on ``day`` days after the session (0 = the day of the session)."""

    day: int
    text: str
    source: str


def load_aftercare(raw: Mapping[str, Any]) -> tuple[AftercareRule, ...]:
    top = Table(raw, "aftercare.toml")
    rules = []
    for t in top.tables("steps"):
        rule = AftercareRule(
            day=t.integer("day"),
            text=t.text("text"),
            source=t.source("source"),
            above_mm=t.number("above_mm") if t.has("above_mm") else None,
            up_to_mm=t.number("up_to_mm") if t.has("up_to_mm") else None,
        )
        t.done()
        if (
            rule.above_mm is not None
            and rule.up_to_mm is not None
            and rule.above_mm >= rule.up_to_mm
        ):
            raise ClinicalDataError(f"{t.where}: above_mm must be below up_to_mm")
        rules.append(rule)
    top.done()
    if not rules or any(r.day != 0 for r in rules[:1]):
        raise ClinicalDataError("aftercare.toml: the steps must start with day 0")
    return tuple(rules)


AFTERCARE_RULES: Final = load_aftercare(read_data_file("aftercare.toml"))


def aftercare_plan(max_depth_mm: float) -> list[AftercareStep]:
    """One step per day (0, 1, 3, 7, 14), its instructions joined, for the deepest set depth of
    the session. A negative or non-finite depth raises ``ValueError``."""
    depth = require_number("max_depth_mm", max_depth_mm, minimum=0)
    by_day: dict[int, list[AftercareRule]] = {}
    for rule in AFTERCARE_RULES:
        if rule.applies(depth):
            by_day.setdefault(rule.day, []).append(rule)
    steps = []
    for day in sorted(by_day):
        rules = by_day[day]
        sources = list(dict.fromkeys(r.source for r in rules))
        steps.append(AftercareStep(day, " ".join(r.text for r in rules), "; ".join(sources)))
    return steps

"""The intake answer codes and their default screening rules, loaded from ``data/screening.toml``.

Each rule is introspectable (code, answer type, severity, question, message, source), so an intake
form can be generated from ``SCREENING_RULES`` alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal

from needling.clinical.datafiles import ClinicalDataError, Table, expect_codes, read_data_file
from needling.clinical.dates import add_days, add_months
from needling.clinical.findings import SEVERITIES, Severity

RuleKind = Literal["boolean", "date_window", "age", "integer"]
AnswerType = Literal["boolean", "date", "integer"]

ANSWER_TYPE: Final[dict[str, AnswerType]] = {
    "boolean": "boolean",
    "date_window": "date",
    "age": "date",
    "integer": "integer",
}

INTAKE_CODES: Final = (
    "date_of_birth", "pregnant", "breastfeeding", "isotretinoin_current", "isotretinoin_last_dose",
    "bleeding_disorder", "anticoagulants", "skin_cancer_in_area", "open_wounds_in_area",
    "active_infection_in_area", "active_cold_sore", "active_inflammatory_acne_in_area",
    "sunburn_or_tan_in_area", "allergy_stainless_steel", "cold_sore_history", "keloid_history",
    "eczema_psoriasis_rosacea_in_area", "diabetes_uncontrolled", "immunosuppressed",
    "autoimmune_collagen_disease", "radiotherapy_to_area_last_year", "warts_moles_in_area",
    "gold_threads", "allergy_topical_anaesthetic", "recent_filler_or_toxin",
    "recent_facial_surgery", "retinoid_or_acid_last_use", "fitzpatrick_type", "sensitive_skin",
)  # fmt: skip

# The severity and kind each code must have (vocabulary.md); the data file is checked against it.
_CONTRACT: Final[dict[str, tuple[RuleKind, Severity]]] = {
    "date_of_birth": ("age", "caution"),
    "isotretinoin_last_dose": ("date_window", "caution"),
    "recent_filler_or_toxin": ("date_window", "caution"),
    "recent_facial_surgery": ("date_window", "caution"),
    "retinoid_or_acid_last_use": ("date_window", "caution"),
    "fitzpatrick_type": ("integer", "info"),
    "sensitive_skin": ("boolean", "info"),
    **dict.fromkeys(
        (
            "pregnant",
            "breastfeeding",
            "isotretinoin_current",
            "bleeding_disorder",
            "skin_cancer_in_area",
            "open_wounds_in_area",
            "active_infection_in_area",
            "active_cold_sore",
            "active_inflammatory_acne_in_area",
            "sunburn_or_tan_in_area",
            "allergy_stainless_steel",
            # overridable with a written reason (device labelling: allergy to anaesthetics)
            "allergy_topical_anaesthetic",
        ),
        ("boolean", "stop"),
    ),
    **dict.fromkeys(
        (
            "anticoagulants",
            "cold_sore_history",
            "keloid_history",
            "eczema_psoriasis_rosacea_in_area",
            "diabetes_uncontrolled",
            "immunosuppressed",
            "autoimmune_collagen_disease",
            "radiotherapy_to_area_last_year",
            "warts_moles_in_area",
            "gold_threads",
        ),
        ("boolean", "caution"),
    ),
}
# Hard limits of vocabulary.md: never overridable.
_NOT_OVERRIDABLE: Final = frozenset({"pregnant", "bleeding_disorder"})


@dataclass(frozen=True, slots=True)
class Window:
    """A look-back window: a date lies within it when it is after ``on`` minus the window."""

    amount: int
    unit: Literal["days", "months"]

    def __post_init__(self) -> None:
        if self.unit not in ("days", "months"):
            raise ValueError(f"window unit: {self.unit!r} is not 'days' or 'months'")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"window: {self.amount!r} must be a whole number of at least 1")

    @property
    def text(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"

    @property
    def shortest_days(self) -> int:
        """The fewest days the window can span (a calendar month has at least 28)."""
        return self.amount * (28 if self.unit == "months" else 1)

    @property
    def longest_days(self) -> int:
        return self.amount * (31 if self.unit == "months" else 1)

    def contains(self, day: dt.date, *, on: dt.date) -> bool:
        """True when ``day`` is less than the window before ``on`` (or after ``on``)."""
        try:
            if self.unit == "months":
                start = add_months(on, -self.amount)
            else:
                start = add_days(on, -self.amount)
        except ValueError:
            return True  # the window reaches back before year 1: every date is inside it
        return day > start


@dataclass(frozen=True, slots=True)
class ScreeningRule:
    """One intake answer code and its default rule.

    ``answer_type`` is what the form asks for: ``"boolean"``, ``"date"`` (a ``datetime.date``) or
    ``"integer"`` (from ``minimum`` to ``maximum``). ``severity`` is the finding raised when the
    rule fires (for ``date_of_birth``: the 18-to-21 band; under ``stop_below_years`` it is a stop).
    """

    code: str
    kind: RuleKind
    question: str
    severity: Severity
    overridable: bool
    message: str
    source: str
    window: Window | None = None
    stop_below_years: int | None = None
    caution_below_years: int | None = None
    message_stop: str | None = None
    stop_source: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    finding_from: int | None = None

    @property
    def answer_type(self) -> AnswerType:
        return ANSWER_TYPE[self.kind]

    @property
    def rule_text(self) -> str:
        """The rule in one line, for the reference page and forms."""
        if self.kind == "boolean":
            return f"yes: {self.severity}"
        if self.kind == "date_window":
            assert self.window is not None
            return f"within {self.window.text} before the screening date: {self.severity}"
        if self.kind == "age":
            return (
                f"under {self.stop_below_years}: stop; {self.stop_below_years} to "
                f"{(self.caution_below_years or 0) - 1}: {self.severity}"
            )
        return (
            f"{self.minimum} to {self.maximum}; {self.finding_from} to {self.maximum}: "
            f"{self.severity}"
        )

    def tightened(
        self,
        *,
        severity: Severity | None = None,
        window: Window | None = None,
    ) -> ScreeningRule:
        return dataclasses.replace(
            self, severity=severity or self.severity, window=window or self.window
        )


def load_rules(raw: Mapping[str, Any]) -> dict[str, ScreeningRule]:
    where = "screening.toml"
    top = Table(raw, where)
    tables = top.tables("rules")
    top.done()
    rules: dict[str, ScreeningRule] = {}
    for t in tables:
        code = t.text("code")
        if code in rules:
            raise ClinicalDataError(f"{t.where}: code {code!r} appears twice")
        rules[code] = _load_rule(code, t)
        t.done()
    expect_codes(where, list(rules), INTAKE_CODES)
    return {code: rules[code] for code in INTAKE_CODES}


def _load_rule(code: str, t: Table) -> ScreeningRule:
    kind = t.text("kind")
    severity = t.text("severity")
    if severity not in SEVERITIES:
        raise ClinicalDataError(f"{t.where}.severity: {severity!r} is not a severity")
    if code in _CONTRACT and (kind, severity) != _CONTRACT[code]:
        raise ClinicalDataError(
            f"{t.where}: vocabulary.md fixes {code} as {_CONTRACT[code]}, not {(kind, severity)}"
        )
    overridable = t.boolean("overridable", True)
    if overridable == (code in _NOT_OVERRIDABLE):
        raise ClinicalDataError(
            f"{t.where}.overridable: contradicts the hard limits of vocabulary.md"
        )
    fields: dict[str, Any] = {
        "code": code,
        "kind": kind,
        "question": t.text("question"),
        "severity": severity,
        "overridable": overridable,
        "message": t.text("message"),
        "source": t.source("source"),
    }
    if kind == "date_window":
        windows = [u for u in ("days", "months") if t.has(f"window_{u}")]
        if len(windows) != 1:
            raise ClinicalDataError(f"{t.where}: give exactly one of window_days, window_months")
        unit = windows[0]
        fields["window"] = Window(t.integer(f"window_{unit}", minimum=1), unit)  # type: ignore[arg-type]
    elif kind == "age":
        fields["stop_below_years"] = t.integer("stop_below_years", minimum=1)
        fields["caution_below_years"] = t.integer("caution_below_years", minimum=1)
        fields["message_stop"] = t.text("message_stop")
        fields["stop_source"] = t.source("stop_source")
        if fields["caution_below_years"] <= fields["stop_below_years"]:
            raise ClinicalDataError(f"{t.where}: caution_below_years must exceed stop_below_years")
    elif kind == "integer":
        fields["minimum"] = t.integer("minimum")
        fields["maximum"] = t.integer("maximum")
        fields["finding_from"] = t.integer("finding_from")
        if not fields["minimum"] <= fields["finding_from"] <= fields["maximum"]:
            raise ClinicalDataError(f"{t.where}: need minimum ≤ finding_from ≤ maximum")
    elif kind != "boolean":
        raise ClinicalDataError(f"{t.where}.kind: {kind!r} is not a rule kind")
    return ScreeningRule(**fields)


SCREENING_RULES: Final[Mapping[str, ScreeningRule]] = MappingProxyType(
    load_rules(read_data_file("screening.toml"))
)

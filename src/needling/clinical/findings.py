"""Findings, severities and verdicts: the common language of every clinical check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal, get_args

Severity = Literal["stop", "caution", "info"]
Verdict = Literal["stop", "caution", "clear"]

SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
VERDICTS: Final[tuple[Verdict, ...]] = get_args(Verdict)

# Higher is worse. Used to sort findings and to check that an override only tightens.
SEVERITY_RANK: Final[dict[str, int]] = {"info": 0, "caution": 1, "stop": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found.

    ``message`` is a full sentence a client could read; ``source`` says where the rule comes from
    (the document, section and reference, with its firmness tag, or "Needling default, no
    published source"). ``overridable`` is False for hard limits that no practitioner may override.
    """

    code: str
    severity: Severity
    message: str
    source: str
    overridable: bool = True

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity: {self.severity!r} is not one of {', '.join(SEVERITIES)}")
        for name in ("code", "message", "source"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name}: a finding needs a non-empty text")
        if not isinstance(self.overridable, bool):
            raise ValueError("overridable: must be True or False")


def verdict_of(findings: Iterable[Finding]) -> Verdict:
    """``"stop"`` if any finding is a stop, else ``"caution"`` if any is a caution, else
    ``"clear"``."""
    severities = set()
    for finding in findings:
        if not isinstance(finding, Finding):
            raise ValueError(f"findings: {finding!r} is not a Finding")
        severities.add(finding.severity)
    if "stop" in severities:
        return "stop"
    if "caution" in severities:
        return "caution"
    return "clear"


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """The findings, worst first; equal severities keep their order."""
    return sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])

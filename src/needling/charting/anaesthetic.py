"""The chart's topical anaesthetic, read through the clinical core's rules
(``needling.clinical.anaesthetic_findings``): no number or rule lives here."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from needling.clinical import ANAESTHETIC_AGENTS, Finding, anaesthetic_findings
from needling.clinical.anaesthetics import ANAESTHETIC_RULES


def agents_of(stored: object) -> dict[str, Decimal]:
    """The stored ``{code: "strength"}`` mapping as Decimals (unknown or bad entries dropped)."""
    out: dict[str, Decimal] = {}
    if not isinstance(stored, dict):
        return out
    for code, value in stored.items():
        if code not in ANAESTHETIC_AGENTS:
            continue
        try:
            out[code] = Decimal(str(value))
        except InvalidOperation:
            continue
    return out


def agents_text(stored: object) -> str:
    """``lidocaine 2.5 % + prilocaine 2.5 %``."""
    return " + ".join(
        f"{ANAESTHETIC_AGENTS[c].lower()} {pct.normalize():f} %"
        for c, pct in agents_of(stored).items()
    )


def needs_prescriber(agents: dict[str, Decimal]) -> bool:
    return agents.get("lidocaine", Decimal(0)) > Decimal(
        str(ANAESTHETIC_RULES.lidocaine_ceiling_pct)
    )


def contact_minutes(
    applied: datetime | None, removed: datetime | None, *, now: datetime | None = None
) -> float:
    """Minutes from application to removal (or to ``now`` while it is still on); 0 when unknown.
    Both are datetimes, so a contact across midnight is counted right."""
    if applied is None:
        return 0.0
    end = removed or now
    if end is None:
        return 0.0
    return max(0.0, (end - applied).total_seconds() / 60)


def applied_on_needled_skin(applied: datetime | None, needling_started: datetime | None) -> bool:
    return applied is not None and needling_started is not None and applied > needling_started


def findings_for(
    *,
    agents: dict[str, Decimal],
    area_cm2: int | None,
    applied_at: datetime | None,
    removed_at: datetime | None,
    occluded: bool,
    needling_started_at: datetime | None,
    now: datetime | None = None,
) -> list[Finding]:
    if not agents:
        return []
    return anaesthetic_findings(
        agents=dict(agents),
        area_cm2=area_cm2 or 0,
        contact_minutes=contact_minutes(applied_at, removed_at, now=now),
        occluded=occluded,
        on_needled_skin=applied_on_needled_skin(applied_at, needling_started_at),
    )


def session_findings(session: Any, *, now: datetime | None = None) -> list[Finding]:
    """The findings of a chart's anaesthetic; ``now`` counts a product still on (drafts)."""
    return findings_for(
        agents=agents_of(session.anaesthetic_agents),
        area_cm2=session.anaesthetic_area_cm2,
        applied_at=session.anaesthetic_applied_at,
        removed_at=session.anaesthetic_removed_at,
        occluded=session.anaesthetic_occluded,
        needling_started_at=session.needling_started_at,
        now=None if session.is_signed else now,
    )

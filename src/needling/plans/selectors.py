"""Reading course plans, and the depth guidance a plan implies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from needling.access import require
from needling.clinical import ZONES, DepthGuidance, Finding, depth_guidance, site_findings
from needling.clinical.findings import by_severity
from needling.intake.selectors import history_on_record
from needling.plans.models import CoursePlan, PlanStatus


def active_plan(user: Any, client: Any) -> CoursePlan | None:
    require(user, "plan.view", client)
    return CoursePlan.objects.filter(client=client, status=PlanStatus.ACTIVE).first()


def past_plans(user: Any, client: Any) -> list[CoursePlan]:
    require(user, "plan.view", client)
    return list(
        CoursePlan.objects.filter(client=client, status=PlanStatus.FINISHED).order_by(
            "-created_at"
        )[:10]
    )


@dataclass(frozen=True)
class ZoneGuidance:
    code: str
    name: str
    guidance: DepthGuidance
    findings: tuple[Finding, ...] = ()

    @property
    def recommended(self) -> str:
        r = self.guidance.recommended
        return f"{r[0]:g}–{r[1]:g} mm" if r else "not treated"

    @property
    def cap(self) -> str:
        return f"{self.guidance.cap:g} mm" if self.guidance.cap is not None else "—"


def guidance_for(
    zones: list[str], indication: str, fitzpatrick: int | None, *, keloid_history: bool = False
) -> list[ZoneGuidance]:
    """Depth guidance per zone from needling.clinical, for the plan's first indication, with the
    findings that hold at any depth there (Fitzpatrick note, keloid-prone site)."""
    rows = []
    for code in zones:
        if code not in ZONES:
            continue
        g = depth_guidance(code, indication, fitzpatrick=fitzpatrick)
        notes = (*site_findings(code, keloid_history=keloid_history), *g.findings)
        rows.append(ZoneGuidance(code, ZONES[code].name, g, tuple(by_severity(notes))))
    return rows


def client_guidance(client: Any, zones: list[str], indication: str) -> list[ZoneGuidance]:
    """``guidance_for`` with the client's skin type and keloid history from the intake."""
    return guidance_for(
        zones,
        indication,
        client.fitzpatrick_type,
        keloid_history=history_on_record(client, "keloid_history"),
    )

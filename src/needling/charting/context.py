"""What the chart page shows: built once per request from a handful of queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from needling.access import can
from needling.charting import gates
from needling.charting.anaesthetic import agents_of, agents_text, session_findings
from needling.charting.dose import zone_dose
from needling.charting.forms import (
    AddendumForm,
    AdverseEventForm,
    AnaestheticForm,
    NotesForm,
    PrecheckForm,
    ZoneForm,
)
from needling.charting.models import AdverseSeverity, SessionZone, TreatmentSession
from needling.charting.selectors import (
    healing_checks_of,
    last_healing_check_after,
    last_signed_before,
    zones_of,
)
from needling.charting.services import keloid_history_of, sign_problems, zone_findings
from needling.clinical import EMERGENCIES, ZONES, depth_guidance
from needling.equipment.rules import lot_problem
from needling.equipment.selectors import devices_for, lots_for

STEPS = [
    ("prechecks", "1 Pre-checks"),
    ("anaesthetic", "2 Anaesthetic"),
    ("device", "3 Device and lot"),
    ("zones", "4 Zones"),
    ("signoff", "5 Sign-off"),
]
STEP_KEYS = [k for k, _ in STEPS]


def zone_rows(session: TreatmentSession, zones: list[SessionZone]) -> list[dict[str, Any]]:
    fitz = session.client.fitzpatrick_type
    keloid = keloid_history_of(session.client) if zones else False
    rows = []
    for z in zones:
        rows.append(
            {
                "zone": z,
                "findings": zone_findings(
                    z.zone, z.indication, z.depth_mm, fitz, keloid_history=keloid
                ),
                "dose": zone_dose(session.device, z.passes),
                "topicals": list(z.topicals.all()),
            }
        )
    return rows


def new_zone_initial(
    session: TreatmentSession, charted: set[str], last_zones: dict[str, SessionZone]
) -> dict[str, Any]:
    """Defaults for the next zone: the first planned zone not charted yet; depth and passes from
    the last session's same zone, else the low end of the recommended range."""
    plan = session.plan
    planned = [z for z in (plan.zones if plan else []) if z not in charted]
    zone = planned[0] if planned else ""
    indication = plan.primary_indication if plan else "texture"
    initial: dict[str, Any] = {"zone": zone, "indication": indication, "version": session.version}
    if zone in last_zones:
        last = last_zones[zone]
        initial.update(
            depth_mm=last.depth_mm,
            passes=last.passes,
            pattern=last.pattern,
            end_point=last.end_point,
            indication=last.indication,
        )
    elif zone and ZONES[zone].treatable:
        g = depth_guidance(zone, indication, fitzpatrick=session.client.fitzpatrick_type)
        if g.recommended:
            initial["depth_mm"] = Decimal(str(g.recommended[0]))
    return initial


def chart_context(
    request: HttpRequest, session: TreatmentSession, step: str, **extra: Any
) -> dict[str, Any]:
    client = session.client
    clinic_id = client.clinic_id
    zones = zones_of(session)
    ctx: dict[str, Any] = {
        "session": session,
        "client": client,
        "steps": STEPS,
        "step": step,
        "section": "clients",
        "can_edit": can(request.user, "chart.edit", client) and not session.is_signed,
        "rows": zone_rows(session, zones),
        "adverse_events": list(session.adverse_events.all()),
        "anaesthetic_agents_text": agents_text(session.anaesthetic_agents),
        "emergencies": list(EMERGENCIES.values()),
        "severities": AdverseSeverity.choices,
        "can_record_emergency": can(request.user, "chart.edit", client),
        "emergency_form": extra.pop("emergency_form", None),
    }
    if session.is_signed:
        ctx["addenda"] = list(session.addenda.select_related("author"))
        ctx["addendum_form"] = extra.pop("addendum_form", None) or AddendumForm()
        ctx["has_aftercare"] = hasattr(session, "aftercare")
        ctx["healing_checks"] = healing_checks_of(session)
        ctx["adverse_form"] = extra.pop("adverse_form", None) or AdverseEventForm(
            initial={"onset": timezone.localdate()}
        )
        ctx.update(extra)
        return ctx
    version = {"version": session.version}
    if step == "prechecks":
        today = timezone.localdate()
        gate = gates.clearance(client, on=session.session_date)
        last = last_signed_before(session)
        healed = last_healing_check_after(client, after=last.session_date) if last else None
        ctx.update(
            gate=gate,
            consent_ok=gates.consent_valid(client, on=session.session_date),
            last=last,
            last_healing=healed,
            today=today,
            form=extra.pop("form", None)
            or PrecheckForm(
                initial={
                    **version,
                    "healing_confirmed": session.healing_confirmed,
                    "photos_taken": session.photos_taken,
                }
            ),
        )
    elif step == "anaesthetic":
        agents = agents_of(session.anaesthetic_agents)
        ctx["form"] = extra.pop("form", None) or AnaestheticForm(
            initial={
                **version,
                "agent": session.anaesthetic_agent,
                **{AnaestheticForm.AGENT_FIELDS[c]: pct for c, pct in agents.items()},
                "prescriber": session.anaesthetic_prescriber,
                "area_cm2": session.anaesthetic_area_cm2,
                "applied_at": session.anaesthetic_applied_at,
                "removed_at": session.anaesthetic_removed_at,
                "needling_started_at": session.needling_started_at,
                "occluded": session.anaesthetic_occluded,
                "override_reason": session.anaesthetic_override_reason,
            }
        )
        ctx["anaesthetic_findings"] = session_findings(session, now=timezone.now())
        ctx["anaesthetic_stop"] = any(
            f.severity == "stop" for f in ctx["anaesthetic_findings"]
        ) or bool(session.anaesthetic_override_reason)
        ctx["strengths_missing"] = bool(session.anaesthetic_agent) and not agents
    elif step == "device":
        devices = list(devices_for(request.user))
        lots = list(lots_for(request.user).order_by("expiry"))
        ctx["devices"] = devices
        ctx["lots"] = [
            {
                "lot": lot,
                "problem": lot_problem(
                    lot, session.device, clinic_id=clinic_id, on=session.session_date
                ),
            }
            for lot in lots
        ]
    elif step == "zones":
        charted = {z.zone for z in zones}
        last = last_signed_before(session)
        last_zones = {z.zone: z for z in last.zones.all()} if last else {}
        ctx["zone_form"] = extra.pop("zone_form", None) or ZoneForm(
            initial=new_zone_initial(session, charted, last_zones),
            clinic_id=clinic_id,
            planned=session.plan.zones if session.plan else (),
        )
        ctx["planned"] = [
            (code, ZONES[code].name, code in charted)
            for code in (session.plan.zones if session.plan else [])
            if code in ZONES
        ]
    elif step == "signoff":
        ctx["problems"] = sign_problems(session)
        ctx["notes_form"] = extra.pop("notes_form", None) or NotesForm(
            initial={**version, "notes": session.notes}
        )
        ctx["adverse_form"] = extra.pop("adverse_form", None) or AdverseEventForm(
            initial={"onset": timezone.localdate()}
        )
    ctx.update(extra)
    return ctx

"""Writing charts. Every function takes keyword arguments, runs in one transaction and writes its
audit event in that transaction. A refusal raises ChartError (nothing saved)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from needling.access import require
from needling.audit.services import record
from needling.charting import gates
from needling.charting.anaesthetic import (
    agents_of,
    findings_for,
    needs_prescriber,
    session_findings,
)
from needling.charting.errors import ChartError, ChartLocked, StaleChart
from needling.charting.models import (
    WARNING_SYMPTOMS,
    AdverseEvent,
    ChartStatus,
    HealingCheck,
    SessionZone,
    Symptom,
    TreatmentSession,
)
from needling.clinical import (
    ANAESTHETIC_AGENTS,
    EMERGENCIES,
    INDICATIONS,
    ZONES,
    Finding,
    check_depth,
    site_findings,
    topical_findings,
)
from needling.clinical.findings import by_severity
from needling.equipment.models import Device, Lot, TopicalProduct
from needling.equipment.rules import lot_problem
from needling.intake.selectors import history_on_record
from needling.plans.models import CoursePlan


def _bump(session: TreatmentSession, version: int, **fields: Any) -> None:
    """Save `fields` if nobody saved the chart since `version` was read; else refuse."""
    updated = TreatmentSession.objects.filter(
        pk=session.pk, version=version, status=ChartStatus.DRAFT
    ).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    if updated:
        session.version = version + 1
        for name, value in fields.items():
            setattr(session, name, value)
        return
    current = TreatmentSession.objects.filter(pk=session.pk).values("status", "version").first()
    if current is None:
        raise ChartError("This chart no longer exists.")
    if current["status"] == ChartStatus.SIGNED:
        raise ChartLocked("This chart is signed and locked: add an addendum instead.")
    raise StaleChart(
        "Someone else saved this chart while you were editing it. Your change was not saved: "
        "reload the chart to see their changes, then make yours again."
    )


def _editable(user: Any, session: TreatmentSession) -> None:
    require(user, "chart.edit", session.client)
    if session.is_signed:
        raise ChartLocked("This chart is signed and locked: add an addendum instead.")


def start_session(*, user: Any, client: Any, on: date) -> TreatmentSession:
    """Open today's draft chart (or return the draft already open for that day)."""
    require(user, "chart.edit", client)
    existing = TreatmentSession.objects.filter(
        client=client, session_date=on, status=ChartStatus.DRAFT
    ).first()
    if existing is not None:
        return existing
    gate = gates.clearance(client, on=on)
    if not gate.allowed:
        why = " ".join(gate.reasons) or f"Screening verdict: {gate.verdict}."
        raise ChartError(
            f"No chart can be started today. {why} Review the intake and screening first; a "
            "stop can only be overridden by a practitioner with a written reason."
        )
    plan = CoursePlan.objects.filter(client=client, status="active").first()
    last = (
        TreatmentSession.objects.filter(client=client)
        .order_by("-session_date", "-id")
        .select_related("lot", "device")
        .first()
    )
    defaults: dict[str, Any] = {}
    if last is not None:
        defaults = {
            "device": last.device,
            "anaesthetic_agent": last.anaesthetic_agent,
            "anaesthetic_agents": last.anaesthetic_agents,
            "anaesthetic_prescriber": last.anaesthetic_prescriber,
        }
    with transaction.atomic():
        session = TreatmentSession.objects.create(
            client=client,
            plan=plan,
            practitioner=user,
            session_date=on,
            screening_verdict=gate.verdict,
            consent_valid=gates.consent_valid(client, on=on),
            **defaults,
        )
        record(actor=user, action="chart.start", client=client, obj=session)
    return session


def save_prechecks(
    *, user: Any, session: TreatmentSession, version: int, healing_confirmed: bool,
    photos_taken: bool,
) -> None:  # fmt: skip
    _editable(user, session)
    with transaction.atomic():
        _bump(session, version, healing_confirmed=healing_confirmed, photos_taken=photos_taken)
        record(actor=user, action="chart.prechecks", client=session.client, obj=session)


def save_anaesthetic(
    *,
    user: Any,
    session: TreatmentSession,
    version: int,
    agent: str,
    agents: Mapping[str, Decimal],
    prescriber: str = "",
    area_cm2: int | None,
    applied_at: datetime | None,
    removed_at: datetime | None,
    occluded: bool,
    needling_started_at: datetime | None = None,
    override_reason: str = "",
) -> list[Finding]:
    """Record the topical anaesthetic. Returns its findings (needling.clinical rules); a stop is
    saved (it records what happened) but blocks sign-off until a reason is written."""
    _editable(user, session)
    unknown = [c for c in agents if c not in ANAESTHETIC_AGENTS]
    if unknown:
        raise ChartError(f"Unknown anaesthetic agent {unknown[0]!r}.", field="agent")
    if any(not (0 < pct <= 100) for pct in agents.values()):
        raise ChartError("A strength must be above 0 % and at most 100 %.", field="agent")
    if applied_at and removed_at and removed_at < applied_at:
        raise ChartError("The removal time is before the application time.", field="removed_at")
    filled = bool(agents) or any(v is not None for v in (area_cm2, applied_at, removed_at))
    if not agent.strip() and (filled or occluded):
        raise ChartError("Name the anaesthetic product, or clear the other fields.", field="agent")
    if needs_prescriber(dict(agents)) and not prescriber.strip():
        raise ChartError(
            "More than 4 % lidocaine is prescription-only: record who prescribed it.",
            field="prescriber",
        )
    agents = dict(agents)
    findings = findings_for(
        agents=agents,
        area_cm2=area_cm2,
        applied_at=applied_at,
        removed_at=removed_at,
        occluded=occluded,
        needling_started_at=needling_started_at or session.needling_started_at,
        now=timezone.now(),
    )
    stopped = any(f.severity == "stop" for f in findings)
    reason = override_reason.strip() if stopped else ""
    with transaction.atomic():
        _bump(
            session,
            version,
            anaesthetic_agent=agent.strip(),
            anaesthetic_agents={c: str(pct) for c, pct in agents.items()},
            anaesthetic_prescriber=prescriber.strip(),
            anaesthetic_area_cm2=area_cm2,
            anaesthetic_applied_at=applied_at,
            anaesthetic_removed_at=removed_at,
            anaesthetic_occluded=occluded,
            anaesthetic_override_reason=reason,
            **({"needling_started_at": needling_started_at} if needling_started_at else {}),
        )
        record(
            actor=user,
            action="chart.anaesthetic_override" if reason else "chart.anaesthetic",
            client=session.client,
            obj=session,
            detail={"findings": [f.code for f in findings]},
        )
    return findings


def save_device(
    *, user: Any, session: TreatmentSession, version: int, device: Device | None,
    lot: Lot | None,
) -> None:  # fmt: skip
    _editable(user, session)
    clinic_id = session.client.clinic_id
    if device is not None and device.clinic_id != clinic_id:
        raise ChartError("This device belongs to another clinic.", field="device")
    if lot is not None:
        problem = lot_problem(lot, device, clinic_id=clinic_id, on=session.session_date)
        if problem:
            raise ChartError(problem, field="lot")
    with transaction.atomic():
        _bump(session, version, device=device, lot=lot)
        record(
            actor=user,
            action="chart.device",
            client=session.client,
            obj=session,
            detail={"device": getattr(device, "pk", None), "lot": getattr(lot, "pk", None)},
        )


def save_notes(*, user: Any, session: TreatmentSession, version: int, notes: str) -> None:
    _editable(user, session)
    with transaction.atomic():
        _bump(session, version, notes=notes)
        record(actor=user, action="chart.notes", client=session.client, obj=session)


def zone_findings(
    zone: str,
    indication: str,
    depth_mm: Decimal | float,
    fitzpatrick: int | None,
    *,
    keloid_history: bool = False,
) -> list[Finding]:
    """The depth check and the zone's site findings (keloid-prone sites), worst first."""
    findings = [
        *check_depth(zone, indication, float(depth_mm), fitzpatrick=fitzpatrick),
        *site_findings(zone, keloid_history=keloid_history),
    ]
    return by_severity(findings)


def keloid_history_of(client: Any) -> bool:
    return history_on_record(client, "keloid_history")


def depth_refusal(findings: Iterable[Finding], override_reason: str) -> str | None:
    """Why a depth may not be saved, or None. Non-overridable stops never save; an overridable
    stop needs a written reason."""
    for f in findings:
        if f.severity != "stop":
            continue
        if not f.overridable:
            return f"{f.message} Lower the depth."
        if not override_reason.strip():
            return f"{f.message} Lower the depth, or write your reason to override."
    return None


def save_zone(
    *,
    user: Any,
    session: TreatmentSession,
    version: int,
    zone: str,
    indication: str,
    depth_mm: Decimal,
    passes: int,
    pattern: str,
    end_point: str,
    topicals: Iterable[TopicalProduct] = (),
    reaction: str = "",
    override_reason: str = "",
) -> tuple[SessionZone, list[Finding], list[str]]:
    """Add or update one zone of the chart. Returns the row, its depth findings and warnings
    (non-sterile topicals)."""
    _editable(user, session)
    if zone not in ZONES:
        raise ChartError("Choose a zone from the map.", field="zone")
    if indication not in INDICATIONS:
        raise ChartError("Choose an indication.", field="indication")
    if depth_mm < 0:
        raise ChartError("The depth cannot be negative.", field="depth_mm")
    if passes < 1:
        raise ChartError("Record at least one pass.", field="passes")
    findings = zone_findings(
        zone,
        indication,
        depth_mm,
        session.client.fitzpatrick_type,
        keloid_history=keloid_history_of(session.client),
    )
    refusal = depth_refusal(findings, override_reason)
    if refusal:
        raise ChartError(refusal, field="depth_mm")
    stopped = any(f.severity == "stop" for f in findings)
    if stopped:
        require(user, "chart.override_depth", session.client)
    products = list(topicals)
    clinic_id = session.client.clinic_id
    if any(p.clinic_id != clinic_id for p in products):
        raise ChartError("A topical product belongs to another clinic.", field="topicals")
    warnings = [
        f.message
        for p in products
        for f in topical_findings(
            name=p.name, sterile=p.sterile, for_needled_skin=p.for_needled_skin
        )
    ]
    started = {} if session.needling_started_at else {"needling_started_at": timezone.now()}
    with transaction.atomic():
        _bump(session, version, **started)
        row, _ = SessionZone.objects.update_or_create(
            session=session,
            zone=zone,
            defaults={
                "indication": indication,
                "depth_mm": depth_mm,
                "passes": passes,
                "pattern": pattern,
                "end_point": end_point,
                "reaction": reaction.strip(),
                "override_reason": override_reason.strip() if stopped else "",
                "findings": [{"code": f.code, "severity": f.severity} for f in findings],
            },
        )
        row.topicals.set(products)
        record(
            actor=user,
            action="chart.zone_override" if stopped else "chart.zone",
            client=session.client,
            obj=session,
            detail={"zone": zone, "findings": [f.code for f in findings]},
        )
    return row, findings, warnings


def remove_zone(*, user: Any, session: TreatmentSession, version: int, zone_id: int) -> None:
    _editable(user, session)
    with transaction.atomic():
        _bump(session, version)
        deleted, _ = SessionZone.objects.filter(session=session, pk=zone_id).delete()
        if not deleted:
            raise ChartError("That zone is not on this chart.")
        record(actor=user, action="chart.zone_remove", client=session.client, obj=session)


def sign_problems(session: TreatmentSession) -> list[str]:
    """What stops this chart from being signed, each with the way forward."""
    problems = []
    client = session.client
    gate = gates.clearance(client, on=session.session_date)
    if not gate.allowed:
        problems.append(
            "Screening does not allow treatment today: " + (" ".join(gate.reasons) or gate.verdict)
        )
    if not gates.consent_valid(client, on=session.session_date):
        problems.append("No valid treatment consent: have the client sign the consent form.")
    earlier = (
        TreatmentSession.objects.filter(
            client=client, status=ChartStatus.SIGNED, session_date__lt=session.session_date
        )
        .exclude(pk=session.pk)
        .exists()
    )
    if earlier and not session.healing_confirmed:
        problems.append("Confirm that the skin has healed since the last session (pre-checks).")
    if session.device_id is None or session.lot_id is None:
        problems.append("Choose the device and the cartridge or roller lot.")
    elif session.lot is not None:
        problem = lot_problem(
            session.lot, session.device, clinic_id=client.clinic_id, on=session.session_date
        )
        if problem:
            problems.append(problem)
    if not session.zones.exists():
        problems.append("Chart at least one zone.")
    agents = session.anaesthetic_agents or {}
    if session.anaesthetic_agent and not agents:
        problems.append("Enter the strength of each active ingredient of the anaesthetic (step 2).")
    if needs_prescriber(agents_of(agents)) and not session.anaesthetic_prescriber:
        problems.append("Record who prescribed the anaesthetic above 4 % lidocaine (step 2).")
    stops = [f for f in session_findings(session) if f.severity == "stop"]
    if stops and not session.anaesthetic_override_reason:
        problems.append(
            "The anaesthetic has a stop: "
            + " ".join(f.message for f in stops)
            + " Write your reason in step 2."
        )
    return problems


def sign_session(*, user: Any, session: TreatmentSession, version: int) -> TreatmentSession:
    require(user, "chart.sign", session.client)
    _editable(user, session)
    problems = sign_problems(session)
    if problems:
        raise ChartError("Not signed yet. " + " ".join(problems))
    from needling.charting.aftercare import build_aftercare

    now = timezone.now()
    with transaction.atomic():
        consent = gates.consent_valid(session.client, on=session.session_date)
        verdict = gates.clearance(session.client, on=session.session_date).verdict
        _bump(
            session,
            version,
            status=ChartStatus.SIGNED,
            signed_by=user,
            signed_at=now,
            consent_valid=consent,
            screening_verdict=verdict,
        )
        build_aftercare(session)
        record(actor=user, action="chart.sign", client=session.client, obj=session)
    return session


def add_addendum(*, user: Any, session: TreatmentSession, text: str) -> Any:
    require(user, "chart.edit", session.client)
    if not session.is_signed:
        raise ChartError("The chart is still a draft: edit it directly.")
    text = text.strip()
    if not text:
        raise ChartError("Write the addendum text.", field="text")
    if len(text) > 5000:
        raise ChartError("Keep an addendum under 5,000 characters.", field="text")
    with transaction.atomic():
        addendum = session.addenda.create(author=user, text=text)
        record(actor=user, action="chart.addendum", client=session.client, obj=session)
    return addendum


def record_adverse_event(
    *,
    user: Any,
    session: TreatmentSession,
    kind: str,
    severity: str,
    onset: date,
    actions: str = "",
    alert_to: Any | None = None,
    from_healing_check: bool = False,
) -> AdverseEvent:
    if not from_healing_check:
        require(user, "chart.edit", session.client)
    if onset < session.session_date:
        raise ChartError("The onset cannot be before the session.", field="onset")
    if onset > timezone.localdate():
        raise ChartError("The onset cannot be in the future.", field="onset")
    with transaction.atomic():
        event = AdverseEvent.objects.create(
            session=session,
            client=session.client,
            kind=kind,
            severity=severity,
            onset=onset,
            actions=actions.strip(),
            reported_by=user,
            alert_to=alert_to,
            from_healing_check=from_healing_check,
        )
        record(
            actor=user,
            action="adverse_event.record",
            client=session.client,
            obj=event,
            detail={"kind": kind, "severity": severity},
        )
    return event


def record_emergency(
    *,
    user: Any,
    session: TreatmentSession,
    emergency: str,
    severity: str,
    steps_taken: Iterable[int] = (),
    actions: str = "",
) -> AdverseEvent:
    """Record an emergency from the chart's panel as an adverse event on this session, dated
    today, with the steps taken (by their words) and what the practitioner wrote."""
    if emergency not in EMERGENCIES:
        raise ChartError("Unknown emergency.", field="emergency")
    e = EMERGENCIES[emergency]
    taken = sorted(set(steps_taken))
    if any(not 1 <= i <= len(e.steps) for i in taken):
        raise ChartError("A step taken is not one of this emergency's steps.", field="steps")
    lines = [f"{e.name}, recorded from the emergency panel."]
    lines += [f"Step {i} done: {e.steps[i - 1].text}" for i in taken]
    if actions.strip():
        lines.append(actions.strip())
    return record_adverse_event(
        user=user,
        session=session,
        kind=e.adverse_kind,
        severity=severity,
        onset=timezone.localdate(),
        actions="\n".join(lines),
    )


def resolve_adverse_event(
    *, user: Any, event: AdverseEvent, resolved_on: date, actions: str = ""
) -> AdverseEvent:
    require(user, "chart.edit", event.client)
    if event.resolved_on is not None:
        raise ChartError("This adverse event is already resolved.")
    if resolved_on < event.onset:
        raise ChartError("The resolved date cannot be before the onset.", field="resolved_on")
    if resolved_on > timezone.localdate():
        raise ChartError("The resolved date cannot be in the future.", field="resolved_on")
    with transaction.atomic():
        fields: dict[str, Any] = {"resolved_on": resolved_on}
        if actions.strip():
            fields["actions"] = (event.actions + "\n" + actions.strip()).strip()
        updated = AdverseEvent.objects.filter(pk=event.pk, resolved_on__isnull=True).update(
            **fields
        )
        if not updated:
            raise StaleChart("Someone else resolved this adverse event meanwhile.")
        for k, v in fields.items():
            setattr(event, k, v)
        record(actor=user, action="adverse_event.resolve", client=event.client, obj=event)
    return event


def record_healing_check(
    *,
    user: Any,
    session: TreatmentSession,
    checked_on: date,
    healed: bool,
    symptoms: Iterable[str],
    note: str = "",
) -> HealingCheck:
    """Staff record healing after a session. Warning symptoms open an adverse event and alert
    the session's practitioner (a task on their Today page)."""
    require(user, "chart.edit", session.client)
    if not session.is_signed:
        raise ChartError("Healing is checked after a signed session; sign the chart first.")
    codes = list(dict.fromkeys(symptoms))
    unknown = [c for c in codes if c not in Symptom.values]
    if unknown:
        raise ChartError(f"Unknown symptom: {', '.join(unknown)}.", field="symptoms")
    if checked_on < session.session_date:
        raise ChartError("The check cannot be before the session.", field="checked_on")
    if checked_on > timezone.localdate():
        raise ChartError("The check cannot be in the future.", field="checked_on")
    warning = [c for c in codes if c in WARNING_SYMPTOMS]
    if healed and warning:
        raise ChartError(
            "Warning signs mean the skin has not healed: untick “healed” or the warning signs.",
            field="healed",
        )
    with transaction.atomic():
        event = None
        if warning:
            event = record_adverse_event(
                user=user,
                session=session,
                kind=WARNING_SYMPTOMS[warning[0]],
                severity="moderate",
                onset=checked_on,
                actions="Opened by a healing check: "
                + ", ".join(Symptom(c).label.lower() for c in warning)
                + ". Practitioner to review.",
                alert_to=session.practitioner,
                from_healing_check=True,
            )
        check = HealingCheck.objects.create(
            session=session,
            client=session.client,
            checked_on=checked_on,
            healed=healed,
            symptoms=codes,
            note=note.strip(),
            recorded_by=user,
            adverse_event=event,
        )
        record(
            actor=user,
            action="healing.record",
            client=session.client,
            obj=check,
            detail={"healed": healed, "symptoms": codes},
        )
    return check

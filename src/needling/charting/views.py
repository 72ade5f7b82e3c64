from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needling.access import client_for
from needling.audit.services import record
from needling.charting import services
from needling.charting.context import STEP_KEYS, chart_context
from needling.charting.dose import zone_dose
from needling.charting.errors import ChartError
from needling.charting.forms import (
    AddendumForm,
    AdverseEventForm,
    AnaestheticForm,
    DepthCheckQuery,
    DeviceLotForm,
    EmergencyForm,
    HealingCheckForm,
    NotesForm,
    PrecheckForm,
    ResolveForm,
    ZoneForm,
)
from needling.charting.selectors import adverse_event_for, session_for
from needling.clinical import depth_guidance

if TYPE_CHECKING:
    from needling.charting.models import TreatmentSession


def _step(request: HttpRequest) -> str:
    step = request.GET.get("step") or request.POST.get("step") or "prechecks"
    return step if step in STEP_KEYS else "prechecks"


def _page(
    request: HttpRequest, session: TreatmentSession, step: str, status: int = 200, **extra: Any
) -> HttpResponse:
    response = render(
        request,
        "charting/chart.html",
        chart_context(request, session, step, **extra),
        status=status,
    )
    response["X-Chart-Version"] = str(session.version)
    response["Cache-Control"] = "no-store"
    return response


def _done(request: HttpRequest, session: TreatmentSession, step: str, **extra: Any) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _page(request, session, step, saved_at=timezone.localtime(), **extra)
    return redirect(f"/charts/{session.pk}/?step={step}")


@require_POST
@login_required
def start(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "chart.edit")
    try:
        session = services.start_session(user=request.user, client=client, on=timezone.localdate())
    except ChartError as exc:
        messages.error(request, exc.message)
        return redirect("clients:detail", client_id=client.pk)
    return redirect("charting:chart", session_id=session.pk)


@require_GET
@login_required
def chart(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id)
    record(actor=request.user, action="chart.view", client=session.client, obj=session)
    return _page(request, session, _step(request))


_STEP_FORMS = {
    "prechecks": PrecheckForm,
    "anaesthetic": AnaestheticForm,
    "device": DeviceLotForm,
    "notes": NotesForm,
}


@require_POST
@login_required
def save_step(request: HttpRequest, session_id: int, step: str) -> HttpResponse:
    if step not in _STEP_FORMS:
        raise Http404("no such step")
    session = session_for(request.user, session_id, "chart.edit")
    shown = "signoff" if step == "notes" else step
    form = (
        DeviceLotForm(request.POST, user=request.user)
        if step == "device"
        else _STEP_FORMS[step](request.POST)
    )
    form_key = "notes_form" if step == "notes" else "form"
    if not form.is_valid():
        if step == "device":  # the device step shows one message above its tiles
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
            return _page(request, session, shown, status=400, error=error)
        return _page(request, session, shown, status=400, **{form_key: form})
    d = form.cleaned_data
    try:
        if step == "prechecks":
            services.save_prechecks(
                user=request.user,
                session=session,
                version=d["version"],
                healing_confirmed=d["healing_confirmed"],
                photos_taken=d["photos_taken"],
            )
        elif step == "anaesthetic":
            services.save_anaesthetic(
                user=request.user,
                session=session,
                version=d["version"],
                agent=d["agent"],
                agents=form.agents(),  # type: ignore[attr-defined]
                prescriber=d["prescriber"],
                area_cm2=d["area_cm2"],
                applied_at=d["applied_at"],
                removed_at=d["removed_at"],
                occluded=d["occluded"],
                needling_started_at=d["needling_started_at"],
                override_reason=d["override_reason"],
            )
        elif step == "device":
            services.save_device(
                user=request.user,
                session=session,
                version=d["version"],
                device=d["device"],
                lot=d["lot"],
            )
        else:
            services.save_notes(
                user=request.user, session=session, version=d["version"], notes=d["notes"]
            )
    except ChartError as exc:
        session.refresh_from_db()
        if step in ("prechecks", "anaesthetic", "notes"):
            form.add_error(None, exc.message)
            return _page(request, session, shown, status=exc.status, **{form_key: form})
        return _page(request, session, shown, status=exc.status, error=exc.message)
    return _done(request, session, shown)


@require_POST
@login_required
def zone_save(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.edit")
    form = ZoneForm(
        request.POST,
        clinic_id=session.client.clinic_id,
        planned=session.plan.zones if session.plan else (),
    )
    if not form.is_valid():
        return _page(request, session, "zones", status=400, zone_form=form)
    d = form.cleaned_data
    try:
        _row, _findings, warnings = services.save_zone(
            user=request.user,
            session=session,
            version=d["version"],
            zone=d["zone"],
            indication=d["indication"],
            depth_mm=d["depth_mm"],
            passes=d["passes"],
            pattern=d["pattern"],
            end_point=d["end_point"],
            topicals=d["topicals"],
            reaction=d["reaction"],
            override_reason=d["override_reason"],
        )
    except ChartError as exc:
        session.refresh_from_db()
        form.add_error("depth_mm" if exc.field == "depth_mm" else None, exc.message)
        locked = {"error": exc.message} if session.is_signed else {}
        return _page(request, session, "zones", status=exc.status, zone_form=form, **locked)
    for w in warnings:
        messages.warning(request, w)
    return _done(request, session, "zones", topical_warnings=warnings)


@require_POST
@login_required
def zone_remove(request: HttpRequest, session_id: int, zone_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.edit")
    form = DeviceLotForm(request.POST)  # only its version field matters here
    if not form.is_valid():
        return _page(request, session, "zones", status=400, error="The chart version is missing.")
    try:
        services.remove_zone(
            user=request.user,
            session=session,
            version=form.cleaned_data["version"],
            zone_id=zone_id,
        )
    except ChartError as exc:
        session.refresh_from_db()
        return _page(request, session, "zones", status=exc.status, error=exc.message)
    return _done(request, session, "zones")


@require_GET
@login_required
def depth_check(request: HttpRequest, session_id: int) -> HttpResponse:
    """htmx, as the depth is typed: findings for this zone and depth, and the dose."""
    session = session_for(request.user, session_id)
    query = DepthCheckQuery(request.GET)
    # A reason typed for an overridable stop stays in the panel when the check runs again.
    ctx: dict[str, Any] = {
        "session": session,
        "reason_value": request.GET.get("override_reason", "")[:2000],
    }
    status = 200
    if not query.is_valid():
        ctx["error"] = "Choose a zone and an indication."
        status = 400
    else:
        q = query.cleaned_data
        fitz = session.client.fitzpatrick_type
        ctx["guidance"] = depth_guidance(q["zone"], q["indication"], fitzpatrick=fitz)
        text = (q["depth_mm"] or "").strip().replace(",", ".")
        if text:
            try:
                depth = float(text)
                ctx["findings"] = services.zone_findings(
                    q["zone"],
                    q["indication"],
                    depth,
                    fitz,
                    keloid_history=services.keloid_history_of(session.client),
                )
                ctx["refusal"] = services.depth_refusal(ctx["findings"], "x")
                ctx["needs_reason"] = any(
                    f.severity == "stop" and f.overridable for f in ctx["findings"]
                ) and not any(f.severity == "stop" and not f.overridable for f in ctx["findings"])
            except ValueError:
                ctx["error"] = "Depth: enter a number of millimetres of 0 or more, e.g. 0.5."
        passes = (q["passes"] or "").strip()
        if passes.isdigit() and int(passes) >= 1:
            ctx["dose"] = zone_dose(session.device, int(passes))
    return render(request, "charting/_depth_findings.html", ctx, status=status)


@require_POST
@login_required
def sign(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.sign")
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _page(request, session, "signoff", status=400, error="The chart version is missing.")
    try:
        services.sign_session(
            user=request.user, session=session, version=form.cleaned_data["version"]
        )
    except ChartError as exc:
        session.refresh_from_db()
        return _page(request, session, "signoff", status=exc.status, error=exc.message)
    messages.success(request, "Chart signed. The aftercare sheet is ready to print.")
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"/charts/{session.pk}/"
        return response
    return redirect("charting:chart", session_id=session.pk)


@require_POST
@login_required
def addendum(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.edit")
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.add_addendum(
                user=request.user, session=session, text=form.cleaned_data["text"]
            )
        except ChartError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, "Addendum added.")
            return redirect("charting:chart", session_id=session.pk)
    return _page(request, session, "signoff", status=400, addendum_form=form)


@require_GET
@login_required
def aftercare_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id)
    doc = getattr(session, "aftercare", None) if session.is_signed else None
    if doc is None:
        raise Http404("The aftercare sheet is made when the chart is signed.")
    record(actor=request.user, action="chart.aftercare_print", client=session.client, obj=session)
    response = HttpResponse(bytes(doc.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="aftercare-{session.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def adverse_event_new(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.edit")
    form = AdverseEventForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_adverse_event(
                user=request.user,
                session=session,
                kind=d["kind"],
                severity=d["severity"],
                onset=d["onset"],
                actions=d["actions"],
            )
        except ChartError as exc:
            form.add_error(exc.field or None, exc.message)
        else:
            messages.success(request, "Adverse event recorded.")
            return redirect("charting:chart", session_id=session.pk)
    step = "signoff"
    return _page(request, session, step, status=400, adverse_form=form)


@require_POST
@login_required
def emergency_record(request: HttpRequest, session_id: int) -> HttpResponse:
    """The emergency panel: record what happened as an adverse event linked to the session."""
    session = session_for(request.user, session_id, "chart.edit")
    form = EmergencyForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_emergency(
                user=request.user,
                session=session,
                emergency=d["emergency"],
                severity=d["severity"],
                steps_taken=d["steps"],
                actions=d["actions"],
            )
        except ChartError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Emergency recorded as an adverse event on this session.")
            return redirect("charting:chart", session_id=session.pk)
    return _page(request, session, "signoff", status=400, emergency_form=form)


@require_POST
@login_required
def adverse_event_resolve(request: HttpRequest, event_id: int) -> HttpResponse:
    event = adverse_event_for(request.user, event_id)
    client_for(request.user, event.client_id, "chart.edit")
    form = ResolveForm(request.POST)
    error = "Enter the date it resolved."
    if form.is_valid():
        try:
            services.resolve_adverse_event(
                user=request.user,
                event=event,
                resolved_on=form.cleaned_data["resolved_on"],
                actions=form.cleaned_data["actions"],
            )
        except ChartError as exc:
            error = exc.message
        else:
            messages.success(request, "Adverse event resolved.")
            return redirect("clients:detail", client_id=event.client_id)
    messages.error(request, error)
    response = redirect("clients:detail", client_id=event.client_id)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def healing_check(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request.user, session_id, "chart.edit")
    form = HealingCheckForm(request.POST or None, initial={"checked_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                check = services.record_healing_check(
                    user=request.user,
                    session=session,
                    checked_on=d["checked_on"],
                    healed=d["healed"],
                    symptoms=d["symptoms"],
                    note=d["note"],
                )
            except ChartError as exc:
                form.add_error(exc.field or None, exc.message)
                status = exc.status
            else:
                if check.adverse_event_id:
                    messages.warning(
                        request,
                        "Warning signs: an adverse event was opened and the practitioner "
                        "alerted on their Today page.",
                    )
                else:
                    messages.success(request, "Healing check recorded.")
                return redirect("clients:detail", client_id=session.client_id)
    else:
        record(actor=request.user, action="healing.form", client=session.client, obj=session)
    return render(
        request,
        "charting/healing_check.html",
        {"session": session, "client": session.client, "form": form, "section": "clients"},
        status=status,
    )

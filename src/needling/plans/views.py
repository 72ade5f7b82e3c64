from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from needling.access import can, client_for
from needling.audit.services import record
from needling.charting.errors import ChartError
from needling.clinical import PROTOCOLS
from needling.plans.forms import GuidanceQuery, PlanForm
from needling.plans.maps import BODY_MAP, FACE_MAP
from needling.plans.selectors import active_plan, client_guidance
from needling.plans.services import save_plan


def _context(
    client: object, form: PlanForm, plan: object, zones: list[str], indication: str
) -> dict[str, object]:
    return {
        "client": client,
        "form": form,
        "plan": plan,
        "selected": set(zones),
        "face_map": FACE_MAP,
        "body_map": BODY_MAP,
        "guidance": client_guidance(client, zones, indication),
        "protocols": PROTOCOLS,
        "section": "clients",
    }


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "plan.view")
    plan = active_plan(request.user, client)
    status = 200
    if request.method == "POST":
        client_for(request.user, client_id, "plan.edit")
        form = PlanForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                plan = save_plan(
                    user=request.user,
                    client=client,
                    plan=plan,
                    version=d.get("version"),
                    indications=d["indications"],
                    zones=d["zones"],
                    protocol=d["protocol"],
                    planned_sessions=d["planned_sessions"],
                    goals=d["goals"],
                    notes=d["notes"],
                )
            except ChartError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Plan saved.")
                return redirect("plans:edit", client_id=client.pk)
        else:
            status = 400
        zones = [z for z in request.POST.getlist("zones") if isinstance(z, str)]
        indications = request.POST.getlist("indications")
    else:
        record(actor=request.user, action="plan.view", client=client, obj=plan)
        if plan is not None:
            initial = {
                "version": plan.version,
                "indications": plan.indications,
                "zones": plan.zones,
                "protocol": plan.protocol,
                "planned_sessions": plan.planned_sessions,
                "goals": plan.goals,
                "notes": plan.notes,
            }
        else:
            initial = {
                "protocol": "standard",
                "planned_sessions": PROTOCOLS["standard"].sessions[0],
            }
        form = PlanForm(initial=initial)
        zones = list(initial.get("zones", []))  # type: ignore[call-overload]
        indications = list(initial.get("indications", []))  # type: ignore[call-overload]
    ctx = _context(client, form, plan, zones, indications[0] if indications else "texture")
    ctx["can_edit"] = can(request.user, "plan.edit", client)
    return render(request, "plans/edit.html", ctx, status=status)


@require_GET
@login_required
def plan_guidance(request: HttpRequest, client_id: int) -> HttpResponse:
    """htmx: the depth guidance table for the zones and indication ticked so far."""
    client = client_for(request.user, client_id, "plan.view")
    query = GuidanceQuery(request.GET)
    if not query.is_valid():
        return render(
            request,
            "plans/_guidance.html",
            {"error": "Unknown zone, indication or protocol code."},
            status=400,
        )
    zones = query.cleaned_data["zones"]
    indications = query.cleaned_data["indications"]
    return render(
        request,
        "plans/_guidance.html",
        {
            "guidance": client_guidance(
                client, zones, indications[0] if indications else "texture"
            ),
            "client": client,
        },
    )

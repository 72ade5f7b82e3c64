"""The consent section of the client page, and the same section as an htmx partial."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.access import can, client_for
from needling.audit.services import record
from needling.consent.selectors import consent_status


def section_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    """Clinicians and the client see versions, dates and links; front desk only signed or not."""
    details = can(request.user, "consent.view", client)
    statuses = list(consent_status(client).values())
    return {
        "statuses": statuses,
        "details": details,
        "can_sign": details and can(request.user, "consent.sign", client),
        "can_withdraw": details and can(request.user, "consent.withdraw", client),
    }


@require_GET
@login_required
def client_section(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "consent.view_status")
    context = {"client": client, **section_context(request, client)}
    record(
        actor=request.user,
        action="consent.status",
        client=client,
        detail={"details": context["details"]},
    )
    return render(request, "consent/_client_section.html", context)

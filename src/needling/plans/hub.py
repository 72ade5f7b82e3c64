"""The "Plan" section of the client page (clinicians only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from needling.clients.sections import Section, register
from needling.plans.selectors import active_plan, client_guidance


def plan_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    plan = active_plan(request.user, client)
    guidance = client_guidance(client, plan.zones, plan.primary_indication) if plan else []
    return {"plan": plan, "guidance": guidance}


def register_all() -> None:
    register(
        Section(
            key="plan",
            title="Plan",
            order=50,
            action="plan.view",
            template="plans/_client_section.html",
            context=plan_context,
        )
    )

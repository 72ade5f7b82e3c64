"""Writing course plans (one transaction each, audited)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from needling.access import require
from needling.audit.services import record
from needling.charting.errors import ChartError, StaleChart
from needling.plans.models import CoursePlan, PlanStatus


def save_plan(
    *,
    user: Any,
    client: Any,
    plan: CoursePlan | None,
    version: int | None,
    indications: list[str],
    zones: list[str],
    protocol: str,
    planned_sessions: int,
    goals: str = "",
    notes: str = "",
) -> CoursePlan:
    """Create the client's active plan, or update it if nobody saved it since `version`."""
    require(user, "plan.edit", client)
    fields = {
        "indications": list(indications),
        "zones": list(zones),
        "protocol": protocol,
        "planned_sessions": planned_sessions,
        "goals": goals.strip(),
        "notes": notes.strip(),
    }
    with transaction.atomic():
        if plan is None:
            try:
                with transaction.atomic():
                    plan = CoursePlan.objects.create(client=client, created_by=user, **fields)
            except IntegrityError:
                raise StaleChart(
                    "Someone else created a plan for this client meanwhile: reload the page."
                ) from None
            record(actor=user, action="plan.create", client=client, obj=plan)
            return plan
        if plan.client_id != client.pk:
            raise ChartError("This plan belongs to another client.")
        if version is None:
            raise StaleChart("The plan's version is missing: reload the page.")
        updated = CoursePlan.objects.filter(
            pk=plan.pk, version=version, status=PlanStatus.ACTIVE
        ).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
        if not updated:
            raise StaleChart(
                "Someone else changed this plan while you were editing it. Your change was not "
                "saved: reload the page to see theirs, then make yours again."
            )
        plan.refresh_from_db()
        record(actor=user, action="plan.update", client=client, obj=plan)
    return plan

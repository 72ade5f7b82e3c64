"""The client's outcome page: each scale plotted against time since the first session, the
redness index over the course and over the healing days, and every assessment in a table."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.access import can, client_for
from needling.audit.services import record
from needling.outcomes.selectors import latest_scores, outcome_page

PER_PAGE = 25


def section_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    return {
        "latest": latest_scores(client),
        "may_record": can(request.user, "outcome.record", client),
    }


@require_GET
@login_required
def page(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "outcome.view")
    data = outcome_page(request.user, client)
    # The table pages through the rows already read for the plots: no extra queries.
    table = Paginator(list(reversed(data.assessments)), PER_PAGE).get_page(request.GET.get("page"))
    record(
        actor=request.user,
        action="outcome.view",
        client=client,
        detail={"assessments": len(data.assessments), "redness": len(data.redness_rows)},
    )
    return render(
        request,
        "outcomes/page.html",
        {
            "client": client,
            "data": data,
            "table": table,
            "may_record": can(request.user, "outcome.record", client),
            "section": "clients",
        },
    )

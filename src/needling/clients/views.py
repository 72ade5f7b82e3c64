from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.access import can, client_for, require
from needling.audit.services import record
from needling.clients.sections import sections_for
from needling.clients.selectors import search_clients

PAGE_SIZE = 50


@require_GET
@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "client.list")
    query = request.GET.get("q", "")
    page = Paginator(search_clients(request.user, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "clients/_rows.html" if request.htmx else "clients/list.html"  # type: ignore[attr-defined]
    return render(request, template, {"page": page, "q": query, "section": "clients"})


@require_GET
@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id)
    clinical = can(request.user, "client.view_clinical", client)
    record(
        actor=request.user,
        action="client.view",
        client=client,
        obj=client,
        detail={"clinical": clinical},
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "show_clinical": clinical,
            "sections": sections_for(request, client),
            "section": "clients",
        },
    )

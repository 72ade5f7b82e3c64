from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from needling.access import can, client_for, require
from needling.audit.services import record
from needling.clients.forms import ClientForm
from needling.clients.sections import sections_for
from needling.clients.selectors import search_clients
from needling.clients.services import DuplicateClient, create_client, update_client

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
    return render(
        request,
        template,
        {
            "page": page,
            "q": query,
            "section": "clients",
            "may_create": can(request.user, "client.create"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "client.create")
    clinical = can(request.user, "client.edit_clinical")
    form = ClientForm(request.POST or None, clinical=clinical, creating=True)
    context: dict[str, Any] = {"form": form, "section": "clients", "creating": True}
    if request.method == "GET":
        return render(request, "clients/form.html", context)
    if not form.is_valid():
        return render(request, "clients/form.html", context, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_duplicate"}
    try:
        client = create_client(
            actor=request.user,
            confirm_duplicate=form.cleaned_data["confirm_duplicate"],
            **data,
        )
    except DuplicateClient as duplicate:
        context["duplicates"] = duplicate.existing
        return render(request, "clients/form.html", context, status=409)
    messages.success(request, f"{client.full_name} was added.")
    return redirect("clients:detail", client_id=client.pk)


@require_http_methods(["GET", "POST"])
@login_required
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "client.edit_identity")
    clinical = can(request.user, "client.edit_clinical", client)
    form = ClientForm(request.POST or None, instance=client, clinical=clinical, creating=False)
    context: dict[str, Any] = {"form": form, "client": client, "section": "clients"}
    if request.method == "GET":
        return render(request, "clients/form.html", context)
    # The form validates on a copy: `client` itself keeps its stored values until the save.
    form.instance = client_for(request.user, client.pk, "client.edit_identity")
    if not form.is_valid():
        return render(request, "clients/form.html", context, status=400)
    try:
        changed = update_client(actor=request.user, client=client, changes=form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "clients/form.html", context, status=400)
    messages.success(request, "Saved." if changed else "Nothing was changed.")
    return redirect("clients:detail", client_id=client.pk)


@require_GET
@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id)
    clinical = can(request.user, "client.view_clinical", client)
    sections = sections_for(request, client)
    record(
        actor=request.user,
        action="client.view",
        client=client,
        obj=client,
        detail={"clinical": clinical, "sections": [s["key"] for s in sections]},
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "show_clinical": clinical,
            "may_edit": can(request.user, "client.edit_identity", client),
            "sections": sections,
            "section": "clients",
        },
    )

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needling.access import can, require
from needling.audit.services import record
from needling.charting.selectors import sessions_with_lot
from needling.equipment import services
from needling.equipment.forms import DeviceForm, LotForm, LotSearchForm, ProductForm
from needling.equipment.selectors import devices_for, lot_for, lots_for, products_for

PAGE_SIZE = 25


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "equipment.view")
    devices = Paginator(devices_for(request.user), PAGE_SIZE).get_page(request.GET.get("dpage"))
    lots = Paginator(lots_for(request.user), PAGE_SIZE).get_page(request.GET.get("lpage"))
    products = Paginator(products_for(request.user), PAGE_SIZE).get_page(request.GET.get("ppage"))
    return render(
        request,
        "equipment/index.html",
        {
            "devices": devices,
            "lots": lots,
            "products": products,
            "search": LotSearchForm(),
            "can_manage": can(request.user, "equipment.manage"),
            "section": "equipment",
        },
    )


def _create(
    request: HttpRequest, form_class: Any, service: Any, title: str, **form_kwargs: Any
) -> HttpResponse:
    require(request.user, "equipment.manage")
    form = form_class(request.POST or None, **form_kwargs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            service(user=request.user, data=dict(form.cleaned_data))
            messages.success(request, f"{title} saved.")
            return redirect("equipment:index")
        status = 400
    return render(
        request,
        "equipment/form.html",
        {"form": form, "title": title, "section": "equipment"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def device_new(request: HttpRequest) -> HttpResponse:
    return _create(request, DeviceForm, services.register_device, "Device")


@require_http_methods(["GET", "POST"])
@login_required
def lot_new(request: HttpRequest) -> HttpResponse:
    actor = require(request.user, "equipment.manage")
    return _create(request, LotForm, services.register_lot, "Lot", clinic_id=actor.clinic_id)


@require_http_methods(["GET", "POST"])
@login_required
def product_new(request: HttpRequest) -> HttpResponse:
    return _create(request, ProductForm, services.register_product, "Topical product")


@require_GET
@login_required
def lot_find(request: HttpRequest) -> HttpResponse:
    """ "Which clients were treated with lot X": find the lot by its number."""
    require(request.user, "equipment.recall")
    form = LotSearchForm(request.GET)
    if form.is_valid():
        lot = lots_for(request.user).filter(lot_number=form.cleaned_data["lot"].strip()).first()
        if lot is not None:
            return redirect("equipment:lot", lot_id=lot.pk)
        message = "No lot with that number is registered in this clinic."
    else:
        message = "Enter a lot number."
    return render(
        request,
        "equipment/lot_missing.html",
        {"message": message, "search": form, "section": "equipment"},
        status=404 if form.is_valid() else 400,
    )


@require_GET
@login_required
def lot_detail(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = lot_for(request.user, lot_id)
    require(request.user, "equipment.recall", lot)
    sessions = sessions_with_lot(request.user, lot)
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    record(
        actor=request.user,
        action="equipment.recall_view",
        obj=lot,
        detail={"sessions_on_page": len(page.object_list)},
    )
    return render(
        request,
        "equipment/lot.html",
        {
            "lot": lot,
            "page": page,
            "can_manage": can(request.user, "equipment.manage"),
            "section": "equipment",
        },
    )


@require_POST
@login_required
def lot_set_recalled(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = lot_for(request.user, lot_id)
    require(request.user, "equipment.manage", lot)
    recalled = request.POST.get("recalled") == "1"
    services.set_lot_recalled(user=request.user, lot=lot, recalled=recalled)
    state = "recalled: it can no longer be charted" if recalled else "back in use"
    messages.success(request, f"Lot {lot.lot_number} is {state}.")
    return redirect("equipment:lot", lot_id=lot.pk)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Spreadsheet formula injection: a cell that starts with = + - @ (or tab, CR) is prefixed
    with a quote so spreadsheets show it as text (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@login_required
def lot_recall_csv(request: HttpRequest, lot_id: int) -> StreamingHttpResponse:
    lot = lot_for(request.user, lot_id)
    sessions = sessions_with_lot(request.user, lot)
    record(actor=request.user, action="equipment.recall_export", obj=lot)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(
            ["lot", "session_id", "session_date", "status", "client_id", "first_name",
             "last_name", "date_of_birth", "phone", "email", "practitioner"]
        )  # fmt: skip
        for s in sessions.iterator(chunk_size=500):
            c = s.client
            yield writer.writerow(
                [csv_safe(v) for v in (
                    lot.lot_number, s.pk, s.session_date.isoformat(), s.status, c.pk,
                    c.first_name, c.last_name,
                    c.date_of_birth.isoformat() if c.date_of_birth else "", c.phone, c.email,
                    s.practitioner.email,
                )]
            )  # fmt: skip

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recall-lot-{lot.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response

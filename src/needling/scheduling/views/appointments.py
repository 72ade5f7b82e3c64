"""Booking, moving and cancelling appointments (thin: the services decide)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from needling.access import actor_for, can, client_for, clinic_of, require
from needling.scheduling.choices import Kind, Status
from needling.scheduling.errors import BookingRefused, SchedulingError, SlotTaken, StaleAppointment
from needling.scheduling.forms import DEFAULT_MINUTES, AppointmentForm
from needling.scheduling.section import gate_actions
from needling.scheduling.selectors import appointment_for
from needling.scheduling.services import (
    book_appointment,
    cancel_appointment,
    move_appointment,
    set_attendance,
)
from needling.scheduling.times import clinic_zone, local_datetime

if TYPE_CHECKING:
    from needling.clinics.models import Clinic


def _done(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url, status=303)


def _resolve(form: AppointmentForm, clinic: Clinic) -> dict[str, Any]:
    """The booking's fields (the form picked practitioner, location and room among what the
    user may see)."""
    data = form.cleaned_data
    return {
        "start": local_datetime(clinic_zone(clinic), data["day"], data["at"]),
        "duration": data["minutes"],
        "practitioner": data["practitioner"],
        "location": data["location"],
        "room": data.get("room"),
        "override_reason": data.get("override_reason") or None,
    }


def _initial(request: HttpRequest, clinic: Clinic) -> dict[str, Any]:
    zone = clinic_zone(clinic)
    now = timezone.now().astimezone(zone)
    kind = request.GET.get("kind", "treatment")
    if kind not in Kind.values:
        kind = "treatment"
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = (now + timedelta(days=1)).date()
    initial: dict[str, Any] = {
        "kind": kind,
        "day": day,
        "at": request.GET.get("at") or "10:00",
        "minutes": DEFAULT_MINUTES[kind],
        "idempotency_key": AppointmentForm.fresh_key(),
    }
    actor = actor_for(request.user)
    for field in ("location", "practitioner"):
        value = request.GET.get(field, "")
        if value.isdigit():
            initial[field] = value
    if (
        "practitioner" not in initial
        and actor is not None
        and can(request.user, "appointment.attend")
    ):
        initial["practitioner"] = str(actor.user_id)
    return initial


@require_http_methods(["GET", "POST"])
@login_required
def new_appointment(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointment.book")
    clinic = clinic_of(request.user)
    raw_client = (
        request.POST.get("client") if request.method == "POST" else request.GET.get("client")
    )
    context: dict[str, Any] = {"section": "calendar", "clinic": clinic}
    if not raw_client:
        from needling.clients.selectors import search_clients

        q = request.GET.get("q", "").strip()[:100]
        context.update(q=q, results=list(search_clients(request.user, q)[:20]) if q else [])
        context["carry"] = {
            k: v
            for k, v in request.GET.items()
            if k in ("day", "at", "kind", "location", "practitioner")
        }
        return render(request, "scheduling/pick_client.html", context)
    client = client_for(request.user, raw_client, "appointment.book")
    context["client"] = client
    context["may_override"] = can(request.user, "appointment.override_gate", client)
    if request.method == "GET":
        context["form"] = AppointmentForm(initial=_initial(request, clinic), user=request.user)
        return render(request, "scheduling/new.html", context)
    data = request.POST.copy()
    if data.get("pick_date"):
        # "Use the earliest date": put it in the form, book nothing yet.
        data["day"] = str(data["pick_date"])
        context["form"] = AppointmentForm(data, user=request.user)
        context["picked"] = True
        return render(request, "scheduling/new.html", context)
    form = AppointmentForm(data, user=request.user)
    context["form"] = form
    if not form.is_valid():
        return render(request, "scheduling/new.html", context, status=400)
    try:
        fields = _resolve(form, clinic)
        appointment = book_appointment(
            actor=request.user,
            client=client,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data.get("note", ""),
            idempotency_key=form.cleaned_data["idempotency_key"],
            **fields,
        )
    except BookingRefused as refusal:
        context["refusal"] = refusal
        context.update(gate_actions(request.user, client, refusal.reasons))
        return render(request, "scheduling/new.html", context, status=409)
    except SlotTaken as exc:
        form.add_error(None, exc.message)
        return render(request, "scheduling/new.html", context, status=409)
    except SchedulingError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return render(request, "scheduling/new.html", context, status=400)
    messages.success(
        request, f"Booked: {client.full_name}, {_local_text(appointment.start, clinic)}."
    )
    return _done(request, reverse("scheduling:appointment", args=[appointment.pk]))


def _local_text(moment: datetime, clinic: Clinic) -> str:
    return f"{moment.astimezone(clinic_zone(clinic)):%a %d %b %Y %H:%M}"


@require_http_methods(["GET", "POST"])
@login_required
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request.user, appointment_id)
    clinic = appointment.client.clinic
    if request.method == "POST":
        status = request.POST.get("attendance", "")
        try:
            set_attendance(actor=request.user, appointment=appointment, status=status)
        except SchedulingError as exc:
            messages.error(request, exc.message)
            return _page(request, appointment, clinic, status=400)
        messages.success(request, f"Marked {appointment.get_status_display().lower()}.")
        return _done(request, reverse("scheduling:appointment", args=[appointment.pk]))
    return _page(request, appointment, clinic)


def _page(
    request: HttpRequest, appointment: Any, clinic: Clinic, status: int = 200, **extra: Any
) -> HttpResponse:
    zone = clinic_zone(clinic)
    return render(
        request,
        "scheduling/appointment.html",
        {
            "appointment": appointment,
            "clinic": clinic,
            "local_start": appointment.start.astimezone(zone),
            "local_end": appointment.end.astimezone(zone),
            "may_book": can(request.user, "appointment.book", appointment.client),
            "started": appointment.start <= timezone.now(),
            "section": "calendar",
            **extra,
        },
        status=status,
    )


def _move_initial(appointment: Any, clinic: Clinic) -> dict[str, Any]:
    zone = clinic_zone(clinic)
    local = appointment.start.astimezone(zone)
    return {
        "day": local.date(),
        "at": local.time().replace(tzinfo=None),
        "minutes": appointment.duration_minutes,
        "practitioner": str(appointment.practitioner_id),
        "location": str(appointment.location_id),
        "room": str(appointment.room_id or ""),
        "idempotency_key": AppointmentForm.fresh_key(),
    }


@require_http_methods(["GET", "POST"])
@login_required
def move(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request.user, appointment_id)
    require(request.user, "appointment.book", appointment.client)
    clinic = appointment.client.clinic
    context: dict[str, Any] = {
        "appointment": appointment,
        "client": appointment.client,
        "clinic": clinic,
        "section": "calendar",
        "may_override": can(request.user, "appointment.override_gate", appointment.client),
    }
    if appointment.status != Status.BOOKED:
        messages.error(request, "Only a booked appointment can be moved.")
        return _page(request, appointment, clinic, status=409)
    if request.method == "GET":
        context["form"] = AppointmentForm(
            initial=_move_initial(appointment, clinic), user=request.user, moving=True
        )
        return render(request, "scheduling/move.html", context)
    data = request.POST.copy()
    if data.get("pick_date"):
        data["day"] = str(data["pick_date"])
        context["form"] = AppointmentForm(data, user=request.user, moving=True)
        context["picked"] = True
        return render(request, "scheduling/move.html", context)
    form = AppointmentForm(data, user=request.user, moving=True)
    context["form"] = form
    if not form.is_valid():
        return render(request, "scheduling/move.html", context, status=400)
    raw_sequence = data.get("sequence", "")
    try:
        fields = _resolve(form, clinic)
        move_appointment(
            actor=request.user,
            appointment=appointment,
            sequence=int(raw_sequence) if raw_sequence.isdigit() else None,
            **fields,
        )
    except BookingRefused as refusal:
        context["refusal"] = refusal
        context.update(gate_actions(request.user, appointment.client, refusal.reasons))
        return render(request, "scheduling/move.html", context, status=409)
    except (SlotTaken, StaleAppointment) as exc:
        form.add_error(None, exc.message)
        return render(request, "scheduling/move.html", context, status=409)
    except SchedulingError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return render(request, "scheduling/move.html", context, status=400)
    messages.success(request, f"Moved to {_local_text(appointment.start, clinic)}.")
    return _done(request, reverse("scheduling:appointment", args=[appointment.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request.user, appointment_id)
    require(request.user, "appointment.book", appointment.client)
    clinic = appointment.client.clinic
    if request.method == "GET":
        return _page(request, appointment, clinic, confirm_cancel=True)
    raw_sequence = request.POST.get("sequence", "")
    try:
        cancel_appointment(
            actor=request.user,
            appointment=appointment,
            sequence=int(raw_sequence) if raw_sequence.isdigit() else None,
        )
    except SchedulingError as exc:
        messages.error(request, exc.message)
        return _page(request, appointment, clinic, status=409)
    messages.success(request, "Cancelled. The client gets a message; the slot is free again.")
    return _done(request, reverse("scheduling:appointment", args=[appointment.pk]))

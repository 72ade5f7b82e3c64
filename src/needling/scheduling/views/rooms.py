"""Owner settings: the rooms at each location (a room is optional on an appointment)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from needling.access import require
from needling.clinics.selectors import locations_of_clinic
from needling.scheduling.errors import SchedulingError
from needling.scheduling.rooms import add_room, room_for, update_room
from needling.scheduling.selectors import rooms_of_clinic


@require_http_methods(["GET", "POST"])
@login_required
def room_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "clinic.settings")
    status, error = 200, None
    if request.method == "POST":
        try:
            add_room(
                actor=request.user,
                location_id=request.POST.get("location", ""),
                name=request.POST.get("name", ""),
            )
        except SchedulingError as exc:
            status, error = 400, exc.message
        else:
            messages.success(request, "Room added.")
            return HttpResponseRedirect(reverse("scheduling:rooms"), status=303)
    rooms = rooms_of_clinic(request.user)
    locations = locations_of_clinic(request.user)
    return render(
        request,
        "scheduling/rooms.html",
        {"rooms": rooms, "locations": locations, "error": error, "section": "settings"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def room_edit(request: HttpRequest, room_id: int) -> HttpResponse:
    room = room_for(request.user, room_id)
    status, error = 200, None
    if request.method == "POST":
        try:
            update_room(
                actor=request.user,
                room=room,
                name=request.POST.get("name", ""),
                active=request.POST.get("active") == "on",
            )
        except SchedulingError as exc:
            status, error = 400, exc.message
        else:
            messages.success(request, "Room saved.")
            return HttpResponseRedirect(reverse("scheduling:rooms"), status=303)
    return render(
        request,
        "scheduling/room.html",
        {"room": room, "error": error, "section": "settings"},
        status=status,
    )

"""Rooms at the clinic's locations (owner settings): add, rename, retire."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from needling.access import get_visible_or_404, require
from needling.audit.services import record
from needling.clinics.models import Location
from needling.scheduling.errors import SchedulingError
from needling.scheduling.models import Room


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise SchedulingError("Give the room a name.", field="name")
    if len(name) > 80:
        raise SchedulingError("Keep the room name under 80 characters.", field="name")
    return name


def add_room(*, actor: Any, location_id: object, name: str) -> Room:
    require(actor, "clinic.settings")
    location = (
        Location.objects.visible_to(actor).filter(pk=int(str(location_id))).first()
        if str(location_id).isdigit()
        else None
    )
    if location is None:
        raise SchedulingError("Choose a location of this clinic.", field="location")
    clean = _name(name)
    try:
        with transaction.atomic():
            room = Room.objects.create(location=location, name=clean)
            record(actor=actor, action="room.add", obj=room)
    except IntegrityError:
        raise SchedulingError(
            "That location already has a room of that name.", field="name"
        ) from None
    return room


def room_for(actor: Any, room_id: object) -> Room:
    require(actor, "clinic.settings")  # settings are the owner's: 403 before any look-up
    rooms = Room.objects.select_related("location")
    return get_visible_or_404(rooms, actor, room_id, "clinic.settings")


def update_room(*, actor: Any, room: Room, name: str, active: bool) -> Room:
    require(actor, "clinic.settings")
    clean = _name(name)
    try:
        with transaction.atomic():
            Room.objects.filter(pk=room.pk).update(name=clean, active=bool(active))
            record(actor=actor, action="room.update", obj=room, detail={"active": bool(active)})
    except IntegrityError:
        raise SchedulingError(
            "That location already has a room of that name.", field="name"
        ) from None
    room.refresh_from_db()
    return room

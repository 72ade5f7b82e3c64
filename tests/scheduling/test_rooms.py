"""Owners add, rename and retire rooms; bad input changes nothing."""

from __future__ import annotations

from django.test import Client as Browser
from django.urls import reverse

from needling.clinics.models import Location
from needling.scheduling.models import Room
from tests.conftest import Cast
from tests.scheduling.factories import location


def _owner(cast: Cast) -> Browser:
    b = Browser()
    b.force_login(cast.owner)
    return b


def test_an_owner_adds_and_retires_a_room(cast: Cast) -> None:
    b = _owner(cast)
    response = b.post(
        reverse("scheduling:rooms"), {"location": location(cast).pk, "name": "Room 1"}
    )
    assert response.status_code == 303
    room = Room.objects.get()
    assert b.post(reverse("scheduling:room", args=[room.pk]), {"name": "Room A"}).status_code == 303
    room.refresh_from_db()
    assert (room.name, room.active) == ("Room A", False)


def test_bad_rooms_are_refused_and_nothing_changes(cast: Cast) -> None:
    b = _owner(cast)
    elsewhere = Location.objects.create(clinic=cast.other_clinic, name="Far")
    for data in (
        {"location": location(cast).pk, "name": "  "},
        {"location": location(cast).pk, "name": "x" * 81},
        {"location": elsewhere.pk, "name": "Sneaky"},
        {"location": "abc", "name": "Room"},
    ):
        assert b.post(reverse("scheduling:rooms"), data).status_code == 400, data
    b.post(reverse("scheduling:rooms"), {"location": location(cast).pk, "name": "Room 1"})
    dup = b.post(reverse("scheduling:rooms"), {"location": location(cast).pk, "name": "Room 1"})
    assert dup.status_code == 400
    assert "already has a room" in dup.content.decode()
    assert Room.objects.count() == 1


def test_another_clinics_room_is_404(cast: Cast) -> None:
    far = Location.objects.create(clinic=cast.other_clinic, name="Far")
    room = Room.objects.create(location=far, name="Theirs")
    assert _owner(cast).get(reverse("scheduling:room", args=[room.pk])).status_code == 404

"""Reading the clinic, its locations and its staff: always the acting user's own clinic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from needling.clinics.models import Clinic, Location, StaffMember


def own_clinic(user: object, *, with_locations: bool = False) -> Clinic:
    """The user's clinic (403 for a user without one)."""
    clinics = Clinic.objects.visible_to(user)
    if with_locations:
        clinics = clinics.prefetch_related("locations")
    clinic = clinics.first()
    if clinic is None:
        raise PermissionDenied("no clinic")
    return clinic


def locations_of_clinic(user: object) -> QuerySet[Location]:
    return Location.objects.visible_to(user).order_by("name")


def staff_of_clinic(user: object) -> QuerySet[StaffMember]:
    return (
        StaffMember.objects.visible_to(user)
        .select_related("user")
        .order_by("role", "user__full_name")
    )

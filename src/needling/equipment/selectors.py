"""Reading equipment: every function takes the acting user and returns only their clinic's."""

from __future__ import annotations

from django.db.models import QuerySet

from needling.access import get_visible_or_404, require
from needling.equipment.models import Device, Lot, TopicalProduct


def devices_for(user: object, *, active_only: bool = True) -> QuerySet[Device]:
    require(user, "equipment.view")
    devices = Device.objects.visible_to(user)
    return devices.filter(active=True) if active_only else devices


def lots_for(user: object) -> QuerySet[Lot]:
    require(user, "equipment.view")
    return Lot.objects.visible_to(user).prefetch_related("fits")


def products_for(user: object, *, active_only: bool = True) -> QuerySet[TopicalProduct]:
    require(user, "equipment.view")
    products = TopicalProduct.objects.visible_to(user)
    return products.filter(active=True) if active_only else products


def lot_for(user: object, lot_id: object) -> Lot:
    """The lot if it belongs to the user's clinic (else 404); 403 for roles that may not see
    equipment."""
    return get_visible_or_404(Lot.objects.all(), user, lot_id, "equipment.view")

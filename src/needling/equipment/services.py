"""Writing equipment: owners register devices, lots and topical products."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from needling.access import require
from needling.audit.services import record
from needling.equipment.models import Device, Lot, TopicalProduct


def register_device(*, user: Any, data: dict[str, Any]) -> Device:
    actor = require(user, "equipment.manage")
    with transaction.atomic():
        device = Device.objects.create(clinic_id=actor.clinic_id, **data)
        record(actor=user, action="equipment.device_add", obj=device, detail={"kind": device.kind})
    return device


def register_lot(*, user: Any, data: dict[str, Any]) -> Lot:
    actor = require(user, "equipment.manage")
    fits = list(data.pop("fits", []))
    if any(d.clinic_id != actor.clinic_id for d in fits):
        raise ValueError("fits: a lot can only fit your clinic's devices")
    with transaction.atomic():
        lot = Lot.objects.create(clinic_id=actor.clinic_id, **data)
        lot.fits.set(fits)
        record(actor=user, action="equipment.lot_add", obj=lot, detail={"kind": lot.kind})
    return lot


def set_lot_recalled(*, user: Any, lot: Lot, recalled: bool) -> Lot:
    require(user, "equipment.manage", lot)
    with transaction.atomic():
        Lot.objects.filter(pk=lot.pk).update(recalled=recalled)
        lot.recalled = recalled
        record(actor=user, action="equipment.lot_recall", obj=lot, detail={"recalled": recalled})
    return lot


def register_product(*, user: Any, data: dict[str, Any]) -> TopicalProduct:
    actor = require(user, "equipment.manage")
    with transaction.atomic():
        product = TopicalProduct.objects.create(clinic_id=actor.clinic_id, **data)
        record(
            actor=user,
            action="equipment.product_add",
            obj=product,
            detail={"sterile": product.sterile, "for_needled_skin": product.for_needled_skin},
        )
    return product

"""Whether a lot may be charted with a device on a day. One sentence per refusal, saying what to
change; used by the chart service and by the chart page to grey out unusable lots."""

from __future__ import annotations

from datetime import date

from needling.equipment.models import Device, Lot


def lot_problem(lot: Lot, device: Device | None, *, clinic_id: int, on: date) -> str | None:
    """None if the lot may be used, else why not (the caller has already checked visibility)."""
    if lot.clinic_id != clinic_id:
        return "This lot belongs to another clinic: choose one of your clinic's lots."
    if lot.recalled:
        return (
            f"Lot {lot.lot_number} has been recalled and may not be used: "
            "open a new pack from another lot."
        )
    if lot.expired_on(on):
        return (
            f"Lot {lot.lot_number} expired on {lot.expiry:%d %b %Y}: "
            "open a pack from a lot that is in date."
        )
    if device is not None:
        if device.clinic_id != clinic_id:
            return "This device belongs to another clinic: choose one of your clinic's devices."
        if not any(d.pk == device.pk for d in lot.fits.all()):
            return (
                f"Lot {lot.lot_number} ({lot.product}) does not fit {device.name}: "
                "choose a lot made for this device, or another device."
            )
    return None

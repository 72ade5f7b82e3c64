"""URLs with real objects for the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import Cast


def _session(cast: Cast, *, signed: bool = False) -> object:
    from needling.charting.models import AftercareDocument, TreatmentSession

    session = TreatmentSession.objects.create(
        client=cast.record_a,
        practitioner=cast.practitioner,
        session_date=timezone.localdate(),
        status="signed" if signed else "draft",
        signed_by=cast.practitioner if signed else None,
        signed_at=timezone.now() if signed else None,
    )
    if signed:
        AftercareDocument.objects.create(session=session, max_depth_mm=1, pdf=b"%PDF-", sha256="0")
    return session


def _lot(cast: Cast) -> object:
    from needling.equipment.models import Lot

    return Lot.objects.create(
        clinic=cast.clinic, kind="cartridge", product="Cartridge", lot_number="M-1",
        expiry=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip


def matrix_url(name: str, cast: Cast) -> str:
    if name in ("equipment:lot", "equipment:lot_recall_csv", "equipment:lot_set_recalled"):
        return reverse(name, args=[_lot(cast).pk])  # type: ignore[attr-defined]
    if name == "equipment:lot_find":
        _lot(cast)
        return reverse(name) + "?lot=M-1"
    if name.startswith("plans:") or name == "charting:start":
        return reverse(name, args=[cast.record_a.pk])
    if name == "charting:aftercare_pdf":
        return reverse(name, args=[_session(cast, signed=True).pk])  # type: ignore[attr-defined]
    if name == "charting:adverse_event_resolve":
        return reverse(name, args=[1])
    if name == "charting:zone_remove":
        return reverse(name, args=[_session(cast).pk, 1])  # type: ignore[attr-defined]
    if name == "charting:save_step":
        return reverse(name, args=[_session(cast).pk, "prechecks"])  # type: ignore[attr-defined]
    if name == "charting:depth_check":
        session = _session(cast)
        return reverse(name, args=[session.pk]) + "?zone=cheeks&indication=texture&depth_mm=1"  # type: ignore[attr-defined]
    if name.startswith("charting:"):
        return reverse(name, args=[_session(cast).pk])  # type: ignore[attr-defined]
    return reverse(name)

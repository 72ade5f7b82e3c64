from __future__ import annotations

from django.test import Client as Browser

from needling.charting.models import TreatmentSession
from tests.conftest import Cast


def test_a_chart_can_be_filled_in_and_signed_over_http(
    cast: Cast, kit: object, draft: TreatmentSession
) -> None:
    b = Browser()
    b.force_login(cast.practitioner)
    base = f"/charts/{draft.pk}/"
    for step in ("prechecks", "anaesthetic", "device", "zones", "signoff"):
        assert b.get(base + f"?step={step}").status_code == 200, step
    r = b.post(
        base + "save/prechecks/", {"version": 1, "photos_taken": "on"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200, r.content[:2000]
    r = b.post(base + "save/device/", {"version": 2, "device": kit.pen.pk, "lot": kit.lot.pk})  # type: ignore[attr-defined]
    assert r.status_code == 302
    r = b.post(
        base + "zones/",
        {
            "version": 3,
            "zone": "cheeks",
            "indication": "acne_scars",
            "depth_mm": "1.0",
            "passes": 4,
            "pattern": "crosshatch",
            "end_point": "erythema",
        },
    )
    assert r.status_code == 302, r.content[:3000]
    r = b.get(base + "depth-check/?zone=cheeks&indication=acne_scars&depth_mm=2.2&passes=3")
    assert b"Stop" in r.content
    r = b.post(base + "sign/", {"version": 4})
    assert r.status_code == 302, r.content[:3000]
    draft.refresh_from_db()
    assert draft.is_signed
    r = b.get(base + "aftercare.pdf")
    assert r.content.startswith(b"%PDF")
    r = b.get(base)
    assert r.status_code == 200

"""Equipment pages: owners register, practitioners read, bad input changes nothing, recall CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from needling.charting.models import TreatmentSession
from needling.equipment.models import Device, Lot
from needling.equipment.views import csv_safe
from tests.conftest import Cast


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


ROLLER = {"kind": "roller", "name": "Roller", "needle_count": 192, "needle_length_mm": "1.0",
          "drum_diameter_mm": "20", "drum_width_mm": "20"}  # fmt: skip


def test_owner_registers_a_roller(cast: Cast) -> None:
    response = _as(cast.owner).post("/equipment/devices/new/", ROLLER)
    assert response.status_code == 302
    assert Device.objects.get().clinic == cast.clinic


@pytest.mark.parametrize(
    ("change", "message"),
    [({"drum_diameter_mm": ""}, "A roller needs this"),
     ({"needle_length_mm": "3.5"}, "No setting above 3.0 mm"),
     ({"needle_count": "-3"}, "Needles: at least 1"),
     ({"drum_width_mm": "-2"}, "zero or more")],
)  # fmt: skip
def test_bad_device_input_is_refused_with_a_message(
    cast: Cast, change: dict[str, str], message: str
) -> None:
    response = _as(cast.owner).post("/equipment/devices/new/", {**ROLLER, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Device.objects.exists()


def test_practitioners_read_but_cannot_register(cast: Cast) -> None:
    b = _as(cast.practitioner)
    assert b.get("/equipment/").status_code == 200
    assert b.post("/equipment/devices/new/", ROLLER).status_code == 403
    assert not Device.objects.exists()


def test_a_lot_cannot_fit_another_clinics_device(cast: Cast) -> None:
    theirs = Device.objects.create(clinic=cast.other_clinic, kind="pen", name="X",
                                   needle_count=12, stroke_frequency_hz=90)  # fmt: skip
    response = _as(cast.owner).post(
        "/equipment/lots/new/",
        {"kind": "cartridge", "product": "C", "lot_number": "L1",
         "expiry": "2030-01-01", "fits": [theirs.pk]},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Lot.objects.exists()


def test_formula_cells_are_quoted() -> None:
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("+44 7700") == "'+44 7700"
    assert csv_safe("-1") == "'-1"
    assert csv_safe("@SUM") == "'@SUM"
    assert csv_safe("Ben") == "Ben"


def test_recall_csv_streams_every_client_treated_with_the_lot(cast: Cast) -> None:
    lot = Lot.objects.create(clinic=cast.clinic, kind="cartridge", product="C", lot_number="L9",
                             expiry=timezone.localdate() + timedelta(days=9))  # fmt: skip
    cast.record_a.last_name = "=cmd|' /C calc'!A0"
    cast.record_a.save()
    for client in (cast.record_a, cast.record_b):
        TreatmentSession.objects.create(client=client, practitioner=cast.practitioner,
                                        session_date=timezone.localdate(), lot=lot)  # fmt: skip
    response = _as(cast.practitioner).get(f"/equipment/lots/{lot.pk}/recall.csv")
    assert response.status_code == 200
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[arg-type]
    assert len(rows) == 3
    assert {r[5] for r in rows[1:]} == {"Alice", "Bob"}
    assert "'=cmd|' /C calc'!A0" in {r[6] for r in rows[1:]}


def test_lot_search_finds_the_lot_or_says_it_is_unknown(cast: Cast) -> None:
    lot = Lot.objects.create(clinic=cast.clinic, kind="cartridge", product="C", lot_number="L7",
                             expiry=timezone.localdate())  # fmt: skip
    b = _as(cast.practitioner)
    assert b.get("/equipment/lots/find/?lot=L7")["Location"] == f"/equipment/lots/{lot.pk}/"
    missing = b.get("/equipment/lots/find/?lot=NOPE")
    assert missing.status_code == 404
    assert "No lot with that number" in missing.content.decode()
    assert b.get("/equipment/lots/find/").status_code == 400

"""Equipment, a plan and a draft chart for charting tests. The intake and consent gates are
opened with monkeypatch in most tests (their features test them); test_real_gates uses the real
ones."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from needling.charting import gates
from needling.charting.models import TreatmentSession
from needling.charting.services import start_session
from needling.equipment.models import Device, Lot, TopicalProduct
from needling.plans.models import CoursePlan
from tests.conftest import Cast


class Kit:
    def __init__(self, cast: Cast) -> None:
        clinic = cast.clinic
        today = timezone.localdate()
        self.pen = Device.objects.create(
            clinic=clinic, kind="pen", name="Pen A", serial="PA-1", needle_count=12,
            stroke_frequency_hz=100, depth_min_mm=0.25, depth_max_mm=2.5, depth_step_mm=0.25,
        )  # fmt: skip
        self.roller = Device.objects.create(
            clinic=clinic, kind="roller", name="Roller 192", needle_count=192,
            needle_length_mm=1.0, drum_diameter_mm=20, drum_width_mm=20,
        )  # fmt: skip
        self.lot = Lot.objects.create(
            clinic=clinic, kind="cartridge", product="12-needle cartridge", lot_number="C-100",
            expiry=today + timedelta(days=200),
        )  # fmt: skip
        self.lot.fits.set([self.pen])
        self.expired = Lot.objects.create(
            clinic=clinic, kind="cartridge", product="12-needle cartridge", lot_number="C-OLD",
            expiry=today - timedelta(days=1),
        )  # fmt: skip
        self.expired.fits.set([self.pen])
        self.roller_lot = Lot.objects.create(
            clinic=clinic, kind="roller", product="Roller 1.0 mm", lot_number="R-1",
            expiry=today + timedelta(days=300),
        )  # fmt: skip
        self.roller_lot.fits.set([self.roller])
        other_pen = Device.objects.create(
            clinic=cast.other_clinic, kind="pen", name="Their pen", needle_count=12,
            stroke_frequency_hz=100, depth_min_mm=0, depth_max_mm=2,
        )  # fmt: skip
        self.foreign_lot = Lot.objects.create(
            clinic=cast.other_clinic, kind="cartridge", product="Cartridge",
            lot_number="X-1", expiry=today + timedelta(days=100),
        )  # fmt: skip
        self.foreign_lot.fits.set([other_pen])
        self.ha = TopicalProduct.objects.create(
            clinic=clinic, name="Hyaluronic acid gel", sterile=True, for_needled_skin=True
        )
        self.vitc = TopicalProduct.objects.create(clinic=clinic, name="Vitamin C serum")


@pytest.fixture
def kit(cast: Cast) -> Kit:
    return Kit(cast)


@pytest.fixture
def gates_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gates, "clearance", lambda client, *, on: gates.Gate(True, "clear"))
    monkeypatch.setattr(gates, "consent_valid", lambda client, *, on: True)


@pytest.fixture
def plan(cast: Cast) -> CoursePlan:
    return CoursePlan.objects.create(
        client=cast.record_a, indications=["acne_scars"], zones=["cheeks", "forehead", "nose"],
        protocol="standard", planned_sessions=3, created_by=cast.practitioner,
    )  # fmt: skip


@pytest.fixture
def draft(cast: Cast, kit: Kit, plan: CoursePlan, gates_open: None) -> TreatmentSession:
    return start_session(user=cast.practitioner, client=cast.record_a, on=timezone.localdate())


def zone_args(**over: Any) -> dict[str, Any]:
    from decimal import Decimal

    args: dict[str, Any] = {
        "zone": "cheeks",
        "indication": "acne_scars",
        "depth_mm": Decimal("1.0"),
        "passes": 4,
        "pattern": "crosshatch",
        "end_point": "pinpoint_bleeding",
    }
    args.update(over)
    return args


def past(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)

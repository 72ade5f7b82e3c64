"""The puncture density ("dose") of a zone, from the device geometry and the passes."""

from __future__ import annotations

from dataclasses import dataclass

from needling.clinical import pen_punctures_per_second, roller_punctures_per_cm2
from needling.equipment.models import Device

ROLLER_NOTE = (
    "Geometric upper bound: needles ÷ (π · drum diameter · drum width) per pass, times passes; "
    "overlap and slip make the real figure lower (microneedling.md §2.1)."
)
PEN_NOTE = (
    "A pen stamps this many punctures per second; the density per cm² depends on how fast the "
    "pen is moved, so it is not computed (microneedling.md §2.2)."
)


@dataclass(frozen=True)
class Dose:
    value: float
    unit: str  # "per cm²" or "per second"
    note: str

    @property
    def label(self) -> str:
        return f"{self.value:,.0f} punctures {self.unit}"


def zone_dose(device: Device | None, passes: int) -> Dose | None:
    if device is None:
        return None
    try:
        if device.is_roller:
            if device.drum_diameter_mm is None or device.drum_width_mm is None:
                return None
            value = roller_punctures_per_cm2(
                needles=device.needle_count,
                drum_diameter_mm=float(device.drum_diameter_mm),
                drum_width_mm=float(device.drum_width_mm),
                passes=passes,
            )
            return Dose(value, "per cm²", ROLLER_NOTE)
        if device.stroke_frequency_hz is None:
            return None
        value = pen_punctures_per_second(
            needles=device.needle_count, frequency_hz=float(device.stroke_frequency_hz)
        )
        return Dose(value, "per second", PEN_NOTE)
    except ValueError:
        return None

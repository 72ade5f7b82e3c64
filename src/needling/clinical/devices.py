"""Device physics: puncture density of a roller and puncture rate of a pen (microneedling.md
§2.1 and §2.2, derivations [D]). Set depth is not tissue depth, and these are geometric upper
bounds: overlap and slip make the real figures lower."""

from __future__ import annotations

import math
from typing import Final

from needling.clinical._validate import finite_result, require_int, require_number

ROLLER_SOURCE: Final = (
    "microneedling.md §2.1: punctures/cm² per pass = needles ÷ (π · drum diameter · drum width) "
    "[D]; the 192-needle 2 cm × 2 cm drum gives 15.3/cm² per pass and 229/cm² after 15 passes, "
    "against the published 'approximately 250 holes/cm²' (Doddaballapur 2009) [V]"
)
PEN_SOURCE: Final = (
    "microneedling.md §2.2: punctures per second = needles × stroke frequency (Hz) [D]; "
    "Dermapen 11 × 90 Hz = 990/s, 'almost 1,000 microwounds every second' [V, trade press]"
)


def roller_punctures_per_cm2(
    *, needles: int, drum_diameter_mm: float, drum_width_mm: float, passes: int
) -> float:
    """Punctures per cm² of skin after ``passes`` non-slipping passes of a roller."""
    n = require_int("needles", needles, minimum=1)
    diameter = require_number("drum_diameter_mm", drum_diameter_mm, positive=True)
    width = require_number("drum_width_mm", drum_width_mm, positive=True)
    p = require_int("passes", passes, minimum=0)
    drum_area_cm2 = math.pi * (diameter / 10) * (width / 10)
    try:
        result = n / drum_area_cm2 * p
    except (OverflowError, ZeroDivisionError) as exc:
        raise ValueError("roller: the inputs give a result that is not a finite number") from exc
    return finite_result("roller", result)


def pen_punctures_per_second(*, needles: int, frequency_hz: float) -> float:
    """Punctures per second of a pen: needles × stroke frequency."""
    n = require_int("needles", needles, minimum=1)
    hz = require_number("frequency_hz", frequency_hz, minimum=0)
    try:
        result = n * hz
    except OverflowError as exc:
        raise ValueError("pen: the inputs give a result that is not a finite number") from exc
    return finite_result("pen", float(result))

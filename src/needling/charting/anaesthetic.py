"""Warnings for topical anaesthetic use. The FDA public health advisories (2007, 2009) tie the two
deaths to large areas, long contact, occlusion and compounded high-strength creams; the
literature gives no numeric area limit, so that threshold is a Needling default and says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from needling.clinical import NO_SOURCE

FDA_ADVISORY = (
    "microneedling.md §6.1: FDA public health advisories 2007 and 2009 (two deaths after "
    "compounded lidocaine + tetracaine under plastic wrap on the legs) [V]"
)
# No published area limit (vocabulary.md names anaesthetic area limits as a product decision).
LARGE_AREA_CM2 = 600
LARGE_AREA_SOURCE = NO_SOURCE
# §6.1 application times: 20-30 min (pen clinics) up to about 1 hour, 45-60 min under occlusion.
LONG_CONTACT_MIN = 60
LONG_CONTACT_SOURCE = "microneedling.md §6.1: application about 1 hour at most in the sources [S]"
# §6.1 (2024): FDA warning letters; do not use >4 % lidocaine on large, irritated or wrapped areas.
STRONG_LIDOCAINE_PCT = Decimal("4")
STRONG_SOURCE = "microneedling.md §6.1: FDA warning letters 2024, >4 % lidocaine [S]"


@dataclass(frozen=True)
class Warning:
    message: str
    source: str


def contact_minutes(applied: time | None, removed: time | None) -> int | None:
    if applied is None or removed is None:
        return None
    day = date(2000, 1, 1)
    delta = datetime.combine(day, removed) - datetime.combine(day, applied)
    return int(delta.total_seconds() // 60)


def anaesthetic_warnings(
    *,
    concentration_pct: Decimal | None,
    area_cm2: int | None,
    applied_at: time | None,
    removed_at: time | None,
    occluded: bool,
) -> list[Warning]:
    warnings = []
    if area_cm2 is not None and area_cm2 > LARGE_AREA_CM2:
        warnings.append(
            Warning(
                f"A large area ({area_cm2} cm², above {LARGE_AREA_CM2} cm²): systemic "
                "anaesthetic toxicity rises with the area covered. Treat in parts.",
                f"{LARGE_AREA_SOURCE}; risk factors: {FDA_ADVISORY}",
            )
        )
    minutes = contact_minutes(applied_at, removed_at)
    if minutes is not None and minutes > LONG_CONTACT_MIN:
        warnings.append(
            Warning(
                f"Long contact ({minutes} minutes, above {LONG_CONTACT_MIN}): absorption rises "
                "with contact time. Remove it now and note the time.",
                f"{LONG_CONTACT_SOURCE}; {FDA_ADVISORY}",
            )
        )
    if occluded:
        warnings.append(
            Warning(
                "Occluded (wrapped): occlusion increases absorption; keep the area small and "
                "the time short.",
                FDA_ADVISORY,
            )
        )
    if (
        concentration_pct is not None
        and concentration_pct > STRONG_LIDOCAINE_PCT
        and (occluded or (area_cm2 or 0) > LARGE_AREA_CM2)
    ):
        warnings.append(
            Warning(
                f"A strong product ({concentration_pct} %) on a large or wrapped area: avoid "
                "more than 4 % lidocaine there.",
                STRONG_SOURCE,
            )
        )
    return warnings

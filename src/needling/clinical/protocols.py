"""Protocol presets (interval window and planned sessions), loaded from ``data/protocols.toml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from needling.clinical.datafiles import ClinicalDataError, Table, expect_codes, read_data_file

PROTOCOL_CODES: Final = (
    "standard", "acne_scars_monthly", "rejuvenation_monthly", "stretch_marks_monthly",
    "hair_weekly",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Protocol:
    """earliest = last session + ``min_days``; latest = last session + ``max_days``."""

    code: str
    name: str
    min_days: int
    max_days: int
    sessions: tuple[int, int]
    source: str
    min_days_source: str
    max_days_source: str
    sessions_source: str


def load_protocols(raw: Mapping[str, Any]) -> dict[str, Protocol]:
    where = "protocols.toml"
    expect_codes(where, list(raw), PROTOCOL_CODES)
    result = {}
    for code in PROTOCOL_CODES:
        t = Table(raw[code], f"{where}:{code}")
        min_days = t.integer("min_days", minimum=1)
        max_days = t.integer("max_days", minimum=1)
        if max_days < min_days:
            raise ClinicalDataError(f"{t.where}: max_days is below min_days")
        low, high = t.pair("sessions", integer=True)
        if low < 1:
            raise ClinicalDataError(f"{t.where}.sessions: at least one session")
        sources = t.table("sources")
        result[code] = Protocol(
            code=code,
            name=t.text("name"),
            min_days=min_days,
            max_days=max_days,
            sessions=(int(low), int(high)),
            source=t.source("source"),
            min_days_source=sources.source("min_days"),
            max_days_source=sources.source("max_days"),
            sessions_source=sources.source("sessions"),
        )
        sources.done()
        t.done()
    return result


PROTOCOLS: Final[Mapping[str, Protocol]] = MappingProxyType(
    load_protocols(read_data_file("protocols.toml"))
)

"""Zones, indications and the depth limits, loaded from ``data/zones.toml`` and
``data/indications.toml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal

from needling.clinical.datafiles import (
    ClinicalDataError,
    Table,
    expect_codes,
    read_data_file,
)

Region = Literal["face", "body"]

ZONE_CODES: Final = (
    "forehead", "glabella", "temples", "eyelids", "periorbital", "nose", "cheeks", "perioral",
    "chin", "jawline", "neck", "decolletage", "scalp", "arms", "hands", "abdomen", "back",
    "buttocks", "thighs",
)  # fmt: skip
FACE_ZONES: Final = frozenset(
    ("forehead", "glabella", "temples", "eyelids", "periorbital", "nose", "cheeks", "perioral",
     "chin", "jawline")
)  # fmt: skip
INDICATION_CODES: Final = (
    "acne_scars", "surgical_scars", "wrinkles", "texture", "stretch_marks", "hair_loss",
    "pigmentation", "product_penetration",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Indication:
    """``recommended`` (with its source) replaces every zone's own range for this indication,
    within the zone's cap; above ``caution_above`` a depth raises ``caution_code``."""

    code: str
    name: str
    description: str
    source: str
    recommended: tuple[float, float] | None = None
    recommended_source: str | None = None
    caution_above: float | None = None
    caution_code: str | None = None
    caution_above_source: str | None = None


@dataclass(frozen=True, slots=True)
class IndicationRange:
    """A recommended range that replaces the zone's own for the named indications."""

    indications: tuple[str, ...]
    recommended: tuple[float, float]
    source: str


@dataclass(frozen=True, slots=True)
class Zone:
    """A treatment zone with its default depth guidance (set needle depth, mm).

    For a zone that is not treatable (eyelids) ``recommended`` and ``cap`` are None.
    """

    code: str
    name: str
    region: Region
    treatable: bool
    recommended: tuple[float, float] | None
    recommended_source: str
    cap: float | None
    cap_source: str
    caution_above: float | None = None
    caution_above_source: str | None = None
    ranges: tuple[IndicationRange, ...] = ()

    @property
    def source(self) -> str:
        if not self.treatable:
            return self.recommended_source
        return f"Recommended: {self.recommended_source}. Cap: {self.cap_source}"

    def range_for(self, indication: str) -> tuple[tuple[float, float] | None, str]:
        """The recommended range for an indication and its source (the zone's own range unless
        an indication-specific range names it, or the indication has a range of its own on
        every zone, such as product penetration)."""
        own = INDICATIONS.get(indication)
        if own is not None and own.recommended is not None and own.recommended_source:
            return own.recommended, own.recommended_source
        for entry in self.ranges:
            if indication in entry.indications:
                return entry.recommended, entry.source
        return self.recommended, self.recommended_source


@dataclass(frozen=True, slots=True)
class DepthLimits:
    absolute_max_depth_mm: float
    absolute_max_depth_source: str
    fitzpatrick_note_from: int
    fitzpatrick_note_source: str


def load_indications(raw: Mapping[str, Any]) -> dict[str, Indication]:
    where = "indications.toml"
    expect_codes(where, list(raw), INDICATION_CODES)
    result = {}
    for code in INDICATION_CODES:
        t = Table(raw[code], f"{where}:{code}")
        own = t.pair("recommended") if t.has("recommended") else None
        own_source = t.source("recommended_source") if own is not None else None
        caution = caution_code = caution_source = None
        if t.has("caution_above"):
            caution = t.number("caution_above")
            caution_code = t.text("caution_code")
            caution_source = t.source("caution_above_source")
        result[code] = Indication(
            code, t.text("name"), t.text("description"), t.source("source"),
            own, own_source, caution, caution_code, caution_source,
        )  # fmt: skip
        t.done()
    return result


def load_zones(raw: Mapping[str, Any]) -> tuple[dict[str, Zone], DepthLimits]:
    where = "zones.toml"
    top = Table(raw, where)
    lim = top.table("limits")
    limits = DepthLimits(
        absolute_max_depth_mm=lim.number("absolute_max_depth_mm"),
        absolute_max_depth_source=lim.source("absolute_max_depth_source"),
        fitzpatrick_note_from=lim.integer("fitzpatrick_note_from", minimum=1),
        fitzpatrick_note_source=lim.source("fitzpatrick_note_source"),
    )
    lim.done()
    if not 0 < limits.absolute_max_depth_mm <= 3.0:
        raise ClinicalDataError(f"{where}: absolute_max_depth_mm must be above 0 and at most 3.0")
    if not 1 <= limits.fitzpatrick_note_from <= 6:
        raise ClinicalDataError(f"{where}: fitzpatrick_note_from must be 1 to 6")
    zones_table = top.table("zones")
    top.done()
    expect_codes(where, zones_table.keys(), ZONE_CODES)
    zones = {}
    for code in ZONE_CODES:
        zones[code] = _load_zone(code, zones_table.table(code), limits)
    zones_table.done()
    return zones, limits


def _load_zone(code: str, t: Table, limits: DepthLimits) -> Zone:
    where = t.where
    name = t.text("name")
    region = t.text("region")
    expected_region: Region = "face" if code in FACE_ZONES else "body"
    if region != expected_region:
        raise ClinicalDataError(f"{where}.region: must be {expected_region!r} (vocabulary.md)")
    if not t.boolean("treatable", True):
        zone = Zone(code, name, expected_region, False, None, t.source("source"), None, "")
        t.done()
        return zone
    recommended = t.pair("recommended")
    cap = t.number("cap")
    if not recommended[1] <= cap <= limits.absolute_max_depth_mm:
        raise ClinicalDataError(
            f"{where}: needs recommended high ≤ cap ≤ {limits.absolute_max_depth_mm}"
        )
    caution_above = caution_source = None
    if t.has("caution_above"):
        caution_above = t.number("caution_above")
        caution_source = t.source("caution_above_source")
        if not caution_above < cap:
            raise ClinicalDataError(f"{where}.caution_above: must be below the cap")
    ranges = []
    named: set[str] = set()
    for r in t.tables("ranges"):
        indications = r.strings("indications")
        for indication in indications:
            if indication not in INDICATION_CODES or indication in named:
                raise ClinicalDataError(f"{r.where}: unknown or repeated indication {indication!r}")
            named.add(indication)
        low_high = r.pair("recommended")
        if low_high[1] > cap:
            raise ClinicalDataError(f"{r.where}.recommended: above the zone's cap")
        ranges.append(IndicationRange(indications, low_high, r.source("source")))
        r.done()
    for ind in INDICATIONS.values():
        if ind.recommended is not None and ind.recommended[1] > cap:
            raise ClinicalDataError(f"{where}: {ind.code}'s own range is above the zone's cap")
    zone = Zone(
        code=code,
        name=name,
        region=expected_region,
        treatable=True,
        recommended=recommended,
        recommended_source=t.source("recommended_source"),
        cap=cap,
        cap_source=t.source("cap_source"),
        caution_above=caution_above,
        caution_above_source=caution_source,
        ranges=tuple(ranges),
    )
    t.done()
    return zone


INDICATIONS: Final[Mapping[str, Indication]] = MappingProxyType(
    load_indications(read_data_file("indications.toml"))
)
_zones, LIMITS = load_zones(read_data_file("zones.toml"))
ZONES: Final[Mapping[str, Zone]] = MappingProxyType(_zones)
ABSOLUTE_MAX_DEPTH_MM: Final = LIMITS.absolute_max_depth_mm

"""Cautions that belong to a zone given the client's history: ``site_findings``.

With ``keloid_history`` on record, planning or charting the décolletage or the back raises a
``keloid_prone_site`` caution at that zone. The sites are a Needling default (no published
source names keloid-prone sites for microneedling), and the finding's source says so; the
history itself is a relative contraindication (microneedling.md §7). ``data/sites.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from needling.clinical._validate import require_bool, require_code
from needling.clinical.datafiles import ClinicalDataError, Table, read_data_file
from needling.clinical.findings import Finding
from needling.clinical.zones import ZONES

_top = Table(read_data_file("sites.toml"), "sites.toml")
_k = _top.table("keloid")
KELOID_HISTORY_CODE: Final = _k.text("history_code")
KELOID_CODE: Final = _k.text("code")
KELOID_SITES: Final = frozenset(_k.strings("zones"))
_KELOID_MESSAGE: Final = _k.text("message")
KELOID_SOURCE: Final = _k.source("source")
_k.done()


@dataclass(frozen=True, slots=True)
class Advice:
    """What a practitioner can do about a finding, with its source."""

    text: str
    source: str


_f = _top.table("fitzpatrick")
FITZPATRICK_FINDING_CODE: Final = _f.text("finding_code")
_advice = []
for _a in _f.tables("advice"):
    _advice.append(Advice(_a.text("text"), _a.source("source")))
    _a.done()
FITZPATRICK_ADVICE: Final[tuple[Advice, ...]] = tuple(_advice)
_f.done()
_top.done()
ADVICE: Final[dict[str, tuple[Advice, ...]]] = {FITZPATRICK_FINDING_CODE: FITZPATRICK_ADVICE}


def advice_for(code: str) -> tuple[Advice, ...]:
    """What a practitioner can do about the finding ``code`` (empty when nothing is listed)."""
    return ADVICE.get(code, ())


if not set(ZONES) >= KELOID_SITES:
    raise ClinicalDataError("sites.toml.keloid.zones: unknown zone code")


def site_findings(zone: str, *, keloid_history: bool = False) -> list[Finding]:
    """Findings for treating ``zone`` given the client's history (unknown zone: ValueError)."""
    code = require_code("zone", zone, ZONES)
    keloid_history = require_bool("keloid_history", keloid_history)
    if keloid_history and code in KELOID_SITES:
        name = ZONES[code].name.lower()
        return [Finding(KELOID_CODE, "caution", _KELOID_MESSAGE.format(zone=name), KELOID_SOURCE)]
    return []

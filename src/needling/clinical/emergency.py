"""Emergencies during a session: what to do, step by step, with sources (``EMERGENCIES``).

Local-anaesthetic systemic toxicity and anaphylaxis. Each has its signs, its steps and the
adverse-event kind to record it under. Loaded from ``data/emergency.toml``; every text carries its
source with a firmness tag (the guidelines are outside microneedling.md, which the file says).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from needling.clinical.datafiles import NO_SOURCE, ClinicalDataError, Table, read_data_file

_TAG = re.compile(r"\[(?:V|S|K|D|C)\b[^\]]*\]")
CODES: Final = ("local_anaesthetic_toxicity", "anaphylaxis")


@dataclass(frozen=True, slots=True)
class EmergencyStep:
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Emergency:
    code: str
    name: str
    adverse_kind: str
    signs: str
    signs_source: str
    steps: tuple[EmergencyStep, ...]


def _source(t: Table, key: str) -> str:
    text = t.text(key)
    if NO_SOURCE not in text and not _TAG.search(text):
        raise ClinicalDataError(f"{t.where}.{key}: a source needs a firmness tag or '{NO_SOURCE}'")
    return text


def _load() -> dict[str, Emergency]:
    where = "emergency.toml"
    top = Table(read_data_file(where), where)
    out = {}
    for code in CODES:
        t = top.table(code)
        steps = []
        for s in t.tables("steps"):
            steps.append(EmergencyStep(s.text("text"), _source(s, "source")))
            s.done()
        if not steps:
            raise ClinicalDataError(f"{where}.{code}: needs steps")
        out[code] = Emergency(
            code, t.text("name"), t.text("adverse_kind"), t.text("signs"),
            _source(t, "signs_source"), tuple(steps),
        )  # fmt: skip
        t.done()
    top.done()
    return out


EMERGENCIES: Final[Mapping[str, Emergency]] = MappingProxyType(_load())

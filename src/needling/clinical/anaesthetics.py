"""Topical anaesthetic rules: ``anaesthetic_findings`` (vocabulary.md, "Topical anaesthetics").

One finding per rule that fires. The thresholds and sources live in ``data/anaesthetics.toml``;
the area limit has no published source and says so. The contact time is the caller's, computed
from two datetimes (a session across midnight is right; times of day alone never are).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real
from typing import Final

from needling.clinical._validate import require_bool
from needling.clinical.datafiles import ClinicalDataError, Table, read_data_file
from needling.clinical.findings import Finding, by_severity


@dataclass(frozen=True, slots=True)
class AnaestheticRules:
    agents: dict[str, str]
    lidocaine_ceiling_pct: float
    lidocaine_ceiling_source: str
    large_area_cm2: float
    large_area_source: str
    long_contact_minutes: float
    long_contact_source: str
    occlusion_source: str
    wrapped_or_large_source: str
    combination_source: str
    needled_skin_source: str


def _load() -> AnaestheticRules:
    where = "anaesthetics.toml"
    t = Table(read_data_file(where), where)
    codes = t.strings("agents")
    names = t.table("agent_names")
    agents = {code: names.text(code) for code in codes}
    names.done()
    if tuple(codes) != ("lidocaine", "prilocaine", "tetracaine", "benzocaine"):
        raise ClinicalDataError(f"{where}.agents: codes differ from vocabulary.md")
    rules = AnaestheticRules(
        agents=agents,
        lidocaine_ceiling_pct=t.number("lidocaine_ceiling_pct"),
        lidocaine_ceiling_source=t.source("lidocaine_ceiling_source"),
        large_area_cm2=t.number("large_area_cm2"),
        large_area_source=t.source("large_area_source"),
        long_contact_minutes=t.number("long_contact_minutes"),
        long_contact_source=t.source("long_contact_source"),
        occlusion_source=t.source("occlusion_source"),
        wrapped_or_large_source=t.source("wrapped_or_large_source"),
        combination_source=t.source("combination_source"),
        needled_skin_source=t.source("needled_skin_source"),
    )
    t.done()
    return rules


ANAESTHETIC_RULES: Final = _load()
ANAESTHETIC_AGENTS: Final[dict[str, str]] = dict(ANAESTHETIC_RULES.agents)
"""Agent codes (lidocaine, prilocaine, tetracaine, benzocaine) and their names."""


def _number(value: float) -> str:
    return f"{value:g}"


def _real(name: str, value: object, *, minimum: float = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError) as exc:
        raise ValueError(f"{name}: {value!r} is not a finite number") from exc
    if not math.isfinite(number):
        raise ValueError(f"{name}: {value!r} is not a finite number")
    if number < minimum:
        raise ValueError(f"{name}: {value!r} must not be negative")
    return number


def require_agents(agents: object) -> dict[str, float]:
    """``{agent code: strength in percent}``, each strength above 0 and at most 100."""
    if not isinstance(agents, Mapping):
        raise ValueError(f"agents: expected a mapping of agent codes to strengths, got {agents!r}")
    if not agents:
        raise ValueError("agents: name at least one active ingredient")
    out: dict[str, float] = {}
    for code, strength in agents.items():
        if not isinstance(code, str) or code not in ANAESTHETIC_AGENTS:
            raise ValueError(
                f"agents: unknown agent code {code!r}; expected one of "
                f"{', '.join(ANAESTHETIC_AGENTS)}"
            )
        pct = _real(f"agents[{code!r}]", strength)
        if not 0 < pct <= 100:
            raise ValueError(f"agents[{code!r}]: a strength must be above 0 % and at most 100 %")
        out[code] = pct
    return out


def anaesthetic_findings(
    *,
    agents: Mapping[str, float | Decimal],
    area_cm2: float | Decimal,
    contact_minutes: float | Decimal,
    occluded: bool,
    on_needled_skin: bool = False,
) -> list[Finding]:
    strengths = require_agents(agents)
    area = _real("area_cm2", area_cm2)
    minutes = _real("contact_minutes", contact_minutes)
    occluded = require_bool("occluded", occluded)
    on_needled_skin = require_bool("on_needled_skin", on_needled_skin)
    r = ANAESTHETIC_RULES
    ceiling = _number(r.lidocaine_ceiling_pct)
    lidocaine = strengths.get("lidocaine")
    strong = lidocaine is not None and lidocaine > r.lidocaine_ceiling_pct
    large = area > r.large_area_cm2
    findings: list[Finding] = []
    if strong:
        findings.append(
            Finding(
                "lidocaine_above_4pct",
                "caution",
                f"This product has {_number(lidocaine or 0)} % lidocaine, more than the "
                f"{ceiling} % allowed without a prescription: it can cause an irregular "
                "heartbeat, seizures or breathing difficulty. Use it only on a prescriber's "
                "order, on a small area, for a short time.",
                r.lidocaine_ceiling_source,
            )
        )
        if occluded or large:
            where = "wrapped" if occluded else f"on more than {_number(r.large_area_cm2)} cm²"
            findings.append(
                Finding(
                    "strong_lidocaine_wrapped_or_large",
                    "stop",
                    f"Lidocaine stronger than {ceiling} % {where}: deaths have followed strong "
                    "numbing creams used this way. Remove it; go ahead only with a written reason.",
                    r.wrapped_or_large_source,
                )
            )
    if len(strengths) >= 2 and any(s > r.lidocaine_ceiling_pct for s in strengths.values()):
        findings.append(
            Finding(
                "combination_above_4pct",
                "caution",
                f"A combination of {len(strengths)} numbing agents with one above {ceiling} %: "
                "deaths have followed compounded mixtures such as lidocaine with tetracaine. "
                "Keep the area small and the time short.",
                r.combination_source,
            )
        )
    if occluded:
        findings.append(
            Finding(
                "occluded",
                "caution",
                "The numbing cream is covered (wrapped): covering it increases how much is "
                "absorbed. Keep the area small and the time short.",
                r.occlusion_source,
            )
        )
    if minutes > r.long_contact_minutes:
        findings.append(
            Finding(
                "long_contact",
                "caution",
                f"The numbing cream has been on for {_number(minutes)} minutes, more than "
                f"{_number(r.long_contact_minutes)}: absorption rises with time. Remove it now "
                "and note the time.",
                r.long_contact_source,
            )
        )
    if large:
        findings.append(
            Finding(
                "large_area",
                "caution",
                f"A large area ({_number(area)} cm², more than {_number(r.large_area_cm2)} cm²): "
                "absorption rises with the area covered. Treat in parts.",
                r.large_area_source,
            )
        )
    if on_needled_skin:
        findings.append(
            Finding(
                "on_needled_skin",
                "stop",
                "The numbing cream was applied after needling started, on open micro-channels "
                "that absorb far more of it. Remove it; go ahead only with a written reason.",
                r.needled_skin_source,
            )
        )
    return by_severity(findings)

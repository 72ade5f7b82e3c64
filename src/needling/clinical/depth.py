"""Depth guidance per zone and indication, and the depth check (set needle depth, mm).

A depth is a finding, never an error: only a negative or non-finite depth raises. Above the
recommended range is a caution; above the zone's cap a stop a practitioner may override; any depth
on the eyelids or more than the absolute limit (3.0 mm) a stop nobody may override. Only the
highest of these three bands is reported. Independently, a depth above a zone's ``caution_above``
(cheeks: 1.5 mm, not evaluated in device labelling) is a caution, a depth above an indication's
own ``caution_above`` (product penetration: 0.5 mm, Lima 2013) is a caution, and Fitzpatrick
types IV to VI get an information note on pigmentation.
"""

from __future__ import annotations

from dataclasses import dataclass

from needling.clinical._format import mm, mm_range
from needling.clinical._validate import require_code, require_int, require_number
from needling.clinical.findings import Finding, by_severity
from needling.clinical.overrides import ClinicOverrides, require_overrides
from needling.clinical.zones import INDICATIONS, LIMITS, ZONES, Zone


@dataclass(frozen=True, slots=True)
class DepthGuidance:
    """``recommended`` and ``cap`` are None for a zone that is never treated (eyelids).

    ``findings`` are the notes that hold at any depth (the eyelid stop, the Fitzpatrick note).
    """

    zone: str
    indication: str
    recommended: tuple[float, float] | None
    cap: float | None
    source: str
    absolute_max_mm: float = LIMITS.absolute_max_depth_mm
    caution_above: float | None = None
    findings: tuple[Finding, ...] = ()


def depth_guidance(
    zone: str,
    indication: str,
    *,
    fitzpatrick: int | None = None,
    overrides: ClinicOverrides | None = None,
) -> DepthGuidance:
    z, indication, fitzpatrick, clinic = _arguments(zone, indication, fitzpatrick, overrides)
    notes = tuple(_standing_findings(z, fitzpatrick))
    if not z.treatable:
        return DepthGuidance(z.code, indication, None, None, z.source, findings=notes)
    recommended, recommended_source = clinic.recommended(z, indication)
    cap, cap_source = clinic.cap(z)
    source = f"Recommended: {recommended_source}. Cap: {cap_source}"
    if z.caution_above is not None and cap is not None and z.caution_above < cap:
        source += f". Caution above {mm(z.caution_above)} mm: {z.caution_above_source}"
        caution_above: float | None = z.caution_above
    else:
        caution_above = None
    return DepthGuidance(
        z.code,
        indication,
        recommended,
        cap,
        source,
        caution_above=caution_above,
        findings=notes,
    )


def check_depth(
    zone: str,
    indication: str,
    depth_mm: float,
    *,
    fitzpatrick: int | None = None,
    overrides: ClinicOverrides | None = None,
) -> list[Finding]:
    z, indication, fitzpatrick, clinic = _arguments(zone, indication, fitzpatrick, overrides)
    depth = require_number("depth_mm", depth_mm, minimum=0)
    guidance = depth_guidance(z.code, indication, fitzpatrick=fitzpatrick, overrides=clinic)
    findings = list(guidance.findings)
    shown = f"{mm(depth)} mm"
    limit = LIMITS.absolute_max_depth_mm
    if depth > limit:
        findings.append(
            Finding(
                "depth_above_absolute_limit",
                "stop",
                f"A depth of {shown} is more than the absolute limit of {mm(limit)} mm, "
                "which no one may exceed.",
                LIMITS.absolute_max_depth_source,
                overridable=False,
            )
        )
    elif guidance.cap is not None and depth > guidance.cap:
        _, cap_source = clinic.cap(z)
        findings.append(
            Finding(
                "depth_above_cap",
                "stop",
                f"A depth of {shown} is above the cap of {mm(guidance.cap)} mm for the "
                f"{z.name.lower()}; a practitioner may go ahead only with a written reason.",
                cap_source,
            )
        )
    elif guidance.recommended is not None and depth > guidance.recommended[1]:
        low, high = guidance.recommended
        _, range_source = clinic.recommended(z, indication)
        findings.append(
            Finding(
                "depth_above_recommended",
                "caution",
                f"A depth of {shown} is above the recommended {mm_range(low, high)} for "
                f"{INDICATIONS[indication].name.lower()} on the {z.name.lower()}.",
                range_source,
            )
        )
    if guidance.caution_above is not None and depth > guidance.caution_above:
        findings.append(
            Finding(
                "depth_not_evaluated",
                "caution",
                f"A depth of {shown} on the {z.name.lower()} is above "
                f"{mm(guidance.caution_above)} mm, where device labelling has not evaluated safety "
                "and effectiveness.",
                z.caution_above_source or "",
            )
        )
    ind = INDICATIONS[indication]
    if ind.caution_above is not None and ind.caution_code and depth > ind.caution_above:
        findings.append(
            Finding(
                ind.caution_code,
                "caution",
                f"A depth of {shown} is deeper than {mm(ind.caution_above)} mm, the depth used "
                "to help a product into the skin: deep channels carry products into the "
                "dermis, which is how the published granulomas arose.",
                ind.caution_above_source or "",
            )
        )
    return by_severity(findings)


def _arguments(
    zone: object, indication: object, fitzpatrick: object, overrides: object
) -> tuple[Zone, str, int | None, ClinicOverrides]:
    z = ZONES[require_code("zone", zone, ZONES)]
    code = require_code("indication", indication, INDICATIONS)
    skin = (
        None
        if fitzpatrick is None
        else require_int("fitzpatrick", fitzpatrick, minimum=1, maximum=6)
    )
    return z, code, skin, require_overrides(overrides)


def _standing_findings(zone: Zone, fitzpatrick: int | None) -> list[Finding]:
    findings = []
    if not zone.treatable:
        findings.append(
            Finding(
                "zone_not_treatable",
                "stop",
                f"The {zone.name.lower()} are never needled: treatment stays outside the "
                "orbital rim.",
                zone.source,
                overridable=False,
            )
        )
    if fitzpatrick is not None and fitzpatrick >= LIMITS.fitzpatrick_note_from:
        findings.append(
            Finding(
                "fitzpatrick_pigmentation_risk",
                "info",
                "Skin types IV to VI have a higher risk of dark marks after treatment "
                "(post-inflammatory hyperpigmentation).",
                LIMITS.fitzpatrick_note_source,
            )
        )
    return findings

"""Clinic overrides: a clinic may tighten the defaults, never loosen them.

``ClinicOverrides`` is plain data (store it as JSON with ``to_dict()``, read it back with
``validate_overrides()``). Every field may only make the software stricter:

- ``zone_caps``: a lower cap for a zone (mm; above 0, at most the default cap; not for eyelids,
  which are never treated).
- ``zone_recommended_max``: a lower top of a zone's recommended ranges (mm; above 0, at most the
  zone's highest default); each range is clipped to it.
- ``protocol_min_days``: a longer minimum interval for a protocol (days; at least the default,
  at most 3650). The latest date moves out with it when needed.
- ``screening_severity``: a stricter severity for an intake rule (info → caution → stop). For
  ``date_of_birth`` it applies to the 18-to-21 band.
- ``screening_windows``: a longer look-back window for a dated intake rule, as
  ``{"days": n}`` or ``{"months": n}`` (at most ten years). Across units the window must be
  longer on every calendar (a month counts as 28 days when new, 31 days when default).

Anything else, including an override that would loosen a default or touch a hard limit, raises
``ValueError`` naming the field and code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from needling.clinical._format import mm, mm_range
from needling.clinical._validate import require_code, require_int, require_mapping, require_number
from needling.clinical.findings import SEVERITIES, SEVERITY_RANK, Severity
from needling.clinical.intake import SCREENING_RULES, ScreeningRule, Window
from needling.clinical.protocols import PROTOCOLS, Protocol
from needling.clinical.zones import ZONES, Zone

MAX_INTERVAL_DAYS: Final = 3650
MAX_WINDOW_DAYS: Final = 3650
_FIELDS: Final = (
    "zone_caps",
    "zone_recommended_max",
    "protocol_min_days",
    "screening_severity",
    "screening_windows",
)


def _empty() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True)
class ClinicOverrides:
    zone_caps: Mapping[str, float] = field(default_factory=_empty)  # type: ignore[arg-type]
    zone_recommended_max: Mapping[str, float] = field(default_factory=_empty)  # type: ignore[arg-type]
    protocol_min_days: Mapping[str, int] = field(default_factory=_empty)  # type: ignore[arg-type]
    screening_severity: Mapping[str, Severity] = field(default_factory=_empty)  # type: ignore[arg-type]
    screening_windows: Mapping[str, Window] = field(default_factory=_empty)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        checks = {
            "zone_caps": _zone_cap,
            "zone_recommended_max": _zone_recommended_max,
            "protocol_min_days": _protocol_min_days,
            "screening_severity": _severity,
            "screening_windows": _window,
        }
        for name, check in checks.items():
            given = require_mapping(name, getattr(self, name))
            checked = {code: check(code, value) for code, value in given.items()}
            object.__setattr__(self, name, MappingProxyType(checked))

    # -- effective values -------------------------------------------------------------------

    def cap(self, zone: Zone) -> tuple[float | None, str]:
        """The zone's cap and its source, after this clinic's override."""
        if zone.code in self.zone_caps:
            value = self.zone_caps[zone.code]
            return value, (
                f"Clinic override: cap lowered from {mm(zone.cap or 0)} mm to {mm(value)} mm "
                f"(default: {zone.cap_source})"
            )
        return zone.cap, zone.cap_source

    def recommended(self, zone: Zone, indication: str) -> tuple[tuple[float, float] | None, str]:
        """The recommended range for an indication and its source, clipped to the cap and to
        this clinic's recommended maximum."""
        default, source = zone.range_for(indication)
        if default is None:
            return None, source
        cap, _ = self.cap(zone)
        top = min(default[1], self.zone_recommended_max.get(zone.code, default[1]), cap or 0.0)
        if top == default[1]:
            return default, source
        clipped = (min(default[0], top), top)
        return clipped, (
            f"Clinic override: recommended range tightened from {mm_range(*default)} "
            f"to {mm_range(*clipped)} (default: {source})"
        )

    def protocol(self, code: str) -> Protocol:
        protocol = PROTOCOLS[code]
        if code not in self.protocol_min_days:
            return protocol
        min_days = self.protocol_min_days[code]
        return dataclasses.replace(
            protocol,
            min_days=min_days,
            max_days=max(protocol.max_days, min_days),
            min_days_source=(
                f"Clinic override: minimum interval lengthened from {protocol.min_days} to "
                f"{min_days} days (default: {protocol.min_days_source})"
            ),
        )

    def rule(self, code: str) -> ScreeningRule:
        rule = SCREENING_RULES[code]
        severity = self.screening_severity.get(code)
        window = self.screening_windows.get(code)
        if severity is None and window is None:
            return rule
        changes = []
        if severity is not None:
            changes.append(f"severity raised from {rule.severity} to {severity}")
        if window is not None and rule.window is not None:
            changes.append(f"window lengthened from {rule.window.text} to {window.text}")
        tightened = rule.tightened(severity=severity, window=window)
        return dataclasses.replace(
            tightened,
            message=tightened.message + _STRICTER.get(severity or "", ""),
            message_stop=tightened.message_stop,
            source=f"Clinic override: {'; '.join(changes)} (default: {rule.source})",
        )

    # -- storage ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, dict[str, object]]:
        """A JSON-ready mapping that ``validate_overrides`` turns back into the same object."""
        return {
            "zone_caps": dict(self.zone_caps),
            "zone_recommended_max": dict(self.zone_recommended_max),
            "protocol_min_days": dict(self.protocol_min_days),
            "screening_severity": dict(self.screening_severity),
            "screening_windows": {
                code: {w.unit: w.amount} for code, w in self.screening_windows.items()
            },
        }


# Appended to a rule's message when a clinic has raised its severity.
_STRICTER: Final = {
    "caution": " This clinic asks a practitioner to review this before treatment.",
    "stop": " This clinic does not treat in this case.",
}


def validate_overrides(data: object) -> ClinicOverrides:
    """Check a stored (JSON) override mapping and return it as ``ClinicOverrides``.

    Raises ``ValueError`` naming the field and code of anything unknown, malformed or looser than
    the default."""
    mapping = require_mapping("overrides", data)
    unknown = sorted(set(mapping) - set(_FIELDS))
    if unknown:
        raise ValueError(f"overrides: unknown field(s) {', '.join(unknown)}")
    return ClinicOverrides(**mapping)  # type: ignore[arg-type]


def drop_loosenings(data: object) -> tuple[dict[str, dict[str, object]], list[str]]:
    """A stored override mapping without the entries that no longer tighten a default (a
    default made stricter since, such as ``allergy_topical_anaesthetic`` becoming a stop, turns
    a clinic's old "caution" into a loosening). Returns the cleaned mapping, which
    ``validate_overrides`` accepts, and the ``field.code`` of each entry removed, for the audit
    log. Unknown fields raise ``ValueError`` as in ``validate_overrides``."""
    mapping = require_mapping("overrides", data)
    unknown = sorted(set(mapping) - set(_FIELDS))
    if unknown:
        raise ValueError(f"overrides: unknown field(s) {', '.join(unknown)}")
    kept: dict[str, dict[str, object]] = {}
    removed: list[str] = []
    for name, entries in mapping.items():
        kept[name] = {}
        for code, value in require_mapping(f"overrides.{name}", entries).items():
            try:
                ClinicOverrides(**{name: {code: value}})  # type: ignore[arg-type]
            except ValueError:
                removed.append(f"{name}.{code}")
                continue
            kept[name][code] = value
    return kept, removed


def require_overrides(value: object) -> ClinicOverrides:
    if value is None:
        return NO_OVERRIDES
    if not isinstance(value, ClinicOverrides):
        raise ValueError(f"overrides: expected ClinicOverrides or None, got {value!r}")
    return value


def _treatable_zone(name: str, code: str) -> Zone:
    zone = ZONES[require_code(f"{name}: zone", code, ZONES)]
    if not zone.treatable:
        raise ValueError(f"{name}.{code}: {zone.name} are never treated; this cannot be changed")
    return zone


def _zone_cap(code: str, value: object) -> float:
    zone = _treatable_zone("zone_caps", code)
    assert zone.cap is not None
    return require_number(f"zone_caps.{code}", value, positive=True, maximum=zone.cap)


def _zone_recommended_max(code: str, value: object) -> float:
    zone = _treatable_zone("zone_recommended_max", code)
    highest = max(r[1] for r in [zone.recommended, *(e.recommended for e in zone.ranges)] if r)
    return require_number(f"zone_recommended_max.{code}", value, positive=True, maximum=highest)


def _protocol_min_days(code: str, value: object) -> int:
    protocol = PROTOCOLS[require_code("protocol_min_days: protocol", code, PROTOCOLS)]
    return require_int(
        f"protocol_min_days.{code}", value, minimum=protocol.min_days, maximum=MAX_INTERVAL_DAYS
    )


def _severity(code: str, value: object) -> Severity:
    rule = SCREENING_RULES[require_code("screening_severity: intake code", code, SCREENING_RULES)]
    severity = require_code(f"screening_severity.{code}", value, SEVERITIES)
    if SEVERITY_RANK[severity] < SEVERITY_RANK[rule.severity]:
        raise ValueError(
            f"screening_severity.{code}: {severity!r} is milder than the default "
            f"{rule.severity!r}; a clinic may only tighten"
        )
    return severity  # type: ignore[return-value]


def _window(code: str, value: object) -> Window:
    rule = SCREENING_RULES[require_code("screening_windows: intake code", code, SCREENING_RULES)]
    name = f"screening_windows.{code}"
    if rule.window is None:
        raise ValueError(f"{name}: {code} has no look-back window")
    if not isinstance(value, Window):
        spec = require_mapping(name, value)
        if len(spec) != 1 or next(iter(spec)) not in ("days", "months"):
            raise ValueError(f"{name}: expected {{'days': n}} or {{'months': n}}, got {value!r}")
        unit, amount = next(iter(spec.items()))
        value = Window(require_int(f"{name}.{unit}", amount, minimum=1), unit)  # type: ignore[arg-type]
    default = rule.window
    if value.unit == default.unit:
        shorter = value.amount < default.amount
    else:
        shorter = value.shortest_days < default.longest_days
    if shorter:
        raise ValueError(
            f"{name}: {value.text} is shorter than the default {default.text}; "
            "a clinic may only lengthen it"
        )
    if value.longest_days > MAX_WINDOW_DAYS:
        raise ValueError(f"{name}: {value.text} is longer than ten years")
    return value


NO_OVERRIDES: Final = ClinicOverrides()

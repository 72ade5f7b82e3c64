"""The clinical core of Needling: pure Python, no Django.

The public contract is ``docs/domain/vocabulary.md``: every name there is importable from this
package. Numbers live in the TOML files of ``data/``, each with the entry of ``microneedling.md``
it comes from and its firmness tag. Invalid input raises ``ValueError`` naming the culprit.
Dates are ``datetime.date`` (a ``datetime`` is refused); lengths are millimetres.
"""

from needling.clinical.aftercare import AftercareStep, aftercare_plan
from needling.clinical.anaesthetics import ANAESTHETIC_AGENTS, anaesthetic_findings
from needling.clinical.booking import BookingDecision, booking_decision
from needling.clinical.datafiles import NO_SOURCE, ClinicalDataError
from needling.clinical.depth import DepthGuidance, check_depth, depth_guidance
from needling.clinical.devices import pen_punctures_per_second, roller_punctures_per_cm2
from needling.clinical.emergency import EMERGENCIES, Emergency, EmergencyStep
from needling.clinical.findings import SEVERITIES, VERDICTS, Finding, Severity, Verdict, verdict_of
from needling.clinical.followup import FOLLOW_UP_MONTHS, follow_up_schedule
from needling.clinical.intake import SCREENING_RULES, ScreeningRule, Window
from needling.clinical.overrides import ClinicOverrides, validate_overrides
from needling.clinical.protocols import PROTOCOLS, Protocol
from needling.clinical.reference import reference_markdown
from needling.clinical.scales import AREA_UNITS, SCALES, Scale, ScaleItem, Score, area_to_cm2, score
from needling.clinical.screening import Screening, screen
from needling.clinical.sites import KELOID_SITES, Advice, advice_for, site_findings
from needling.clinical.topicals import topical_findings
from needling.clinical.zones import (
    ABSOLUTE_MAX_DEPTH_MM,
    FACE_ZONES,
    INDICATIONS,
    ZONES,
    Indication,
    Zone,
)

__all__ = [
    "ABSOLUTE_MAX_DEPTH_MM",
    "ANAESTHETIC_AGENTS",
    "AREA_UNITS",
    "EMERGENCIES",
    "FACE_ZONES",
    "FOLLOW_UP_MONTHS",
    "INDICATIONS",
    "KELOID_SITES",
    "NO_SOURCE",
    "PROTOCOLS",
    "SCALES",
    "SCREENING_RULES",
    "SEVERITIES",
    "VERDICTS",
    "ZONES",
    "Advice",
    "AftercareStep",
    "BookingDecision",
    "ClinicOverrides",
    "ClinicalDataError",
    "DepthGuidance",
    "Emergency",
    "EmergencyStep",
    "Finding",
    "Indication",
    "Protocol",
    "Scale",
    "ScaleItem",
    "Score",
    "Screening",
    "ScreeningRule",
    "Severity",
    "Verdict",
    "Window",
    "Zone",
    "advice_for",
    "aftercare_plan",
    "anaesthetic_findings",
    "area_to_cm2",
    "booking_decision",
    "check_depth",
    "depth_guidance",
    "follow_up_schedule",
    "pen_punctures_per_second",
    "reference_markdown",
    "roller_punctures_per_cm2",
    "score",
    "screen",
    "site_findings",
    "topical_findings",
    "validate_overrides",
    "verdict_of",
]

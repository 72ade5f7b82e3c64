"""Code systems and the few verified standard codes (docs/domain/interop.md §5.2).

No SNOMED CT concept for microneedling was found, so the procedure is a local code; body sites use
a SNOMED code only where interop.md lists a verified one, and every zone also carries its local
code. Never add a SNOMED code here that nobody checked on a terminology server.
"""

from __future__ import annotations

SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
LOCAL = "urn:needling:fhir:CodeSystem:"  # a URN, so no web address is implied

PROCEDURES = LOCAL + "aesthetic-procedures"
ZONES = LOCAL + "zones"
OBSERVATIONS = LOCAL + "observations"
END_POINTS = LOCAL + "end-points"
SCALES = LOCAL + "outcome-scales"
ADVERSE = LOCAL + "adverse-events"
INDICATIONS = LOCAL + "indications"
CLIENT_ID = LOCAL + "client-id"

# Verified body sites (HL7 Belgium value sets, interop.md §5.2): the nearest one for a zone.
ZONE_SNOMED: dict[str, tuple[str, str]] = {
    "nose": ("45206002", "Nose"),
    "cheeks": ("60819002", "Buccal region of face"),
    "perioral": ("123851003", "Mouth region"),
    "scalp": ("69536005", "Head structure"),
}
FACE_ZONES = frozenset(
    {"forehead", "glabella", "temples", "periorbital", "chin", "jawline"}
)  # inside the verified "Entire face" (302549007)
ENTIRE_FACE = ("302549007", "Entire face")

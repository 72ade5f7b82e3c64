"""Our records as FHIR R4 resources (docs/domain/interop.md §5.1).

Each builder returns the resource as JSON-ready dict after fhir.resources' R4B model has accepted
it. Only elements that R4 (4.0.1) also has are used, so HL7's R4 schema is the judge (the tests
validate every resource against it). Ids are typed prefixes and database keys: no name and no
clinical text ever appears in an id or a URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.adverseevent import AdverseEvent as FhirAdverseEvent
from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.device import Device as FhirDevice
from fhir.resources.R4B.encounter import Encounter
from fhir.resources.R4B.location import Location as FhirLocation
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.procedure import Procedure

from needling.fhir import codes

_MODELS: dict[str, Any] = {
    "AdverseEvent": FhirAdverseEvent,
    "Appointment": FhirAppointment,
    "CarePlan": CarePlan,
    "Consent": Consent,
    "Device": FhirDevice,
    "Encounter": Encounter,
    "Location": FhirLocation,
    "Observation": Observation,
    "Organization": Organization,
    "Patient": Patient,
    "Practitioner": Practitioner,
    "PractitionerRole": PractitionerRole,
    "Procedure": Procedure,
}
TYPES = tuple(sorted(_MODELS))


def _checked(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource, once its R4B model accepts it (a wrong element fails loudly, here)."""
    _MODELS[resource["resourceType"]].model_validate(resource)
    return resource


def _instant(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _meta(updated: datetime | None) -> dict[str, Any]:
    return {"lastUpdated": _instant(updated)} if updated else {}


def _ref(kind: str, ident: object) -> dict[str, str]:
    return {"reference": f"{kind}/{ident}"}


def _code(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def _drop_empty(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


def _mm(value: Decimal | float) -> dict[str, Any]:
    return {"value": float(value), "unit": "mm", "system": codes.UCUM, "code": "mm"}


# -- people and places ----------------------------------------------------------------------------


def organization(clinic: Any) -> dict[str, Any]:
    return _checked({"resourceType": "Organization", "id": str(clinic.pk), "name": clinic.name})


def location(loc: Any) -> dict[str, Any]:
    return _checked(
        _drop_empty(
            {
                "resourceType": "Location",
                "id": str(loc.pk),
                "status": "active",
                "name": loc.name,
                "address": {"text": loc.address} if loc.address else None,
                "telecom": [{"system": "phone", "value": loc.phone}] if loc.phone else None,
                "managingOrganization": _ref("Organization", loc.clinic_id),
            }
        )
    )


def practitioner(member: Any) -> dict[str, Any]:
    user = member.user
    # The name as the person gave it: a text, not split into parts we would have to guess.
    return _checked(
        {
            "resourceType": "Practitioner",
            "id": str(user.pk),
            "active": bool(member.active and user.is_active),
            "name": [{"text": (user.full_name or user.email).strip()}],
        }
    )


def practitioner_role(member: Any) -> dict[str, Any]:
    return _checked(
        _drop_empty(
            {
                "resourceType": "PractitionerRole",
                "id": str(member.pk),
                "active": bool(member.active),
                "practitioner": _ref("Practitioner", member.user_id),
                "organization": _ref("Organization", member.clinic_id),
                "code": [{"text": member.get_role_display()}],
                "specialty": [{"text": member.title}] if member.title else None,
            }
        )
    )


def patient(client: Any) -> dict[str, Any]:
    telecom = []
    if client.phone:
        telecom.append({"system": "phone", "value": client.phone})
    if client.email:
        telecom.append({"system": "email", "value": client.email})
    return _checked(
        _drop_empty(
            {
                "resourceType": "Patient",
                "id": str(client.pk),
                "meta": _meta(client.updated_at),
                "identifier": [{"system": codes.CLIENT_ID, "value": str(client.pk)}],
                "active": True,
                "name": [{"family": client.last_name, "given": [client.first_name]}],
                "telecom": telecom,
                "birthDate": client.date_of_birth.isoformat() if client.date_of_birth else None,
                "managingOrganization": _ref("Organization", client.clinic_id),
            }
        )
    )


def fitzpatrick(client: Any) -> dict[str, Any] | None:
    """Fitzpatrick skin type as an Observation with a local code (no verified LOINC code)."""
    if not client.fitzpatrick_type:
        return None
    return _checked(
        {
            "resourceType": "Observation",
            "id": f"fitz-{client.pk}",
            "status": "final",
            "code": _code(codes.OBSERVATIONS, "fitzpatrick-skin-type", "Fitzpatrick skin type"),
            "subject": _ref("Patient", client.pk),
            "valueInteger": int(client.fitzpatrick_type),
        }
    )


# -- the course and its sessions ------------------------------------------------------------------


_APPOINTMENT_STATUS = {
    "booked": "booked",
    "done": "fulfilled",
    "cancelled": "cancelled",
    "no_show": "noshow",
}


def appointment(a: Any) -> dict[str, Any]:
    status = {
        "booked": "booked",
        "done": "fulfilled",
        "cancelled": "cancelled",
        "no_show": "noshow",
    }[a.status]
    participants = [
        {"actor": _ref("Patient", a.client_id), "status": "accepted"},
        {"actor": _ref("Location", a.location_id), "status": "accepted"},
    ]
    if a.practitioner_id:
        participants.append(
            {"actor": _ref("Practitioner", a.practitioner_id), "status": "accepted"}
        )
    return _checked(
        {
            "resourceType": "Appointment",
            "id": str(a.pk),
            "meta": _meta(a.updated_at),
            "status": status,
            "appointmentType": {"text": a.get_kind_display()},
            "start": _instant(a.start),
            "end": _instant(a.end),
            "participant": participants,
        }
    )


def encounter(s: Any) -> dict[str, Any]:
    return _checked(
        {
            "resourceType": "Encounter",
            "id": str(s.pk),
            "meta": _meta(s.updated_at),
            "status": "finished",
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "AMB",
                "display": "ambulatory",
            },
            "subject": _ref("Patient", s.client_id),
            "participant": [{"individual": _ref("Practitioner", s.practitioner_id)}],
            "period": {"start": s.session_date.isoformat(), "end": s.session_date.isoformat()},
        }
    )


def _devices_used(s: Any) -> list[dict[str, Any]]:
    used = []
    if s.device_id:
        used.append({"manipulated": _ref("Device", f"dev-{s.device_id}")})
    if s.lot_id:
        used.append({"manipulated": _ref("Device", f"lot-{s.lot_id}")})
    return used


def session_procedure(s: Any) -> dict[str, Any]:
    return _checked(
        _drop_empty(
            {
                "resourceType": "Procedure",
                "id": f"s{s.pk}",
                "meta": _meta(s.updated_at),
                "status": "completed",
                "code": _code(codes.PROCEDURES, "microneedling", "Microneedling"),
                "subject": _ref("Patient", s.client_id),
                "encounter": _ref("Encounter", s.pk),
                "basedOn": [_ref("CarePlan", s.plan_id)] if s.plan_id else None,
                "performedDateTime": s.session_date.isoformat(),
                "performer": [{"actor": _ref("Practitioner", s.practitioner_id)}],
                "focalDevice": _devices_used(s),
            }
        )
    )


def _body_site(zone: str, name: str) -> dict[str, Any]:
    codings = [{"system": codes.ZONES, "code": zone, "display": name}]
    if zone in codes.ZONE_SNOMED:
        code, display = codes.ZONE_SNOMED[zone]
        codings.append({"system": codes.SNOMED, "code": code, "display": display})
    elif zone in codes.FACE_ZONES:
        code, display = codes.ENTIRE_FACE
        codings.append({"system": codes.SNOMED, "code": code, "display": display})
    return {"coding": codings, "text": name}


def zone_procedure(z: Any) -> dict[str, Any]:
    s = z.session
    return _checked(
        {
            "resourceType": "Procedure",
            "id": f"z{z.pk}",
            "meta": _meta(z.updated_at),
            "partOf": [_ref("Procedure", f"s{s.pk}")],
            "status": "completed",
            "code": _code(codes.PROCEDURES, "microneedling", "Microneedling"),
            "subject": _ref("Patient", s.client_id),
            "encounter": _ref("Encounter", s.pk),
            "performedDateTime": s.session_date.isoformat(),
            "bodySite": [_body_site(z.zone, z.get_zone_display())],
            "reasonCode": [_code(codes.INDICATIONS, z.indication)],
        }
    )


def zone_observations(z: Any) -> list[dict[str, Any]]:
    s = z.session
    common = {
        "resourceType": "Observation",
        "status": "final",
        "partOf": [_ref("Procedure", f"z{z.pk}")],
        "subject": _ref("Patient", s.client_id),
        "encounter": _ref("Encounter", s.pk),
        "effectiveDateTime": s.session_date.isoformat(),
        "bodySite": _body_site(z.zone, z.get_zone_display()),
    }
    depth = {
        **common,
        "id": f"depth-{z.pk}",
        "code": _code(codes.OBSERVATIONS, "needle-depth", "Needle depth"),
        "valueQuantity": _mm(z.depth_mm),
    }
    passes = {
        **common,
        "id": f"passes-{z.pk}",
        "code": _code(codes.OBSERVATIONS, "passes", "Passes"),
        "valueInteger": int(z.passes),
    }
    end_point = {
        **common,
        "id": f"endpoint-{z.pk}",
        "code": _code(codes.OBSERVATIONS, "end-point", "Clinical end point"),
        "valueCodeableConcept": _code(codes.END_POINTS, z.end_point, z.get_end_point_display()),
    }
    return [_checked(depth), _checked(passes), _checked(end_point)]


def device(d: Any) -> dict[str, Any]:
    return _checked(
        _drop_empty(
            {
                "resourceType": "Device",
                "id": f"dev-{d.pk}",
                "status": "active" if getattr(d, "active", True) else "inactive",
                "serialNumber": d.serial or None,
                "modelNumber": d.model or None,
                "deviceName": [{"name": d.name, "type": "user-friendly-name"}],
                "type": {"text": d.get_kind_display()},
                "owner": _ref("Organization", d.clinic_id),
            }
        )
    )


def lot(lot_row: Any) -> dict[str, Any]:
    return _checked(
        _drop_empty(
            {
                "resourceType": "Device",
                "id": f"lot-{lot_row.pk}",
                "status": "inactive" if lot_row.recalled else "active",
                "lotNumber": lot_row.lot_number,
                "expirationDate": lot_row.expiry.isoformat() if lot_row.expiry else None,
                "deviceName": [{"name": lot_row.product, "type": "user-friendly-name"}],
                "type": {"text": lot_row.get_kind_display()},
                "owner": _ref("Organization", lot_row.clinic_id),
            }
        )
    )


def adverse_event(e: Any) -> dict[str, Any]:
    severity = e.severity  # mild | moderate | severe, as HL7's adverse-event-severity codes
    return _checked(
        _drop_empty(
            {
                "resourceType": "AdverseEvent",
                "id": str(e.pk),
                "actuality": "actual",
                "event": _code(codes.ADVERSE, e.kind, e.get_kind_display()),
                "subject": _ref("Patient", e.client_id),
                "encounter": _ref("Encounter", e.session_id) if e.session_id else None,
                "date": e.onset.isoformat(),
                "recordedDate": _instant(e.created_at),
                "recorder": _ref("Practitioner", e.reported_by_id) if e.reported_by_id else None,
                "severity": _code(
                    "http://terminology.hl7.org/CodeSystem/adverse-event-severity", severity
                )
                if severity
                else None,
                "outcome": _code(
                    "http://terminology.hl7.org/CodeSystem/adverse-event-outcome",
                    "resolved" if e.resolved_on else "ongoing",
                ),
                "suspectEntity": [{"instance": _ref("Procedure", f"s{e.session_id}")}]
                if e.session_id
                else None,
            }
        )
    )


def care_plan(p: Any) -> dict[str, Any]:
    status = {"active": "active", "finished": "completed"}[p.status]
    return _checked(
        _drop_empty(
            {
                "resourceType": "CarePlan",
                "id": str(p.pk),
                "meta": _meta(p.updated_at),
                "status": status,
                "intent": "plan",
                "title": "Microneedling course",
                "subject": _ref("Patient", p.client_id),
                "created": _instant(p.created_at),
                "author": _ref("Practitioner", p.created_by_id) if p.created_by_id else None,
                "activity": [
                    {
                        "detail": {
                            "kind": "ServiceRequest",
                            "code": _code(codes.PROCEDURES, "microneedling", "Microneedling"),
                            "status": "in-progress" if status == "active" else "completed",
                            "scheduledString": f"{p.planned_sessions} sessions, protocol "
                            f"{p.protocol}, healing between sessions",
                            "reasonCode": [_code(codes.INDICATIONS, i) for i in p.indications],
                        }
                    }
                ],
            }
        )
    )


def consent(c: Any) -> dict[str, Any]:
    """Treatment, photography and marketing consents are separate Consents; withdrawn = inactive."""
    scope = (
        ("treatment", "Treatment")
        if c.kind == "treatment"
        else ("patient-privacy", "Privacy Consent")
    )
    return _checked(
        _drop_empty(
            {
                "resourceType": "Consent",
                "id": str(c.pk),
                "status": "inactive" if c.withdrawn_at else "active",
                "scope": _code(
                    "http://terminology.hl7.org/CodeSystem/consentscope", scope[0], scope[1]
                ),
                "category": [{"text": c.get_kind_display()}],
                "patient": _ref("Patient", c.client_id),
                "dateTime": _instant(c.signed_at),
                "organization": [_ref("Organization", c.document.clinic_id)],
                "policyRule": {"text": f"{c.document.title}, version {c.document.version}"},
                "provision": {
                    "type": "permit",
                    "period": _drop_empty(
                        {"start": _instant(c.signed_at), "end": _instant(c.withdrawn_at)}
                    ),
                },
            }
        )
    )


def outcome(a: Any) -> dict[str, Any]:
    """One outcome score: the scale's items as components, the rater as performer."""
    components = []
    for key, value in sorted((a.items or {}).items()):
        component: dict[str, Any] = {"code": _code(codes.SCALES, f"{a.scale}.{key}")}
        if isinstance(value, bool):
            component["valueBoolean"] = value
        elif isinstance(value, int):
            component["valueInteger"] = value
        elif isinstance(value, float):
            component["valueQuantity"] = {"value": value}
        else:
            component["valueString"] = str(value)
        components.append(component)
    return _checked(
        _drop_empty(
            {
                "resourceType": "Observation",
                "id": f"score-{a.pk}",
                "status": "final",
                "code": _code(codes.SCALES, a.scale, a.get_scale_display()),
                "subject": _ref("Patient", a.client_id),
                "encounter": _ref("Encounter", a.session_id) if a.session_id else None,
                "effectiveDateTime": a.assessed_on.isoformat(),
                "performer": [_ref("Practitioner", a.rater_id)] if a.rater_id else None,
                "component": components,
            }
        )
    )

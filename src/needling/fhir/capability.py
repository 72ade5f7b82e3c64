"""The CapabilityStatement: exactly what this server serves, and how callers authenticate."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from needling.fhir import catalogue

_PARAMS = {
    "patient": ("reference", "The client the resources belong to"),
    "date": ("date", "When it happened (ge / le / eq prefixes)"),
    "_lastUpdated": ("date", "When the record last changed (ge / le prefixes)"),
    "_count": ("number", f"Resources per page, 1 to {catalogue.MAX_COUNT}"),
}
_PER_PATIENT = {
    kind for kind, sources in catalogue.SOURCES.items() if any(s.patient_field for s in sources)
}


def _resource(kind: str) -> dict[str, Any]:
    sources = catalogue.SOURCES[kind]
    params = ["_count"]
    if kind in _PER_PATIENT and kind != "Patient":
        params.append("patient")
    if any(s.date_field for s in sources):
        params.append("date")
    if any(s.updated_field for s in sources):
        params.append("_lastUpdated")
    entry: dict[str, Any] = {
        "type": kind,
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": p, "type": _PARAMS[p][0], "documentation": _PARAMS[p][1]} for p in params
        ],
    }
    if kind == "Patient":
        entry["operation"] = [
            {
                "name": "everything",
                "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
            }
        ]
    return entry


def _version() -> str:
    try:
        return version("needling")
    except PackageNotFoundError:
        return "unknown"


def capability_statement(base_url: str) -> dict[str, Any]:
    statement = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-02",
        "kind": "instance",
        "software": {"name": "Needling", "version": _version()},
        "implementation": {"description": "Needling FHIR R4 (read-only)", "url": base_url},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": (
                        "Read-only. Authenticated by the Needling staff session (and the REST "
                        "API's tokens once issued); this server does not implement SMART on FHIR "
                        "or SMART Backend Services. Clinicians only; every read is audited."
                    )
                },
                "resource": [_resource(kind) for kind in catalogue.TYPES],
            }
        ],
    }
    CapabilityStatement.model_validate(statement)
    return statement

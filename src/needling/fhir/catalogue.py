"""Which rows become which resources: for each resource type, the visible rows (optionally of one
patient) and the builder. Read, search and $everything all go through here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from needling.fhir import build
from needling.fhir import selectors as visible


@dataclass(frozen=True)
class Source:
    """Rows of one table, as resources of one type. `prefix` is the id's prefix ("" = the key)."""

    rows: Callable[[Any], QuerySet[Any]]
    patient_field: str | None  # the field that names the client, None when not per patient
    make: Callable[[Any], list[dict[str, Any]]]
    prefix: str = ""
    updated_field: str | None = None
    date_field: str | None = None
    id_field: str = "pk"  # the field the resource id is made of


def _one(builder: Callable[[Any], dict[str, Any] | None]) -> Callable[[Any], list[dict[str, Any]]]:
    def make(row: Any) -> list[dict[str, Any]]:
        resource = builder(row)
        return [resource] if resource is not None else []

    return make


SOURCES: dict[str, list[Source]] = {
    "Patient": [
        Source(visible.clients, "pk", _one(build.patient), updated_field="updated_at"),
    ],
    "Organization": [Source(visible.clinic, None, _one(build.organization))],
    "Location": [Source(visible.locations, None, _one(build.location))],
    "Practitioner": [
        # A Practitioner is the person (the user), not their membership of the clinic.
        Source(visible.staff, None, _one(build.practitioner), id_field="user_id"),
    ],
    "PractitionerRole": [Source(visible.staff, None, _one(build.practitioner_role))],
    "Appointment": [
        Source(
            visible.appointments,
            "client_id",
            _one(build.appointment),
            updated_field="updated_at",
            date_field="start",
        )
    ],
    "Encounter": [
        Source(
            visible.sessions,
            "client_id",
            _one(build.encounter),
            updated_field="updated_at",
            date_field="session_date",
        )
    ],
    "Procedure": [
        Source(
            visible.sessions,
            "client_id",
            _one(build.session_procedure),
            prefix="s",
            updated_field="updated_at",
            date_field="session_date",
        ),
        Source(
            visible.zones,
            "session__client_id",
            _one(build.zone_procedure),
            prefix="z",
            updated_field="updated_at",
            date_field="session__session_date",
        ),
    ],
    "Observation": [
        Source(visible.clients, "pk", _one(build.fitzpatrick), prefix="fitz-"),
        Source(
            visible.zones,
            "session__client_id",
            build.zone_observations,
            prefix="zone-",
            updated_field="updated_at",
            date_field="session__session_date",
        ),
        Source(
            visible.assessments,
            "client_id",
            _one(build.outcome),
            prefix="score-",
            date_field="assessed_on",
        ),
    ],
    "Device": [
        Source(visible.devices, None, _one(build.device), prefix="dev-"),
        Source(visible.lots, None, _one(build.lot), prefix="lot-"),
    ],
    "AdverseEvent": [
        Source(visible.adverse_events, "client_id", _one(build.adverse_event), date_field="onset")
    ],
    "CarePlan": [
        Source(visible.plans, "client_id", _one(build.care_plan), updated_field="updated_at")
    ],
    "Consent": [Source(visible.consents, "client_id", _one(build.consent), date_field="signed_at")],
}
TYPES = tuple(sorted(SOURCES))
MAX_COUNT = 500  # resources per search page; more is what $export is for
# Observation ids carry what they observe; each maps to the row it came from.
_OBSERVATION_ID = re.compile(r"^(fitz|depth|passes|endpoint|score)-(\d{1,18})$")


@dataclass(frozen=True)
class Filters:
    patient: int | None = None
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None


def _filtered(source: Source, user: Any, f: Filters) -> QuerySet[Any] | None:
    rows = source.rows(user)
    if f.patient is not None:
        if source.patient_field is None:
            return None  # clinic-wide resources are not a patient's
        rows = rows.filter(**{source.patient_field: f.patient})
    if f.date_from or f.date_to:
        if source.date_field is None:
            return None
        if f.date_from:
            rows = rows.filter(**{f"{source.date_field}__gte": f.date_from})
        if f.date_to:
            rows = rows.filter(**{f"{source.date_field}__lte": f.date_to})
    if f.updated_from or f.updated_to:
        if source.updated_field is None:
            return None
        if f.updated_from:
            rows = rows.filter(**{f"{source.updated_field}__gte": f.updated_from})
        if f.updated_to:
            rows = rows.filter(**{f"{source.updated_field}__lte": f.updated_to})
    return rows


def search(user: Any, kind: str, f: Filters) -> Iterator[dict[str, Any]]:
    """Every visible resource of `kind` matching the filters, in a stable order, streamed."""
    for source in SOURCES[kind]:
        rows = _filtered(source, user, f)
        if rows is None:
            continue
        for row in rows.iterator(chunk_size=500):
            for resource in source.make(row):
                if resource["resourceType"] == kind:
                    yield resource


def read(user: Any, kind: str, ident: str) -> dict[str, Any] | None:
    """One resource by its id, if this user may see it."""
    candidates: list[tuple[Source, int]] = []
    match = _OBSERVATION_ID.match(ident) if kind == "Observation" else None
    for source in SOURCES[kind]:
        if match:
            wanted = {"fitz": "fitz-", "score": "score-"}.get(match[1], "zone-")
            if source.prefix == wanted:
                candidates.append((source, int(match[2])))
        elif source.prefix and ident.startswith(source.prefix):
            rest = ident[len(source.prefix) :]
            if rest.isdigit() and len(rest) <= 18:
                candidates.append((source, int(rest)))
        elif not source.prefix and ident.isdigit() and len(ident) <= 18:
            candidates.append((source, int(ident)))
    for source, pk in candidates:
        row = source.rows(user).filter(**{source.id_field: pk}).first()
        if row is None:
            continue
        for resource in source.make(row):
            if resource["resourceType"] == kind and resource["id"] == ident:
                return resource
    return None


def everything(user: Any, patient_id: int) -> Iterator[dict[str, Any]]:
    """Patient/$everything: the patient, then every resource of theirs, then what they point to
    (practitioners, locations, devices, the organization), so references resolve in the bundle."""
    f = Filters(patient=patient_id)
    yield from search(user, "Patient", f)
    for kind in TYPES:
        if kind != "Patient":
            yield from search(user, kind, f)
    for kind in ("Organization", "Location", "Practitioner", "Device"):
        yield from search(user, kind, Filters())

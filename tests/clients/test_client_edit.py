"""Editing a client: who may change what; bad input changes nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client as Browser

from needling.audit.models import AuditEvent
from needling.clients.models import Client
from tests.conftest import Cast


def _post(cast: Cast, who: str, **data: Any) -> Any:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    base = {"first_name": "Alice", "last_name": "Client", "date_of_birth": "1990-01-02"}
    return browser.post(f"/clients/{cast.record_a.pk}/edit/", {**base, **data})


def test_front_desk_edits_contact_details(cast: Cast) -> None:
    response = _post(cast, "front_desk", phone="07700 900123")
    assert response.status_code == 302
    cast.record_a.refresh_from_db()
    assert cast.record_a.phone == "07700 900123"
    event = AuditEvent.objects.get(action="client.edit")
    assert event.detail == {"fields": ["date_of_birth", "phone"]}


def test_front_desk_cannot_change_skin_fields(cast: Cast) -> None:
    Client.objects.filter(pk=cast.record_a.pk).update(fitzpatrick_type=2)
    assert _post(cast, "front_desk", fitzpatrick_type="6").status_code == 302
    cast.record_a.refresh_from_db()
    assert cast.record_a.fitzpatrick_type == 2


def test_a_practitioner_changes_skin_fields(cast: Cast) -> None:
    assert _post(cast, "practitioner", fitzpatrick_type="6", sensitive_skin="on").status_code == 302
    cast.record_a.refresh_from_db()
    assert (cast.record_a.fitzpatrick_type, cast.record_a.sensitive_skin) == (6, True)


def test_bad_input_changes_nothing(cast: Cast) -> None:
    response = _post(cast, "front_desk", phone="07700 900123", last_name="x" * 300)
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    cast.record_a.refresh_from_db()
    assert (cast.record_a.last_name, cast.record_a.phone) == ("Client", "")
    assert not AuditEvent.objects.filter(action="client.edit").exists()


def test_nothing_changed_writes_no_audit_event(cast: Cast) -> None:
    Client.objects.filter(pk=cast.record_a.pk).update(date_of_birth="1990-01-02")
    assert _post(cast, "front_desk").status_code == 302
    assert not AuditEvent.objects.filter(action="client.edit").exists()


def test_a_portal_client_cannot_edit(cast: Cast) -> None:
    assert _post(cast, "client_a", last_name="Changed").status_code == 403
    cast.record_a.refresh_from_db()
    assert cast.record_a.last_name == "Client"


def test_another_clinic_gets_404(cast: Cast) -> None:
    assert _post(cast, "other_practitioner", last_name="Changed").status_code == 404

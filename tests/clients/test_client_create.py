"""Creating a client: validation, duplicate detection, roles, audit. A refusal saves nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.clients.models import Client
from tests.conftest import Cast

GOOD = {
    "first_name": "Maria",
    "last_name": "O'Neill-Ávila",
    "date_of_birth": "1988-02-29",
    "phone": "+44 (0)161 496-0000",
    "email": "maria@example.test",
}


def _post(cast: Cast, who: str = "front_desk", **changes: Any) -> Any:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    return browser.post("/clients/new/", {**GOOD, **changes})


def test_it_creates_a_client_and_audits_it(cast: Cast) -> None:
    response = _post(cast)
    client = Client.objects.get(last_name="O'Neill-Ávila")
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client.pk}/"
    assert client.clinic_id == cast.clinic.pk
    assert client.date_of_birth == date(1988, 2, 29)
    event = AuditEvent.objects.get(action="client.create")
    assert event.client_id == client.pk
    assert "Maria" not in str(event.detail)  # field names only, never values


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "This field is required"),
        ("first_name", "x" * 300, "at most 100 characters"),
        ("last_name", "Smith\x00", "Null characters are not allowed"),
        ("last_name", "<script>alert(1)</script>", "Use letters, spaces"),
        ("first_name", '=HYPERLINK("http://x")', "cannot start with ="),
        ("first_name", "@SUM(A1)", "cannot start with ="),
        ("first_name", "Ann\u202e", "Use letters, spaces"),
        ("date_of_birth", "TOMORROW", "in the future"),
        ("date_of_birth", "1899-12-31", "before 1900"),
        ("date_of_birth", "31/31/1990", "Enter a valid date"),
        ("phone", "call me", "may contain digits"),
        ("phone", "12", "6 to 20 digits"),
        ("email", "not-an-email", "valid email"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    cast: Cast, field: str, value: str, message: str
) -> None:
    if value == "TOMORROW":  # computed when the test runs, not when it is collected
        value = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = Client.objects.count()
    response = _post(cast, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Client.objects.count() == before
    assert not AuditEvent.objects.filter(action="client.create").exists()


def test_a_name_with_html_is_never_rendered_as_html(cast: Cast) -> None:
    Client.objects.filter(pk=cast.record_a.pk).update(first_name="<b>Bold</b>")
    browser = Browser()
    browser.force_login(cast.practitioner)
    html = browser.get(f"/clients/{cast.record_a.pk}/").content.decode()
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_same_name_and_birth_date_needs_confirmation(cast: Cast) -> None:
    existing = Client.objects.create(
        clinic=cast.clinic, first_name="maria", last_name="o'neill-ávila",
        date_of_birth=date(1988, 2, 29),
    )  # fmt: skip
    response = _post(cast)
    assert response.status_code == 409
    html = response.content.decode()
    assert "already exists" in html
    assert f"/clients/{existing.pk}/" in html
    assert "Create anyway" in html
    assert Client.objects.filter(clinic=cast.clinic, first_name__iexact="maria").count() == 1

    response = _post(cast, confirm_duplicate="on")
    assert response.status_code == 302
    assert Client.objects.filter(clinic=cast.clinic, first_name__iexact="maria").count() == 2
    assert AuditEvent.objects.get(action="client.create").detail["duplicate_confirmed"] is True


def test_another_clinics_client_is_not_a_duplicate(cast: Cast) -> None:
    Client.objects.create(
        clinic=cast.other_clinic, first_name="Maria", last_name="O'Neill-Ávila",
        date_of_birth=date(1988, 2, 29),
    )  # fmt: skip
    assert _post(cast).status_code == 302


def test_front_desk_cannot_set_skin_fields(cast: Cast) -> None:
    response = _post(cast, fitzpatrick_type="5", sensitive_skin="on")
    assert response.status_code == 302
    client = Client.objects.get(first_name="Maria")
    assert (client.fitzpatrick_type, client.sensitive_skin) == (None, False)


def test_a_practitioner_sets_skin_fields(cast: Cast) -> None:
    assert _post(cast, "practitioner", fitzpatrick_type="5", sensitive_skin="on").status_code == 302
    client = Client.objects.get(first_name="Maria")
    assert (client.fitzpatrick_type, client.sensitive_skin) == (5, True)


def test_fitzpatrick_type_outside_1_to_6_is_refused(cast: Cast) -> None:
    assert _post(cast, "practitioner", fitzpatrick_type="7").status_code == 400
    assert not Client.objects.filter(first_name="Maria").exists()


def test_a_portal_client_cannot_create_clients(cast: Cast) -> None:
    assert _post(cast, "client_a").status_code == 403
    assert not Client.objects.filter(first_name="Maria").exists()


def test_the_form_has_real_labels(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.front_desk)
    html = browser.get("/clients/new/").content.decode()
    for label in ("First name", "Last name", "Date of birth", "Phone", "E-mail"):
        assert f">{label}" in html
    assert "Fitzpatrick" not in html

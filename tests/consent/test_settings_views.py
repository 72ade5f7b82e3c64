"""Settings → Consent: owners publish new versions; text is always shown as text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentDocument, Kind
from tests.conftest import Cast
from tests.consent.factories import document, signature


def _browser(user: object) -> Client:
    browser = Client()
    browser.force_login(user)  # type: ignore[arg-type]
    return browser


NEW = reverse("consent_settings:new", args=[Kind.TREATMENT])


def test_the_list_shows_each_kinds_versions(cast: Cast) -> None:
    body = _browser(cast.owner).get(reverse("consent_settings:list")).content.decode()
    assert "Consent to microneedling treatment" in body
    assert "Consent to clinical photographs" in body
    assert "Consent to marketing use" in body


def test_the_new_version_form_starts_from_the_current_text(cast: Cast) -> None:
    body = _browser(cast.owner).get(NEW).content.decode()
    assert "This will be version 2" in body
    assert "post-inflammatory hyperpigmentation" in body


def test_publishing_makes_a_new_version_and_keeps_old_signatures(cast: Cast) -> None:
    old_sig = signature(cast.record_a)
    response = _browser(cast.owner).post(
        NEW, {"title": "Treatment v2", "body": "Para one.\n\nTwo."}
    )
    assert response.status_code == 302
    newest = document(cast.record_a)
    assert (newest.version, newest.title) == (2, "Treatment v2")
    assert newest.body == "Para one.\n\nTwo.\n"
    old_sig.refresh_from_db()
    assert old_sig.document.version == 1
    event = AuditEvent.objects.get(action="consent.publish")
    assert event.detail == {"kind": "treatment", "version": 2}


def test_markup_in_a_document_is_shown_as_text_everywhere(cast: Cast) -> None:
    _browser(cast.owner).post(
        NEW, {"title": "<b>Bold</b> title", "body": "<script>alert(1)</script>\n\n<img src=x>"}
    )
    doc = document(cast.record_a)
    pages = [
        reverse("consent_settings:document", args=[doc.pk]),
        reverse("consent:sign", args=[cast.record_a.pk, Kind.TREATMENT]),
    ]
    for url in pages:
        body = _browser(cast.owner).get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<b>Bold</b>" not in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Text"}, "required"),
        ({"title": "Title", "body": "   "}, "required"),
        ({"title": "Title", "body": "bad\x00byte"}, "Null characters"),
        ({"title": "T" * 201, "body": "Text"}, "at most 200"),
        ({"title": "Title", "body": "x" * 20_001}, "at most 20000"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_published(
    cast: Cast, data: dict[str, str], message: str
) -> None:
    response = _browser(cast.owner).post(NEW, data)
    assert response.status_code == 400
    assert message in response.content.decode().replace(",", "")
    assert ConsentDocument.objects.filter(clinic=cast.clinic, version=2).count() == 0


def test_only_owners_may_publish(cast: Cast) -> None:
    for user in (cast.practitioner, cast.front_desk, cast.client_a):
        assert _browser(user).post(NEW, {"title": "T", "body": "B"}).status_code == 403
    assert ConsentDocument.objects.filter(clinic=cast.clinic, version=2).count() == 0


def test_another_clinics_document_is_404(cast: Cast) -> None:
    theirs = document(cast.other_record)
    url = reverse("consent_settings:document", args=[theirs.pk])
    assert _browser(cast.owner).get(url).status_code == 404


def test_an_unknown_kind_is_404(cast: Cast) -> None:
    url = reverse("consent_settings:new", args=["tattoo"])
    assert _browser(cast.owner).get(url).status_code == 404


def test_the_list_is_paginated(cast: Cast) -> None:
    from needling.consent.services import publish_document

    for i in range(35):
        publish_document(
            actor=cast.owner, clinic=cast.clinic, kind=Kind.MARKETING, title=f"M{i}", body="B"
        )
    body = _browser(cast.owner).get(reverse("consent_settings:list")).content.decode()
    assert "Page 1 of 2" in body

"""Viewing one signature and downloading it as a PDF: access-checked, audited, escaped."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentSignature
from needling.consent.pdf import signature_html
from tests.conftest import Cast
from tests.consent.factories import signature

NASTY = '<script>alert("x")</script>=CMD|" /C calc"!A0'


def _browser(user: object) -> Client:
    browser = Client()
    browser.force_login(user)  # type: ignore[arg-type]
    return browser


def test_the_signature_page_shows_what_was_signed(cast: Cast) -> None:
    sig = signature(cast.record_a)
    response = _browser(cast.practitioner).get(reverse("consent:signature", args=[sig.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert sig.text_sha256 in body
    assert "data:image/png;base64," in body
    assert "version 1" in body
    assert "UTC" in body
    assert AuditEvent.objects.filter(action="consent.view", object_id=str(sig.pk)).exists()


def test_markup_in_the_name_is_shown_as_text(cast: Cast) -> None:
    sig = signature(cast.record_a)
    ConsentSignature.objects.filter(pk=sig.pk).update(signer_name=NASTY)
    body = _browser(cast.practitioner).get(reverse("consent:signature", args=[sig.pk])).content
    assert b"<script>alert" not in body
    assert b"&lt;script&gt;alert" in body


def test_the_pdf_downloads_with_a_safe_name_no_store_and_an_audit_event(cast: Cast) -> None:
    sig = signature(cast.record_a)
    response = _browser(cast.practitioner).get(reverse("consent:pdf", args=[sig.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'attachment; filename="consent-{sig.pk}.pdf"'
    assert "Alice" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="consent.pdf")
    assert event.client_id == cast.record_a.pk


def test_the_pdf_html_escapes_names_and_holds_every_required_fact(cast: Cast) -> None:
    sig = signature(cast.record_a)
    ConsentSignature.objects.filter(pk=sig.pk).update(signer_name=NASTY)
    sig = ConsentSignature.objects.select_related("document", "client__clinic").get(pk=sig.pk)
    html = signature_html(sig)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert sig.text_sha256 in html
    assert "version 1" in html
    assert "UTC" in html
    assert "Europe/London" in html
    assert "data:image/png;base64," in html


def test_the_client_may_download_their_own_pdf(cast: Cast) -> None:
    sig = signature(cast.record_a)
    assert _browser(cast.client_a).get(reverse("consent:pdf", args=[sig.pk])).status_code == 200


def test_front_desk_gets_403_for_the_page_and_the_pdf(cast: Cast) -> None:
    sig = signature(cast.record_a)
    browser = _browser(cast.front_desk)
    assert browser.get(reverse("consent:signature", args=[sig.pk])).status_code == 403
    assert browser.get(reverse("consent:pdf", args=[sig.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action__in=["consent.pdf", "consent.view"]).exists()


def test_strangers_and_other_clients_get_404(cast: Cast) -> None:
    sig = signature(cast.record_a)
    for user in (cast.other_practitioner, cast.client_b):
        browser = _browser(user)
        assert browser.get(reverse("consent:pdf", args=[sig.pk])).status_code == 404
        assert browser.get(reverse("consent:signature", args=[sig.pk])).status_code == 404
    assert _browser(cast.owner).get("/consent/signatures/999999/pdf/").status_code == 404


def test_signed_out_people_are_sent_to_sign_in(cast: Cast) -> None:
    sig = signature(cast.record_a)
    response = Client().get(reverse("consent:pdf", args=[sig.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

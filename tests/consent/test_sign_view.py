"""The signing page: shows the exact text and its hash; saves a signature or refuses clearly."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentSignature, Kind
from needling.consent.services import publish_document
from tests.conftest import Cast
from tests.consent.factories import document, sign_post


def _browser(user: object) -> Client:
    browser = Client()
    browser.force_login(user)  # type: ignore[arg-type]
    return browser


def _url(cast: Cast, kind: str = Kind.TREATMENT) -> str:
    return reverse("consent:sign", args=[cast.record_a.pk, kind])


def test_the_page_shows_the_text_version_and_hash_and_is_audited(cast: Cast) -> None:
    doc = document(cast.record_a)
    response = _browser(cast.practitioner).get(_url(cast))
    body = response.content.decode()
    assert response.status_code == 200
    assert doc.title in body
    assert "post-inflammatory hyperpigmentation" in body
    assert doc.text_sha256 in body
    assert f"Version {doc.version}" in body
    assert 'id="signature-pad"' in body
    assert "js/consent.js" in body
    assert AuditEvent.objects.filter(
        action="consent.sign_form", client_id=cast.record_a.pk
    ).exists()


def test_signing_saves_and_goes_to_the_signature(cast: Cast) -> None:
    doc = document(cast.record_a)
    response = _browser(cast.practitioner).post(_url(cast), sign_post(doc))
    sig = ConsentSignature.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consent:signature", args=[sig.pk])
    assert sig.client == cast.record_a


def test_without_the_confirmation_nothing_is_saved(cast: Cast) -> None:
    data = sign_post(document(cast.record_a))
    del data["confirm"]
    response = _browser(cast.practitioner).post(_url(cast), data)
    assert response.status_code == 400
    assert "Please confirm" in response.content.decode()
    assert not ConsentSignature.objects.exists()


def test_without_a_drawing_nothing_is_saved(cast: Cast) -> None:
    response = _browser(cast.practitioner).post(
        _url(cast), sign_post(document(cast.record_a), signature="")
    )
    assert response.status_code == 400
    assert "signature box is empty" in response.content.decode()
    assert not ConsentSignature.objects.exists()


def test_a_bad_name_is_refused_with_the_form_kept(cast: Cast) -> None:
    response = _browser(cast.practitioner).post(
        _url(cast), sign_post(document(cast.record_a), signer_name="Al\x00ice")
    )
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode() or "Null characters" in (
        response.content.decode()
    )
    assert not ConsentSignature.objects.exists()


def test_a_tampered_hidden_field_is_refused(cast: Cast) -> None:
    response = _browser(cast.practitioner).post(
        _url(cast), sign_post(document(cast.record_a), text_sha256="nothex")
    )
    assert response.status_code == 400
    assert not ConsentSignature.objects.exists()


def test_a_stale_version_gets_409_and_the_new_text_to_read(cast: Cast) -> None:
    old = document(cast.record_a)
    publish_document(
        actor=cast.owner,
        clinic=cast.clinic,
        kind=Kind.TREATMENT,
        title="Consent v2",
        body="Brand new wording.",
    )
    response = _browser(cast.practitioner).post(_url(cast), sign_post(old))
    body = response.content.decode()
    assert response.status_code == 409
    assert "replaced by version 2" in body
    assert "Brand new wording." in body
    assert not ConsentSignature.objects.exists()


def test_front_desk_may_not_open_the_signing_page(cast: Cast) -> None:
    browser = _browser(cast.front_desk)
    assert browser.get(_url(cast)).status_code == 403
    assert browser.post(_url(cast), sign_post(document(cast.record_a))).status_code == 403
    assert not ConsentSignature.objects.exists()


def test_strangers_get_404(cast: Cast) -> None:
    assert _browser(cast.other_practitioner).get(_url(cast)).status_code == 404
    assert _browser(cast.client_b).get(_url(cast)).status_code == 404


def test_an_unknown_kind_is_404(cast: Cast) -> None:
    browser = _browser(cast.practitioner)
    assert (
        browser.get(reverse("consent:sign", args=[cast.record_a.pk, "tattoo"])).status_code == 404
    )


def test_get_is_not_allowed_to_change_anything_and_put_is_refused(cast: Cast) -> None:
    response = _browser(cast.practitioner).put(_url(cast))
    assert response.status_code == 405


def test_the_client_can_sign_for_themself(cast: Cast) -> None:
    response = _browser(cast.client_a).post(_url(cast), sign_post(document(cast.record_a)))
    assert response.status_code == 302
    assert ConsentSignature.objects.get().via == "portal"

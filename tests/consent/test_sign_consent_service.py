"""services.sign_consent: stores exactly what was signed, or nothing at all."""

from __future__ import annotations

import hashlib

import pytest

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentDocument, ConsentSignature, Kind, Via
from needling.consent.png import SignatureImageError, squiggle
from needling.consent.services import StaleDocumentError, publish_document, sign_consent
from needling.consent.validation import ConsentInputError
from tests.conftest import Cast
from tests.consent.factories import data_url, document, drawn


def _sign(cast: Cast, doc: ConsentDocument, **overrides: object) -> ConsentSignature:
    args: dict[str, object] = {
        "actor": cast.practitioner,
        "client": cast.record_a,
        "document_id": doc.pk,
        "shown_sha256": doc.text_sha256,
        "signer_name": "Alice Client",
        "signature_data_url": drawn(),
    }
    args.update(overrides)
    return sign_consent(**args)  # type: ignore[arg-type]


def test_signing_stores_name_version_time_hash_image_and_witness(cast: Cast) -> None:
    doc = document(cast.record_a)
    sig = _sign(cast, doc)
    expected = hashlib.sha256(f"{doc.title}\n\n{doc.body}".encode()).hexdigest()
    assert sig.text_sha256 == expected == doc.text_sha256
    assert sig.document == doc
    assert sig.kind == Kind.TREATMENT
    assert sig.signer_name == "Alice Client"
    assert sig.via == Via.STAFF
    assert sig.signed_by == cast.practitioner
    assert sig.signed_at is not None
    assert bytes(sig.signature_png).startswith(b"\x89PNG")


def test_signing_is_audited_in_the_same_transaction(cast: Cast) -> None:
    sig = _sign(cast, document(cast.record_a))
    event = AuditEvent.objects.get(action="consent.sign")
    assert event.client_id == cast.record_a.pk
    assert event.object_id == str(sig.pk)
    assert event.detail == {"kind": "treatment", "version": 1, "via": "staff"}
    assert "Alice" not in str(event.detail)


def test_a_client_signing_for_themself_is_recorded_as_portal(cast: Cast) -> None:
    sig = _sign(cast, document(cast.record_a), actor=cast.client_a)
    assert sig.via == Via.PORTAL


def test_a_superseded_version_is_refused_and_nothing_is_saved(cast: Cast) -> None:
    old = document(cast.record_a)
    publish_document(
        actor=cast.owner, clinic=cast.clinic, kind=Kind.TREATMENT, title="V2", body="Changed."
    )
    with pytest.raises(StaleDocumentError, match="replaced by version 2"):
        _sign(cast, old)
    assert not ConsentSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="consent.sign").exists()


def test_a_hash_that_does_not_match_the_text_is_refused(cast: Cast) -> None:
    doc = document(cast.record_a)
    with pytest.raises(StaleDocumentError, match="changed"):
        _sign(cast, doc, shown_sha256="0" * 64)
    assert not ConsentSignature.objects.exists()


def test_a_document_text_changed_behind_the_apps_back_is_refused(cast: Cast) -> None:
    doc = document(cast.record_a)
    ConsentDocument.objects.filter(pk=doc.pk).update(body="Tampered text.")
    with pytest.raises(StaleDocumentError):
        _sign(cast, doc)
    assert not ConsentSignature.objects.exists()


def test_another_clinics_document_is_refused(cast: Cast) -> None:
    theirs = document(cast.other_record)
    with pytest.raises(StaleDocumentError, match="does not exist"):
        _sign(cast, theirs)
    assert not ConsentSignature.objects.exists()


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        ("", "empty"),
        ("data:image/jpeg;base64,AAAA", "not a PNG"),
        ("data:image/png;base64,not base64!", "could not be read"),
        ("javascript:alert(1)", "not a PNG"),
        ("data:image/png;base64," + "A" * 300_000, "too large"),
    ],
)
def test_a_bad_signature_image_is_refused(cast: Cast, signature: str, message: str) -> None:
    with pytest.raises(SignatureImageError, match=message):
        _sign(cast, document(cast.record_a), signature_data_url=signature)
    assert not ConsentSignature.objects.exists()


def test_a_blank_canvas_is_refused(cast: Cast) -> None:
    from needling.consent.png import encode

    blank = encode(300, 100, 6, [bytes(300 * 4)] * 100)
    with pytest.raises(SignatureImageError, match="empty"):
        _sign(cast, document(cast.record_a), signature_data_url=data_url(blank))
    assert not ConsentSignature.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "required"),
        ("   ", "required"),
        ("Alice\x00Client", "cannot be stored"),
        ("Alice\nClient", "cannot be stored"),
        ("A" * 201, "at most 200"),
    ],
)
def test_a_bad_typed_name_is_refused(cast: Cast, name: str, message: str) -> None:
    with pytest.raises(ConsentInputError, match=message):
        _sign(cast, document(cast.record_a), signer_name=name)
    assert not ConsentSignature.objects.exists()


def test_markup_and_formulas_in_the_name_are_stored_as_plain_text(cast: Cast) -> None:
    sig = _sign(cast, document(cast.record_a), signer_name="=HYPERLINK(1)<script>x</script>")
    assert sig.signer_name == "=HYPERLINK(1)<script>x</script>"


def test_the_stored_image_is_our_re_encoding_not_the_upload(cast: Cast) -> None:
    upload = squiggle(seed=7)
    sig = _sign(cast, document(cast.record_a), signature_data_url=data_url(upload + b"trailing"))
    assert bytes(sig.signature_png) != upload + b"trailing"
    assert bytes(sig.signature_png).endswith(b"IEND\xaeB`\x82")


def test_a_stored_signature_cannot_be_edited(cast: Cast) -> None:
    from needling.consent.models import SignatureEditError

    sig = _sign(cast, document(cast.record_a))
    sig.signer_name = "Someone else"
    with pytest.raises(SignatureEditError):
        sig.save()
    sig.refresh_from_db()
    assert sig.signer_name == "Alice Client"

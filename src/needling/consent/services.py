"""Writes: publishing document versions, signing, withdrawing. One transaction each, audited."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from needling.access import actor_for
from needling.audit.context import current
from needling.audit.services import record
from needling.clients.models import Client
from needling.clinics.models import Clinic
from needling.consent.defaults import DEFAULTS
from needling.consent.models import ConsentDocument, ConsentSignature, Kind, Via, sha256_of
from needling.consent.png import MAX_BYTES, SignatureImageError, clean_signature
from needling.consent.validation import ConsentInputError, clean_text

DATA_URL_PREFIX = "data:image/png;base64,"
MAX_TITLE, MAX_BODY, MAX_NAME, MAX_REASON = 200, 20_000, 200, 1000


class StaleDocumentError(ConsentInputError):
    """The text the signer saw is no longer the clinic's current version of it."""


def publish_document(
    *, actor: Any, clinic: Clinic, kind: str, title: str, body: str
) -> ConsentDocument:
    """Publish a new version of `kind` for `clinic`; older versions and their signatures stay."""
    if kind not in Kind.values:
        raise ConsentInputError("Unknown kind of consent.")
    title = clean_text(title, field="Title", max_length=MAX_TITLE)
    body = clean_text(body, field="Text", max_length=MAX_BODY, multiline=True) + "\n"
    try:
        with transaction.atomic():
            latest = ConsentDocument.objects.filter(clinic=clinic, kind=kind).aggregate(
                v=Max("version")
            )["v"]
            document = ConsentDocument.objects.create(
                clinic=clinic,
                kind=kind,
                version=(latest or 0) + 1,
                title=title,
                body=body,
                text_sha256=sha256_of(title, body),
                published_at=timezone.now(),
                published_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record(
                actor=actor,
                action="consent.publish",
                obj=document,
                detail={"kind": kind, "version": document.version},
                clinic_id=clinic.pk,
            )
    except IntegrityError:
        raise ConsentInputError(
            "Someone published a version at the same moment. Reload the page and try again."
        ) from None
    return document


def ensure_default_documents(clinic: Clinic) -> None:
    """Give a clinic version 1 of every kind it has no document for yet (idempotent)."""
    have = set(ConsentDocument.objects.filter(clinic=clinic).values_list("kind", flat=True))
    now = timezone.now()
    for kind, (title, body) in DEFAULTS.items():
        if kind not in have:
            ConsentDocument.objects.get_or_create(
                clinic=clinic,
                kind=kind,
                version=1,
                defaults={
                    "title": title,
                    "body": body,
                    "text_sha256": sha256_of(title, body),
                    "published_at": now,
                },
            )


def decode_data_url(value: str) -> bytes:
    """The PNG bytes inside a `data:image/png;base64,...` URL from the signature pad."""
    value = value.strip()
    if not value:
        raise SignatureImageError("The signature box is empty. Please sign with a finger or pen.")
    if not value.startswith(DATA_URL_PREFIX):
        raise SignatureImageError("The signature is not a PNG image.")
    encoded = value[len(DATA_URL_PREFIX) :]
    if len(encoded) > (MAX_BYTES * 4) // 3 + 8:
        raise SignatureImageError(
            f"The signature image is too large (the limit is {MAX_BYTES // 1024} KB)."
        )
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureImageError("The signature image could not be read.") from None


def sign_consent(
    *,
    actor: Any,
    client: Client,
    document_id: int,
    shown_sha256: str,
    signer_name: str,
    signature_data_url: str,
) -> ConsentSignature:
    """Record a signature on the version the signer was shown, if it is still the current one.

    Refused (nothing saved) when the image is not a real, non-blank PNG, the name is bad, or the
    document changed since the page was opened (a newer version, or a different text hash).
    """
    name = clean_text(signer_name, field="Typed name", max_length=MAX_NAME)
    png = clean_signature(decode_data_url(signature_data_url))
    who = actor_for(actor)
    via = Via.PORTAL if who is not None and who.is_portal else Via.STAFF
    ctx = current.get()
    with transaction.atomic():
        document = ConsentDocument.objects.filter(
            pk=document_id, clinic_id=client.clinic_id
        ).first()
        if document is None:
            raise StaleDocumentError("That consent document does not exist. Reload the page.")
        newest = (
            ConsentDocument.objects.filter(clinic_id=client.clinic_id, kind=document.kind)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        text_hash = document.computed_sha256()
        if newest != document.version:
            raise StaleDocumentError(
                f"This consent text was replaced by version {newest} after the page was opened. "
                "Please read the new version and sign again."
            )
        if shown_sha256 != text_hash or document.text_sha256 != text_hash:
            raise StaleDocumentError(
                "The consent text changed after the page was opened. "
                "Please read it again and sign again."
            )
        signature = ConsentSignature.objects.create(
            client=client,
            document=document,
            kind=document.kind,
            signer_name=name,
            signed_at=timezone.now(),
            signature_png=png,
            text_sha256=text_hash,
            via=via,
            signed_by=actor if getattr(actor, "is_authenticated", False) else None,
            ip=ctx.ip,
            request_id=ctx.request_id[:64],
        )
        record(
            actor=actor,
            action="consent.sign",
            client=client,
            obj=signature,
            detail={"kind": document.kind, "version": document.version, "via": via},
        )
    return signature


def withdraw_consent(*, actor: Any, signature: ConsentSignature, reason: str) -> ConsentSignature:
    """Withdraw a signature once; the signature itself is kept unchanged."""
    reason = clean_text(reason, field="Reason", max_length=MAX_REASON, multiline=True)
    with transaction.atomic():
        newer = ConsentSignature.objects.filter(
            client_id=signature.client_id, kind=signature.kind, signed_at__gt=signature.signed_at
        ).exists()
        if newer:
            raise ConsentInputError(
                "A newer signature exists for this consent; withdraw that one instead."
            )
        now = timezone.now()
        changed = ConsentSignature.objects.filter(
            pk=signature.pk, withdrawn_at__isnull=True
        ).update(
            withdrawn_at=now,
            withdrawn_by=actor if getattr(actor, "is_authenticated", False) else None,
            withdrawal_reason=reason,
        )
        if changed != 1:
            raise ConsentInputError("This consent was already withdrawn.")
        record(
            actor=actor,
            action="consent.withdraw",
            client=signature.client,
            obj=signature,
            detail={"kind": signature.kind},
        )
    return ConsentSignature.objects.select_related("document").get(pk=signature.pk)

"""Helpers for consent tests: a drawn-looking PNG, data URLs, and a ready-made signature."""

from __future__ import annotations

import base64
from typing import Any

from django.urls import reverse
from django.utils import timezone

from needling.clients.models import Client
from needling.consent.models import ConsentDocument, ConsentSignature, Kind, Via
from needling.consent.png import squiggle
from needling.consent.selectors import current_document


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def drawn() -> str:
    return data_url(squiggle(seed=3))


def document(client: Client, kind: str = Kind.TREATMENT) -> ConsentDocument:
    found = current_document(client.clinic_id, kind)
    assert found is not None, "the clinic should have been seeded with default documents"
    return found


def signature(
    client: Client,
    kind: str = Kind.TREATMENT,
    *,
    signed_at: Any = None,
    withdrawn_at: Any = None,
    doc: ConsentDocument | None = None,
) -> ConsentSignature:
    doc = doc or document(client, kind)
    return ConsentSignature.objects.create(
        client=client,
        document=doc,
        kind=doc.kind,
        signer_name=client.full_name,
        signed_at=signed_at or timezone.now(),
        signature_png=squiggle(seed=1),
        text_sha256=doc.text_sha256,
        via=Via.STAFF,
        withdrawn_at=withdrawn_at,
    )


def sign_post(doc: ConsentDocument, **overrides: Any) -> dict[str, Any]:
    data = {
        "document": doc.pk,
        "text_sha256": doc.text_sha256,
        "signer_name": "Alice Client",
        "signature": drawn(),
        "confirm": "on",
    }
    data.update(overrides)
    return data


def matrix_url(name: str, cast: Any) -> str:
    """URLs for the permission matrix: everything points at client A's record."""
    if name == "consent:section":
        return reverse(name, args=[cast.record_a.pk])
    if name == "consent:sign":
        return reverse(name, args=[cast.record_a.pk, Kind.TREATMENT])
    if name in ("consent:signature", "consent:pdf", "consent:withdraw"):
        return reverse(name, args=[signature(cast.record_a).pk])
    if name == "consent_settings:document":
        return reverse(name, args=[document(cast.record_a).pk])
    if name == "consent_settings:new":
        return reverse(name, args=[Kind.PHOTOGRAPHY])
    return reverse(name)

"""Reads. The first four functions are the PUBLIC CONTRACT other features call:

    treatment_consent_valid(client, *, on: date) -> bool   # charting: no session without it
    photo_consent_valid(client, *, on: date) -> bool       # photos
    marketing_consent_valid(client, *, on: date) -> bool
    consent_status(client) -> dict[kind, Status]           # the client page

They do no access check (the caller already holds a client it may act on). A consent is valid on
a day when the client's latest signature of that kind made on or before that day (clinic time
zone) was not withdrawn on or before it. A signature on an older version of the document stays
valid: a clinic asks for re-consent by saying so, and the page shows "signed on an older version".
The functions below the contract take the acting user and check access themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max, QuerySet
from django.utils import timezone

from needling.access import client_for, get_visible_or_404
from needling.clients.models import Client
from needling.consent.models import ConsentDocument, ConsentSignature, Kind


def _clinic_zone(client: Client) -> ZoneInfo:
    return ZoneInfo(client.clinic.time_zone)


def _valid(client: Client, kind: str, on: date) -> bool:
    zone = _clinic_zone(client)
    end_of_day = datetime.combine(on + timedelta(days=1), time.min, tzinfo=zone)
    latest = (
        ConsentSignature.objects.filter(client=client, kind=kind, signed_at__lt=end_of_day)
        .order_by("-signed_at", "-id")
        .values_list("id", "withdrawn_at")
        .first()
    )
    if latest is None:
        return False
    withdrawn_at = latest[1]
    return withdrawn_at is None or withdrawn_at >= end_of_day


def treatment_consent_valid(client: Client, *, on: date) -> bool:
    """May a session take place on `on` as far as consent goes?"""
    return _valid(client, Kind.TREATMENT, on)


def photo_consent_valid(client: Client, *, on: date) -> bool:
    return _valid(client, Kind.PHOTOGRAPHY, on)


def marketing_consent_valid(client: Client, *, on: date) -> bool:
    return _valid(client, Kind.MARKETING, on)


@dataclass(frozen=True)
class Status:
    kind: str
    label: str  # "Treatment consent"
    valid: bool  # signed and not withdrawn, today
    signature_id: int | None  # the latest signature of this kind, withdrawn or not
    signed_at: datetime | None
    signed_version: int | None
    current_version: int | None  # None: the clinic has no document of this kind yet
    withdrawn_at: datetime | None

    @property
    def on_older_version(self) -> bool:
        return (
            self.signed_version is not None
            and self.current_version is not None
            and self.signed_version < self.current_version
        )

    @property
    def state(self) -> str:
        """ "signed" | "withdrawn" | "not_signed"."""
        if self.valid:
            return "signed"
        return "withdrawn" if self.withdrawn_at is not None else "not_signed"


def consent_status(client: Client) -> dict[str, Status]:
    """Each kind's status for the client, as of now. Two queries."""
    current = dict(
        ConsentDocument.objects.filter(clinic_id=client.clinic_id)
        .values_list("kind")
        .annotate(v=Max("version"))
        .values_list("kind", "v")
    )
    latest: dict[str, ConsentSignature] = {}
    for signature in (
        ConsentSignature.objects.filter(client=client)
        .select_related("document")
        .only("id", "kind", "signed_at", "withdrawn_at", "document__version")
        .order_by("-signed_at", "-id")
    ):
        latest.setdefault(signature.kind, signature)
    now = timezone.now()
    out: dict[str, Status] = {}
    for kind in Kind:
        sig = latest.get(kind.value)
        out[kind.value] = Status(
            kind=kind.value,
            label=str(kind.label),
            valid=sig is not None and (sig.withdrawn_at is None or sig.withdrawn_at > now),
            signature_id=sig.pk if sig else None,
            signed_at=sig.signed_at if sig else None,
            signed_version=sig.document.version if sig else None,
            current_version=current.get(kind.value),
            withdrawn_at=sig.withdrawn_at if sig else None,
        )
    return out


# --- reads that take the acting user -----------------------------------------------------------


def current_document(clinic_id: int, kind: str) -> ConsentDocument | None:
    return (
        ConsentDocument.objects.filter(clinic_id=clinic_id, kind=kind).order_by("-version").first()
    )


def document_for(user: Any, document_id: object) -> ConsentDocument:
    """One of the clinic's published consent documents (else 404), for its owners (else 403)."""
    return get_visible_or_404(ConsentDocument.objects.all(), user, document_id, "consent.publish")


def signature_for(user: Any, signature_id: object, action: str) -> ConsentSignature:
    """The signature if its client is visible to the user (else 404) and `action` is allowed on
    that client (else 403)."""
    signatures = ConsentSignature.objects.select_related(
        "document", "client", "client__clinic", "signed_by", "withdrawn_by"
    )
    return get_visible_or_404(signatures, user, signature_id, action)


def client_signatures(user: Any, client_id: object) -> tuple[Client, QuerySet[ConsentSignature]]:
    """Every signature of the client, newest first (consent contents: clinicians and client)."""
    client = client_for(user, client_id, "consent.view")
    return client, (
        ConsentSignature.objects.filter(client=client)
        .select_related("document")
        .defer("signature_png")
        .order_by("-signed_at", "-id")
    )


def documents_for_settings(clinic_id: int) -> QuerySet[ConsentDocument]:
    return (
        ConsentDocument.objects.filter(clinic_id=clinic_id)
        .select_related("published_by")
        .order_by("kind", "-version")
    )

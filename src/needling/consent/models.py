"""Consent documents (versioned, per clinic) and the signatures given on them.

Both are append-only: a new document text is a new version; a signature is never edited, and
withdrawing it sets `withdrawn_at` once (see services.withdraw_consent).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.consent.choices import Kind


def text_to_sign(title: str, body: str) -> str:
    """The exact text a signer agrees to: the title, a blank line, the body (LF line ends)."""
    return f"{title}\n\n{body}".replace("\r\n", "\n").replace("\r", "\n")


def sha256_of(title: str, body: str) -> str:
    return hashlib.sha256(text_to_sign(title, body).encode("utf-8")).hexdigest()


class ConsentDocument(models.Model):
    """One published version of one kind of consent text for a clinic. Never edited."""

    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.CASCADE, related_name="consent_documents"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    visibility = Scope(clinic="clinic", client=None, find="consent.find", view="consent.view")
    objects = VisibleQuerySet["ConsentDocument"].as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "kind", "version"], name="consent_document_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="consent_version_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def signing_text(self) -> str:
        return text_to_sign(self.title, self.body)

    def computed_sha256(self) -> str:
        return sha256_of(self.title, self.body)


class Via(models.TextChoices):
    STAFF = "staff", "In the clinic, witnessed by staff"
    PORTAL = "portal", "By the client in the portal"


class SignatureEditError(RuntimeError):
    """Raised when code tries to change a stored signature (only withdrawal may be recorded)."""


class ConsentSignature(models.Model):
    """A client's signature on one document version: drawn image, typed name, time and hash."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="consent_signatures"
    )
    document = models.ForeignKey(
        ConsentDocument, on_delete=models.PROTECT, related_name="signatures"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)  # = document.kind, for indexes
    signer_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    signature_png = models.BinaryField()
    text_sha256 = models.CharField(max_length=64)
    via = models.CharField(max_length=10, choices=Via.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member who witnessed it, or the client's own portal account.",
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="consent.find", view="consent.view"
    )
    objects = VisibleQuerySet["ConsentSignature"].as_manager()

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["client", "kind", "-signed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("signed_at")),
                name="consent_withdrawn_after_signed",
            )
        ]

    def __str__(self) -> str:
        return f"consent signature {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SignatureEditError(
                "A consent signature is never edited; withdraw it with services.withdraw_consent."
            )
        super().save(*args, **kwargs)

    @property
    def signature_data_url(self) -> str:
        import base64

        return "data:image/png;base64," + base64.b64encode(bytes(self.signature_png)).decode()

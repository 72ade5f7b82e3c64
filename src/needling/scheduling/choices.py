"""The scheduling choices pages and forms use: plain enums, importable without the models."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    TREATMENT = "treatment", "Treatment"
    CONSULTATION = "consultation", "Consultation"
    REVIEW = "review", "Outcome review"
    HEALING_CHECK = "healing_check", "Healing check"


class Status(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    DONE = "done", "Done"
    NO_SHOW = "no_show", "No-show"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (gave up)"
    CANCELLED = "cancelled", "Not needed any more"
    NO_ADDRESS = "no_address", "No e-mail address"

"""The audit choices pages and forms use: plain enums, importable without the models."""

from __future__ import annotations

from django.db import models


class Outcome(models.TextChoices):
    OK = "ok", "Succeeded"
    DENIED = "denied", "Denied"
    FAILED = "failed", "Failed"

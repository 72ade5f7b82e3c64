"""The consent choices pages and forms use: plain enums, importable without the models."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    TREATMENT = "treatment", "Treatment consent"
    PHOTOGRAPHY = "photography", "Photography consent"
    MARKETING = "marketing", "Marketing consent"

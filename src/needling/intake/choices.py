"""The intake choices pages and forms use: plain enums, importable without the models."""

from __future__ import annotations

from django.db import models


class Decision(models.TextChoices):
    PROCEED = "proceed", "Proceed"
    PRECAUTIONS = "proceed_with_precautions", "Proceed with precautions"
    DO_NOT_TREAT = "do_not_treat", "Do not treat"
    OVERRIDE = "override", "Override the stop"

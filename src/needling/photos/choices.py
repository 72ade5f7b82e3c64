"""The photos choices pages and forms use: plain enums, importable without the models."""

from __future__ import annotations

from django.db import models

SIZES = ("full", "large", "small")


class PhotoView(models.TextChoices):
    """The standard views of a facial photo series (microneedling.md §6.4: standardised
    global photographs, Dhurat 2013 [V]; the five-view set is common clinical practice)."""

    FRONT = "front", "Front"
    LEFT_45 = "left_45", "Left 45°"
    RIGHT_45 = "right_45", "Right 45°"
    LEFT_90 = "left_90", "Left 90° (profile)"
    RIGHT_90 = "right_90", "Right 90° (profile)"
    CLOSE_UP = "close_up", "Close-up of a zone"

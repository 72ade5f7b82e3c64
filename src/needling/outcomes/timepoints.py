"""When in the course a photo was taken or an assessment made.

Follow-up months come from the clinical core (``FOLLOW_UP_MONTHS``: 1, 3, 6 and 12 months after
the course, microneedling.md §1.2), so the labels never drift from the review schedule.
"""

from __future__ import annotations

from django.db import models

from needling.clinical import FOLLOW_UP_MONTHS


class Timepoint(models.TextChoices):
    BASELINE = "baseline", "Baseline (before the course)"
    SESSION = "session", "At a session"
    HEALING = "healing", "Healing check after a session"
    MONTH_1 = "month_1", "1 month after the course"
    MONTH_3 = "month_3", "3 months after the course"
    MONTH_6 = "month_6", "6 months after the course"
    MONTH_12 = "month_12", "12 months after the course"
    OTHER = "other", "Other"


# Every follow-up month of the clinical core has a timepoint (checked by a test).
FOLLOW_UP_TIMEPOINTS = {months: f"month_{months}" for months in FOLLOW_UP_MONTHS}

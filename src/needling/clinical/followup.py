"""Outcome reviews after a course: 1, 3, 6 and 12 calendar months after the last session,
because collagen remodelling goes on for up to a year (microneedling.md §1.2: Aust 2008 histology
at 6 months and 1 year [V])."""

from __future__ import annotations

import datetime as dt
from typing import Final

from needling.clinical._validate import require_date
from needling.clinical.dates import add_months

FOLLOW_UP_MONTHS: Final = (1, 3, 6, 12)
FOLLOW_UP_SOURCE: Final = (
    "microneedling.md §1.2: collagen and elastin increased at 6 months and epidermal thickening "
    "at 1 year (Aust 2008) [V]; remodelling may extend to about 12 months or more; the 1-, 3-, "
    "6- and 12-month review points are a Needling default, no published source"
)


def follow_up_schedule(last_session: dt.date) -> list[dt.date]:
    """Review dates 1, 3, 6 and 12 calendar months after ``last_session``, clamped to the end
    of a shorter month (31 January -> 28 February)."""
    last = require_date("last_session", last_session)
    return [add_months(last, months, name="last_session") for months in FOLLOW_UP_MONTHS]

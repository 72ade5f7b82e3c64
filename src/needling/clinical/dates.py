"""Calendar arithmetic in whole days and calendar months."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int, *, name: str = "date") -> dt.date:
    """The same day ``months`` calendar months later (or earlier, if negative), clamped to the
    end of a shorter month: 31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"{name}: {day.isoformat()} moved by {months} months leaves the calendar")
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_days(day: dt.date, days: int, *, name: str = "date") -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError as exc:
        raise ValueError(
            f"{name}: {day.isoformat()} moved by {days} days leaves the calendar"
        ) from exc


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years. Someone born on 29 February has a birthday on 1 March in other years."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

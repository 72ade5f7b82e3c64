"""Clinic-local wall-clock times <-> aware UTC datetimes, safe across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from needling.scheduling.errors import SchedulingError


def clinic_zone(clinic: object) -> ZoneInfo:
    name = getattr(clinic, "time_zone", "") or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_datetime(zone: ZoneInfo, day: date, at: time) -> datetime:
    """The aware datetime for a wall-clock time on a day in `zone`.

    A time that does not exist (skipped when the clocks go forward) is refused; a time that
    happens twice (when the clocks go back) is the first of the two.
    """
    naive = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        raise SchedulingError(
            f"{at:%H:%M} does not exist on {day:%d %B %Y} in {zone.key}: the clocks go forward "
            "that night. Choose another time.",
            field="time",
        )
    return aware.astimezone(UTC)


def day_bounds(zone: ZoneInfo, day: date) -> tuple[datetime, datetime]:
    """Start and end (exclusive) of a local calendar day, as aware UTC datetimes (a day is 23 or
    25 hours long when the clocks change)."""
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def local(zone: ZoneInfo, moment: datetime) -> datetime:
    return moment.astimezone(zone)

"""Day and week calendars, per location or per practitioner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from needling.access import can, require
from needling.scheduling.selectors import (
    DAY_END_HOUR,
    DAY_START_HOUR,
    SLOT_MINUTES,
    calendar_choices,
    day_calendar,
    week_calendar,
)


class BadFilter(ValueError):
    pass


def _filters(
    request: HttpRequest, locations: list[Any], practitioners: list[tuple[int, str]]
) -> dict[str, Any]:
    raw_day = request.GET.get("date", "")
    try:
        day = date.fromisoformat(raw_day) if raw_day else timezone.localdate()
    except ValueError:
        raise BadFilter("The date must look like 2025-03-31.") from None
    if not 2000 <= day.year <= 2200:
        raise BadFilter("Choose a date between the years 2000 and 2200.")
    location_id = practitioner_id = None
    raw_loc, raw_prac = request.GET.get("location", ""), request.GET.get("practitioner", "")
    if raw_prac:
        if not raw_prac.isdigit() or int(raw_prac) not in {p for p, _ in practitioners}:
            raise BadFilter("That practitioner is not one of this clinic's.")
        practitioner_id = int(raw_prac)
    elif raw_loc:
        if not raw_loc.isdigit() or int(raw_loc) not in {loc.pk for loc in locations}:
            raise BadFilter("That location is not one of this clinic's.")
        location_id = int(raw_loc)
    elif "location" not in request.GET and locations:
        location_id = locations[0].pk  # first visit: the first location; "All" is an empty value
    return {"day": day, "location_id": location_id, "practitioner_id": practitioner_id}


def _bad(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request,
        "scheduling/bad_request.html",
        {"message": message, "section": "calendar"},
        status=400,
    )


def _hours() -> list[str]:
    return [f"{h:02d}:00" for h in range(DAY_START_HOUR, DAY_END_HOUR)]


@require_GET
@login_required
def day_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "calendar.view")
    locations, practitioners = calendar_choices(request.user)
    try:
        f = _filters(request, locations, practitioners)
    except BadFilter as exc:
        return _bad(request, str(exc))
    clinic, columns = day_calendar(
        request.user,
        day=f["day"],
        location_id=f["location_id"],
        practitioner_id=f["practitioner_id"],
    )
    return render(
        request,
        "scheduling/day.html",
        {
            **f,
            "clinic": clinic,
            "columns": columns,
            "locations": locations,
            "practitioners": practitioners,
            "hours": _hours(),
            "slot_minutes": SLOT_MINUTES,
            "prev_day": f["day"] - timedelta(days=1),
            "next_day": f["day"] + timedelta(days=1),
            "today": timezone.localdate(),
            "may_book": can(request.user, "appointment.book"),
            "perms_feeds": can(request.user, "calendar.feeds"),
            "section": "calendar",
            "view": "day",
        },
    )


@require_GET
@login_required
def week_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "calendar.view")
    locations, practitioners = calendar_choices(request.user)
    try:
        f = _filters(request, locations, practitioners)
    except BadFilter as exc:
        return _bad(request, str(exc))
    monday = f["day"] - timedelta(days=f["day"].weekday())
    clinic, days = week_calendar(
        request.user,
        monday=monday,
        location_id=f["location_id"],
        practitioner_id=f["practitioner_id"],
    )
    return render(
        request,
        "scheduling/week.html",
        {
            **f,
            "clinic": clinic,
            "days": days,
            "monday": monday,
            "locations": locations,
            "practitioners": practitioners,
            "prev_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "today": timezone.localdate(),
            "may_book": can(request.user, "appointment.book"),
            "perms_feeds": can(request.user, "calendar.feeds"),
            "section": "calendar",
            "view": "week",
        },
    )

"""Day and week calendars: per location and per practitioner, bad filters refused, and a query
count that does not grow with the number of appointments."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse

from needling.clients.models import Client
from needling.clinics.models import Location
from needling.scheduling.models import Appointment
from tests.conftest import Cast
from tests.scheduling.factories import at, day_after_tomorrow, location


def _fill(cast: Cast, n: int, from_hour: int = 7) -> None:
    """n appointments tomorrow, each with its own client, 15 minutes apart over two people."""
    clients = Client.objects.bulk_create(
        Client(clinic=cast.clinic, first_name=f"Name{i}", last_name="Busy") for i in range(n)
    )
    rows = []
    for i, client in enumerate(clients):
        who = cast.practitioner if i % 2 == 0 else cast.owner
        start = at(cast, day_after_tomorrow(), from_hour) + timedelta(minutes=15 * (i // 2))
        rows.append(
            Appointment(clinic=cast.clinic, client=client, practitioner=who,
                        location=location(cast), kind="consultation", start=start,
                        end=start + timedelta(minutes=15), booked_by=cast.front_desk)
        )  # fmt: skip
    Appointment.objects.bulk_create(rows)


def _get(cast: Cast, name: str, **params: Any) -> Any:
    browser = Browser()
    browser.force_login(cast.front_desk)
    return browser.get(reverse(name), params)


def test_the_day_shows_each_practitioner_as_a_column(cast: Cast) -> None:
    _fill(cast, 4)
    response = _get(cast, "scheduling:day", date=day_after_tomorrow().isoformat())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="cal-col"') == 2  # two practitioners (plus the time gutter)
    assert "Name0 Busy" in html
    assert "07:00–07:15" in html


def test_the_practitioner_day_shows_only_theirs(cast: Cast) -> None:
    _fill(cast, 4)
    html = _get(
        cast, "scheduling:day", date=day_after_tomorrow().isoformat(), practitioner=cast.owner.pk
    ).content.decode()
    assert "Name1 Busy" in html
    assert "Name0 Busy" not in html


def test_the_week_lists_each_day(cast: Cast) -> None:
    _fill(cast, 3)
    response = _get(cast, "scheduling:week", date=day_after_tomorrow().isoformat(), location="")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="cal-weekday') == 7
    assert "Name2 Busy" in html


@pytest.mark.parametrize(
    "params",
    [
        {"date": "31/12/2025"},
        {"date": "1800-01-01"},
        {"location": "abc"},
        {"practitioner": "99999"},
    ],
)
def test_bad_filters_get_a_clear_400(cast: Cast, params: dict[str, str]) -> None:
    response = _get(cast, "scheduling:day", **params)
    assert response.status_code == 400
    assert b"message-error" in response.content


def test_another_clinics_location_is_a_bad_filter(cast: Cast) -> None:
    elsewhere = Location.objects.create(clinic=cast.other_clinic, name="Far")
    assert _get(cast, "scheduling:week", location=elsewhere.pk).status_code == 400


def _count(cast: Cast, name: str) -> int:
    browser = Browser()
    browser.force_login(cast.front_desk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert (
            browser.get(reverse(name), {"date": day_after_tomorrow().isoformat()}).status_code
            == 200
        )
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["scheduling:day", "scheduling:week"])
def test_queries_do_not_grow_with_appointments(cast: Cast, name: str) -> None:
    _fill(cast, 2)
    few = _count(cast, name)
    _fill(cast, 48, from_hour=8)  # 50 in all
    many = _count(cast, name)
    assert few == many


@pytest.mark.parametrize("name", ["scheduling:day", "scheduling:week"])
def test_query_budget(cast: Cast, name: str, query_budget: Any) -> None:
    _fill(cast, 10)
    browser = Browser()
    browser.force_login(cast.front_desk)
    # Middleware: session, user, staff role (actor), MFA check, session touch (savepoint,
    # update, release). The page: locations, practitioners, clinic, the appointments.
    with query_budget(name):
        assert (
            browser.get(reverse(name), {"date": day_after_tomorrow().isoformat()}).status_code
            == 200
        )

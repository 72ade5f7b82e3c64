from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser

from needling.clients.models import Client
from tests.conftest import Cast


def _add_clients(cast: Cast, n: int) -> None:
    Client.objects.bulk_create(
        Client(
            clinic=cast.clinic,
            first_name=f"Name{i}",
            last_name=f"Surname{i:03d}",
            phone=f"0770090{i:04d}",
        )
        for i in range(n)
    )


def _page_queries(cast: Cast, query_budget: Any, url: str, key: str) -> None:
    browser = Browser()
    browser.force_login(cast.front_desk)
    browser.get("/")  # the session's first-request bookkeeping settles
    with query_budget(key):
        assert browser.get(url).status_code == 200


@pytest.mark.parametrize("n", [2, 60])
def test_client_list_query_count_does_not_grow(cast: Cast, query_budget: Any, n: int) -> None:
    _add_clients(cast, n)
    # session, user, staff role, count, one page of clients
    _page_queries(cast, query_budget, "/clients/", "client list")


def _count(browser: Browser, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["front_desk", "practitioner"])
def test_client_page_query_count_does_not_grow(cast: Cast, who: str) -> None:
    """The same number of queries with 2 or 50 clients, intakes and decisions on record."""
    from tests.intake.factories import ready, submit

    browser = Browser()
    browser.force_login(getattr(cast, who))
    browser.get("/")
    url = f"/clients/{cast.record_a.pk}/"
    client = ready(cast.record_a)
    _add_clients(cast, 2)
    submit(cast, client, cold_sore_history=True)
    few = _count(browser, url)
    _add_clients(cast, 48)
    for _ in range(49):
        submit(cast, client, cold_sore_history=True)
    assert _count(browser, url) == few


def test_list_is_paginated(cast: Cast) -> None:
    _add_clients(cast, 120)
    browser = Browser()
    browser.force_login(cast.front_desk)
    page = browser.get("/clients/").context["page"]
    assert len(page.object_list) == 50
    assert page.paginator.count == 122
    last = browser.get("/clients/?page=999").context["page"]
    assert last.number == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ali", ["Alice"]), ("Client Bob", ["Bob"]), ("nobody", []), ("0770090 0007", ["Name7"])],
)
def test_search_by_name_and_phone(cast: Cast, query: str, expected: list[str]) -> None:
    _add_clients(cast, 10)
    browser = Browser()
    browser.force_login(cast.front_desk)
    page = browser.get("/clients/", {"q": query}).context["page"]
    assert [c.first_name for c in page] == expected


def test_search_by_date_of_birth(cast: Cast) -> None:
    import datetime

    Client.objects.filter(pk=cast.record_b.pk).update(date_of_birth=datetime.date(1990, 3, 4))
    browser = Browser()
    browser.force_login(cast.practitioner)
    page = browser.get("/clients/", {"q": "04/03/1990"}).context["page"]
    assert [c.first_name for c in page] == ["Bob"]


def test_other_clinics_clients_never_appear(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.practitioner)
    page = browser.get("/clients/", {"q": "Olga"}).context["page"]
    assert list(page) == []


def test_htmx_search_returns_only_the_rows(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.front_desk)
    response = browser.get("/clients/", {"q": "ali"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<table>" in html
    assert "<html" not in html


def test_front_desk_does_not_see_skin_details(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.front_desk)
    html = browser.get(f"/clients/{cast.record_a.pk}/").content.decode()
    assert "Fitzpatrick" not in html
    browser.force_login(cast.practitioner)
    assert "Fitzpatrick" in browser.get(f"/clients/{cast.record_a.pk}/").content.decode()


def test_client_page_view_is_audited(cast: Cast) -> None:
    from needling.audit.models import AuditEvent

    browser = Browser()
    browser.force_login(cast.front_desk)
    browser.get(f"/clients/{cast.record_a.pk}/")
    event = AuditEvent.objects.get(action="client.view")
    assert (event.actor_id, event.client_id, event.detail["clinical"]) == (
        cast.front_desk.pk,
        cast.record_a.pk,
        False,
    )
    assert "screening" not in event.detail["sections"]

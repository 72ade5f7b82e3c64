"""kernel.paging: pages without a COUNT, one query each, odd page numbers read as page 1."""

from __future__ import annotations

from typing import Any

import pytest

from needling.clients.models import Client
from needling.kernel.paging import page_of
from tests.conftest import Cast


def _three_more(cast: Cast) -> Any:
    for name in ("Cara", "Dan", "Eve"):
        Client.objects.create(clinic=cast.clinic, first_name=name, last_name="Page")
    return Client.objects.filter(last_name="Page").order_by("first_name")


def test_pages_walk_the_list_in_one_query_each(cast: Cast, django_assert_num_queries: Any) -> None:
    rows = _three_more(cast)
    with django_assert_num_queries(1) as queries:
        first = page_of(rows, "1", 2)
    assert "COUNT(" not in queries.captured_queries[0]["sql"].upper()
    assert [c.first_name for c in first] == ["Cara", "Dan"]
    assert (first.has_previous, first.has_next) == (False, True)
    second = page_of(rows, first.next_page_number, 2)
    assert [c.first_name for c in second] == ["Eve"]
    assert (second.has_previous, second.has_next, second.previous_page_number) == (True, False, 1)


@pytest.mark.parametrize("number", [None, "", "abc", "-3", "0", "1e9"])
def test_a_bad_page_number_is_the_first_page(cast: Cast, number: object) -> None:
    page = page_of(_three_more(cast), number, 2)
    assert page.number == 1
    assert len(page) == 2


def test_a_page_past_the_end_is_empty_not_an_error(cast: Cast) -> None:
    page = page_of(_three_more(cast), "99999999", 2)
    assert page.number == 10_000
    assert list(page) == []
    assert page.has_previous

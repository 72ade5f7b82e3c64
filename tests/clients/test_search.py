"""Search by name (any case), e-mail, phone digits and date of birth, served by indexes."""

from __future__ import annotations

from datetime import date

import pytest

from needling.clients.models import Client
from needling.clients.selectors import search_clients
from tests.conftest import Cast


@pytest.fixture
def people(cast: Cast) -> None:
    Client.objects.bulk_create(
        [
            Client(clinic=cast.clinic, first_name="Zoë", last_name="McAllister",
                   email="Zoe.M@Example.test", phone="+44 161 496-0000",
                   date_of_birth=date(1980, 1, 2)),
            Client(clinic=cast.clinic, first_name="Mark", last_name="Allen", phone="0161 4960001"),
            Client(clinic=cast.other_clinic, first_name="Mark", last_name="Other"),
        ]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mcal", ["Zoë"]),
        ("MCALLISTER", ["Zoë"]),
        ("zoë mc", ["Zoë"]),
        ("mark", ["Mark"]),
        ("zoe.m@example", ["Zoë"]),
        ("44 161 496", ["Zoë"]),
        ("0161 496", ["Mark"]),
        ("02/01/1980", ["Zoë"]),
        ("1980-01-02", ["Zoë"]),
        ("al", ["Alice", "Mark"]),  # prefixes of Alice and Allen, not inside McAllister
        ("%", []),
        ("_", []),
        ("\x00", ["Alice", "Bob", "Zoë", "Mark"]),
    ],
)
def test_search_finds_by_prefix(cast: Cast, people: None, query: str, expected: list[str]) -> None:
    found = search_clients(cast.front_desk, query)
    assert sorted(c.first_name for c in found) == sorted(expected)

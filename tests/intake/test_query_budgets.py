"""Query budgets of the intake pages: fixed, and the same with 2 or 50 earlier intakes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client as Browser

from tests.conftest import Cast
from tests.intake.factories import ready, submit

# session, user, staff role, the client, the current questionnaire, the current intake with its
# form; audit: last event, insert, signed head (+ the advisory lock on PostgreSQL).
BUDGET = 10 + (connection.vendor == "postgresql")


@pytest.mark.parametrize("intakes", [2, 50])
@pytest.mark.parametrize("path", ["", "answers/"])
def test_intake_pages_stay_within_budget(
    cast: Cast, django_assert_max_num_queries: Any, intakes: int, path: str
) -> None:
    client = ready(cast.record_a)
    for _ in range(intakes):
        submit(cast, client, cold_sore_history=True)
    browser = Browser()
    browser.force_login(cast.practitioner)
    browser.get("/")
    # The answers page lists up to 20 earlier intakes in the same query as the current one.
    with django_assert_max_num_queries(BUDGET + (path == "answers/")):
        assert browser.get(f"/intake/{client.pk}/{path}").status_code == 200

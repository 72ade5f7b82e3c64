"""Query budgets of the intake pages: fixed, and the same with 2 or 50 earlier intakes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser

from tests.conftest import Cast
from tests.intake.factories import ready, submit

# session, user, staff role, the client, the current questionnaire, the current intake with its
# form; audit: last event, insert, signed head (+ the advisory lock on PostgreSQL).
# The budgets are data: tests/intake/query_baselines.json.


@pytest.mark.parametrize("intakes", [2, 50])
@pytest.mark.parametrize("path", ["", "answers/"])
def test_intake_pages_stay_within_budget(
    cast: Cast, query_budget: Any, intakes: int, path: str
) -> None:
    client = ready(cast.record_a)
    for _ in range(intakes):
        submit(cast, client, cold_sore_history=True)
    browser = Browser()
    browser.force_login(cast.practitioner)
    browser.get("/")
    # The answers page lists up to 20 earlier intakes in the same query as the current one.
    with query_budget(f"intake page /{path}"):
        assert browser.get(f"/intake/{client.pk}/{path}").status_code == 200

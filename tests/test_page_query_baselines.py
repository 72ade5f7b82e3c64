"""Every page of the permission matrix, for every cast member it answers, within its committed
query baseline (tests/query_baselines.json; `scripts/update-query-baselines` rewrites it). A
change that makes any page run more queries for anyone fails here."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import Cast
from tests.test_permission_matrix import POST_ONLY, PUBLIC, ROUTES, _url

CASES = [
    (name, who)
    for name, rule in ROUTES.items()
    if rule not in (PUBLIC, POST_ONLY)
    for who, expected in rule.items()
    if expected != "login" and expected != 405 and who != "anonymous"  # signed-in people only
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.parametrize(("name", "who"), CASES)
def test_page_stays_within_its_query_baseline(
    cast: Cast, name: str, who: str, query_budget: Any
) -> None:
    browser = Client()
    user = cast.user(who)
    assert user is not None
    browser.force_login(user)
    url = _url(name, cast)
    browser.get("/")  # the session's first-request bookkeeping settles
    with query_budget(f"GET {name} as {who}"):
        response = browser.get(url)
    assert response.status_code == ROUTES[name][who], f"{who} on {name}"

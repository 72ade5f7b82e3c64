"""Writes are refused to everyone the read matrix refuses: a POST by a person who may not see or
change a thing never succeeds (403, 404, or the sign-in page), whatever the body."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import Cast
from tests.test_permission_matrix import POST_ONLY, PUBLIC, ROUTES, _url

# POST-only routes answer every GET with 405, so the read matrix cannot say who may use them:
# these are clinicians' actions, refused to front desk, portal clients and strangers.
NOT_CLINICIANS = ("front_desk", "client_a", "client_b", "other_practitioner", "anonymous")


def _refused_to(name: str) -> list[str]:
    rule = ROUTES[name]
    if rule == POST_ONLY:
        return list(NOT_CLINICIANS)
    return [who for who, expected in rule.items() if expected in (403, 404, "login")]


# A refused attempt may be audited (the audit tables) and may touch the signed-in session and the
# rate-limit cache; every other table must hold exactly the rows it held before.
UNCHECKED = ("audit_", "django_session", "needling_cache")


def _row_counts() -> dict[str, int]:
    """Rows in every table of ours and Django's, in one query."""
    tables = [t for t in connection.introspection.table_names() if not t.startswith(UNCHECKED)]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


CASES = [
    (name, who) for name, rule in ROUTES.items() if rule != PUBLIC for who in _refused_to(name)
]


@pytest.mark.parametrize(("name", "who"), CASES)
def test_a_refused_person_cannot_post(cast: Cast, name: str, who: str) -> None:
    browser = Client()
    user = cast.user(who)
    if user is not None:
        browser.force_login(user)
    url = _url(name, cast)
    before = _row_counts()
    response = browser.post(url, {"reason": "x" * 20, "note": "x", "confirm": "on"})
    if user is None:
        assert response.status_code in (302, 405), f"anonymous POST to {name}"
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code in (403, 404, 405), (
            f"{who} POST to {name}: {response.status_code}"
        )
    # Nothing was written on their behalf (a refused request may at most log its refusal).
    after = _row_counts()
    assert after == before, f"{who} POST to {name} wrote rows: " + ", ".join(
        f"{t} {before[t]}→{after[t]}" for t in after if after[t] != before[t]
    )

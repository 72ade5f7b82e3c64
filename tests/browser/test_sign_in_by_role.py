from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast


@pytest.mark.parametrize(
    ("who", "heading", "sees", "does_not_see"),
    [
        ("owner", "Today", ["Clients", "Settings"], []),
        ("practitioner", "Today", ["Clients", "Reference"], ["Settings"]),
        ("front_desk", "Today", ["Clients"], ["Settings"]),
        ("client_a", "Hello, Alice", [], ["Clients", "Settings"]),
    ],
)
def test_each_role_signs_in_to_its_own_home(
    transactional_db: Any,
    cast: Cast,
    page: Page,
    who: str,
    heading: str,
    sees: list[str],
    does_not_see: list[str],
) -> None:
    user = cast.user(who)
    assert user is not None
    sign_in(page, user.email, PASSWORD, cast.totp_secrets.get(user.email))
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    nav = page.get_by_role("navigation", name="Main")
    for label in sees:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    for label in does_not_see:
        expect(nav.get_by_role("link", name=label)).to_have_count(0)


def test_wrong_password_is_refused_without_saying_why(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    sign_in(page, cast.owner.email, "not-the-password")
    expect(page.get_by_text("not correct")).to_be_visible()
    expect(page).to_have_url("/accounts/login/")


def test_front_desk_cannot_open_settings(transactional_db: Any, cast: Cast, page: Page) -> None:
    sign_in(page, cast.front_desk.email, PASSWORD, cast.totp_secrets[cast.front_desk.email])
    response = page.goto("/settings/audit/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this")

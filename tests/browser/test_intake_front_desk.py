"""The front desk never sees clinical details: not on the client page, not in intake pages or
their htmx partials."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast
from tests.intake.factories import ready, submit


def test_front_desk_sees_identity_but_no_screening(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    client = ready(cast.record_a)
    submit(cast, client, pregnant=True)
    email = cast.front_desk.email
    sign_in(page, email, PASSWORD, cast.totp_secrets[email])
    page.goto(f"/clients/{client.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice Client")
    expect(page.get_by_role("heading", name="Identity and contact")).to_be_visible()
    body = page.locator("main").inner_text()
    for secret in ("Screening", "pregnan", "Fitzpatrick", "Intake"):
        assert secret not in body
    for path in (
        f"/intake/{client.pk}/",
        f"/intake/{client.pk}/answers/",
        f"/intake/{client.pk}/follow-ups/?gate=isotretinoin_past&form=1&isotretinoin_past=yes",
    ):
        response = page.goto(path)
        assert response is not None
        assert response.status == 403, path
        assert "pregnan" not in page.content()
    # An htmx request is refused the same way.
    status = page.evaluate(
        """async (url) => (await fetch(url, {headers: {"HX-Request": "true"}})).status""",
        f"/intake/{client.pk}/follow-ups/?gate=isotretinoin_past&form=1&isotretinoin_past=yes",
    )
    assert status == 403

from __future__ import annotations

import re
import time
from typing import Any

from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in, totp_now
from tests.conftest import PASSWORD, Cast


def test_staff_must_enrol_in_mfa_then_sign_in_with_a_code(
    transactional_db: Any, cast: Cast, page: Page, settings: Any
) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = True
    Authenticator.objects.filter(user=cast.practitioner).delete()

    sign_in(page, cast.practitioner.email, PASSWORD)
    page.goto("/clients/")
    # Forced to enrol; allauth asks for the password again before MFA changes.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_now(secret))
    page.get_by_role("button", name="Activate").click()
    assert Authenticator.objects.filter(user=cast.practitioner, type="totp").exists()

    page.goto("/clients/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")

    # Sign out, then back in: the password alone is no longer enough.
    page.context.clear_cookies()
    sign_in(page, cast.practitioner.email, PASSWORD)
    expect(page.get_by_label("Code")).to_be_visible()
    page.get_by_label("Code").fill("000000" if totp_now(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.get_by_label("Code").fill(totp_now(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def test_idle_session_signs_out_and_returns_to_the_page(
    transactional_db: Any, cast: Cast, page: Page, settings: Any
) -> None:
    # A portal client (no authenticator code, so signing in twice within 30 s is possible).
    settings.SESSION_IDLE_SECONDS = 2
    sign_in(page, cast.client_a.email, PASSWORD)
    page.goto(f"/clients/{cast.record_a.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice Client")
    time.sleep(3)
    page.reload()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_text("signed out after a period without activity")).to_be_visible()
    settings.SESSION_IDLE_SECONDS = 1800
    page.get_by_label("Email").fill(cast.client_a.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice Client")

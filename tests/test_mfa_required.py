from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client

from tests.conftest import PASSWORD, Cast


def test_staff_without_an_authenticator_must_set_one_up(cast: Cast, settings: Any) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = True
    Authenticator.objects.filter(user=cast.front_desk).delete()
    browser = Client()
    browser.post("/accounts/login/", {"login": cast.front_desk.email, "password": PASSWORD})
    response = browser.get("/clients/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Setting up MFA is account-sensitive: allauth asks for the password once more first.
    response = browser.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    browser.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert browser.get("/accounts/2fa/totp/activate/").status_code == 200


def test_staff_with_an_authenticator_go_through(cast: Cast, settings: Any) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = True
    browser = Client()
    browser.force_login(cast.front_desk)
    assert browser.get("/clients/").status_code == 200


def test_clients_are_not_forced_to_use_mfa(cast: Cast, settings: Any) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = True
    browser = Client()
    browser.force_login(cast.client_a)
    assert browser.get("/").status_code == 200


def test_the_requirement_can_be_switched_off(cast: Cast, settings: Any) -> None:
    settings.NEEDLING_MFA_REQUIRED_FOR_STAFF = False
    Authenticator.objects.filter(user=cast.front_desk).delete()
    browser = Client()
    browser.force_login(cast.front_desk)
    assert browser.get("/clients/").status_code == 200

"""Bad input of every kind gets the right 4xx, a clear page, and changes nothing."""

from __future__ import annotations

from django.test import Client

from needling.accounts.models import User
from tests.conftest import PASSWORD, Cast


def _login_error(email: str, password: str) -> str:
    response = Client().post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 200  # the form again, with an error
    return response.context["form"].non_field_errors()[0]


def test_login_errors_do_not_reveal_whether_an_account_exists(cast: Cast) -> None:
    unknown = _login_error("nobody@test.test", "whatever-password")
    wrong = _login_error(cast.practitioner.email, "whatever-password")
    assert unknown == wrong
    assert "not correct" in unknown


def test_correct_password_signs_in(cast: Cast) -> None:
    response = Client().post(
        "/accounts/login/", {"login": cast.client_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_repeated_failures_are_rate_limited(cast: Cast) -> None:
    browser = Client()
    for i in range(5):
        browser.post("/accounts/login/", {"login": cast.owner.email, "password": f"bad-{i}"})
    # Even the right password is now refused for a while, with a message that says why, and a
    # status monitoring can see.
    response = browser.post("/accounts/login/", {"login": cast.owner.email, "password": PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "wait and try again" in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_a_wrong_password_before_the_lock_out_is_still_200(cast: Cast) -> None:
    response = Client().post("/accounts/login/", {"login": cast.owner.email, "password": "bad-1"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_missing_csrf_token_gets_a_clear_403(cast: Cast) -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {"login": cast.owner.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_wrong_method_gets_a_clear_405(cast: Cast) -> None:
    browser = Client()
    browser.force_login(cast.owner)
    for url in ("/healthz", "/clients/", "/settings/audit/"):
        response = browser.post(url)
        assert response.status_code == 405
        assert "cannot be done this way" in response.content.decode()


def test_a_host_not_allowed_gets_400() -> None:
    response = Client().get("/healthz", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "could not be used" in response.content.decode()


def test_unknown_pages_get_404_page(cast: Cast) -> None:
    browser = Client()
    browser.force_login(cast.owner)
    response = browser.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_strangers_get_404_for_a_client_id_that_is_not_theirs(cast: Cast) -> None:
    browser = Client()
    browser.force_login(cast.other_practitioner)
    assert browser.get(f"/clients/{cast.record_a.pk}/").status_code == 404
    assert browser.get("/clients/999999999/").status_code == 404


def test_public_signup_is_closed(db: object) -> None:
    response = Client().post(
        "/accounts/signup/",
        {"email": "new@x.test", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert response.status_code == 200
    assert (
        "Sign Up Closed" in response.content.decode()
        or "closed" in response.content.decode().lower()
    )
    assert not User.objects.filter(email="new@x.test").exists()


def test_pages_with_phi_are_never_cached(cast: Cast) -> None:
    browser = Client()
    browser.force_login(cast.practitioner)
    response = browser.get(f"/clients/{cast.record_a.pk}/")
    assert response["Cache-Control"] == "no-store"

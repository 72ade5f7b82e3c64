from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from tests.conftest import Cast


def _signed_in(cast: Cast) -> Client:
    browser = Client()
    browser.force_login(cast.practitioner)
    assert browser.get("/").status_code == 200
    return browser


def test_idle_for_more_than_30_minutes_signs_out(cast: Cast) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = _signed_in(cast)
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = browser.get("/clients/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fclients%2F"
    assert browser.get("/").status_code == 302  # and stays signed out


def test_activity_keeps_the_session_alive(cast: Cast) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = _signed_in(cast)
    for minutes in (20, 40, 60, 80):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert browser.get("/").status_code == 200


def test_sessions_end_after_12_hours_however_active(cast: Cast) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = _signed_in(cast)
    for minutes in range(25, 12 * 60, 25):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert browser.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        assert browser.get("/").status_code == 302


def test_htmx_requests_are_redirected_by_header(cast: Cast) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = _signed_in(cast)
    with time_machine.travel(start + timedelta(minutes=45), tick=False):
        response = browser.get(
            "/clients/?q=al",
            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/clients/"},
        )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/accounts/login/?next=%2Fclients%2F")

"""Issue 17: /favicon.ico is served, HEAD / answers like GET, htmx's inline styles stay off
(the CSP blocks them; app.css carries the indicator rule), demo clients became clients before
their first session."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.test import Client as Browser

from needling.clients.models import Client
from needling.demo import load_demo
from tests.conftest import Cast


def test_favicon_is_served(db: object) -> None:
    response = Browser().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")


def test_head_of_the_home_page_is_not_405(cast: Cast) -> None:
    assert Browser().head("/").status_code == 302  # to the sign-in page, as GET
    browser = Browser()
    browser.force_login(cast.practitioner)
    assert browser.head("/").status_code == 200
    assert browser.head("/reference/").status_code == 200
    assert Browser().head("/healthz").status_code == 200


def test_htmx_indicator_styles_come_from_app_css(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.practitioner)
    html = browser.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in html
    css = Path(__file__).resolve().parents[1] / "src/needling/static/css/app.css"
    assert ".htmx-request .htmx-indicator" in css.read_text()


def test_demo_clients_were_clients_before_their_first_session(db: object) -> None:
    today = date(2026, 11, 24)
    load_demo(today=today)
    hannah = Client.objects.get(first_name="Hannah")
    first = hannah.treatment_sessions.order_by("session_date").first()
    assert first is not None
    assert hannah.created_at.date() <= first.session_date - timedelta(days=7)
    assert Client.objects.get(first_name="Kofi").created_at.date() <= today

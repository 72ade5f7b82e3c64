"""Issue 17, on the demo clinic's data (long names, e-mails, recalled and expired lots, signed
charts): the pages the review screenshotted fit 1024 px for staff and 390 px for clients, and a
lot tile's label never overlaps its expired/recalled line."""

from __future__ import annotations

import re
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from needling.accounts.models import User
from needling.charting.models import TreatmentSession
from needling.clients.models import Client
from needling.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import sign_in


def _as(chromium: Browser, live_server: Any, email: str, width: int) -> Page:
    user = User.objects.get(email=email)
    secret = None
    if not email.startswith(("ben@", "laura@")):
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
    context = chromium.new_context(
        viewport={"width": width, "height": 768 if width >= 1024 else 844},
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, email, DEMO_PASSWORD, secret)
    return page


def _width(page: Page, path: str) -> int:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_demo_pages_fit_and_lot_tiles_do_not_overlap(
    transactional_db: Any, chromium: Browser, live_server: Any
) -> None:
    load_demo(today=timezone.localdate())
    ben = Client.objects.get(first_name="Ben")
    amelia = Client.objects.get(first_name="Amelia")
    signed = TreatmentSession.objects.filter(client=amelia, status="signed").first()
    assert signed is not None

    priya = _as(chromium, live_server, "priya@northside.example", 1024)
    for path in (
        "/",
        f"/plans/client/{amelia.pk}/",
        f"/charts/{signed.pk}/",
        "/reference/",
        "/equipment/",
        f"/clients/{amelia.pk}/",
    ):
        assert _width(priya, path) <= 1024, path

    # The device step: each lot tile's name line ends above its problem line.
    priya.goto(f"/clients/{ben.pk}/")
    priya.get_by_role("button", name="Start a session chart").click()
    expect(priya).to_have_url(re.compile(r"/charts/\d+/$"))
    priya.goto(priya.url + "?step=device")
    problems = priya.locator(".tile-problem")
    expect(problems.first).to_be_visible()
    assert problems.count() >= 2
    for i in range(problems.count()):
        tile = problems.nth(i)
        name = tile.locator("strong").bounding_box()
        note = tile.locator("small").bounding_box()
        assert name is not None
        assert note is not None
        text_bottom = max(name["y"] + name["height"], _line_bottom(tile))
        assert note["y"] >= text_bottom - 1, tile.inner_text()
    assert priya.evaluate("document.documentElement.scrollWidth") <= 1024
    priya.context.close()

    owner = _as(chromium, live_server, "owner@northside.example", 1024)
    for path in ("/settings/", "/settings/audit/", "/calendar/week/", "/calendar/messages/"):
        assert _width(owner, path) <= 1024, path
    owner.context.close()

    client = _as(chromium, live_server, "ben@northside.example", 390)
    for path in ("/", f"/clients/{ben.pk}/"):
        assert _width(client, path) <= 390, path
    client.context.close()


def _line_bottom(tile: Any) -> float:
    """Bottom of the text before the <br> (the product name may wrap onto a second line)."""
    return float(
        tile.evaluate(
            """el => { const span = el.querySelector('span'); const r = document.createRange();
            r.setStartBefore(span.firstChild); r.setEndBefore(span.querySelector('br'));
            const rects = [...r.getClientRects()];
            return Math.max(...rects.map(x => x.bottom)); }"""
        )
    )

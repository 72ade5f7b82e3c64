"""Issue 17: no staff page scrolls sideways on a 1024 px tablet, no client-facing page on a 390 px
phone, and no page trips the Content Security Policy (each shows up as a console error).

Every page each role may open comes from the permission matrix (tests/test_permission_matrix.py):
a new page is measured as soon as it is classified there. One browser context per role."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, ConsoleMessage

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast
from tests.test_permission_matrix import ROUTES, _url

# Not pages: files, feeds and health checks.
NOT_PAGES = {
    "healthz",
    "favicon",
    "scheduling:ical",
    "photos:image",
    "charting:aftercare_pdf",
    "consent:pdf",
    "consent:signature",
    "equipment:lot_recall_csv",
}
ROLES = {"owner": 1024, "practitioner": 1024, "front_desk": 1024, "client_a": 390}


def _pages(role: str) -> list[str]:
    return [
        name
        for name, rule in ROUTES.items()
        if isinstance(rule, dict) and rule.get(role) == 200 and name not in NOT_PAGES
    ]


def _urls(cast: Cast) -> dict[str, str]:
    """One URL per page (the matrix builds fresh objects per call; one appointment serves all
    three appointment pages, as two would overlap)."""
    from django.urls import reverse

    from tests.scheduling.factories import appointment

    names = {n for role in ROLES for n in _pages(role)}
    one = appointment(cast).pk
    shared = ("scheduling:appointment", "scheduling:move", "scheduling:cancel")
    return {n: reverse(n, args=[one]) if n in shared else _url(n, cast) for n in sorted(names)}


def test_no_page_scrolls_sideways_or_trips_the_csp(
    transactional_db: Any, cast: Cast, chromium: Browser, live_server: Any
) -> None:
    urls = _urls(cast)
    problems: list[str] = []
    visited = 0
    for role, width in ROLES.items():
        height = 768 if width == 1024 else 844
        context = chromium.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []

        def on_console(msg: ConsoleMessage, errors: list[str] = errors) -> None:
            if msg.type == "error":
                errors.append(msg.text)

        page.on("console", on_console)
        user = cast.user(role)
        assert user is not None
        sign_in(page, user.email, PASSWORD, cast.totp_secrets.get(user.email))
        for name in _pages(role):
            url = urls[name]
            errors.clear()
            response = page.goto(url)
            assert response is not None
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            page.wait_for_load_state("networkidle")
            visited += 1
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{role} {name} {url}: {scroll} px wide at {width} px")
            problems.extend(f"{role} {name} {url}: {e}" for e in errors)
        context.close()
    assert visited >= 60, visited
    assert not problems, "\n".join(problems)

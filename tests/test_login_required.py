"""Closed by default: Django's LoginRequiredMiddleware sends anonymous users to sign-in from
every view that does not say `login_not_required`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needling.web.middleware import allowed_methods

# Views anyone may call (besides allauth's own sign-in pages, which mark themselves).
OPEN_VIEWS = {
    "needling.web.views.health.healthz",
    "needling.scheduling.views.feeds.ical_feed",
    "needling.web.views.favicon.favicon",
    # The FHIR API authenticates each request itself and answers 401, not a sign-in page.
    "needling.fhir.views.base",
    "needling.fhir.views.metadata",
    "needling.fhir.views.search",
    "needling.fhir.views.read",
    "needling.fhir.views.everything",
}


def _views(patterns: list[Any]) -> list[Any]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _views(p.url_patterns)
        elif isinstance(p, URLPattern):
            found.append(p.callback)
    return found


def test_only_the_listed_views_of_ours_are_open() -> None:
    open_views = {
        f"{v.__module__}.{v.__name__}"
        for v in _views(get_resolver().url_patterns)
        if v.__module__.startswith("needling.") and getattr(v, "login_required", True) is False
    }
    assert open_views == OPEN_VIEWS


def test_the_middleware_is_installed(settings: Any) -> None:
    assert "needling.web.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def test_a_view_that_forgets_login_required_is_still_closed(db: Any, settings: Any) -> None:
    """A new view without any decorator: anonymous users are sent to sign in."""
    from django.urls import path

    def forgotten(request: HttpRequest) -> HttpResponse:
        return HttpResponse("patient data")

    import types

    urls = types.ModuleType("forgotten_urls")
    urls.urlpatterns = [path("forgotten/", forgotten)]  # type: ignore[attr-defined]
    import sys

    sys.modules["forgotten_urls"] = urls
    settings.ROOT_URLCONF = "forgotten_urls"
    settings.LOGIN_URL = "/accounts/login/"
    try:
        response = Client().get("/forgotten/")
    finally:
        del sys.modules["forgotten_urls"]
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_sign_in_page_and_health_check_stay_open(db: Any) -> None:
    assert Client().get("/accounts/login/").status_code == 200
    assert Client().get("/healthz").status_code == 200


def test_allowed_methods_reads_djangos_decorators() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    assert allowed_methods(require_POST(view)) == ["POST"]
    assert allowed_methods(require_GET(view)) == ["GET"]
    assert allowed_methods(require_http_methods(["GET", "POST"])(view)) == ["GET", "POST"]
    assert allowed_methods(view) is None

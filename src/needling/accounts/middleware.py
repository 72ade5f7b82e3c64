"""Session lifetime and mandatory MFA for staff."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from needling.access import actor_for

STARTED, SEEN = "needling_started", "needling_seen"
# Refresh the idle clock at most once a minute, so most requests write nothing to the session.
_TOUCH_EVERY = 60


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionLifetimeMiddleware:
    """Signs out after idle time (default 30 min) and after an absolute lifetime (default 12 h)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED)
            seen = session.get(SEEN)
            if started is None:
                session[STARTED] = session[SEEN] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                return self._end(
                    request, "Your session reached its time limit. Please sign in again."
                )
            elif seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
                return self._end(
                    request,
                    "You were signed out after a period without activity. "
                    "Sign in again to continue where you were.",
                )
            elif seen is None or now - seen >= _TOUCH_EVERY:
                session[SEEN] = now
        return self.get_response(request)

    def _end(self, request: HttpRequest, why: str) -> HttpResponse:
        back = request.get_full_path() if request.method == "GET" else ""
        if _is_htmx(request):
            back = request.headers.get("HX-Current-URL", "")
            back = back.split("//", 1)[-1].split("/", 1)[-1] if back else ""
            back = "/" + back if back else ""
        logout(request)
        messages.info(request, why)
        url = reverse("account_login")
        if back and back.startswith("/") and not back.startswith("//"):
            url += "?" + urlencode({"next": back})
        return _redirect(request, url)


_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz")


class RequireStaffMfaMiddleware:
    """With NEEDLING_MFA_REQUIRED (the default), staff must set up TOTP before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.NEEDLING_MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and not request.session.get("needling_mfa_ok")
        ):
            actor = actor_for(request.user)
            if actor is not None and actor.is_staff:
                from allauth.mfa.models import Authenticator

                has_totp = Authenticator.objects.filter(
                    user_id=request.user.pk, type=Authenticator.Type.TOTP
                ).exists()
                if not has_totp:
                    messages.warning(
                        request,
                        "Staff accounts need two-factor authentication. "
                        "Set up an authenticator app to continue.",
                    )
                    return _redirect(request, reverse("mfa_activate_totp"))
                request.session["needling_mfa_ok"] = True
        return self.get_response(request)


LOCKED_OUT = "too_many_login_attempts"
# The longest window of ACCOUNT_RATE_LIMITS["login_failed"] ("5/5m/key"): when to try again.
LOCKOUT_RETRY_SECONDS = 300


class LockoutStatusMiddleware:
    """allauth answers a locked-out sign-in with the form and an error, status 200. Say 429 Too
    Many Requests (with Retry-After), so monitoring and scripts can tell a lock-out from a typo;
    people still see the form and the message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_template_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        form = (getattr(response, "context_data", None) or {}).get("form")
        if (
            response.status_code == 200
            and form is not None
            and form.has_error("__all__", LOCKED_OUT)
        ):
            response.status_code = 429
            response["Retry-After"] = str(LOCKOUT_RETRY_SECONDS)
        return response

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string

from needling.audit.context import RequestContext, current

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (kept from X-Request-ID when sane) for logs and the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current.set(
            RequestContext(request_id=request_id, ip=request.META.get("REMOTE_ADDR"))
        )
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Pages for signed-in people may hold PHI: never let a browser or proxy keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class FriendlyErrorMiddleware:
    """Django answers a wrong HTTP method with an empty 405; give people a page that says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            allow = response.get("Allow", "")
            body = render_to_string("405.html", {"allow": allow}, request=request)
            response.content = body.encode()
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Django's LoginRequiredMiddleware: every view is closed to anonymous users unless it is
    marked `login_not_required` (sign-in, health check, token-authenticated feeds).

    One refinement keeps the answers the permission matrix pins: a view that only accepts some
    methods (require_POST, require_GET, require_http_methods) answers a wrong method with 405
    before anything else, for everyone, as it did when each view checked sign-in itself.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[Any, Any],
    ) -> HttpResponseBase | None:
        allowed = allowed_methods(view_func)
        if allowed is not None and request.method not in allowed:
            return None  # the view's own method check answers 405
        response: HttpResponseBase | None = super().process_view(
            request, view_func, view_args, view_kwargs
        )
        return response


def allowed_methods(view_func: Callable[..., Any]) -> list[str] | None:
    """The methods of the outermost require_http_methods around a view (None: any method).

    Django's decorator keeps its list in the wrapper's closure; tests/test_login_required.py
    checks that this still finds it, so a Django upgrade that changes the shape fails there.
    """
    try:
        nonlocals = inspect.getclosurevars(view_func).nonlocals
    except TypeError:
        return None
    methods = nonlocals.get("request_method_list")
    return list(methods) if isinstance(methods, list | tuple) else None

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from needling.audit.denied import record_denied


class DeniedAccessAuditMiddleware:
    """Records every 403/404 a signed-in person gets on a clinical route (`access.denied`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (403, 404):
            record_denied(request, response)
        return response

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_safe

ICON = Path(__file__).resolve().parents[2] / "static" / "favicon.ico"


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico on every site, whatever the page links: answer it."""
    response = FileResponse(ICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response

"""The only way a photo's bytes leave the server: access-checked, audited, never cached."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from needling.audit.services import record
from needling.photos import storage
from needling.photos.choices import SIZES
from needling.photos.selectors import photo_for


@require_GET
@login_required
def image(request: HttpRequest, photo_id: int, size: str) -> FileResponse:
    photo = photo_for(request.user, photo_id)
    if size not in SIZES:
        raise Http404("no such size")
    name = photo.file_name(size)
    try:
        handle = storage.open_file(name)
    except FileNotFoundError:
        raise Http404("the photo file is missing") from None
    record(
        actor=request.user,
        action="photo.view",
        client=photo.client,
        obj=photo,
        detail={"size": size},
    )
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}-{size}.jpg"'
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response

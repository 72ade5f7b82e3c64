"""All photos of a client, newest first, a page at a time, optionally one view only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.access import can, client_for
from needling.audit.services import record
from needling.photos.choices import PhotoView
from needling.photos.selectors import photos_of

PER_PAGE = 24


@require_GET
@login_required
def gallery(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "photo.view")
    photos = photos_of(request.user, client)
    view = request.GET.get("view", "")
    if view not in PhotoView.values:
        view = ""
    if view:
        photos = photos.filter(view=view)
    page = Paginator(photos, PER_PAGE).get_page(request.GET.get("page"))
    record(
        actor=request.user,
        action="photo.list",
        client=client,
        detail={"page": page.number, "view": view},
    )
    return render(
        request,
        "photos/gallery.html",
        {
            "client": client,
            "page": page,
            "view": view,
            "views": PhotoView.choices,
            "may_capture": can(request.user, "photo.capture", client),
            "section": "clients",
        },
    )

"""One photo: the large version, its facts, and redness measurements on a marked region."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from needling.access import can
from needling.audit.services import record
from needling.photos.forms import RednessForm
from needling.photos.selectors import guide_photos, measurements_of_photo, photo_for
from needling.photos.services import measure_redness

if TYPE_CHECKING:
    from needling.photos.models import Photo


def _context(request: HttpRequest, photo: Photo, form: RednessForm) -> dict[str, Any]:
    baseline = guide_photos(request.user, photo.client).get(photo.view)
    return {
        "photo": photo,
        "client": photo.client,
        "form": form,
        "measurements": measurements_of_photo(request.user, photo),
        "may_measure": can(request.user, "photo.measure", photo.client),
        "compare_with": baseline if baseline is not None and baseline.pk != photo.pk else None,
        "section": "clients",
    }


@require_GET
@login_required
def detail(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = photo_for(request.user, photo_id)
    record(actor=request.user, action="photo.detail", client=photo.client, obj=photo)
    return render(request, "photos/detail.html", _context(request, photo, RednessForm()))


@login_required
def measure(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = photo_for(request.user, photo_id, "photo.measure")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RednessForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            measure_redness(
                actor=request.user,
                photo=photo,
                region=form.cleaned_data["region"],
                reference=form.cleaned_data["reference"],
            )
        except ValueError as exc:  # a region too small to measure
            form.add_error(None, str(exc).capitalize() + ".")
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(reverse("photos:detail", args=[photo.pk]) + "#redness")
            form, status = RednessForm(), 200
    context = _context(request, photo, form)
    template = "photos/_redness.html" if request.htmx else "photos/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)

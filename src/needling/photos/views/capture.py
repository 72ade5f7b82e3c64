"""Taking a standard-view photo: consent first, a guide overlay of the baseline photo of the
same view, then the upload, which is checked and re-encoded before anything is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from needling.access import client_for
from needling.audit.choices import Outcome
from needling.audit.services import record
from needling.consent.selectors import photo_consent_valid
from needling.outcomes.timepoints import Timepoint
from needling.photos.choices import PhotoView
from needling.photos.forms import UploadForm
from needling.photos.processing import MAX_UPLOAD_BYTES, PhotoRejected
from needling.photos.selectors import guide_photos, review_choices, session_choices
from needling.photos.services import ConsentMissing, PhotoInputError, upload_photo

if TYPE_CHECKING:
    from needling.clients.models import Client


def consent_refused(request: HttpRequest, client: Client, message: str) -> HttpResponse:
    return render(
        request,
        "photos/consent_missing.html",
        {"client": client, "message": message, "section": "clients"},
        status=403,
    )


def _render(
    request: HttpRequest, client: Client, form: UploadForm, status: int = 200, **extra: Any
) -> HttpResponse:
    guides = guide_photos(request.user, client)
    selected = form["view"].value() or PhotoView.FRONT
    return render(
        request,
        "photos/capture.html",
        {
            "client": client,
            "form": form,
            "guides": guides,
            "guide_options": [
                (value, label, guides.get(value)) for value, label in PhotoView.choices
            ],
            "guide": guides.get(str(selected)),
            "section": "clients",
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def capture(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "photo.capture")
    today = timezone.localdate()
    if not photo_consent_valid(client, on=today):
        record(
            actor=request.user,
            action="photo.capture_refused",
            client=client,
            outcome=Outcome.DENIED,
            detail={"reason": "no_photo_consent"},
        )
        return consent_refused(
            request,
            client,
            "Photography consent is not signed (or was withdrawn), so no photos can be taken "
            "for this client.",
        )
    if request.method == "GET":
        has_baseline = bool(guide_photos(request.user, client))
        form = UploadForm(
            sessions=session_choices(client),
            reviews=review_choices(client),
            initial={
                "taken_on": today,
                "view": request.GET.get("view")
                if request.GET.get("view") in PhotoView.values
                else PhotoView.FRONT,
                "timepoint": Timepoint.SESSION if has_baseline else Timepoint.BASELINE,
            },
        )
        return _render(request, client, form)

    form = UploadForm(
        request.POST,
        request.FILES,
        sessions=session_choices(client),
        reviews=review_choices(client),
    )
    if not form.is_valid():
        return _render(request, client, form, status=400)
    data = form.cleaned_data
    upload = data["photo"]
    try:
        if (upload.size or 0) > MAX_UPLOAD_BYTES:  # refused before reading it into memory
            raise PhotoRejected(
                f"The file is {upload.size / 1024 / 1024:.0f} MB; the limit is "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB."
            )
        photo = upload_photo(
            actor=request.user,
            client=client,
            data=upload.read(),
            file_name_given=upload.name or "",
            view=data["view"],
            zone=data["zone"],
            taken_on=data["taken_on"],
            timepoint=data["timepoint"],
            session_id=data["session"],
            review_id=data["review"],
        )
    except ConsentMissing as exc:
        return consent_refused(request, client, str(exc))
    except (PhotoRejected, PhotoInputError) as exc:
        record(
            actor=request.user,
            action="photo.upload_refused",
            client=client,
            outcome=Outcome.DENIED,
            detail={"reason": type(exc).__name__},
        )
        form.add_error("photo", str(exc))
        return _render(request, client, form, status=400)
    messages.success(request, f"{photo.get_view_display()} photo saved.")
    return redirect(reverse("photos:detail", args=[photo.pk]))

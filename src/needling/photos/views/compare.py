"""Two photos of the same view side by side and under a slider; the pair exported as one image
(photography consent needed; marketing consent as well for marketing use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from needling.access import can, client_for
from needling.audit.services import record
from needling.consent.selectors import marketing_consent_valid, photo_consent_valid
from needling.outcomes.timepoints import Timepoint
from needling.photos.choices import PhotoView
from needling.photos.forms import ExportForm
from needling.photos.selectors import photo_of_client, photos_of
from needling.photos.services import ConsentMissing, PhotoInputError, export_pair
from needling.photos.views.capture import consent_refused

if TYPE_CHECKING:
    from needling.clients.models import Client
    from needling.photos.models import Photo


CHOICE_LIMIT = 200


def _choices(request: HttpRequest, client: Client) -> list[Photo]:
    return list(
        photos_of(request.user, client)
        .order_by("view", "taken_on", "id")
        .only("id", "view", "zone", "taken_on", "timepoint")[:CHOICE_LIMIT]
    )


def default_pair(choices: list[Photo]) -> tuple[Photo, Photo] | None:
    """What the page opens on: the baseline and the latest photo of one view (the view photographed
    most recently that has at least two photos); the earliest photo stands in for a missing
    baseline. `choices` is ordered by view, date, id."""
    by_view: dict[str, list[Photo]] = {}
    for p in choices:
        by_view.setdefault(p.view, []).append(p)
    pairs = []
    for photos in by_view.values():
        if len(photos) < 2:
            continue
        first = next((p for p in photos if p.timepoint == Timepoint.BASELINE), photos[0])
        latest = photos[-1]
        if latest.pk != first.pk:
            pairs.append((first, latest))
    if not pairs:
        return None
    return max(pairs, key=lambda pair: (pair[1].taken_on, pair[1].pk))


@require_GET
@login_required
def compare(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "photo.view")
    before = after = None
    error = ""
    status = 200
    if request.GET.get("before") or request.GET.get("after"):
        before = photo_of_client(request.user, client, request.GET.get("before", ""))
        after = photo_of_client(request.user, client, request.GET.get("after", ""))
        if before.view != after.view:
            error = (
                f"These photos show different views ({before.get_view_display()} and "
                f"{after.get_view_display()}); choose two photos of the same view."
            )
            before = after = None
            status = 400
    choices = _choices(request, client)
    if not request.GET.get("before") and not request.GET.get("after"):
        pair = default_pair(choices)
        if pair is not None:
            before, after = pair
    today = timezone.localdate()
    if before is not None and after is not None:
        record(
            actor=request.user,
            action="photo.compare",
            client=client,
            obj=before,
            detail={"before": before.pk, "after": after.pk},
        )
    return render(
        request,
        "photos/compare.html",
        {
            "client": client,
            "choices": choices,
            "views": dict(PhotoView.choices),
            "before": before,
            "after": after,
            "error": error,
            "export_form": ExportForm(
                initial={"before": getattr(before, "pk", None), "after": getattr(after, "pk", None)}
            ),
            "may_export": can(request.user, "photo.export", client),
            "photo_consent": photo_consent_valid(client, on=today),
            "marketing_consent": marketing_consent_valid(client, on=today),
            "section": "clients",
        },
        status=status,
    )


@login_required
def export(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "photo.export")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ExportForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "Choose two photos and what the export is for.", status=400, content_type="text/plain"
        )
    before = photo_of_client(request.user, client, form.cleaned_data["before"])
    after = photo_of_client(request.user, client, form.cleaned_data["after"])
    try:
        result = export_pair(
            actor=request.user, before=before, after=after, purpose=form.cleaned_data["purpose"]
        )
    except ConsentMissing as exc:
        return consent_refused(request, client, str(exc))
    except PhotoInputError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    response = HttpResponse(result.data, content_type="image/jpeg")
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["Cache-Control"] = "no-store, private"
    return response

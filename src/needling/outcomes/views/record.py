"""Recording an assessment on any scale: the form is generated from the scale's items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from needling.access import client_for
from needling.clinical import SCALES
from needling.outcomes.forms import AssessmentForm
from needling.outcomes.services import record_assessment
from needling.outcomes.timepoints import Timepoint
from needling.photos.selectors import review_choices, session_choices


@require_GET
@login_required
def choose(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "outcome.record")
    return render(
        request,
        "outcomes/choose.html",
        {"client": client, "scales": list(SCALES.values()), "section": "clients"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def record(request: HttpRequest, client_id: int, scale: str) -> HttpResponse:
    client = client_for(request.user, client_id, "outcome.record")
    definition = SCALES.get(scale)
    if definition is None:
        raise Http404("no such scale")
    if request.method == "GET":
        timepoint = request.GET.get("timepoint")
        form = AssessmentForm(
            scale=definition,
            sessions=session_choices(client),
            reviews=review_choices(client),
            initial={
                "assessed_on": timezone.localdate(),
                "timepoint": timepoint if timepoint in Timepoint.values else Timepoint.SESSION,
            },
        )
        return _render(request, client, form)
    form = AssessmentForm(
        request.POST,
        scale=definition,
        sessions=session_choices(client),
        reviews=review_choices(client),
    )
    if not form.is_valid():
        return _render(request, client, form, status=400)
    try:
        assessment = record_assessment(
            actor=request.user,
            client=client,
            scale=definition.code,
            items=form.items(),
            assessed_on=form.cleaned_data["assessed_on"],
            timepoint=form.cleaned_data["timepoint"],
            session_id=form.cleaned_data["session"],
            review_id=form.cleaned_data["review"],
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return _render(request, client, form, status=400)
    label = f" ({assessment.label})" if assessment.label else ""
    messages.success(request, f"{definition.name}: {assessment.total:g}{label} recorded.")
    return redirect(reverse("outcomes:page", args=[client.pk]) + f"#scale-{definition.code}")


def _render(
    request: HttpRequest, client: object, form: AssessmentForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "outcomes/record.html",
        {"client": client, "form": form, "scale": form.scale, "section": "clients"},
        status=status,
    )

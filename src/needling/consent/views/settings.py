"""Settings → Consent: owners see every version and publish new ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from needling.access import clinic_of, require
from needling.consent.choices import Kind
from needling.consent.forms import DocumentForm
from needling.consent.selectors import current_document, document_for, documents_for_settings
from needling.consent.services import publish_document
from needling.consent.validation import ConsentInputError

PAGE_SIZE = 30


@require_GET
@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    actor = require(request.user, "consent.publish")
    page = Paginator(documents_for_settings(actor.clinic_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consent/settings_list.html",
        {"page": page, "kinds": Kind.choices, "section": "settings"},
    )


@require_GET
@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    require(request.user, "consent.publish")  # the settings are the owner's: 403 first
    document = document_for(request.user, document_id)
    return render(
        request, "consent/settings_document.html", {"document": document, "section": "settings"}
    )


@require_http_methods(["GET", "POST"])
@login_required
def new_version(request: HttpRequest, kind: str) -> HttpResponse:
    actor = require(request.user, "consent.publish")
    if kind not in Kind.values:
        raise Http404("no such kind of consent")
    current = current_document(actor.clinic_id, kind)
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST)
        if form.is_valid():
            try:
                document = publish_document(
                    actor=request.user,
                    clinic=clinic_of(request.user),
                    kind=kind,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ConsentInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"{document.get_kind_display()} version {document.version} published.",
                )
                return redirect(reverse("consent_settings:list"))
        status = 400
    else:
        initial = {"title": current.title, "body": current.body} if current else {}
        form = DocumentForm(initial=initial)
    return render(
        request,
        "consent/settings_new.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": Kind(kind).label,
            "current": current,
            "section": "settings",
        },
        status=status,
    )

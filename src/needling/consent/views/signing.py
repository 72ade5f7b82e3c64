"""Signing a consent document on screen: typed name plus a drawn signature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from needling.access import client_for
from needling.audit.services import record
from needling.consent.choices import Kind
from needling.consent.forms import SignForm
from needling.consent.png import SignatureImageError
from needling.consent.selectors import current_document
from needling.consent.services import StaleDocumentError, sign_consent
from needling.consent.validation import ConsentInputError

if TYPE_CHECKING:
    from needling.consent.models import ConsentDocument


def _render(
    request: HttpRequest,
    client: object,
    document: ConsentDocument,
    form: SignForm,
    status: int = 200,
    stale_message: str = "",
) -> HttpResponse:
    return render(
        request,
        "consent/sign.html",
        {
            "client": client,
            "document": document,
            "form": form,
            "stale_message": stale_message,
            "section": "clients",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def sign(request: HttpRequest, client_id: int, kind: str) -> HttpResponse:
    client = client_for(request.user, client_id, "consent.sign")
    if kind not in Kind.values:
        raise Http404("no such kind of consent")
    document = current_document(client.clinic_id, kind)
    if document is None:
        raise Http404("no consent document of this kind is published")
    fresh = SignForm(
        initial={
            "document": document.pk,
            "text_sha256": document.text_sha256,
            "signer_name": client.full_name,
        }
    )
    if request.method == "GET":
        record(
            actor=request.user,
            action="consent.sign_form",
            client=client,
            obj=document,
            detail={"kind": kind, "version": document.version},
        )
        return _render(request, client, document, fresh)

    form = SignForm(request.POST)
    if not form.is_valid():
        return _render(request, client, document, form, status=400)
    data = form.cleaned_data
    try:
        signature = sign_consent(
            actor=request.user,
            client=client,
            document_id=data["document"],
            shown_sha256=data["text_sha256"],
            signer_name=data["signer_name"],
            signature_data_url=data["signature"],
        )
    except StaleDocumentError as error:
        # Show the current text afresh; the person reads it again and signs again.
        return _render(request, client, document, fresh, status=409, stale_message=str(error))
    except SignatureImageError as error:
        form.add_error("signature", str(error))
        return _render(request, client, document, form, status=400)
    except ConsentInputError as error:
        form.add_error("signer_name", str(error))
        return _render(request, client, document, form, status=400)
    messages.success(request, f"{document.get_kind_display()} signed (version {document.version}).")
    return redirect(reverse("consent:signature", args=[signature.pk]))

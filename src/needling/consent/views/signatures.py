"""One signature: view it, download it as a PDF, withdraw it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from needling.audit.services import record
from needling.consent.forms import WithdrawForm
from needling.consent.pdf import signature_pdf
from needling.consent.selectors import current_document, signature_for
from needling.consent.services import withdraw_consent
from needling.consent.validation import ConsentInputError


@require_GET
@login_required
def signature_detail(request: HttpRequest, signature_id: int) -> HttpResponse:
    signature = signature_for(request.user, signature_id, "consent.view")
    record(
        actor=request.user,
        action="consent.view",
        client=signature.client,
        obj=signature,
        detail={"kind": signature.kind},
    )
    zone = ZoneInfo(signature.client.clinic.time_zone)
    newest = current_document(signature.client.clinic_id, signature.kind)
    return render(
        request,
        "consent/signature.html",
        {
            "signature": signature,
            "document": signature.document,
            "client": signature.client,
            "local_signed_at": signature.signed_at.astimezone(zone),
            "zone": zone.key,
            "newest": newest,
            "section": "clients",
        },
    )


@require_GET
@login_required
def signature_pdf_download(request: HttpRequest, signature_id: int) -> HttpResponse:
    signature = signature_for(request.user, signature_id, "consent.view")
    pdf = signature_pdf(signature)
    record(
        actor=request.user,
        action="consent.pdf",
        client=signature.client,
        obj=signature,
        detail={"kind": signature.kind},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="consent-{signature.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: HttpRequest, signature_id: int) -> HttpResponse:
    signature = signature_for(request.user, signature_id, "consent.withdraw")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    status = 200
    if signature.withdrawn_at is not None:
        messages.info(request, "This consent was already withdrawn.")
        return redirect(reverse("consent:signature", args=[signature.pk]))
    if request.method == "POST":
        if form.is_valid():
            try:
                withdraw_consent(
                    actor=request.user, signature=signature, reason=form.cleaned_data["reason"]
                )
            except ConsentInputError as error:
                form.add_error("reason", str(error))
            else:
                messages.success(request, f"{signature.get_kind_display()} withdrawn.")
                return redirect(reverse("clients:detail", args=[signature.client_id]))
        status = 400
    else:
        record(
            actor=request.user,
            action="consent.withdraw_form",
            client=signature.client,
            obj=signature,
            detail={"kind": signature.kind},
        )
    return render(
        request,
        "consent/withdraw.html",
        {"signature": signature, "client": signature.client, "form": form, "section": "clients"},
        status=status,
    )

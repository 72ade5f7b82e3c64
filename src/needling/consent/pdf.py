"""The signed consent as a PDF (WeasyPrint), from an HTML template with every value escaped."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.template.loader import render_to_string

from needling.consent.models import ConsentSignature


def signature_html(signature: ConsentSignature) -> str:
    zone = ZoneInfo(signature.client.clinic.time_zone)
    return render_to_string(
        "consent/pdf.html",
        {
            "signature": signature,
            "document": signature.document,
            "client": signature.client,
            "clinic": signature.client.clinic,
            "local_signed_at": signature.signed_at.astimezone(zone),
            "local_withdrawn_at": (
                signature.withdrawn_at.astimezone(zone) if signature.withdrawn_at else None
            ),
            "zone": zone.key,
        },
    )


def signature_pdf(signature: ConsentSignature) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Nothing is loaded from outside: the signature is embedded as a data URL, fonts are local.
    fetcher = URLFetcher(allowed_protocols=["data"], allow_redirects=False)
    pdf = HTML(string=signature_html(signature), url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return pdf

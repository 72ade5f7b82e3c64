"""The aftercare sheet: needling.clinical.aftercare_plan for the session's deepest zone, printed to
PDF with WeasyPrint at sign-off and stored with the session."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db.models import Max
from django.template.loader import render_to_string

from needling.charting.models import AftercareDocument, TreatmentSession
from needling.clinical import AftercareStep, aftercare_plan


def deepest_depth(session: TreatmentSession) -> Decimal:
    value = session.zones.aggregate(deepest=Max("depth_mm"))["deepest"]
    return value if value is not None else Decimal("0")


def steps_for(session: TreatmentSession) -> tuple[Decimal, list[AftercareStep]]:
    deepest = deepest_depth(session)
    return deepest, aftercare_plan(float(deepest))


def aftercare_html(session: TreatmentSession) -> tuple[Decimal, str]:
    """The client's aftercare sheet: plain words and the clinic's phone numbers. The steps'
    sources (file names, section numbers) are for staff and stay off the client's sheet."""
    from needling.clinics.models import Location

    deepest, steps = steps_for(session)
    phones = list(
        Location.objects.filter(clinic_id=session.client.clinic_id)
        .exclude(phone="")
        .order_by("name")
        .values_list("name", "phone")
    )
    html = render_to_string(
        "charting/aftercare_pdf.html",
        {
            "session": session,
            "client": session.client,
            "clinic": session.client.clinic,
            "deepest": deepest,
            "steps": steps,
            "phones": phones,
        },
    )
    return deepest, html


def render_pdf(session: TreatmentSession) -> tuple[Decimal, bytes]:
    from weasyprint import HTML

    deepest, html = aftercare_html(session)
    return deepest, HTML(string=html).write_pdf()


def build_aftercare(session: TreatmentSession) -> AftercareDocument:
    """Create (or replace) the stored aftercare PDF; call inside the sign-off transaction."""
    deepest, pdf = render_pdf(session)
    doc, _ = AftercareDocument.objects.update_or_create(
        session=session,
        defaults={
            "max_depth_mm": deepest,
            "pdf": pdf,
            "sha256": hashlib.sha256(pdf).hexdigest(),
        },
    )
    return doc

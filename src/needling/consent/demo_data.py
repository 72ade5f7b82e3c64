"""The consent part of the demo stories.

Most clients signed treatment consent at their first visit; the clinic later published version 2
of the treatment text, so Amelia and Hannah (signed before that) show "signed on an older
version". Hannah, Ben, George and Jade agreed to photographs; Hannah also signed marketing
consent and later withdrew it. Kofi (new) and Fatima (awaiting a screening decision) have not
signed treatment consent. Signatures are generated scribbles, not real ones.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from needling.accounts.models import User
from needling.consent.defaults import TREATMENT_BODY, TREATMENT_TITLE
from needling.consent.models import ConsentDocument, ConsentSignature, Kind, Via, sha256_of
from needling.consent.png import squiggle
from needling.consent.services import ensure_default_documents
from needling.demo import DemoContext

# first name -> days before today that treatment consent was signed, always on or before the
# client's first session in the charting demo. Kofi (new) and Fatima (cold sore caution, in for
# a consultation today) have not signed yet: Fatima is on Today's "Consents missing".
TREATMENT_SIGNED = {
    "Amelia": 120,
    "Ben": 108,
    "Chloe": 90,
    "Daniela": 14,
    "Evan": 60,
    "George": 80,
    "Hannah": 300,
    "Isaac": 50,
    "Jade": 75,
    "Laura": 30,
}
PHOTOGRAPHY_SIGNED = {"Ben": 108, "George": 80, "Hannah": 300, "Jade": 75}
VERSION_2_PUBLISHED_DAYS_AGO = 110  # after Amelia signed, before everyone else


def load(ctx: DemoContext) -> None:
    zone = ZoneInfo(ctx.clinic.time_zone)

    def at(days_ago: int, hour: int = 10) -> datetime:
        return datetime.combine(ctx.today - timedelta(days=days_ago), time(hour, 15), tzinfo=zone)

    ensure_default_documents(ctx.clinic)
    v1 = {d.kind: d for d in ConsentDocument.objects.filter(clinic=ctx.clinic, version=1)}
    ConsentDocument.objects.filter(clinic=ctx.clinic).update(published_at=at(400))
    for document in v1.values():
        document.published_at = at(400)
    body2 = TREATMENT_BODY.replace(
        "I have had the chance to ask questions.",
        "I confirm that I am not pregnant or breastfeeding. I have had the chance to ask "
        "questions.",
    )
    v2 = ConsentDocument.objects.create(
        clinic=ctx.clinic,
        kind=Kind.TREATMENT,
        version=2,
        title=TREATMENT_TITLE,
        body=body2,
        text_sha256=sha256_of(TREATMENT_TITLE, body2),
        published_at=at(VERSION_2_PUBLISHED_DAYS_AGO),
        published_by=cast(User, ctx.staff["owner"]),
    )
    witness = cast(User, ctx.staff["priya"])
    seed = 0

    def sign(first: str, document: ConsentDocument, days_ago: int) -> ConsentSignature:
        nonlocal seed
        seed += 1
        client = ctx.clients[first]
        return ConsentSignature.objects.create(
            client=client,
            document=document,
            kind=document.kind,
            signer_name=client.full_name,
            signed_at=at(days_ago),
            signature_png=squiggle(seed=seed),
            text_sha256=document.text_sha256,
            via=Via.STAFF,
            signed_by=witness,
        )

    for first, days in TREATMENT_SIGNED.items():
        sign(first, v1[Kind.TREATMENT] if days > VERSION_2_PUBLISHED_DAYS_AGO else v2, days)
    for first, days in PHOTOGRAPHY_SIGNED.items():
        sign(first, v1[Kind.PHOTOGRAPHY], days)
    marketing = sign("Hannah", v1[Kind.MARKETING], 300)
    ConsentSignature.objects.filter(pk=marketing.pk).update(
        withdrawn_at=at(30, 16),
        withdrawn_by=witness,
        withdrawal_reason="Prefers not to receive marketing e-mails.",
    )

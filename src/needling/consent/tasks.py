"""Today → "Consents missing": clients who completed an intake but have no valid treatment
consent (never signed, or the latest one withdrawn). One query, capped."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.urls import reverse

from needling.access import Actor
from needling.clients.models import Client
from needling.consent.models import ConsentSignature, Kind
from needling.web.today import Task

LIMIT = 20


def consents_missing(request: HttpRequest, actor: Actor) -> list[Task]:
    latest = ConsentSignature.objects.filter(client=OuterRef("pk"), kind=Kind.TREATMENT).order_by(
        "-signed_at", "-id"
    )
    clients = (
        Client.objects.filter(clinic_id=actor.clinic_id, intake_submissions__is_current=True)
        .annotate(
            signed=Exists(latest),
            latest_withdrawn=Subquery(latest.values("withdrawn_at")[:1]),
        )
        .filter(Q(signed=False) | Q(latest_withdrawn__isnull=False))
        .only("id", "first_name", "last_name")
        .order_by("last_name", "first_name", "id")[:LIMIT]
    )
    return [
        Task(
            label=c.full_name,
            detail=(
                "Treatment consent withdrawn: ask before the next session"
                if c.signed  # type: ignore[attr-defined]
                else "No treatment consent signed yet"
            ),
            url=reverse("clients:detail", args=[c.pk]) + "#section-consent",
            severity="caution",
        )
        for c in clients
    ]

"""Recording an outcome assessment: scored by needling.clinical.score, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from needling.audit.services import record
from needling.charting.models import TreatmentSession
from needling.clients.models import Client
from needling.clinical import score
from needling.outcomes.models import Assessment
from needling.outcomes.timepoints import Timepoint
from needling.photos.services import PhotoInputError, check_review


def record_assessment(
    *,
    actor: Any,
    client: Client,
    scale: str,
    items: dict[str, object],
    assessed_on: date,
    timepoint: str,
    session_id: int | None = None,
    review_id: int | None = None,
) -> Assessment:
    """Raises ValueError (from the clinical core, naming the scale and item) for bad items."""
    if timepoint not in Timepoint.values:
        raise ValueError(f"unknown timepoint {timepoint!r}")
    if assessed_on > timezone.localdate():
        raise ValueError("the assessment date cannot be in the future")
    if session_id is not None and not (
        TreatmentSession.objects.filter(pk=session_id, client=client).exists()
    ):
        raise ValueError("that session is not one of this client's sessions")
    try:
        check_review(client, review_id)
    except PhotoInputError as exc:
        raise ValueError(str(exc)) from None
    result = score(scale, items)
    is_user = getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            client=client,
            scale=result.scale,
            items=dict(result.items),
            total=float(result.total),
            label=result.label or "",
            assessed_on=assessed_on,
            timepoint=timepoint,
            session_id=session_id,
            review_id=review_id,
            rater=actor if is_user else None,
            rater_name=(actor.get_full_name() or actor.email) if is_user else "",
        )
        record(
            actor=actor,
            action="outcome.record",
            client=client,
            obj=assessment,
            detail={"scale": result.scale, "timepoint": timepoint},
        )
    return assessment

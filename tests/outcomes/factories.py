from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from needling.charting.models import ChartStatus, TreatmentSession
from needling.clients.models import Client
from needling.clinical import SCALES, Scale


def valid_post(scale: Scale, **overrides: str) -> dict[str, str]:
    """The lowest valid answer to every item (the choice's first value, the minimum, or 1)."""
    data = {"assessed_on": timezone.localdate().isoformat(), "timepoint": "baseline"}
    for item in scale.items:
        if item.choices:
            value: object = item.choices[0][0]
        elif item.positive:
            value = 1
        else:
            value = int(item.minimum or 0)
        data[f"item_{item.code}"] = str(value)
    data.update(overrides)
    return data


def signed_session(client: Client, practitioner: Any, on: date) -> TreatmentSession:
    return TreatmentSession.objects.create(
        client=client,
        practitioner=practitioner,
        session_date=on,
        status=ChartStatus.SIGNED,
        signed_by=practitioner,
        signed_at=timezone.now(),
    )


ALL_SCALES = list(SCALES)

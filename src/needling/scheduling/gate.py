"""The booking gate's facts: gathered through the intake and charting contracts, decided by
needling.clinical.booking_decision (the rules live there, never here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from needling.clinical import BookingDecision, booking_decision


@dataclass(frozen=True)
class GateFacts:
    last_session: date | None
    protocol: str
    healed_on: date | None
    open_adverse_event: bool
    screening: str


def facts_for(client: Any, *, on: date) -> GateFacts:
    from needling.charting.selectors import (
        course_protocol,
        has_open_adverse_event,
        last_session_date,
        latest_healed_on,
    )
    from needling.intake.selectors import screening_verdict_for_booking

    last = last_session_date(client)
    return GateFacts(
        last_session=last,
        protocol=course_protocol(client),
        healed_on=latest_healed_on(client, after=last) if last is not None else None,
        open_adverse_event=has_open_adverse_event(client),
        screening=screening_verdict_for_booking(client, on=on),
    )


def decide(client: Any, *, proposed: date, facts: GateFacts | None = None) -> BookingDecision:
    """May a treatment session be booked for `client` on `proposed`?"""
    f = facts or facts_for(client, on=proposed)
    return booking_decision(
        proposed=proposed,
        last_session=f.last_session,
        protocol=f.protocol,
        healed_on=f.healed_on,
        open_adverse_event=f.open_adverse_event,
        screening=f.screening,
    )

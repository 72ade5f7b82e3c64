"""The booking gate: may a session be booked on a proposed date?

A booking is allowed only when the screening is not ``stop``, no adverse event is open, and either
the client has never been treated or (the proposed date is on or after the earliest date of the
protocol's interval window, and a healing check marked healed is dated after the last session).
A booking after the window's latest date is allowed, with a reason saying the window was missed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from needling.clinical._format import day_text, days_text
from needling.clinical._validate import (
    require_bool,
    require_code,
    require_date,
    require_optional_date,
)
from needling.clinical.dates import add_days
from needling.clinical.findings import VERDICTS
from needling.clinical.overrides import ClinicOverrides, require_overrides
from needling.clinical.protocols import PROTOCOLS


@dataclass(frozen=True, slots=True)
class BookingDecision:
    """``earliest`` and ``latest`` are the protocol's window after the last session (None when the
    client has never been treated). ``reasons`` says in words why a booking is refused, and notes
    what an allowed booking should know (a missed window, cautions on screening)."""

    allowed: bool
    earliest: dt.date | None
    latest: dt.date | None
    reasons: list[str]
    protocol: str = "standard"
    source: str = ""


def booking_decision(
    *,
    proposed: dt.date,
    last_session: dt.date | None,
    protocol: str = "standard",
    healed_on: dt.date | None = None,
    open_adverse_event: bool = False,
    screening: str = "clear",
    overrides: ClinicOverrides | None = None,
) -> BookingDecision:
    proposed = require_date("proposed", proposed)
    last = require_optional_date("last_session", last_session)
    code = require_code("protocol", protocol, PROTOCOLS)
    healed = require_optional_date("healed_on", healed_on)
    adverse = require_bool("open_adverse_event", open_adverse_event)
    verdict = require_code("screening", screening, VERDICTS)
    preset = require_overrides(overrides).protocol(code)

    refusals: list[str] = []
    notes: list[str] = []
    if verdict == "stop":
        refusals.append(
            "The screening found a reason not to treat (a stop): no session can be booked until "
            "a practitioner has resolved it."
        )
    if adverse:
        refusals.append(
            "An adverse event is still open: a practitioner must close it before the next "
            "session is booked."
        )
    earliest = latest = None
    if last is not None:
        earliest = add_days(last, preset.min_days, name="last_session")
        latest = add_days(last, preset.max_days, name="last_session")
        if proposed < earliest:
            refusals.append(
                f"The protocol ({preset.name}) needs at least {days_text(preset.min_days)} "
                f"between sessions: the last session was on {day_text(last)}, so the earliest "
                f"date is {day_text(earliest)}."
            )
        if healed is None or healed <= last:
            refusals.append(
                "No healing check marked healed has been recorded since the last session on "
                f"{day_text(last)}: the skin must be confirmed healed before the next session."
            )
        elif proposed > latest:
            notes.append(
                f"The proposed date is after the end of the planned window ({day_text(latest)}, "
                f"{days_text(preset.max_days)} after the last session): the interval is longer "
                "than the protocol plans."
            )
    if not refusals and verdict == "caution":
        notes.append(
            "The screening found cautions: a practitioner must record a decision on them before "
            "treatment."
        )
    allowed = not refusals
    return BookingDecision(
        allowed=allowed,
        earliest=earliest,
        latest=latest,
        reasons=refusals if refusals else notes,
        protocol=code,
        source=preset.source,
    )

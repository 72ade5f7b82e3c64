"""Refusals of the scheduling services: each carries a message a person can act on."""

from __future__ import annotations

from datetime import date


class SchedulingError(Exception):
    """Bad input or a refused change; nothing was saved. `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BookingRefused(SchedulingError):
    """The healing gate refused a treatment booking.

    `reasons` are booking_decision's sentences; `earliest` the earliest allowed date (None when
    there is none, e.g. a stop); `overridable` whether a practitioner may book anyway with a
    written reason (never for a screening stop: that is resolved in the screening itself).
    """

    def __init__(
        self,
        reasons: list[str],
        *,
        earliest: date | None,
        overridable: bool,
        message: str | None = None,
    ) -> None:
        super().__init__(message or " ".join(reasons), field="start")
        self.reasons = list(reasons)
        self.earliest = earliest
        self.overridable = overridable


class SlotTaken(SchedulingError):
    """The practitioner or the room is already booked at that time."""


class StaleAppointment(SchedulingError):
    """Someone else changed the appointment since it was read."""

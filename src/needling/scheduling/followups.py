"""Outcome reviews after a course (DESIGN.md step 10): when the last planned session of a course
is signed, reviews are proposed at the dates of needling.clinical.follow_up_schedule."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from needling.clinical import FOLLOW_UP_MONTHS, follow_up_schedule
from needling.scheduling.models import FollowUp
from needling.scheduling.notify import review_invitation


def propose_follow_ups(
    client: Any, last_session: date, *, session_id: int | None = None
) -> list[FollowUp]:
    """Propose the 1-, 3-, 6- and 12-month reviews after `last_session` (idempotent) and queue
    an invitation to the client ahead of each."""
    proposals = []
    with transaction.atomic():
        for months, due in zip(FOLLOW_UP_MONTHS, follow_up_schedule(last_session), strict=True):
            follow_up, created = FollowUp.objects.get_or_create(
                client=client,
                last_session_on=last_session,
                months=months,
                defaults={"due_on": due, "session_id": session_id},
            )
            if created and due >= date.today():
                review_invitation(
                    client=client, follow_up_id=follow_up.pk, due_on=due, months=months
                )
            proposals.append(follow_up)
    return proposals


def is_last_planned_session(session: Any) -> bool:
    """Is this signed session the last one its course plan planned?"""
    plan = getattr(session, "plan", None)
    if plan is None:
        return False
    signed = type(session).objects.filter(plan=plan, status="signed").count()
    return bool(signed >= plan.planned_sessions)


# A review booked within this many days of a proposed review point is that review (Needling
# default: half the gap between the 1- and 3-month points).
REVIEW_MATCH_DAYS = 30


def link_review(appointment: Any) -> FollowUp | None:
    """Attach a booked outcome review to the nearest proposed, unbooked review point, and stop
    that point's invitation (call inside the booking transaction)."""
    from datetime import timedelta

    from needling.scheduling.models import Message, MessageStatus
    from needling.scheduling.times import clinic_zone

    day = appointment.start.astimezone(clinic_zone(appointment.client.clinic)).date()
    candidates = FollowUp.objects.filter(
        client_id=appointment.client_id,
        appointment__isnull=True,
        due_on__gte=day - timedelta(days=REVIEW_MATCH_DAYS),
        due_on__lte=day + timedelta(days=REVIEW_MATCH_DAYS),
    )
    match = min(candidates, key=lambda f: abs((f.due_on - day).days), default=None)
    if match is None:
        return None
    FollowUp.objects.filter(pk=match.pk).update(appointment=appointment)
    Message.objects.filter(
        dedupe_key=f"followup:{match.pk}:invite", status=MessageStatus.PENDING
    ).update(status=MessageStatus.CANCELLED)
    return match

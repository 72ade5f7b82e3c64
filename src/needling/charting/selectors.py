"""Reading charts. Page selectors take the acting user; the gate functions at the bottom are the
contract the scheduling feature uses (no user: they answer a question about one client)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from needling.access import get_visible_or_404, require
from needling.charting.models import (
    AdverseEvent,
    ChartStatus,
    HealingCheck,
    SessionZone,
    TreatmentSession,
)
from needling.equipment.models import Lot
from needling.plans.models import CoursePlan


def session_for(user: Any, session_id: object, action: str = "chart.view") -> TreatmentSession:
    """The session if its client belongs to the user's clinic (else 404) and the user may do
    `action` (else 403)."""
    sessions = TreatmentSession.objects.select_related(
        "client", "device", "lot", "plan", "practitioner", "signed_by"
    )
    return get_visible_or_404(sessions, user, session_id, action)


def zones_of(session: TreatmentSession) -> list[SessionZone]:
    return list(session.zones.prefetch_related("topicals"))


def sessions_of(user: Any, client: Any) -> QuerySet[TreatmentSession]:
    require(user, "chart.view", client)
    return (
        TreatmentSession.objects.filter(client=client)
        .select_related("practitioner", "signed_by", "lot", "device")
        .prefetch_related(Prefetch("zones", queryset=SessionZone.objects.only(
            "id", "session_id", "zone", "depth_mm"
        )))
        .order_by("-session_date", "-id")
    )  # fmt: skip


def adverse_events_of(user: Any, client: Any) -> QuerySet[AdverseEvent]:
    require(user, "chart.view", client)
    return AdverseEvent.objects.filter(client=client).select_related("session")


def adverse_event_for(user: Any, event_id: object) -> AdverseEvent:
    events = AdverseEvent.objects.select_related("client", "session")
    return get_visible_or_404(events, user, event_id, "chart.view")


def sessions_with_lot(user: Any, lot: Lot) -> QuerySet[TreatmentSession]:
    """Lot recall: every session charted with this lot, newest first, with its client."""
    require(user, "equipment.recall", lot)
    return (
        TreatmentSession.objects.filter(lot=lot, client__clinic_id=lot.clinic_id)
        .select_related("client", "practitioner")
        .order_by("-session_date", "-id")
    )


def last_signed_before(session: TreatmentSession) -> TreatmentSession | None:
    return (
        TreatmentSession.objects.filter(
            client_id=session.client_id,
            status=ChartStatus.SIGNED,
            session_date__lte=session.session_date,
        )
        .exclude(pk=session.pk)
        .order_by("-session_date", "-id")
        .first()
    )


# --- The gate contract for scheduling (issue 6) ---------------------------------------------


def last_session_date(client: Any) -> date | None:
    """The date of the client's most recent signed session, of any course."""
    return (
        TreatmentSession.objects.filter(client=client, status=ChartStatus.SIGNED)
        .order_by("-session_date")
        .values_list("session_date", flat=True)
        .first()
    )


def latest_healed_on(client: Any, *, after: date) -> date | None:
    """The latest healing check marked healed dated after `after` (None if there is none)."""
    return (
        HealingCheck.objects.filter(client=client, healed=True, checked_on__gt=after)
        .order_by("-checked_on")
        .values_list("checked_on", flat=True)
        .first()
    )


def healing_checks_of(session: TreatmentSession) -> list[HealingCheck]:
    """The healing checks recorded against a session the caller has already found visible."""
    return list(HealingCheck.objects.filter(session=session))


def last_healing_check_after(client: Any, *, after: date) -> HealingCheck | None:
    """The latest healing check of the client dated after `after`, healed or not."""
    return (
        HealingCheck.objects.filter(client=client, checked_on__gt=after)
        .order_by("-checked_on")
        .first()
    )


def open_adverse_events(user: Any) -> QuerySet[AdverseEvent]:
    """The clinic's unresolved adverse events, oldest first (Today's task list)."""
    return (
        AdverseEvent.objects.visible_to(user, "chart.find")
        .filter(resolved_on__isnull=True)
        .select_related("client")
        .order_by("onset", "id")
    )


def alerts_for(user: Any) -> QuerySet[AdverseEvent]:
    """Unresolved adverse events whose healing check alerted this user, newest first."""
    return (
        AdverseEvent.objects.visible_to(user, "chart.find")
        .filter(alert_to_id=getattr(user, "pk", None), resolved_on__isnull=True)
        .select_related("client")
        .order_by("-onset", "-id")
    )


def signed_session_dates(client: Any, *, limit: int) -> list[date]:
    """The client's signed sessions' dates, newest first (callers check chart.view)."""
    return list(
        TreatmentSession.objects.filter(client=client, status=ChartStatus.SIGNED)
        .order_by("-session_date")
        .values_list("session_date", flat=True)[:limit]
    )


def last_signed_session_id(client: Any) -> int | None:
    """The client's most recent signed session (the one a healing check follows)."""
    return (
        TreatmentSession.objects.filter(client=client, status=ChartStatus.SIGNED)
        .order_by("-session_date", "-id")
        .values_list("pk", flat=True)
        .first()
    )


def has_open_adverse_event(client: Any) -> bool:
    return AdverseEvent.objects.filter(client=client, resolved_on__isnull=True).exists()


def course_protocol(client: Any) -> str:
    """The active plan's protocol code; "standard" when there is no active plan."""
    code = (
        CoursePlan.objects.filter(client=client, status="active")
        .values_list("protocol", flat=True)
        .first()
    )
    return code or "standard"


def recalled_lot_sessions(user: Any, client: Any) -> list[TreatmentSession]:
    """The client's sessions charted with a lot that has since been recalled, newest first."""
    require(user, "chart.view", client)
    return list(
        TreatmentSession.objects.filter(client=client, lot__recalled=True)
        .select_related("lot")
        .order_by("-session_date", "-id")[:20]
    )


def recalled_lot_sessions_of_practitioner(user: Any) -> list[TreatmentSession]:
    """Sessions this user charted with a lot since recalled: the clients to contact."""
    return list(
        TreatmentSession.objects.visible_to(user, "chart.find")
        .filter(practitioner_id=getattr(user, "pk", None), lot__recalled=True)
        .select_related("lot", "client")
        .order_by("-session_date", "-id")[:20]
    )

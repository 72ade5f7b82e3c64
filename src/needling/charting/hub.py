"""The chart's parts of the client page ("Sessions", "Adverse events") and of Today (open adverse
events; alerts for the practitioner from healing checks). Clinicians only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from needling.access import Actor, can
from needling.charting.models import ChartStatus
from needling.charting.selectors import (
    adverse_events_of,
    alerts_for,
    open_adverse_events,
    recalled_lot_sessions,
    recalled_lot_sessions_of_practitioner,
    sessions_of,
)
from needling.clients.sections import Section, register
from needling.web.today import Task, TaskSource
from needling.web.today import register as register_task_source

SESSIONS_SHOWN = 10


def sessions_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    sessions = list(sessions_of(request.user, client)[: SESSIONS_SHOWN + 1])
    return {
        "sessions": sessions[:SESSIONS_SHOWN],
        "more": len(sessions) > SESSIONS_SHOWN,
        "can_chart": can(request.user, "chart.edit", client),
        "draft": next((s for s in sessions if s.status == ChartStatus.DRAFT), None),
    }


def recall_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    """Shown only when a lot used on this client has been recalled."""
    sessions = recalled_lot_sessions(request.user, client)
    return {"recalled": sessions, "hidden": not sessions}


def recalled_lot_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    return [
        Task(
            label=s.client.full_name,
            detail=f"Treated on {s.session_date:%d %b %Y} with lot {s.lot.lot_number} "
            f"({s.lot.product}), since recalled: contact the client and follow the recall",
            url=reverse("equipment:lot", args=[s.lot_id]),
            severity="stop",
        )
        for s in recalled_lot_sessions_of_practitioner(request.user)
        if s.lot is not None
    ]


def adverse_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    events = list(adverse_events_of(request.user, client)[:20])
    return {"events": events, "open_count": sum(1 for e in events if e.is_open)}


def open_adverse_event_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    events = open_adverse_events(request.user)[:20]
    return [
        Task(
            label=e.client.full_name,
            detail=f"{e.get_kind_display()} ({e.get_severity_display().lower()}), open since "
            f"{e.onset:%d %b}",
            url=reverse("clients:detail", args=[e.client_id]) + "#section-adverse_events",
            severity="stop" if e.severity == "severe" else "caution",
        )
        for e in events
    ]


def my_alert_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    events = alerts_for(request.user)[:20]
    return [
        Task(
            label=e.client.full_name,
            detail=f"Healing check found warning signs on {e.onset:%d %b}: review "
            f"({e.get_kind_display().lower()})",
            url=reverse("charting:chart", args=[e.session_id]),
            severity="stop",
        )
        for e in events
    ]


def register_all() -> None:
    register(
        Section(
            key="sessions",
            title="Sessions",
            order=60,
            action="chart.view",
            template="charting/_client_sessions.html",
            context=sessions_context,
        )
    )
    register(
        Section(
            key="recalled_lots",
            title="Recalled lot used on this client",
            order=1,
            action="chart.view",
            template="charting/_client_recall.html",
            context=recall_context,
        )
    )
    register(
        Section(
            key="adverse_events",
            title="Adverse events",
            order=65,
            action="chart.view",
            template="charting/_client_adverse.html",
            context=adverse_context,
        )
    )
    register_task_source(
        TaskSource(
            key="alerts_for_me",
            title="Alerts for you",
            order=5,
            action="chart.edit",
            items=my_alert_tasks,
        )
    )
    register_task_source(
        TaskSource(
            key="recalled_lots",
            title="Recalled lots used on your clients",
            order=6,
            action="chart.edit",
            items=recalled_lot_tasks,
        )
    )
    register_task_source(
        TaskSource(
            key="adverse_events",
            title="Adverse events open",
            order=10,
            action="chart.view",
            items=open_adverse_event_tasks,
        )
    )

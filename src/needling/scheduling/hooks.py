"""How scheduling plugs into the rest: client page section, Today tasks, and the charting
sign-off (aftercare and healing check-in messages, follow-ups after the last planned session).

Charting does not send a signal at sign-off; it stores the aftercare sheet inside the sign-off
transaction, so that save is the hook (idempotent: signing is once, replacing the sheet queues
nothing new).
"""

from __future__ import annotations

from typing import Any


def register_all() -> None:
    from django.db.models.signals import post_save

    from needling.clients.sections import Section
    from needling.clients.sections import register as register_section
    from needling.scheduling.section import section_context
    from needling.scheduling.today import appointment_tasks, follow_up_tasks, healing_tasks
    from needling.web.today import TaskSource
    from needling.web.today import register as register_task

    register_section(
        Section(
            key="scheduling",
            title="Appointments and course timeline",
            order=15,
            action="calendar.view",
            template="scheduling/_client_section.html",
            context=section_context,
        )
    )
    register_task(
        TaskSource(
            key="appointments_today",
            title="Appointments today",
            order=5,
            action="calendar.view",
            items=appointment_tasks,
        )
    )
    register_task(
        TaskSource(
            key="healing_checks_due",
            title="Healing checks due",
            order=20,
            action="chart.edit",
            items=healing_tasks,
        )
    )
    register_task(
        TaskSource(
            key="follow_ups_due",
            title="Outcome reviews due",
            order=30,
            action="calendar.view",
            items=follow_up_tasks,
        )
    )
    try:
        from needling.charting.models import AftercareDocument
    except ImportError:  # charting not installed
        return
    post_save.connect(
        _on_aftercare_saved, sender=AftercareDocument, dispatch_uid="scheduling_signed"
    )


def _on_aftercare_saved(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw:
        return
    session_signed(instance.session)


def session_signed(session: Any) -> None:
    """Queue the session's aftercare and healing check-in messages; after the course's last
    planned session, propose the outcome reviews. Safe to call more than once."""
    from needling.scheduling.followups import is_last_planned_session, propose_follow_ups
    from needling.scheduling.notify import session_signed as queue_session_messages

    if getattr(session, "status", "signed") != "signed":
        return
    queue_session_messages(
        client=session.client, session_id=session.pk, session_date=session.session_date
    )
    if is_last_planned_session(session):
        propose_follow_ups(session.client, session.session_date, session_id=session.pk)

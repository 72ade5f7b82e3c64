"""Today page task lists: today's appointments, healing checks due, outcome reviews due."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from needling.access import Actor
from needling.clinics.models import Clinic
from needling.kernel.planner import not_an_index_term
from needling.scheduling.models import Appointment, FollowUp, Status
from needling.scheduling.selectors import HealingDue, healing_checks_due
from needling.scheduling.times import clinic_zone, day_bounds
from needling.web.today import Task


def appointment_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    """Today's appointments, by time (one query; the clinic's time zone rides along)."""
    clinic = Clinic.objects.only("time_zone").get(pk=actor.clinic_id)
    zone = clinic_zone(clinic)
    today = timezone.now().astimezone(zone).date()
    start, end = day_bounds(zone, today)
    rows = (
        Appointment.objects.filter(clinic_id=actor.clinic_id, start__gte=start, start__lt=end)
        .exclude(status=Status.CANCELLED)
        .select_related("client", "location", "practitioner")
        .order_by("start", "id")[:20]
    )
    return [
        Task(
            label=f"{a.start.astimezone(zone):%H:%M} {a.client.full_name}",
            detail=(
                f"{a.get_kind_display()} with {a.practitioner.get_full_name()} at {a.location.name}"
            ),
            url=reverse("scheduling:appointment", args=[a.pk]),
            severity="caution" if a.override_reason else "info",
        )
        for a in rows
    ]


def healing_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    today = timezone.localdate()
    return [
        Task(
            label=d.client_name,
            detail=_healing_detail(d, today),
            url=reverse("charting:healing_check", args=[d.session_id]),
            severity="caution" if d.day == 7 else "info",
        )
        for d in healing_checks_due(actor.clinic_id, today=today)
    ]


def _healing_detail(d: HealingDue, today: date) -> str:
    elapsed = (today - d.session_date).days
    if elapsed > d.day + 3:
        return f"Healing check overdue: session on {d.session_date:%d %b}, day {elapsed} today"
    return f"Day {d.day} healing check due (session on {d.session_date:%d %b})"


def follow_up_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    today = timezone.localdate()
    rows = (
        FollowUp.objects.alias(clinic_of_client=not_an_index_term("client__clinic_id"))
        .filter(
            clinic_of_client=actor.clinic_id,  # checked on the due rows (index below)
            appointment__isnull=True,  # index follow_up_unbooked_due on due_on
            due_on__lte=today + timedelta(days=14),
            due_on__gte=today - timedelta(days=60),
        )
        .select_related("client")
        .order_by("due_on", "id")[:20]
    )
    return [
        Task(
            label=f.client.full_name,
            detail=f"{f.months}-month outcome review due {f.due_on:%d %b %Y}: not booked yet",
            url=reverse("scheduling:new")
            + f"?client={f.client_id}&kind=review&day={f.due_on:%Y-%m-%d}",
            severity="info",
        )
        for f in rows
    ]

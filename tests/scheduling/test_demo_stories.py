"""The demo clinic tells the scheduling stories (UX.md, "Demo data tells stories")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from needling.clients.models import Client
from needling.demo import load_demo, remove_demo
from needling.scheduling import gate
from needling.scheduling.models import Appointment, CalendarFeed, FollowUp
from needling.scheduling.selectors import healing_checks_due


def test_the_demo_tells_every_scheduling_story(db: Any) -> None:
    """One load (the demo is slow to build: it prints aftercare PDFs), every story checked."""
    load_demo(today=timezone.localdate())
    demo = {c.first_name: c for c in Client.objects.filter(clinic__slug="northside")}
    _ben_is_booked_inside_his_window(demo)
    _amelia_is_too_early(demo)
    _chloes_healing_check_is_due(demo)
    _hannahs_six_month_review_is_booked(demo)
    _isaac_is_weekly_and_the_calendar_is_alive(demo)
    _reset_removes_and_reloads_the_schedule()


def _ben_is_booked_inside_his_window(demo: dict[str, Client]) -> None:
    ben = Appointment.objects.get(client=demo["Ben"], kind="treatment")
    decision = gate.decide(demo["Ben"], proposed=timezone.localtime(ben.start).date())
    assert decision.allowed, decision.reasons


def _amelia_is_too_early(demo: dict[str, Client]) -> None:
    decision = gate.decide(demo["Amelia"], proposed=timezone.localdate() + timedelta(days=1))
    assert not decision.allowed
    assert decision.earliest is not None
    assert not Appointment.objects.filter(client=demo["Amelia"]).exists()


def _chloes_healing_check_is_due(demo: dict[str, Client]) -> None:
    clinic_id = demo["Chloe"].clinic_id
    due = healing_checks_due(clinic_id, today=timezone.localdate())
    assert demo["Chloe"].pk in {d.client_id for d in due}


def _hannahs_six_month_review_is_booked(demo: dict[str, Client]) -> None:
    six = FollowUp.objects.get(client=demo["Hannah"], months=6)
    assert six.appointment is not None
    assert six.appointment.kind == "review"


def _isaac_is_weekly_and_the_calendar_is_alive(demo: dict[str, Client]) -> None:
    isaac = Appointment.objects.filter(client=demo["Isaac"], kind="treatment").order_by("start")
    assert isaac.count() == 2
    assert (isaac[1].start - isaac[0].start) == timedelta(days=7)
    today = timezone.localdate()
    todays = Appointment.objects.filter(start__date=today)
    assert todays.values("location").distinct().count() == 2
    assert todays.values("practitioner").distinct().count() == 2
    assert CalendarFeed.objects.count() == 1


def _reset_removes_and_reloads_the_schedule() -> None:
    count = Appointment.objects.count()
    load_demo(today=timezone.localdate(), reset=True)
    assert Appointment.objects.count() == count
    remove_demo()
    assert Appointment.objects.count() == 0
    assert CalendarFeed.objects.count() == 0

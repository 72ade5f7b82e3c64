"""The demo clinic's rooms, appointments and a calendar feed (UX.md, "Demo data tells stories").

Amelia: no booking (her next session is too early: booking one shows the refusal). Ben: a
treatment booked inside his window. Chloe: a healing check due (on Today) and booked. Hannah:
her 6-month outcome review booked. Isaac: weekly hair-loss sessions. Around them, consultations
and reviews today and this week at both locations with both practitioners.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from needling.clinics.models import Location
from needling.scheduling.followups import link_review
from needling.scheduling.models import Appointment, CalendarFeed, FollowUp, Room, Status
from needling.scheduling.times import clinic_zone, local_datetime

if TYPE_CHECKING:
    from needling.demo import DemoContext


def load(ctx: DemoContext) -> None:
    clinic = ctx.clinic
    zone = clinic_zone(clinic)
    locations = list(Location.objects.filter(clinic=clinic).order_by("name"))
    central, riverside = locations[0], locations[-1]
    rooms = {
        "c1": Room.objects.create(location=central, name="Room 1"),
        "c2": Room.objects.create(location=central, name="Room 2"),
        "r1": Room.objects.create(location=riverside, name="Treatment room"),
    }
    now = timezone.now()

    def book(
        who: str, first: str, day: date, at: time, minutes: int, kind: str, where: Location,
        room: str | None = None, note: str = "",
    ) -> Appointment:  # fmt: skip
        start = local_datetime(zone, day, at)
        end = start + timedelta(minutes=minutes)
        status = Status.BOOKED if end > now else Status.DONE
        return Appointment.objects.create(
            clinic=clinic,
            client=ctx.clients[first],
            practitioner=ctx.staff[who],  # type: ignore[misc]
            location=where,
            room=rooms[room] if room else None,
            kind=kind,
            start=start,
            end=end,
            status=status,
            note=note,
            booked_by=ctx.staff["desk"],  # type: ignore[misc]
        )

    today = ctx.today
    # Today, both locations, both practitioners.
    book("priya", "Kofi", today, time(9, 0), 30, "consultation", central, "c1", "First visit")
    book("priya", "Fatima", today, time(10, 0), 30, "consultation", central, "c1",
         "Cold sore history: decide on antiviral cover")  # fmt: skip
    book("tom", "Isaac", today, time(11, 0), 45, "treatment", riverside, "r1")
    book("tom", "Chloe", today, time(14, 30), 15, "healing_check", riverside, "r1")
    book("priya", "Laura", today, time(15, 0), 30, "consultation", central, "c2")
    book("priya", "Jade", today, time(16, 0), 30, "review", central, "c1")
    # Ben: inside his window (last session 49 days ago, standard protocol 42 to 56 days).
    book("tom", "Ben", today + timedelta(days=2), time(10, 0), 60, "treatment", central, "c2")
    # Isaac next week (weekly protocol).
    book("tom", "Isaac", today + timedelta(days=7), time(11, 0), 45, "treatment", riverside, "r1")
    book(
        "priya", "Evan", today + timedelta(days=1), time(9, 30), 30, "consultation", riverside, "r1"
    )
    book("priya", "George", today + timedelta(days=3), time(12, 0), 30, "review", central, "c1",
         "Adverse event (PIH) follow-up")  # fmt: skip
    book("tom", "Daniela", today + timedelta(days=4), time(13, 0), 30, "consultation", riverside)
    # Hannah: her 6-month outcome review (proposed when her course's last session was signed).
    six = FollowUp.objects.filter(client=ctx.clients["Hannah"], months=6).first()
    review_day = max(six.due_on if six else today, today + timedelta(days=1))
    review = book("priya", "Hannah", review_day, time(11, 30), 30, "review", central, "c2")
    link_review(review)
    CalendarFeed.objects.create(
        clinic=clinic,
        practitioner=ctx.staff["priya"],
        created_by=ctx.staff["owner"],  # type: ignore[misc]
    )
    _ = datetime, Any

"""Today's lists (appointments, healing checks due, reviews due) and the client page section."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from needling.scheduling.models import FollowUp
from needling.scheduling.selectors import healing_checks_due
from tests.conftest import Cast
from tests.scheduling.factories import appointment, signed_session


def _home(user: Any) -> str:
    b = Browser()
    b.force_login(user)
    response = b.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_healing_checks_fall_due_on_day_3_and_day_7(cast: Cast) -> None:
    today = timezone.localdate()
    signed_session(cast, cast.record_a, today - timedelta(days=3))
    signed_session(cast, cast.record_b, today - timedelta(days=2))  # not due yet
    [due] = healing_checks_due(cast.clinic.pk, today=today)
    assert (due.client_id, due.day) == (cast.record_a.pk, 3)
    later = healing_checks_due(cast.clinic.pk, today=today + timedelta(days=5))
    assert {(d.client_id, d.day) for d in later} == {(cast.record_a.pk, 7), (cast.record_b.pk, 7)}


def test_a_healed_check_or_a_later_session_clears_the_task(cast: Cast) -> None:
    today = timezone.localdate()
    signed_session(
        cast, cast.record_a, today - timedelta(days=5), healed_on=today - timedelta(days=1)
    )
    signed_session(cast, cast.record_b, today - timedelta(days=20))
    signed_session(cast, cast.record_b, today - timedelta(days=1))
    assert healing_checks_due(cast.clinic.pk, today=today) == []


def test_an_unhealed_check_at_day_3_leaves_the_day_7_check_due(cast: Cast) -> None:
    from needling.charting.models import HealingCheck

    today = timezone.localdate()
    session = signed_session(cast, cast.record_a, today - timedelta(days=8))
    HealingCheck.objects.create(
        session=session, client=cast.record_a, checked_on=today - timedelta(days=5),
        healed=False, symptoms=["redness"], recorded_by=cast.practitioner,
    )  # fmt: skip
    [due] = healing_checks_due(cast.clinic.pk, today=today)
    assert due.day == 7


def test_other_clinics_sessions_never_show(cast: Cast) -> None:
    signed_session(cast, cast.other_record, timezone.localdate() - timedelta(days=4))
    assert healing_checks_due(cast.clinic.pk, today=timezone.localdate()) == []


def test_today_lists_the_healing_check_for_clinicians_only(cast: Cast) -> None:
    session = signed_session(cast, cast.record_a, timezone.localdate() - timedelta(days=3))
    link = reverse("charting:healing_check", args=[session.pk])
    assert link in _home(cast.practitioner)
    assert link not in _home(cast.front_desk)


def test_today_lists_todays_appointments(cast: Cast) -> None:
    start = timezone.now() + timedelta(minutes=30)
    if timezone.localtime(start).date() != timezone.localdate():
        start = timezone.now() - timedelta(hours=1)
    appointment(cast, start=start)
    assert reverse("scheduling:appointment", args=[1]).rsplit("/", 2)[0] in _home(cast.front_desk)


def test_today_lists_reviews_due_and_not_booked(cast: Cast) -> None:
    today = timezone.localdate()
    FollowUp.objects.create(client=cast.record_a, last_session_on=today - timedelta(days=30),
                            months=1, due_on=today + timedelta(days=3))  # fmt: skip
    html = _home(cast.front_desk)
    assert "1-month outcome review due" in html


def test_the_client_page_shows_the_next_allowed_date_and_timeline(cast: Cast) -> None:
    today = timezone.localdate()
    last = today - timedelta(days=21)
    signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    appointment(cast)
    FollowUp.objects.create(client=cast.record_a, last_session_on=last, months=3,
                            due_on=today + timedelta(days=60))  # fmt: skip
    b = Browser()
    b.force_login(cast.practitioner)
    html = b.get(reverse("clients:detail", args=[cast.record_a.pk])).content.decode()
    earliest = last + timedelta(days=42)
    assert f"earliest <strong>{earliest:%a} {earliest.day} {earliest:%b %Y}</strong>" in html
    assert "Course timeline" in html
    assert "3-month outcome review" in html
    assert "Treatment session (signed)" in html
    assert f"?client={cast.record_a.pk}&day={earliest.isoformat()}" in html


def test_front_desk_sees_appointments_but_no_session_history(cast: Cast) -> None:
    signed_session(cast, cast.record_a, timezone.localdate() - timedelta(days=50))
    b = Browser()
    b.force_login(cast.front_desk)
    html = b.get(reverse("clients:detail", args=[cast.record_a.pk])).content.decode()
    assert "Appointments and course timeline" in html
    assert "Treatment session (signed)" not in html

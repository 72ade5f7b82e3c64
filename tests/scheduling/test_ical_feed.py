"""The iCalendar feeds: RFC 5545 parsed back with icalendar; stable UID, SEQUENCE, no PHI unless
the clinic opts in, cancelled kept for a while, secret revocable URLs."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from needling.scheduling.feeds import create_feed, revoke_feed, rotate_feed
from needling.scheduling.models import Appointment, CalendarFeed
from needling.scheduling.services import cancel_appointment, move_appointment
from tests.conftest import Cast
from tests.scheduling.factories import appointment, at, day_after_tomorrow, location


def _feed(cast: Cast, **kw: object) -> CalendarFeed:
    kw.setdefault("practitioner_id", cast.practitioner.pk)
    return create_feed(actor=cast.owner, **kw)  # type: ignore[arg-type]


def _events(feed: CalendarFeed) -> list[object]:
    response = Browser().get(reverse("scheduling:ical", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    return list(cal.walk("VEVENT"))


def test_the_feed_parses_back_with_one_event_per_appointment(cast: Cast) -> None:
    a = appointment(cast)
    appointment(cast, client=cast.record_b, start=at(cast, day_after_tomorrow(), 14))
    feed = _feed(cast)
    events = _events(feed)
    assert len(events) == 2
    first = next(e for e in events if str(e["UID"]).startswith(str(a.uid)))
    assert first.decoded("DTSTART") == a.start
    assert first.decoded("DTEND") == a.end
    assert first["STATUS"] == "CONFIRMED"
    assert int(first["SEQUENCE"]) == 0
    assert "@" in str(first["UID"])


def test_no_client_names_or_kinds_without_the_opt_in(cast: Cast) -> None:
    appointment(cast, kind="treatment", note="Alice prefers mornings")
    body = Browser().get(reverse("scheduling:ical", args=[_feed(cast).token])).content.decode()
    for phi in ("Alice", "Client", "reatment", "mornings"):
        assert phi not in body, phi
    assert "SUMMARY:Appointment" in body


def test_names_and_kinds_with_the_opt_in(cast: Cast) -> None:
    appointment(cast, kind="treatment")
    [event] = _events(_feed(cast, show_details=True))
    assert str(event["SUMMARY"]) == "Treatment: Alice Client"


def test_a_moved_appointment_keeps_its_uid_with_a_higher_sequence(cast: Cast) -> None:
    a = appointment(cast)
    feed = _feed(cast)
    [before] = _events(feed)
    move_appointment(actor=cast.front_desk, appointment=a, start=at(cast, day_after_tomorrow(), 15))
    [after] = _events(feed)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == at(cast, day_after_tomorrow(), 15)


def test_a_cancelled_appointment_stays_as_cancelled_for_30_days(cast: Cast) -> None:
    a = appointment(cast)
    feed = _feed(cast)
    cancel_appointment(actor=cast.front_desk, appointment=a)
    [event] = _events(feed)
    assert event["STATUS"] == "CANCELLED"
    Appointment.objects.filter(pk=a.pk).update(cancelled_at=timezone.now() - timedelta(days=31))
    assert _events(feed) == []


def test_a_location_feed_holds_only_that_location(cast: Cast) -> None:
    from needling.clinics.models import Location

    other = Location.objects.create(clinic=cast.clinic, name="Second site")
    appointment(cast)
    appointment(cast, client=cast.record_b, practitioner=cast.owner, location=other)
    assert len(_events(_feed(cast, practitioner_id=None, location_id=location(cast).pk))) == 1


def test_rotating_makes_the_old_address_404(cast: Cast) -> None:
    feed = _feed(cast)
    old = feed.token
    rotated = rotate_feed(actor=cast.owner, feed_id=feed.pk)
    assert Browser().get(reverse("scheduling:ical", args=[old])).status_code == 404
    assert Browser().get(reverse("scheduling:ical", args=[rotated.token])).status_code == 200


def test_revoking_makes_the_address_404(cast: Cast) -> None:
    feed = _feed(cast)
    revoke_feed(actor=cast.owner, feed_id=feed.pk)
    assert Browser().get(reverse("scheduling:ical", args=[feed.token])).status_code == 404


def test_an_unknown_or_oversized_token_is_404(cast: Cast) -> None:
    assert Browser().get(reverse("scheduling:ical", args=["nope"])).status_code == 404
    assert Browser().get(reverse("scheduling:ical", args=["x" * 500])).status_code == 404


def test_only_owners_manage_feeds_and_only_for_their_clinic(cast: Cast) -> None:
    import pytest
    from django.core.exceptions import PermissionDenied

    from needling.scheduling.errors import SchedulingError

    with pytest.raises(PermissionDenied):
        create_feed(actor=cast.practitioner, practitioner_id=cast.practitioner.pk)
    with pytest.raises(SchedulingError, match="practitioner of this clinic"):
        create_feed(actor=cast.owner, practitioner_id=cast.other_practitioner.pk)
    with pytest.raises(SchedulingError, match="one of them"):
        create_feed(actor=cast.owner)
    assert CalendarFeed.objects.count() == 0


def test_the_feed_pages_create_rotate_and_revoke(cast: Cast) -> None:
    browser = Browser()
    browser.force_login(cast.owner)
    response = browser.post(
        reverse("scheduling:feeds"), {"target": f"practitioner:{cast.practitioner.pk}"}
    )
    assert response.status_code == 303
    feed = CalendarFeed.objects.get()
    assert not feed.show_details
    bad = browser.post(reverse("scheduling:feeds"), {"target": "practitioner:abc"})
    assert bad.status_code == 400
    assert CalendarFeed.objects.count() == 1
    page = browser.get(reverse("scheduling:feed", args=[feed.pk]))
    assert feed.token in page.content.decode()
    browser.post(reverse("scheduling:feed", args=[feed.pk]), {"action": "rotate"})
    feed.refresh_from_db()
    assert feed.token not in page.content.decode()
    assert (
        browser.post(reverse("scheduling:feed", args=[feed.pk]), {"action": "x"}).status_code == 400
    )
    browser.post(reverse("scheduling:feed", args=[feed.pk]), {"action": "revoke"})
    feed.refresh_from_db()
    assert not feed.active

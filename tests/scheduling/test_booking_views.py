"""The booking, move and cancel pages: thin views over the services; refusals say why."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from needling.scheduling.models import Appointment
from tests.conftest import Cast
from tests.scheduling.factories import appointment, at, day_after_tomorrow, location, signed_session


def _browser(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


def _data(cast: Cast, **kw: Any) -> dict[str, Any]:
    data = {
        "client": cast.record_a.pk,
        "kind": "treatment",
        "day": day_after_tomorrow().isoformat(),
        "at": "10:00",
        "minutes": "60",
        "practitioner": cast.practitioner.pk,
        "location": location(cast).pk,
        "room": "",
        "note": "",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


def test_the_form_books_and_redirects_to_the_appointment(cast: Cast) -> None:
    response = _browser(cast.front_desk).post(reverse("scheduling:new"), _data(cast))
    appointment = Appointment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("scheduling:appointment", args=[appointment.pk])
    assert appointment.start == at(cast, day_after_tomorrow(), 10)


def test_htmx_gets_a_redirect_header(cast: Cast) -> None:
    response = _browser(cast.front_desk).post(
        reverse("scheduling:new"), _data(cast), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/calendar/appointments/")


def test_a_refusal_shows_the_reasons_and_the_earliest_date(cast: Cast) -> None:
    last = timezone.localdate() - timedelta(days=21)
    signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    response = _browser(cast.front_desk).post(reverse("scheduling:new"), _data(cast))
    assert response.status_code == 409
    html = response.content.decode()
    earliest = last + timedelta(days=42)
    assert "Earliest date:" in html
    assert f'name="pick_date" value="{earliest.isoformat()}"' in html
    assert "Only a practitioner may book against the gate" in html
    assert Appointment.objects.count() == 0


def test_a_refusal_offers_no_date_while_the_healing_check_is_missing(cast: Cast) -> None:
    """Issue 17: the refusal's only button re-proposed a date the gate refuses again."""
    last = timezone.localdate() - timedelta(days=21)
    session = signed_session(cast, cast.record_a, last)  # no healing check
    desk = _browser(cast.front_desk).post(reverse("scheduling:new"), _data(cast))
    html = desk.content.decode()
    assert desk.status_code == 409
    assert "pick_date" not in html
    assert "Earliest date:" not in html
    assert "No date can be booked until the points above are resolved." in html
    assert "Book a healing check" in html
    assert "kind=healing_check" in html
    assert "Record a healing check" not in html
    clinician = _browser(cast.practitioner).post(reverse("scheduling:new"), _data(cast))
    html = clinician.content.decode()
    assert "Record a healing check" in html
    assert reverse("charting:healing_check", args=[session.pk]) in html
    assert "pick_date" not in html


def test_an_open_adverse_event_offers_no_earliest_date(cast: Cast) -> None:
    from needling.charting.models import AdverseEvent

    last = timezone.localdate() - timedelta(days=21)
    session = signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    AdverseEvent.objects.create(
        session=session, client=cast.record_a, kind="pih", severity="mild",
        onset=last + timedelta(days=5), reported_by=cast.practitioner,
    )  # fmt: skip
    html = _browser(cast.front_desk).post(reverse("scheduling:new"), _data(cast)).content.decode()
    assert "adverse event is still open" in html
    assert "Earliest date:" not in html
    assert "pick_date" not in html
    page = _browser(cast.front_desk).get(reverse("clients:detail", args=[cast.record_a.pk]))
    text = page.content.decode()
    assert "not bookable yet" in text
    assert "Next session: earliest" not in text


def test_the_client_page_offers_the_first_date_the_gate_accepts(cast: Cast) -> None:
    last = timezone.localdate() - timedelta(days=21)
    signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    page = _browser(cast.front_desk).get(reverse("clients:detail", args=[cast.record_a.pk]))
    earliest = last + timedelta(days=42)
    assert f"day={earliest.isoformat()}" in page.content.decode()


def test_a_practitioner_sees_the_override_box_and_can_use_it(cast: Cast) -> None:
    last = timezone.localdate() - timedelta(days=21)
    signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    browser = _browser(cast.practitioner)
    refused = browser.post(reverse("scheduling:new"), _data(cast))
    assert "Reason for booking against the gate" in refused.content.decode()
    data = _data(cast, override_reason="Leaving the country; agreed a shorter interval.")
    assert browser.post(reverse("scheduling:new"), data).status_code == 303
    assert Appointment.objects.get().override_reason.startswith("Leaving")


def test_picking_the_earliest_date_fills_the_form_and_books_nothing(cast: Cast) -> None:
    response = _browser(cast.front_desk).post(
        reverse("scheduling:new"), _data(cast, pick_date="2031-02-03")
    )
    assert response.status_code == 200
    assert 'value="2031-02-03"' in response.content.decode()
    assert Appointment.objects.count() == 0


def test_bad_input_gets_400_and_saves_nothing(cast: Cast) -> None:
    browser = _browser(cast.front_desk)
    for bad in (
        {"day": "not-a-date"},
        {"at": "25:99"},
        {"minutes": "7"},
        {"kind": "surgery"},
        {"practitioner": cast.other_practitioner.pk},
        {"location": "999999"},
        {"idempotency_key": "nope"},
        {"day": (timezone.localdate() - timedelta(days=2)).isoformat()},
    ):
        response = browser.post(reverse("scheduling:new"), _data(cast, **bad))
        assert response.status_code == 400, bad
    assert Appointment.objects.count() == 0


def test_a_time_that_does_not_exist_is_refused_clearly(cast: Cast) -> None:
    response = _browser(cast.front_desk).post(
        reverse("scheduling:new"), _data(cast, kind="consultation", day="2031-03-30", at="01:30")
    )
    assert response.status_code == 400
    assert "clocks go forward" in response.content.decode()


def test_a_double_submit_books_once(cast: Cast) -> None:
    browser = _browser(cast.front_desk)
    data = _data(cast)
    first = browser.post(reverse("scheduling:new"), data)
    second = browser.post(reverse("scheduling:new"), data)
    assert first["Location"] == second["Location"]
    assert Appointment.objects.count() == 1


def test_a_clash_is_409_with_a_message(cast: Cast) -> None:
    appointment(cast, start=at(cast, day_after_tomorrow(), 10))
    response = _browser(cast.front_desk).post(
        reverse("scheduling:new"), _data(cast, client=cast.record_b.pk, kind="consultation")
    )
    assert response.status_code == 409
    assert "already has an appointment" in response.content.decode()


def test_another_clinics_client_is_404(cast: Cast) -> None:
    response = _browser(cast.front_desk).post(
        reverse("scheduling:new"), _data(cast, client=cast.other_record.pk)
    )
    assert response.status_code == 404


def test_the_client_search_finds_and_links(cast: Cast) -> None:
    html = _browser(cast.front_desk).get(reverse("scheduling:new"), {"q": "Alice"}).content.decode()
    assert f"?client={cast.record_a.pk}" in html
    assert "Olga" not in html


def test_moving_through_the_page(cast: Cast) -> None:
    a = appointment(cast)
    browser = _browser(cast.front_desk)
    assert browser.get(reverse("scheduling:move", args=[a.pk])).status_code == 200
    data = _data(
        cast, day=(day_after_tomorrow() + timedelta(days=1)).isoformat(), at="15:30", sequence="0"
    )
    response = browser.post(reverse("scheduling:move", args=[a.pk]), data)
    assert response.status_code == 303
    a.refresh_from_db()
    assert a.start == at(cast, day_after_tomorrow() + timedelta(days=1), 15, 30)
    stale = browser.post(reverse("scheduling:move", args=[a.pk]), {**data, "at": "16:00"})
    assert stale.status_code == 409
    assert "Someone else changed" in stale.content.decode()


def test_cancelling_through_the_page(cast: Cast) -> None:
    a = appointment(cast)
    browser = _browser(cast.front_desk)
    assert b"Yes, cancel it" in browser.get(reverse("scheduling:cancel", args=[a.pk])).content
    response = browser.post(reverse("scheduling:cancel", args=[a.pk]), {"sequence": "0"})
    assert response.status_code == 303
    a.refresh_from_db()
    assert a.status == "cancelled"


def test_marking_attendance_only_after_the_start(cast: Cast) -> None:
    a = appointment(cast)
    browser = _browser(cast.front_desk)
    early = browser.post(reverse("scheduling:appointment", args=[a.pk]), {"attendance": "done"})
    assert early.status_code == 400
    Appointment.objects.filter(pk=a.pk).update(
        start=timezone.now() - timedelta(hours=1), end=timezone.now() - timedelta(minutes=30)
    )
    ok = browser.post(reverse("scheduling:appointment", args=[a.pk]), {"attendance": "no_show"})
    assert ok.status_code == 303
    a.refresh_from_db()
    assert a.status == "no_show"


def test_the_outbox_lists_messages_without_a_count(cast: Cast, query_budget: Any) -> None:
    from needling.scheduling.services import book_appointment

    book_appointment(
        actor=cast.front_desk, client=cast.record_a, kind="consultation",
        start=at(cast, day_after_tomorrow(), 10), duration=30, practitioner=cast.practitioner,
        location=location(cast),
    )  # fmt: skip
    browser = _browser(cast.front_desk)
    with query_budget("scheduling:outbox") as queries:
        response = browser.get(reverse("scheduling:outbox"))
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    html = response.content.decode()
    assert "Booking confirmation" in html
    assert "Reminder (24 hours before)" in html
    assert browser.get(reverse("scheduling:outbox"), {"status": "bogus"}).status_code == 200

"""Refused access to clinical data leaves a `denied` audit event (issue 16, item 4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse

from needling.audit.denied import DENIED, REPEATS, is_clinical, seal_repeats
from needling.audit.models import AuditEvent, DeniedRepeat
from needling.audit.verify import verify_log
from tests.charting.factories import matrix_url as chart_url
from tests.conftest import Cast
from tests.photos.factories import make_photo, photo_consent

NOON = datetime(2026, 12, 2, 12, 0, 5, tzinfo=UTC)


def _browser(user: Any) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _denied() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=DENIED).order_by("seq"))


def test_front_desk_opening_a_chart_is_recorded(cast: Cast) -> None:
    url = chart_url("charting:chart", cast)
    session_id = url.strip("/").split("/")[-1]
    response = _browser(cast.front_desk).get(url)
    assert response.status_code == 403
    [event] = _denied()
    assert event.outcome == "denied"
    assert (event.actor_id, event.actor_role, event.clinic_id) == (
        cast.front_desk.pk,
        "front_desk",
        cast.clinic.pk,
    )
    assert (event.object_type, event.object_id) == ("session", session_id)
    assert event.detail == {
        "route": "charting:chart",
        "status": 403,
        "method": "GET",
        "ids": {"session_id": session_id},
    }
    assert event.request_id == response["X-Request-ID"]


def test_an_id_walk_by_another_clinic_shows_every_id_tried(cast: Cast) -> None:
    browser = _browser(cast.other_practitioner)
    tried = [cast.record_a.pk, cast.record_b.pk, cast.record_b.pk + 1000, cast.record_b.pk + 1001]
    for pk in tried:
        assert browser.get(reverse("clients:detail", args=[pk])).status_code == 404
    events = _denied()
    assert [e.object_id for e in events] == [str(pk) for pk in tried]
    assert {(e.object_type, e.detail["status"], e.clinic_id) for e in events} == {
        ("client", 404, cast.other_clinic.pk)
    }
    assert list(verify_log()) == []


def test_another_clinics_photo_image_url_is_recorded(cast: Cast) -> None:
    photo_consent(cast.record_a)
    photo = make_photo(cast.record_a, cast.practitioner)
    url = reverse("photos:image", args=[photo.pk, "small"])
    assert _browser(cast.other_practitioner).get(url).status_code == 404
    [event] = _denied()
    assert (event.object_type, event.object_id) == ("photo", str(photo.pk))
    assert event.detail["ids"] == {"photo_id": str(photo.pk), "size": "small"}


def test_repeats_within_a_minute_are_folded_and_the_count_sealed_into_the_chain(
    cast: Cast,
) -> None:
    url = reverse("clients:detail", args=[cast.other_record.pk])
    browser = _browser(cast.practitioner)
    with time_machine.travel(NOON, tick=False) as clock:
        for _ in range(5):
            assert browser.get(url).status_code == 404
        assert (
            browser.get(reverse("clients:detail", args=[cast.other_record.pk + 7])).status_code
            == 404
        )
        [first, other_id] = _denied()
        assert DeniedRepeat.objects.get(event_seq=first.seq).count == 5
        assert DeniedRepeat.objects.get(event_seq=other_id.seq).count == 1
        assert seal_repeats() == 0  # the minute is still open
        clock.shift(timedelta(seconds=55))  # 12:01:00: a new minute, a new event
        assert browser.get(url).status_code == 404
        assert len(_denied()) == 3
        assert seal_repeats() == 1
        sealed = AuditEvent.objects.get(action=REPEATS)
        assert sealed.detail["event"] == first.seq
        assert sealed.detail["count"] == 5
        assert sealed.actor_id == cast.practitioner.pk
        assert sealed.clinic_id == cast.clinic.pk
        assert seal_repeats() == 0  # sealed once
        assert list(verify_log()) == []


def test_a_refused_post_records_no_body(cast: Cast) -> None:
    url = chart_url("charting:sign", cast)
    response = _browser(cast.front_desk).post(url, {"note": "PRIVATE-NOTE-TEXT"})
    assert response.status_code == 403
    [event] = _denied()
    assert event.detail["method"] == "POST"
    assert "PRIVATE-NOTE-TEXT" not in str(event.detail)


def test_anonymous_requests_go_to_sign_in_and_are_not_recorded_as_denied(cast: Cast) -> None:
    response = Client().get(reverse("clients:detail", args=[cast.record_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _denied() == []


def test_refusals_outside_clinical_data_are_not_recorded_as_denied(cast: Cast) -> None:
    assert _browser(cast.practitioner).get(reverse("settings:index")).status_code == 403
    assert _browser(cast.practitioner).get("/no-such-page/").status_code == 404
    assert _denied() == []


def test_the_routes_that_show_or_change_clinical_data() -> None:
    for route in (
        "clients:detail",
        "clients:list",
        "charting:chart",
        "photos:image",
        "intake:answers",
        "consent:pdf",
        "scheduling:appointment",
        "equipment:lot_recall_csv",
    ):
        assert is_clinical(route), route
    for route in (
        "settings:index",
        "settings:staff_change",
        "reference",
        "scheduling:ical",
        "home",
    ):
        assert not is_clinical(route), route


def test_every_url_namespace_is_classified_clinical_or_not() -> None:
    from django.urls import URLResolver, get_resolver

    from needling.audit.denied import CLINICAL_NAMESPACES, OTHER_NAMESPACES

    namespaces = {
        p.namespace for p in get_resolver().url_patterns if isinstance(p, URLResolver)
    } - {None}
    assert namespaces == CLINICAL_NAMESPACES | OTHER_NAMESPACES


def test_owners_filter_the_log_by_denied_events_and_see_the_count(cast: Cast) -> None:
    browser = _browser(cast.front_desk)
    url = chart_url("charting:chart", cast)
    for _ in range(3):
        browser.get(url)
    owner = _browser(cast.owner)
    owner.get(reverse("clients:detail", args=[cast.record_a.pk]))  # an ordinary read
    page = owner.get(reverse("settings:audit"), {"outcome": "denied"})
    assert page.status_code == 200
    events = list(page.context["page"])
    assert [e.action for e in events] == [DENIED]
    html = page.content.decode()
    assert "charting:chart" in html
    assert "×3" in html
    assert 'href="?outcome=denied"' in owner.get(reverse("settings:audit")).content.decode()


def test_the_demo_shows_the_owner_a_refused_front_desk_walk(db: object) -> None:
    from datetime import date

    from needling.demo import load_demo

    with time_machine.travel(NOON, tick=False):
        load_demo(today=date(2026, 12, 2))
    [event] = _denied()
    assert event.actor_label == "desk@northside.example"
    assert event.detail["route"] == "intake:answers"
    assert DeniedRepeat.objects.get(event_seq=event.seq).count == 3
    assert seal_repeats(now=NOON + timedelta(minutes=1)) == 1
    assert AuditEvent.objects.get(action=REPEATS).detail["count"] == 3
    assert list(verify_log()) == []

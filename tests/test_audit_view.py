from __future__ import annotations

from typing import Any

from django.test import Client

from needling.audit.services import record
from tests.conftest import Cast


def _owner(cast: Cast) -> Client:
    browser = Client()
    browser.force_login(cast.owner)
    return browser


def test_owner_sees_their_clinics_events_only(cast: Cast) -> None:
    record(actor=cast.practitioner, action="client.view", client=cast.record_a)
    record(actor=cast.other_practitioner, action="client.view", client=cast.other_record)
    page = _owner(cast).get("/settings/audit/?action=client.view")
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert [e.actor_label for e in rows] == [cast.practitioner.email]


def test_filters_by_client_and_actor(cast: Cast) -> None:
    record(actor=cast.practitioner, action="client.view", client=cast.record_a)
    record(actor=cast.front_desk, action="client.view", client=cast.record_b)
    page = _owner(cast).get(f"/settings/audit/?client={cast.record_b.pk}")
    assert [e.client_id for e in page.context["page"]] == [cast.record_b.pk]
    page = _owner(cast).get("/settings/audit/?actor=prac@")
    assert {e.actor_label for e in page.context["page"]} == {cast.practitioner.email}


def test_bad_filters_get_a_clear_400(cast: Cast) -> None:
    page = _owner(cast).get("/settings/audit/?since=2026-05-01&until=2026-04-01")
    assert page.status_code == 400
    assert "must be on or before" in page.content.decode()
    page = _owner(cast).get("/settings/audit/?client=abc")
    assert page.status_code == 400


def test_viewing_the_log_is_itself_audited(cast: Cast) -> None:
    from needling.audit.models import AuditEvent

    _owner(cast).get("/settings/audit/")
    assert AuditEvent.objects.filter(action="audit.view", actor_id=cast.owner.pk).count() == 1


def test_the_log_page_offers_no_way_to_change_entries(cast: Cast) -> None:
    record(actor=cast.practitioner, action="client.view", client=cast.record_a)
    html = _owner(cast).get("/settings/audit/").content.decode()
    assert 'method="post"' not in html.split("<main", 1)[1]


def test_pages_go_back_in_time_without_counting_the_whole_log(
    cast: Cast, query_budget: Any
) -> None:
    for i in range(120):
        record(actor=cast.practitioner, action=f"test.{i}")
    browser = _owner(cast)
    first = browser.get("/settings/audit/?action=test.")
    assert [e.action for e in first.context["page"]][:2] == ["test.119", "test.118"]
    assert first.context["page"].has_next
    third = browser.get("/settings/audit/?action=test.&page=3")
    assert [e.action for e in third.context["page"]] == [f"test.{i}" for i in range(19, -1, -1)]
    assert not third.context["page"].has_next
    assert browser.get("/settings/audit/?page=abc").status_code == 200
    # session, user, role, one page of events, audit of the view (last event, insert, head)
    with query_budget("audit log page 2"):
        browser.get("/settings/audit/?page=2")

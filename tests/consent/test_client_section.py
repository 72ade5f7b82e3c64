"""The consent section of the client page and its htmx partial, per role, with query budgets."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from needling.audit.models import AuditEvent
from needling.consent.models import Kind
from needling.consent.services import publish_document
from tests.conftest import Cast
from tests.consent.factories import signature


def _browser(user: object) -> Client:
    browser = Client()
    browser.force_login(user)  # type: ignore[arg-type]
    return browser


def _section(cast: Cast, user: object) -> str:
    url = reverse("consent:section", args=[cast.record_a.pk])
    response = _browser(user).get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def _page(cast: Cast, user: object) -> str:
    response = _browser(user).get(reverse("clients:detail", args=[cast.record_a.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_clinicians_see_status_version_and_links(cast: Cast) -> None:
    sig = signature(cast.record_a)
    for body in (_section(cast, cast.practitioner), _page(cast, cast.practitioner)):
        assert "Treatment consent" in body
        assert "Version 1" in body
        assert reverse("consent:pdf", args=[sig.pk]) in body
        assert reverse("consent:withdraw", args=[sig.pk]) in body
        assert reverse("consent:sign", args=[cast.record_a.pk, Kind.PHOTOGRAPHY]) in body


def test_front_desk_sees_only_signed_or_not_signed(cast: Cast) -> None:
    sig = signature(cast.record_a)
    signature(cast.record_a, Kind.PHOTOGRAPHY)
    for body in (_section(cast, cast.front_desk), _page(cast, cast.front_desk)):
        assert "Treatment consent" in body
        assert "Signed" in body
        assert "Not signed" in body  # marketing
        assert "Version" not in body
        assert "/consent/signatures/" not in body
        assert "/pdf/" not in body
        assert "/sign/" not in body
        assert sig.text_sha256 not in body


def test_the_client_sees_their_own_consents(cast: Cast) -> None:
    sig = signature(cast.record_a)
    assert reverse("consent:pdf", args=[sig.pk]) in _section(cast, cast.client_a)


def test_an_older_version_is_pointed_out_with_a_link_to_sign_the_new_one(cast: Cast) -> None:
    signature(cast.record_a)
    publish_document(
        actor=cast.owner, clinic=cast.clinic, kind=Kind.TREATMENT, title="V2", body="New."
    )
    body = _section(cast, cast.practitioner)
    assert "signed on an older version (current: 2)" in body
    assert reverse("consent:sign", args=[cast.record_a.pk, Kind.TREATMENT]) in body


def test_the_partial_is_audited(cast: Cast) -> None:
    _section(cast, cast.front_desk)
    event = AuditEvent.objects.get(action="consent.status")
    assert event.client_id == cast.record_a.pk
    assert event.detail == {"details": False}


def test_strangers_get_404_for_the_partial(cast: Cast) -> None:
    url = reverse("consent:section", args=[cast.record_a.pk])
    assert _browser(cast.other_practitioner).get(url).status_code == 404
    assert _browser(cast.client_b).get(url).status_code == 404


def _queries_for_partial(cast: Cast, user: object, captured: object) -> int:
    browser = _browser(user)
    url = reverse("consent:section", args=[cast.record_a.pk])
    with captured as ctx:  # type: ignore[attr-defined]
        assert browser.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_partial_stays_within_its_query_budget(cast: Cast, query_budget: Any) -> None:
    signature(cast.record_a)
    browser = _browser(cast.practitioner)
    url = reverse("consent:section", args=[cast.record_a.pk])
    browser.get(url)  # warm the session
    with query_budget("consent section partial"):
        # session + user + actor, the client, 2 for consent_status, the audit append (2-3)
        assert browser.get(url).status_code == 200


def test_the_query_count_does_not_grow_with_signatures(cast: Cast) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = _browser(cast.practitioner)
    url = reverse("consent:section", args=[cast.record_a.pk])
    page = reverse("clients:detail", args=[cast.record_a.pk])

    def count(target: str) -> int:
        browser.get(target)
        with CaptureQueriesContext(connection) as ctx:
            assert browser.get(target).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        signature(cast.record_a)
    few = (count(url), count(page))
    for kind in (Kind.TREATMENT, Kind.PHOTOGRAPHY, Kind.MARKETING):
        for _ in range(16):
            signature(cast.record_a, kind)
    assert (count(url), count(page)) == few

"""Today → "Consents missing": clients with an intake and no valid treatment consent."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client as Browser
from django.test import RequestFactory
from django.utils import timezone

from needling.access import actor_for
from needling.clients.models import Client
from needling.consent.models import Kind
from needling.consent.tasks import consents_missing
from needling.intake.models import IntakeSubmission
from needling.intake.services import current_form
from tests.conftest import Cast
from tests.consent.factories import signature


def _intake(client: Client) -> None:
    IntakeSubmission.objects.create(
        client=client, form=current_form(client.clinic_id), answers={}, verdict="clear"
    )


def _tasks(cast: Cast, user: object) -> list[str]:
    actor = actor_for(user)
    assert actor is not None
    return [t.label for t in consents_missing(RequestFactory().get("/"), actor)]


def test_clients_with_an_intake_and_no_treatment_consent_are_listed(cast: Cast) -> None:
    _intake(cast.record_a)
    _intake(cast.record_b)
    signature(cast.record_b)
    signature(cast.record_a, Kind.PHOTOGRAPHY)  # not a treatment consent
    assert _tasks(cast, cast.practitioner) == ["Alice Client"]


def test_clients_without_an_intake_are_not_listed(cast: Cast) -> None:
    assert _tasks(cast, cast.practitioner) == []


def test_a_withdrawn_latest_treatment_consent_is_listed(cast: Cast) -> None:
    _intake(cast.record_a)
    now = timezone.now()
    signature(cast.record_a, signed_at=now - timedelta(days=40))
    signature(cast.record_a, signed_at=now - timedelta(days=10), withdrawn_at=now)
    actor = actor_for(cast.practitioner)
    assert actor is not None
    (task,) = consents_missing(RequestFactory().get("/"), actor)
    assert "withdrawn" in task.detail
    assert task.url.endswith(f"/clients/{cast.record_a.pk}/#section-consent")


def test_another_clinics_clients_never_appear(cast: Cast) -> None:
    _intake(cast.other_record)
    assert _tasks(cast, cast.practitioner) == []


def test_the_list_is_one_query_and_capped(cast: Cast, django_assert_num_queries: object) -> None:
    for i in range(25):
        _intake(Client.objects.create(clinic=cast.clinic, first_name=f"C{i:02}", last_name="X"))
    actor = actor_for(cast.practitioner)
    assert actor is not None
    with django_assert_num_queries(1):  # type: ignore[operator]
        tasks = consents_missing(RequestFactory().get("/"), actor)
    assert len(tasks) == 20


def test_front_desk_sees_the_task_list_on_today(cast: Cast) -> None:
    _intake(cast.record_a)
    browser = Browser()
    browser.force_login(cast.front_desk)
    body = browser.get("/").content.decode()
    assert "Consents missing" in body
    assert "Alice Client" in body

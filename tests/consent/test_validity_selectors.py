"""The public contract: treatment/photo/marketing_consent_valid and consent_status."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from needling.consent.models import Kind
from needling.consent.selectors import (
    consent_status,
    marketing_consent_valid,
    photo_consent_valid,
    treatment_consent_valid,
)
from needling.consent.services import publish_document
from tests.conftest import Cast
from tests.consent.factories import signature

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def test_no_signature_means_no_valid_consent(cast: Cast) -> None:
    assert treatment_consent_valid(cast.record_a, on=date.today()) is False
    assert photo_consent_valid(cast.record_a, on=date.today()) is False
    assert marketing_consent_valid(cast.record_a, on=date.today()) is False


def test_a_signature_makes_that_kind_valid_and_only_that_kind(cast: Cast) -> None:
    signature(cast.record_a, Kind.PHOTOGRAPHY)
    assert photo_consent_valid(cast.record_a, on=date.today()) is True
    assert treatment_consent_valid(cast.record_a, on=date.today()) is False
    assert marketing_consent_valid(cast.record_a, on=date.today()) is False
    assert treatment_consent_valid(cast.record_b, on=date.today()) is False


def test_consent_is_not_valid_before_the_day_it_was_signed(cast: Cast) -> None:
    day = date(2026, 3, 10)
    signature(cast.record_a, signed_at=at(day, 15))
    assert treatment_consent_valid(cast.record_a, on=day - timedelta(days=1)) is False
    assert treatment_consent_valid(cast.record_a, on=day) is True
    assert treatment_consent_valid(cast.record_a, on=day + timedelta(days=400)) is True


def test_the_day_is_the_clinics_day_not_utc(cast: Cast) -> None:
    # 23:30 in London on 1 July (BST) is 22:30 UTC: still 1 July for the clinic.
    signed = datetime(2026, 7, 1, 23, 30, tzinfo=LONDON)
    signature(cast.record_a, signed_at=signed)
    assert treatment_consent_valid(cast.record_a, on=date(2026, 7, 1)) is True
    assert treatment_consent_valid(cast.record_a, on=date(2026, 6, 30)) is False


def test_withdrawn_consent_is_invalid_from_the_day_of_withdrawal(cast: Cast) -> None:
    signature(
        cast.record_a,
        signed_at=at(date(2026, 1, 5)),
        withdrawn_at=at(date(2026, 2, 1), 9),
    )
    assert treatment_consent_valid(cast.record_a, on=date(2026, 1, 31)) is True
    assert treatment_consent_valid(cast.record_a, on=date(2026, 2, 1)) is False
    assert treatment_consent_valid(cast.record_a, on=date(2026, 5, 1)) is False


def test_an_older_signature_does_not_revive_a_withdrawn_newer_one(cast: Cast) -> None:
    signature(cast.record_a, signed_at=at(date(2026, 1, 5)))
    signature(cast.record_a, signed_at=at(date(2026, 3, 5)), withdrawn_at=at(date(2026, 4, 1)))
    assert treatment_consent_valid(cast.record_a, on=date(2026, 6, 1)) is False


def test_signing_again_after_withdrawal_makes_it_valid_again(cast: Cast) -> None:
    signature(cast.record_a, signed_at=at(date(2026, 1, 5)), withdrawn_at=at(date(2026, 2, 1)))
    signature(cast.record_a, signed_at=at(date(2026, 3, 1)))
    assert treatment_consent_valid(cast.record_a, on=date(2026, 2, 15)) is False
    assert treatment_consent_valid(cast.record_a, on=date(2026, 3, 1)) is True


def test_a_signature_on_an_older_version_stays_valid_and_says_so(cast: Cast) -> None:
    signature(cast.record_a)
    publish_document(
        actor=cast.owner, clinic=cast.clinic, kind=Kind.TREATMENT, title="New", body="New text."
    )
    assert treatment_consent_valid(cast.record_a, on=date.today()) is True
    status = consent_status(cast.record_a)[Kind.TREATMENT]
    assert status.valid is True
    assert (status.signed_version, status.current_version) == (1, 2)
    assert status.on_older_version is True


def test_consent_status_covers_every_kind(cast: Cast) -> None:
    signature(cast.record_a, Kind.MARKETING, withdrawn_at=None)
    statuses = consent_status(cast.record_a)
    assert list(statuses) == ["treatment", "photography", "marketing"]
    assert statuses["treatment"].state == "not_signed"
    assert statuses["marketing"].state == "signed"
    assert statuses["marketing"].on_older_version is False


def test_consent_status_reports_withdrawal(cast: Cast) -> None:
    from django.utils import timezone

    now = timezone.now()
    signature(cast.record_a, Kind.MARKETING, signed_at=now - timedelta(days=3), withdrawn_at=now)
    status = consent_status(cast.record_a)["marketing"]
    assert status.state == "withdrawn"
    assert status.valid is False


def test_consent_status_costs_two_queries_however_many_signatures(
    cast: Cast, django_assert_num_queries: object
) -> None:
    for _ in range(30):
        signature(cast.record_a)
    with django_assert_num_queries(2):  # type: ignore[operator]
        # 1: current version per kind; 2: the client's signatures with their versions
        consent_status(cast.record_a)


def test_the_validity_check_costs_at_most_two_queries(cast: Cast, query_budget: Any) -> None:
    signature(cast.record_a)
    client = type(cast.record_a).objects.get(pk=cast.record_a.pk)
    with query_budget("treatment consent validity check"):
        # 1: the clinic's time zone; 2: the latest signature on or before the day
        treatment_consent_valid(client, on=date.today())

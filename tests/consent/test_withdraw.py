"""Withdrawing consent: once, with a reason, the signature kept unchanged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentSignature, Kind
from needling.consent.selectors import photo_consent_valid, treatment_consent_valid
from needling.consent.services import withdraw_consent
from needling.consent.validation import ConsentInputError
from tests.conftest import Cast
from tests.consent.factories import signature


def _browser(user: object) -> Client:
    browser = Client()
    browser.force_login(user)  # type: ignore[arg-type]
    return browser


def _earlier() -> object:
    return timezone.now() - timedelta(days=2)


def test_withdrawing_photo_consent_records_who_when_and_why(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    response = _browser(cast.practitioner).post(
        reverse("consent:withdraw", args=[sig.pk]), {"reason": "Changed her mind."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[cast.record_a.pk])
    sig.refresh_from_db()
    assert sig.withdrawn_at is not None
    assert sig.withdrawn_by == cast.practitioner
    assert sig.withdrawal_reason == "Changed her mind."
    assert photo_consent_valid(cast.record_a, on=date.today()) is False
    event = AuditEvent.objects.get(action="consent.withdraw")
    assert event.detail == {"kind": "photography"}


def test_withdrawn_treatment_consent_blocks_sessions(cast: Cast) -> None:
    sig = signature(cast.record_a, signed_at=_earlier())
    assert treatment_consent_valid(cast.record_a, on=date.today()) is True
    withdraw_consent(actor=cast.practitioner, signature=sig, reason="Does not want treatment.")
    assert treatment_consent_valid(cast.record_a, on=date.today()) is False


def test_a_client_may_withdraw_their_own_consent(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.MARKETING, signed_at=_earlier())
    response = _browser(cast.client_a).post(
        reverse("consent:withdraw", args=[sig.pk]), {"reason": "No more e-mails please."}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("reason", ["", "   ", "bad\x00byte", "x" * 1001])
def test_a_missing_or_bad_reason_is_refused_and_nothing_changes(cast: Cast, reason: str) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    response = _browser(cast.practitioner).post(
        reverse("consent:withdraw", args=[sig.pk]), {"reason": reason}
    )
    assert response.status_code == 400
    sig.refresh_from_db()
    assert sig.withdrawn_at is None
    assert not AuditEvent.objects.filter(action="consent.withdraw").exists()


def test_withdrawing_twice_is_refused(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    withdraw_consent(actor=cast.practitioner, signature=sig, reason="First.")
    first = ConsentSignature.objects.get(pk=sig.pk).withdrawn_at
    with pytest.raises(ConsentInputError, match="already withdrawn"):
        withdraw_consent(actor=cast.owner, signature=sig, reason="Second.")
    again = ConsentSignature.objects.get(pk=sig.pk)
    assert again.withdrawn_at == first
    assert again.withdrawal_reason == "First."


def test_the_page_for_an_already_withdrawn_consent_says_so(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    withdraw_consent(actor=cast.practitioner, signature=sig, reason="First.")
    response = _browser(cast.practitioner).post(
        reverse("consent:withdraw", args=[sig.pk]), {"reason": "Again."}, follow=True
    )
    assert "already withdrawn" in response.content.decode()
    assert ConsentSignature.objects.get(pk=sig.pk).withdrawal_reason == "First."


def test_an_older_signature_cannot_be_withdrawn_when_a_newer_one_exists(cast: Cast) -> None:
    old = signature(cast.record_a, signed_at=timezone.now() - timedelta(days=30))
    signature(cast.record_a, signed_at=_earlier())
    with pytest.raises(ConsentInputError, match="newer signature"):
        withdraw_consent(actor=cast.practitioner, signature=old, reason="Old one.")
    assert ConsentSignature.objects.get(pk=old.pk).withdrawn_at is None


def test_front_desk_and_strangers_cannot_withdraw(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    url = reverse("consent:withdraw", args=[sig.pk])
    assert _browser(cast.front_desk).post(url, {"reason": "x"}).status_code == 403
    assert _browser(cast.other_practitioner).post(url, {"reason": "x"}).status_code == 404
    assert _browser(cast.client_b).post(url, {"reason": "x"}).status_code == 404
    assert ConsentSignature.objects.get(pk=sig.pk).withdrawn_at is None


def test_opening_the_withdraw_form_is_audited(cast: Cast) -> None:
    sig = signature(cast.record_a, Kind.PHOTOGRAPHY, signed_at=_earlier())
    response = _browser(cast.practitioner).get(reverse("consent:withdraw", args=[sig.pk]))
    assert response.status_code == 200
    assert "Reason for withdrawing" in response.content.decode()
    assert AuditEvent.objects.filter(action="consent.withdraw_form", client_id=cast.record_a.pk)

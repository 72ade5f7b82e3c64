"""Healing checks and adverse events: warning signs open an event and alert the practitioner."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from needling.charting.errors import ChartError
from needling.charting.models import AdverseEvent, HealingCheck, TreatmentSession
from needling.charting.services import record_healing_check, resolve_adverse_event
from tests.charting.conftest import past
from tests.conftest import Cast


@pytest.fixture
def signed(cast: Cast) -> TreatmentSession:
    return TreatmentSession.objects.create(
        client=cast.record_a, practitioner=cast.practitioner, session_date=past(3),
        status="signed", signed_by=cast.practitioner, signed_at=timezone.now(),
    )  # fmt: skip


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


def test_warning_signs_open_an_event_and_alert_the_practitioner(
    cast: Cast, signed: TreatmentSession
) -> None:
    response = _as(cast.owner).post(
        f"/charts/{signed.pk}/healing-check/",
        {"checked_on": past(0).isoformat(), "symptoms": ["redness", "warmth_or_pus"]},
    )
    assert response.status_code == 302
    event = AdverseEvent.objects.get()
    assert (event.kind, event.alert_to, event.is_open) == ("infection", cast.practitioner, True)
    today = _as(cast.practitioner).get("/").content.decode()
    assert "Alerts for you" in today
    assert "warning signs" in today
    assert "Alerts for you" in _as(cast.owner).get("/").content.decode()  # the list, empty
    assert "warning signs" not in _as(cast.owner).get("/").content.decode()


def test_a_plain_healed_check_opens_nothing(cast: Cast, signed: TreatmentSession) -> None:
    record_healing_check(user=cast.practitioner, session=signed, checked_on=past(0),
                         healed=True, symptoms=["redness"])  # fmt: skip
    assert HealingCheck.objects.get().healed
    assert not AdverseEvent.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"checked_on": past(5)}, "before the session"),
     ({"checked_on": past(-2)}, "future"),
     ({"symptoms": ["itching"]}, "Unknown symptom"),
     ({"healed": True, "symptoms": ["cold_sore"]}, "not healed")],
)  # fmt: skip
def test_bad_healing_checks_are_refused(
    cast: Cast, signed: TreatmentSession, kwargs: dict[str, Any], message: str
) -> None:
    args: dict[str, Any] = {"checked_on": past(0), "healed": False, "symptoms": []}
    args.update(kwargs)
    with pytest.raises(ChartError, match=message):
        record_healing_check(user=cast.practitioner, session=signed, **args)
    assert not HealingCheck.objects.exists()
    assert not AdverseEvent.objects.exists()


def test_adverse_events_show_on_the_client_page_and_today_until_resolved(
    cast: Cast, signed: TreatmentSession
) -> None:
    b = _as(cast.practitioner)
    r = b.post(f"/charts/{signed.pk}/adverse-events/",
               {"kind": "pih", "severity": "mild", "onset": past(1).isoformat()})  # fmt: skip
    assert r.status_code == 302
    event = AdverseEvent.objects.get()
    assert (
        "Post-inflammatory hyperpigmentation"
        in b.get(f"/clients/{cast.record_a.pk}/").content.decode()
    )
    assert "Adverse events open" in b.get("/").content.decode()
    assert (
        "Post-inflammatory"
        not in _as(cast.front_desk).get(f"/clients/{cast.record_a.pk}/").content.decode()
    )
    with pytest.raises(ChartError, match="before the onset"):
        resolve_adverse_event(user=cast.practitioner, event=event, resolved_on=past(2))
    r = b.post(f"/charts/adverse-events/{event.pk}/resolve/", {"resolved_on": past(0).isoformat()})
    event.refresh_from_db()
    assert event.resolved_on == past(0)


def test_an_onset_before_the_session_is_refused(cast: Cast, signed: TreatmentSession) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{signed.pk}/adverse-events/",
        {"kind": "pih", "severity": "mild", "onset": past(30).isoformat()},
    )
    assert r.status_code == 400
    assert "cannot be before the session" in r.content.decode()
    assert not AdverseEvent.objects.exists()

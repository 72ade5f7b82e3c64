"""The chart's emergency panel: LAST and anaphylaxis, step by step with sources, one tap away,
and recording what happened as an adverse event linked to the session (issue 17, item 7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser

from needling.audit.models import AuditEvent
from needling.charting.models import AdverseEvent, TreatmentSession
from needling.clinical import EMERGENCIES
from tests.conftest import Cast


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


def test_every_step_has_a_source_with_a_firmness_tag() -> None:
    assert set(EMERGENCIES) == {"local_anaesthetic_toxicity", "anaphylaxis"}
    for e in EMERGENCIES.values():
        assert e.signs
        assert e.signs_source
        assert len(e.steps) >= 4
        assert all(s.text.endswith(".") and s.source for s in e.steps)
    assert "500 micrograms" in " ".join(s.text for s in EMERGENCIES["anaphylaxis"].steps)


@pytest.mark.parametrize("step", ["prechecks", "anaesthetic", "zones", "signoff"])
def test_the_panel_is_on_every_step_of_the_chart(
    cast: Cast, draft: TreatmentSession, step: str
) -> None:
    html = _as(cast.practitioner).get(f"/charts/{draft.pk}/?step={step}").content.decode()
    assert 'id="emergency"' in html
    assert "Emergency: toxicity or anaphylaxis" in html
    assert 'data-emergency="local_anaesthetic_toxicity"' in html
    assert 'data-emergency="anaphylaxis"' in html
    assert "Resuscitation Council UK" in html
    assert "AAGBI" in html


def test_recording_an_emergency_opens_an_adverse_event_on_the_session(
    cast: Cast, draft: TreatmentSession
) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/emergency/",
        {"emergency": "anaphylaxis", "severity": "severe", "steps": ["1", "2", "3"],
         "actions": "Lip swelling 10 min after serum; ambulance at 10:40."},
    )  # fmt: skip
    assert r.status_code == 302
    event = AdverseEvent.objects.get()
    assert (event.session_id, event.client_id, event.kind, event.severity) == (
        draft.pk, draft.client_id, "anaphylaxis", "severe",
    )  # fmt: skip
    assert event.is_open
    assert "Step 3 done: Give intramuscular adrenaline" in event.actions
    assert "ambulance at 10:40" in event.actions
    assert AuditEvent.objects.filter(action="adverse_event.record").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"emergency": "heart_attack", "severity": "severe"},
        {"emergency": "anaphylaxis", "severity": "deadly"},
        {"emergency": "anaphylaxis", "severity": "severe", "steps": ["9"]},
        {"emergency": "anaphylaxis", "severity": "severe", "steps": ["x"]},
    ],
)
def test_bad_input_is_refused_and_nothing_recorded(
    cast: Cast, draft: TreatmentSession, data: dict[str, Any]
) -> None:
    r = _as(cast.practitioner).post(f"/charts/{draft.pk}/emergency/", data)
    assert r.status_code == 400
    assert not AdverseEvent.objects.exists()


def test_front_desk_cannot_record_an_emergency(cast: Cast, draft: TreatmentSession) -> None:
    r = _as(cast.front_desk).post(
        f"/charts/{draft.pk}/emergency/", {"emergency": "anaphylaxis", "severity": "severe"}
    )
    assert r.status_code in (403, 404)
    assert not AdverseEvent.objects.exists()

"""The chart asks the real intake and consent features (issue 4), not a stand-in."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from needling.charting import gates
from needling.charting.errors import ChartError
from needling.charting.models import TreatmentSession
from needling.charting.services import start_session
from needling.intake.services import current_form, submit_intake
from tests.conftest import Cast


def _intake(cast: Cast, **answers: object) -> None:
    client = cast.record_a
    client.date_of_birth = date(1990, 1, 1)
    client.save()
    form = current_form(cast.clinic.pk)
    base: dict[str, object] = {
        i.key: False for i in form.parsed_items() if i.type == "boolean" and not i.show_if
    }
    base.update(answers)
    submit_intake(actor=cast.practitioner, client=client, form_id=form.pk, answers=base,  # type: ignore[arg-type]
                  on=timezone.localdate())  # fmt: skip


def test_no_intake_means_no_chart(cast: Cast) -> None:
    with pytest.raises(ChartError, match="intake"):
        start_session(user=cast.practitioner, client=cast.record_a, on=timezone.localdate())
    assert not TreatmentSession.objects.exists()


def test_a_stop_screening_refuses_the_chart(cast: Cast) -> None:
    _intake(cast, pregnant=True)
    assert gates.clearance(cast.record_a, on=timezone.localdate()).verdict == "stop"
    with pytest.raises(ChartError, match="No chart can be started"):
        start_session(user=cast.practitioner, client=cast.record_a, on=timezone.localdate())
    assert not TreatmentSession.objects.exists()


def test_a_clear_screening_opens_a_chart_and_records_the_consent_state(cast: Cast) -> None:
    _intake(cast)
    session = start_session(user=cast.practitioner, client=cast.record_a, on=timezone.localdate())
    assert session.screening_verdict == "clear"
    assert session.consent_valid is False  # nothing signed yet: sign-off will ask for it

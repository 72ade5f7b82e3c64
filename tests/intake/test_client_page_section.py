"""The screening section of the client page: verdict, findings with message and source,
decisions and overrides, forms only for those who may use them; front desk sees none of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser
from django.test import RequestFactory

from needling.intake.section import screening_context
from needling.intake.services import override_stop
from tests.conftest import Cast
from tests.intake.factories import TODAY, ready, submit


def _page(cast: Cast, who: str) -> str:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    response = browser.get(f"/clients/{cast.record_a.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_no_intake_offers_to_start_one(cast: Cast) -> None:
    html = _page(cast, "practitioner")
    assert "No intake questionnaire on record" in html
    assert "Start intake" in html


def test_a_stop_shows_message_source_and_no_override_for_a_hard_limit(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), pregnant=True)
    html = _page(cast, "practitioner")
    assert "Microneedling is not done during pregnancy." in html
    assert "Source: microneedling.md §7" in html
    assert "Cannot be overridden." in html
    assert "Override the stop" not in html


def test_an_overridable_stop_offers_an_override_and_shows_it_afterwards(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, sunburn_or_tan_in_area=True)
    assert "Override the stop" in _page(cast, "practitioner")
    override_stop(
        actor=cast.practitioner, client=client, submission_id=submission.pk,
        reason="<i>Tan</i> on legs only", on=TODAY,
    )  # fmt: skip
    html = _page(cast, "owner")
    assert "Stop overridden" in html
    assert "&lt;i&gt;Tan&lt;/i&gt; on legs only" in html
    assert "Treatment may go ahead: the stop was overridden with a reason" in html
    # Issue 17: the badge no longer says "Stop" beside "Treatment may go ahead".
    verdict = html.split('class="verdict', 1)[1].split("</p>", 1)[0]
    assert "Stop overridden" in verdict
    assert ">Stop<" not in verdict
    # A later intake still shows the override on record (marked as earlier).
    submit(cast, client, sunburn_or_tan_in_area=True)
    html = _page(cast, "practitioner")
    assert "on an earlier intake" in html
    assert "Override the stop" in html


def test_a_caution_offers_the_three_decisions(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), cold_sore_history=True)
    html = _page(cast, "practitioner")
    for label in ("Proceed", "Proceed with precautions", "Do not treat", "Record decision"):
        assert label in html


@pytest.mark.parametrize("who", ["front_desk"])
def test_front_desk_sees_no_screening(cast: Cast, who: str) -> None:
    submit(cast, ready(cast.record_a), pregnant=True)
    html = _page(cast, who)
    for secret in ("Screening", "pregnan", "Stop", "Intake", "cold sore"):
        assert secret not in html


def test_the_portal_client_sees_their_screening_without_forms(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), cold_sore_history=True)
    html = _page(cast, "client_a")
    assert "cold sore" in html
    assert "Record decision" not in html
    assert "Update intake" not in html
    # Issue 17: sources (file names, section numbers) are for staff only.
    assert "microneedling.md" not in html
    assert "Source:" in _page(cast, "practitioner")


def test_a_caution_decision_is_shown_in_words_not_as_a_code() -> None:
    from needling.intake.selectors import decision_label

    assert decision_label("proceed_with_precautions") == "Proceed with precautions"


def test_the_section_costs_two_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    client = ready(cast.record_a)
    submit(cast, client, cold_sore_history=True)
    request = RequestFactory().get("/")
    request.user = cast.practitioner
    from needling.access import actor_for

    actor_for(cast.practitioner)  # the request has already looked up the role
    with django_assert_num_queries(2):  # current intake with its form; decisions
        screening_context(request, client)

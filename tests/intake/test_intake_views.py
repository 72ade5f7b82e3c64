"""The intake page: GET prefilled, POST saves and screens, htmx follow-ups, refusals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.intake.models import IntakeSubmission, ScreeningDecision
from needling.intake.services import current_form, publish_form
from tests.conftest import Cast
from tests.intake.factories import post_data, ready, submit


def _browser(cast: Cast, who: str = "practitioner") -> Browser:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    return browser


def test_the_form_asks_every_question_with_labels(cast: Cast) -> None:
    html = _browser(cast).get(f"/intake/{cast.record_a.pk}/").content.decode()
    assert "<legend>Are you pregnant, or could you be?</legend>" in html
    assert "Questionnaire version 1" in html
    assert "If you have taken isotretinoin in the past" not in html  # a hidden follow-up
    assert 'hx-get="/intake/' in html


def test_saving_screens_and_redirects_to_the_client(cast: Cast) -> None:
    client = ready(cast.record_a)
    response = _browser(cast).post(
        f"/intake/{client.pk}/", post_data(cast.clinic.pk, pregnant=True)
    )
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client.pk}/#section-screening"
    submission = IntakeSubmission.objects.get(client=client)
    assert (submission.answers["pregnant"], submission.verdict) == (True, "stop")


def test_the_form_is_prefilled_from_the_last_intake_and_the_read_is_audited(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, cold_sore_history=True)
    html = _browser(cast).get(f"/intake/{client.pk}/").content.decode()
    assert 'name="cold_sore_history" value="yes" required' in html or (
        'value="yes"' in html and "checked" in html
    )
    assert AuditEvent.objects.filter(action="intake.view", client_id=client.pk).exists()


def test_a_missing_answer_is_refused_with_the_question_marked(cast: Cast) -> None:
    client = ready(cast.record_a)
    data = post_data(cast.clinic.pk)
    del data["pregnant"]
    response = _browser(cast).post(f"/intake/{client.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer this question." in html
    assert "nothing was saved" in html
    assert not IntakeSubmission.objects.exists()


def test_a_follow_up_date_in_the_future_is_refused(cast: Cast) -> None:
    client = ready(cast.record_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = post_data(cast.clinic.pk, isotretinoin_past=True, isotretinoin_last_dose=tomorrow)
    response = _browser(cast).post(f"/intake/{client.pk}/", data)
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
    assert not IntakeSubmission.objects.exists()


@pytest.mark.parametrize("value", ["maybe", "1", "yes\x00", "<script>"])
def test_a_yes_no_answer_that_is_neither_is_refused(cast: Cast, value: str) -> None:
    client = ready(cast.record_a)
    data = post_data(cast.clinic.pk)
    data["pregnant"] = value
    assert _browser(cast).post(f"/intake/{client.pk}/", data).status_code == 400
    assert not IntakeSubmission.objects.exists()


def test_a_stale_version_is_refused_with_409_and_the_current_version_shown(cast: Cast) -> None:
    client = ready(cast.record_a)
    data = post_data(cast.clinic.pk)
    items = current_form(cast.clinic.pk).items
    items[0]["wording"] = "Revised: are you pregnant?"
    publish_form(actor=cast.owner, items=items)
    response = _browser(cast).post(f"/intake/{client.pk}/", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "revised (it is now version 2)" in html
    assert "Revised: are you pregnant?" in html
    assert not IntakeSubmission.objects.exists()


@pytest.mark.parametrize("form_id", ["abc", "", "99999999999999999999"])
def test_a_missing_or_garbled_version_is_refused(cast: Cast, form_id: str) -> None:
    client = ready(cast.record_a)
    data = post_data(cast.clinic.pk)
    data["form_id"] = form_id
    response = _browser(cast).post(f"/intake/{client.pk}/", data)
    assert response.status_code in (400, 409)
    assert not IntakeSubmission.objects.exists()


def test_no_birth_date_is_refused_with_the_way_forward(cast: Cast) -> None:
    response = _browser(cast).post(f"/intake/{cast.record_a.pk}/", post_data(cast.clinic.pk))
    assert response.status_code == 400
    assert "add it to the client" in response.content.decode()


def test_follow_ups_appear_after_yes_and_not_after_no(cast: Cast) -> None:
    form = current_form(cast.clinic.pk)
    url = f"/intake/{cast.record_a.pk}/follow-ups/"
    browser = _browser(cast)
    yes = browser.get(
        url, {"gate": "isotretinoin_past", "form": form.pk, "isotretinoin_past": "yes"}
    )
    assert yes.status_code == 200
    assert "when was your last dose" in yes.content.decode()
    assert 'type="date"' in yes.content.decode()
    no = browser.get(url, {"gate": "isotretinoin_past", "form": form.pk, "isotretinoin_past": "no"})
    assert "last dose" not in no.content.decode()


@pytest.mark.parametrize(
    "params",
    [{}, {"gate": "pregnant", "form": "1"}, {"gate": "isotretinoin_past", "form": "x"}],
)
def test_follow_ups_with_bad_parameters_get_400(cast: Cast, params: dict[str, Any]) -> None:
    current_form(cast.clinic.pk)
    response = _browser(cast).get(f"/intake/{cast.record_a.pk}/follow-ups/", params)
    assert response.status_code == 400


def test_another_clinics_questionnaire_is_unknown(cast: Cast) -> None:
    theirs = current_form(cast.other_clinic.pk)
    response = _browser(cast).get(
        f"/intake/{cast.record_a.pk}/follow-ups/",
        {"gate": "isotretinoin_past", "form": theirs.pk, "isotretinoin_past": "yes"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path", ["", "follow-ups/?gate=isotretinoin_past&form=1&isotretinoin_past=yes", "answers/"]
)
def test_front_desk_is_refused_every_intake_page(cast: Cast, path: str) -> None:
    submit(cast, ready(cast.record_a), pregnant=True)
    response = _browser(cast, "front_desk").get(f"/intake/{cast.record_a.pk}/{path}")
    assert response.status_code == 403
    assert "pregnan" not in response.content.decode()


@pytest.mark.parametrize("path", ["rescreen/", "decide/", "override/"])
def test_front_desk_cannot_post_screening_actions(cast: Cast, path: str) -> None:
    submission, _ = submit(cast, ready(cast.record_a), sunburn_or_tan_in_area=True)
    response = _browser(cast, "front_desk").post(
        f"/intake/{cast.record_a.pk}/{path}",
        {"submission": submission.pk, "decision": "proceed", "note": "x", "reason": "x"},
    )
    assert response.status_code == 403
    assert not ScreeningDecision.objects.exists()


def test_answers_page_shows_typed_answers_and_is_audited(cast: Cast) -> None:
    client = ready(cast.record_a)
    submit(cast, client, pregnant=True)
    html = _browser(cast).get(f"/intake/{client.pk}/answers/").content.decode()
    assert "Are you pregnant, or could you be?" in html
    assert "<td>Yes</td>" in html
    assert AuditEvent.objects.filter(action="intake.view", client_id=client.pk).exists()


def test_answers_page_with_a_garbled_submission_id_shows_nothing(cast: Cast) -> None:
    response = _browser(cast).get(f"/intake/{cast.record_a.pk}/answers/", {"submission": "x'"})
    assert response.status_code == 200
    assert "No intake questionnaire on record" in response.content.decode()


def test_another_clients_submission_is_not_shown(cast: Cast) -> None:
    other, _ = submit(cast, ready(cast.record_b), pregnant=True)
    response = _browser(cast).get(f"/intake/{cast.record_a.pk}/answers/", {"submission": other.pk})
    assert "pregnant" not in response.content.decode()


def test_override_view_records_and_redirects(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, sunburn_or_tan_in_area=True)
    response = _browser(cast).post(
        f"/intake/{client.pk}/override/", {"submission": submission.pk, "reason": "Legs only."}
    )
    assert response.status_code == 302
    assert ScreeningDecision.objects.get().note == "Legs only."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "Legs only."}, "missing"),
        ({"submission": "abc", "reason": "Legs only."}, "missing"),
        ({"submission": "SUB", "reason": ""}, "written reason"),
    ],
)
def test_override_view_refuses_bad_input(cast: Cast, data: dict[str, str], message: str) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, sunburn_or_tan_in_area=True)
    if data.get("submission") == "SUB":
        data["submission"] = str(submission.pk)
    response = _browser(cast).post(f"/intake/{client.pk}/override/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ScreeningDecision.objects.exists()


def test_decide_view_refuses_an_unknown_decision(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, cold_sore_history=True)
    response = _browser(cast).post(
        f"/intake/{client.pk}/decide/",
        {"submission": submission.pk, "decision": "maybe", "note": "x"},
    )
    assert response.status_code == 400
    assert "Choose proceed" in response.content.decode()


def test_decide_view_records_a_decision(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client, cold_sore_history=True)
    response = _browser(cast).post(
        f"/intake/{client.pk}/decide/",
        {"submission": submission.pk, "decision": "proceed_with_precautions", "note": "Aciclovir"},
    )
    assert response.status_code == 302
    assert ScreeningDecision.objects.get().decision == "proceed_with_precautions"


def test_rescreen_without_intake_is_refused(cast: Cast) -> None:
    response = _browser(cast).post(f"/intake/{cast.record_a.pk}/rescreen/")
    assert response.status_code == 400
    assert "complete the intake first" in response.content.decode()


def test_rescreen_stores_a_new_result(cast: Cast) -> None:
    client = ready(cast.record_a)
    submission, _ = submit(cast, client)
    assert _browser(cast).post(f"/intake/{client.pk}/rescreen/").status_code == 302
    assert submission.screenings.count() == 2

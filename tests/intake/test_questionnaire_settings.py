from __future__ import annotations

from django.test import Client as Browser

from needling.audit.models import AuditEvent
from needling.intake.models import IntakeForm
from needling.intake.services import current_form
from tests.conftest import Cast
from tests.intake.factories import ready, submit

URL = "/settings/intake/"


def _owner(cast: Cast) -> Browser:
    browser = Browser()
    browser.force_login(cast.owner)
    return browser


def _post_with(cast: Cast, **changes: str) -> dict[str, str]:
    form = current_form(cast.clinic.pk)
    data = {"version": str(form.version)}
    for item in form.parsed_items():
        data[f"wording-{item.key}"] = changes.get(item.key, item.wording)
    return data


def test_owner_revises_wording_and_old_intakes_keep_their_version(cast: Cast) -> None:
    old_submission, _ = submit(cast, ready(cast.record_a))
    assert old_submission.form.version == 1
    response = _owner(cast).post(
        URL, _post_with(cast, pregnant="Are you pregnant, or might you be?")
    )
    assert response.status_code == 302
    new = current_form(cast.clinic.pk)
    assert new.version == 2
    wording = {i.key: i.wording for i in new.parsed_items()}
    assert wording["pregnant"] == "Are you pregnant, or might you be?"
    old_submission.refresh_from_db()
    assert old_submission.form.version == 1
    assert AuditEvent.objects.filter(action="intake.form_publish").count() == 1
    # The intake page now asks the new wording.
    page = _owner(cast).get(f"/intake/{cast.record_a.pk}/")
    assert "Are you pregnant, or might you be?" in page.content.decode()


def test_nothing_changed_publishes_nothing(cast: Cast) -> None:
    current_form(cast.clinic.pk)
    assert _owner(cast).post(URL, _post_with(cast)).status_code == 302
    assert IntakeForm.objects.filter(clinic=cast.clinic).count() == 1


def test_empty_or_too_long_wording_is_refused_and_changes_nothing(cast: Cast) -> None:
    current_form(cast.clinic.pk)
    for bad in ("   ", "x" * 301, "Pregnant?\x00"):
        response = _owner(cast).post(URL, _post_with(cast, pregnant=bad))
        assert response.status_code == 400
        assert IntakeForm.objects.filter(clinic=cast.clinic).count() == 1


def test_a_stale_version_is_refused(cast: Cast) -> None:
    data = _post_with(cast, pregnant="Changed once?")
    _owner(cast).post(URL, _post_with(cast, breastfeeding="Are you breastfeeding now?"))
    response = _owner(cast).post(URL, data)
    assert response.status_code == 409
    assert "nothing was saved" in response.content.decode()
    assert current_form(cast.clinic.pk).version == 2


def test_html_in_wording_is_shown_as_text(cast: Cast) -> None:
    _owner(cast).post(URL, _post_with(cast, pregnant="<script>alert(1)</script> pregnant?"))
    html = _owner(cast).get(f"/intake/{cast.record_a.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_only_owners_edit_the_questionnaire(cast: Cast) -> None:
    for user in (cast.practitioner, cast.front_desk):
        browser = Browser()
        browser.force_login(user)
        assert browser.post(URL, _post_with(cast, pregnant="Changed?")).status_code == 403
    assert current_form(cast.clinic.pk).version == 1

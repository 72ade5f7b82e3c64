"""A new client from creation through intake to a stop, then an override with a reason."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from needling.audit.models import AuditEvent
from needling.intake.models import ScreeningDecision
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast


def _answer_all_no(page: Page) -> None:
    for group in page.locator("fieldset.question").all():
        group.get_by_label("No", exact=True).check()


def test_new_client_intake_stop_and_override(transactional_db: Any, cast: Cast, page: Page) -> None:
    email = cast.practitioner.email
    sign_in(page, email, PASSWORD, cast.totp_secrets[email])

    # Create the client.
    page.goto("/clients/")
    page.get_by_role("button", name="New client").click()
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Petrova")
    page.get_by_label("Date of birth").fill("1991-04-12")
    page.get_by_label("Phone").fill("07700 900555")
    page.get_by_role("button", name="Create client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Petrova")
    expect(page.get_by_text("No intake questionnaire on record")).to_be_visible()

    # Intake: pregnant, a hard stop.
    page.get_by_role("button", name="Start intake").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intake questionnaire")
    _answer_all_no(page)
    page.get_by_role("group", name="Are you pregnant, or could you be?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save intake and screen").click()
    expect(page).to_have_url(re.compile(r"/clients/\d+/#section-screening$"))
    screening = page.locator("#section-screening")
    finding = screening.get_by_role("list", name="Screening findings").get_by_role("listitem")
    expect(finding).to_contain_text("Microneedling is not done during pregnancy.")
    expect(finding).to_contain_text("Cannot be overridden.")
    expect(finding).to_contain_text("Source: microneedling.md §7")
    expect(screening.get_by_text("Not cleared for treatment")).to_be_visible()
    expect(screening.get_by_role("button", name="Override the stop")).to_have_count(0)

    # Update the intake: no longer pregnant, but a tan in the area (an overridable stop).
    # The follow-up date appears only after "yes" (htmx).
    page.get_by_role("button", name="Update intake").click()
    page.get_by_role("group", name="Are you pregnant, or could you be?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("^Is the area sunburnt")).get_by_label("Yes").check()
    followup = page.get_by_label(re.compile("when was your last dose"))
    expect(followup).to_have_count(0)
    page.get_by_role("group", name=re.compile("^Have you taken isotretinoin")).get_by_label(
        "Yes"
    ).check()
    expect(followup).to_be_visible()
    page.get_by_role("group", name=re.compile("^Have you taken isotretinoin")).get_by_label(
        "No", exact=True
    ).check()
    expect(followup).to_have_count(0)
    page.get_by_role("button", name="Save intake and screen").click()
    expect(screening.get_by_text(re.compile("The screening found a stop"))).to_be_visible()

    # Override with a written reason; an empty reason is refused by the browser first.
    reason = "Self-tan on the legs only; the face is untanned and is the only treated area."
    page.get_by_label(re.compile("^Reason for overriding the stop")).fill(reason)
    page.get_by_role("button", name="Override the stop").click()
    expect(screening.get_by_text("Treatment may go ahead")).to_be_visible()
    expect(screening.get_by_text(reason)).to_be_visible()
    assert ScreeningDecision.objects.get().note == reason
    assert AuditEvent.objects.filter(action="screening.override").count() == 1


def test_duplicate_client_needs_confirmation(transactional_db: Any, cast: Cast, page: Page) -> None:
    from needling.clients.models import Client

    Client.objects.filter(pk=cast.record_a.pk).update(date_of_birth="1990-01-02")
    email = cast.front_desk.email
    sign_in(page, email, PASSWORD, cast.totp_secrets[email])
    page.goto("/clients/new/")
    page.get_by_label("First name").fill("alice")
    page.get_by_label("Last name").fill("CLIENT")
    page.get_by_label("Date of birth").fill("1990-01-02")
    page.get_by_role("button", name="Create client").click()
    expect(page.get_by_role("alert")).to_contain_text("already exists")
    expect(page.get_by_role("link", name="Alice Client")).to_be_visible()
    page.get_by_label(re.compile("create the record anyway")).check()
    page.get_by_role("button", name="Create anyway").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("alice CLIENT")

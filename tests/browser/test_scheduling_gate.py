"""Issue 6, done when: a practitioner books a client's second session too early and sees the
refusal with the earliest date, records a healing check, books within the window, and overrides
the gate with a written reason for another client."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from needling.scheduling.models import Appointment
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast
from tests.scheduling.factories import signed_session


def test_too_early_then_healed_then_booked_and_the_override_path(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    today = timezone.localdate()
    last = today - timedelta(days=10)
    signed_session(cast, cast.record_a, last)  # no healing check yet
    signed_session(cast, cast.record_b, last, healed_on=last + timedelta(days=2))
    earliest = last + timedelta(days=42)
    sign_in(page, cast.practitioner.email, PASSWORD, cast.totp_secrets[cast.practitioner.email])

    # Too early, and no healing check: refused with the reasons; no date is offered that the gate
    # would refuse again (issue 17), only the way to the missing healing check.
    page.goto(f"/calendar/new/?client={cast.record_a.pk}")
    expect(page.get_by_label("Kind")).to_have_value("treatment")
    page.get_by_role("button", name="Book", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text="Not bookable on that date")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("No healing check marked healed")
    expect(refusal).not_to_contain_text("Earliest date:")
    expect(refusal.get_by_role("button", name=re.compile("Use the earliest date"))).to_have_count(0)
    assert Appointment.objects.count() == 0

    # Record the healing check from the refusal, in one step.
    page.get_by_role("button", name="Record a healing check").click()
    # The date field shows today (an ISO value: a dd/mm/yyyy one leaves it blank).
    expect(page.get_by_label("Checked on")).to_have_value(today.isoformat())
    page.get_by_label("Healed").check()
    page.get_by_role("button", name="Save healing check").click()
    expect(page).to_have_url(re.compile(rf"/clients/{cast.record_a.pk}/$"))

    # Still too early: take the earliest date offered, then book inside the window.
    page.goto(f"/calendar/new/?client={cast.record_a.pk}")
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.get_by_text("Earliest date:")).to_be_visible()
    expect(page.get_by_text("No healing check marked healed")).to_have_count(0)
    page.get_by_role("button", name=re.compile("Use the earliest date")).click()
    expect(page.get_by_label("Date", exact=True)).to_have_value(earliest.isoformat())
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page).to_have_url(re.compile(r"/calendar/appointments/\d+/$"))
    expect(page.get_by_text("Booked:")).to_be_visible()
    booked = Appointment.objects.get(client=cast.record_a)
    assert timezone.localtime(booked.start).date() == earliest
    assert booked.override_reason == ""

    # The override path: client B is healed but too early; the practitioner books anyway.
    page.goto(f"/calendar/new/?client={cast.record_b.pk}")
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.get_by_text("Earliest date:")).to_be_visible()
    reason = "Moving abroad next month; agreed a shorter interval with the client."
    page.get_by_label("Reason for booking against the gate").fill(reason)
    page.get_by_role("button", name="Book anyway (override)").click()
    expect(page).to_have_url(re.compile(r"/calendar/appointments/\d+/$"))
    expect(page.get_by_text(reason)).to_be_visible()
    assert Appointment.objects.get(client=cast.record_b).override_reason == reason


def test_front_desk_sees_no_override_box(transactional_db: Any, cast: Cast, page: Page) -> None:
    last = timezone.localdate() - timedelta(days=10)
    signed_session(cast, cast.record_a, last, healed_on=last + timedelta(days=2))
    sign_in(page, cast.front_desk.email, PASSWORD, cast.totp_secrets[cast.front_desk.email])
    page.goto(f"/calendar/new/?client={cast.record_a.pk}")
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.get_by_text("Only a practitioner may book against the gate.")).to_be_visible()
    expect(page.get_by_role("button", name="Record a healing check")).to_have_count(0)
    expect(page.get_by_label("Reason for booking against the gate")).to_have_count(0)
    assert Appointment.objects.count() == 0


def test_front_desk_books_the_missing_healing_check(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    last = timezone.localdate() - timedelta(days=10)
    signed_session(cast, cast.record_a, last)  # no healing check yet
    sign_in(page, cast.front_desk.email, PASSWORD, cast.totp_secrets[cast.front_desk.email])
    page.goto(f"/calendar/new/?client={cast.record_a.pk}")
    page.get_by_role("button", name="Book", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text="Not bookable on that date")
    expect(refusal).to_contain_text("No date can be booked until the points above are resolved.")
    refusal.get_by_role("button", name="Book a healing check").click()
    expect(page.get_by_label("Kind")).to_have_value("healing_check")
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.get_by_text("Booked:")).to_be_visible()
    assert Appointment.objects.get(client=cast.record_a).kind == "healing_check"

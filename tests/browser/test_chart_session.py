"""Issue 5, done when: a practitioner charts a full session on the demo data in a real browser."""

from __future__ import annotations

import re
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client as DjangoClient
from django.utils import timezone
from playwright.sync_api import Page, expect

from needling.accounts.models import User
from needling.charting.models import TreatmentSession
from needling.clients.models import Client
from needling.demo import DEMO_PASSWORD, load_demo
from needling.plans.models import CoursePlan
from tests.browser.conftest import sign_in


def _saved(page: Page) -> None:
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()


def test_practitioner_charts_a_full_session_signs_it_and_finds_it_by_lot(
    transactional_db: Any, page: Page
) -> None:
    load_demo(today=timezone.localdate())
    priya = User.objects.get(email="priya@northside.example")
    secret = generate_totp_secret()
    TOTP.activate(priya, secret)
    ben = Client.objects.get(first_name="Ben")
    sign_in(page, priya.email, DEMO_PASSWORD, secret)

    # Plan: add the chin on the face map (an accessible button with the zone's name).
    page.goto(f"/plans/client/{ben.pk}/")
    chin = page.get_by_role("button", name="Chin", exact=True)
    expect(chin).to_have_attribute("aria-pressed", "false")
    chin.click()
    expect(chin).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("checkbox", name="Chin")).to_be_checked()
    expect(page.locator("#guidance")).to_contain_text("Chin")
    page.get_by_role("button", name="Save plan").click()
    expect(page.get_by_text("Plan saved.")).to_be_visible()
    assert "chin" in CoursePlan.objects.get(client=ben, status="active").zones

    # Start the chart from the client page.
    page.goto(f"/clients/{ben.pk}/")
    page.get_by_role("button", name="Start a session chart").click()
    expect(page).to_have_url(re.compile(r"/charts/\d+/$"))
    session = TreatmentSession.objects.get(client=ben, status="draft")
    expect(page.get_by_text("Treatment consent: valid")).to_be_visible()
    page.get_by_label("Skin healed since the last session").check()
    _saved(page)
    page.get_by_label("Before photos taken").check()
    _saved(page)

    # Anaesthetic: 23 % lidocaine, unwrapped, 500 cm², 45 minutes warns on its own.
    page.get_by_role("button", name="Next: anaesthetic").click()
    day = timezone.localdate().isoformat()
    page.get_by_label("Product").fill("Compounded numbing ointment")
    page.get_by_label("Prescriber").fill("Dr Okafor")
    page.get_by_label("Lidocaine (%)").fill("23")
    page.get_by_label("Area (cm²)").fill("500")
    page.get_by_label("Applied at").fill(f"{day}T09:10")
    page.get_by_label("Removed at").fill(f"{day}T09:55")
    page.get_by_label("Removed at").blur()
    expect(page.locator("[data-code=lidocaine_above_4pct]")).to_contain_text("23 % lidocaine")
    expect(page.locator("#anaesthetic-findings .finding")).to_have_count(1)

    # Device and lot.
    page.get_by_role("button", name="Next: device and lot").click()
    # The device is pre-filled from the last session.
    expect(page.get_by_role("radio", name=re.compile("^Pen A"))).to_be_checked()
    page.get_by_role("radio", name=re.compile("^Lot CART-2411")).check()
    _saved(page)

    # Zones: one caution, one refused until lowered, one plain.
    page.get_by_role("button", name="Next: zones").click()

    def chart_zone(zone: str, depth: str, passes: str = "4") -> None:
        page.get_by_label("Zone", exact=True).select_option(label=zone)
        page.get_by_label("Indication").select_option(label="Texture")
        page.get_by_label("Set depth (mm)").fill(depth)
        page.get_by_label("Passes").fill(passes)
        # No wait for the as-typed depth check: it and the save may reach the server together,
        # as they do when a practitioner types and taps quickly (the live server's threads each
        # open their own connection to the file-backed test database).
        with page.expect_response(
            lambda r: r.url.endswith("/zones/") and r.request.method == "POST"
        ):
            page.get_by_role("button", name="Save zone").click()

    page.get_by_label("Zone", exact=True).select_option(label="Cheeks")
    page.get_by_label("Set depth (mm)").fill("1.25")
    expect(page.locator("#depth-findings")).to_contain_text("Caution: A depth of 1.25 mm")
    chart_zone("Cheeks", "1.25")
    expect(page.locator(".zone-table")).to_contain_text("Cheeks")
    chart_zone("Forehead", "1.5")
    expect(page.locator(".field-error").filter(has_text="above the cap")).to_be_visible()
    assert session.zones.filter(zone="forehead").count() == 0
    chart_zone("Forehead", "0.5", "3")
    expect(page.locator(".zone-table")).to_contain_text("Forehead")
    chart_zone("Nose", "0.25", "2")
    expect(page.locator(".zone-table")).to_contain_text("Nose")
    expect(page.locator(".zone-table")).to_contain_text("punctures per second")

    # Sign-off locks the chart and stores the aftercare PDF.
    page.get_by_role("button", name="Next: sign-off").click()
    expect(page.get_by_text("Ready to sign")).to_be_visible()
    page.get_by_role("button", name="Sign and lock the chart").click()
    expect(page.get_by_text(re.compile("Signed by Dr Priya Shah"))).to_be_visible()
    pdf = page.request.get(f"/charts/{session.pk}/aftercare.pdf")
    assert pdf.ok
    assert pdf.body().startswith(b"%PDF")

    # Locked: no zone form any more, and a direct write is refused with 409; addenda work.
    page.goto(f"/charts/{session.pk}/?step=zones")
    expect(page.get_by_label("Set depth (mm)")).to_have_count(0)
    other = DjangoClient()
    other.force_login(priya)
    refused = other.post(
        f"/charts/{session.pk}/zones/",
        {"version": 99, "zone": "chin", "indication": "texture", "depth_mm": "0.5",
         "passes": 2, "pattern": "crosshatch", "end_point": "erythema"},
    )  # fmt: skip
    assert refused.status_code == 409
    assert b"signed and locked" in refused.content
    assert session.zones.count() == 3
    page.get_by_label("Add an addendum").fill("Client phoned: redness settled by evening.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("Client phoned: redness settled by evening.")).to_be_visible()

    # Lot recall finds the session by its lot.
    page.goto("/equipment/")
    page.get_by_label(re.compile("Lot recall")).fill("CART-2411")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name=re.compile("^Lot CART-2411"))).to_be_visible()
    today = session.session_date.strftime("%-d %b %Y")
    expect(page.get_by_role("row").filter(has_text=today)).to_contain_text("Ben Okafor")

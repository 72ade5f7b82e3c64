"""Issue 17: a recalled lot is flagged on the treated client's record, on the session row and on
the treating practitioner's Today page (it was visible only on the lot's own page)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from needling.charting.models import TreatmentSession
from needling.equipment.models import Lot
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast


def test_a_recalled_lot_is_flagged_where_the_practitioner_looks(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    today = timezone.localdate()
    lot = Lot.objects.create(
        clinic=cast.clinic, kind="cartridge", product="12-needle cartridge", lot_number="R-77",
        expiry=today + timedelta(days=90), recalled=True,
    )  # fmt: skip
    TreatmentSession.objects.create(
        client=cast.record_a, practitioner=cast.practitioner, lot=lot,
        session_date=today - timedelta(days=9), status="signed",
        signed_by=cast.practitioner, signed_at=timezone.now(),
    )  # fmt: skip
    sign_in(page, cast.practitioner.email, PASSWORD, cast.totp_secrets[cast.practitioner.email])

    page.goto("/")
    task = page.get_by_role("listitem").filter(has_text="Alice Client").filter(has_text="R-77")
    expect(task).to_contain_text("since recalled")

    page.goto(f"/clients/{cast.record_a.pk}/")
    flag = page.locator("#section-recalled_lots")
    expect(flag.get_by_role("alert")).to_contain_text("has been recalled")
    expect(flag).to_contain_text("lot R-77")
    row = page.locator("#section-sessions tr").filter(has_text="R-77")
    expect(row.get_by_text("Recalled")).to_be_visible()

    # Client B was not treated with it: no flag there.
    page.goto(f"/clients/{cast.record_b.pk}/")
    expect(page.locator("#section-recalled_lots")).to_have_count(0)

"""A client's consent signed on screen, in real Chromium: draw, sign, download the PDF; and the
front desk proven unable to see consent contents (page, htmx partial, PDF URL)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from needling.audit.models import AuditEvent
from needling.consent.models import ConsentSignature
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast
from tests.consent.factories import signature


def _draw(page: Page) -> None:
    pad = page.get_by_role("img", name="Signature")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 30, box["y"] + box["height"] / 2)
    page.mouse.down()
    for i in range(1, 30):
        page.mouse.move(
            box["x"] + 30 + i * 10, box["y"] + box["height"] / 2 + (-30 if i % 2 else 30)
        )
    page.mouse.up()


def _sign_in(page: Page, cast: Cast, who: str) -> None:
    user = cast.user(who)
    assert user is not None
    sign_in(page, user.email, PASSWORD, cast.totp_secrets.get(user.email))


def test_a_practitioner_takes_a_drawn_signature_and_downloads_the_pdf(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    _sign_in(page, cast, "practitioner")
    page.goto(f"/clients/{cast.record_a.pk}/")
    consent = page.locator("#section-consent")
    expect(consent.get_by_role("row", name=re.compile("Treatment consent"))).to_contain_text(
        "Not signed"
    )
    consent.get_by_role("button", name="Sign treatment consent").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Treatment consent")
    expect(page.get_by_text("post-inflammatory hyperpigmentation")).to_be_visible()
    expect(page.get_by_label("Full name of the person signing")).to_have_value("Alice Client")
    _draw(page)
    expect(page.get_by_text("Signature drawn.")).to_be_visible()
    page.get_by_label(re.compile("I have read this text")).check()
    page.get_by_role("button", name="Sign treatment consent").click()

    expect(page.get_by_text("Treatment consent signed (version 1).")).to_be_visible()
    sig = ConsentSignature.objects.get()
    assert sig.client_id == cast.record_a.pk
    assert sig.text_sha256 == sig.document.text_sha256
    expect(page.get_by_text(sig.text_sha256)).to_be_visible()
    expect(page.get_by_role("img", name="Drawn signature of Alice Client")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == f"consent-{sig.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert AuditEvent.objects.filter(action="consent.pdf", client_id=cast.record_a.pk).exists()

    page.goto(f"/clients/{cast.record_a.pk}/")
    expect(
        page.locator("#section-consent").get_by_role("row", name=re.compile("Treatment consent"))
    ).to_contain_text("Signed")


def test_a_cleared_pad_is_refused_with_a_clear_message(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    _sign_in(page, cast, "practitioner")
    page.goto(f"/consent/clients/{cast.record_a.pk}/sign/photography/")
    _draw(page)
    page.get_by_role("button", name="Clear signature").click()
    expect(page.get_by_text("Nothing drawn yet.")).to_be_visible()
    page.get_by_label(re.compile("I have read this text")).check()
    page.get_by_role("button", name="Sign photography consent").click()
    expect(page.get_by_role("alert")).to_contain_text("The signature box is empty")
    assert not ConsentSignature.objects.exists()


def test_the_keyboard_can_draw_a_signature(transactional_db: Any, cast: Cast, page: Page) -> None:
    _sign_in(page, cast, "practitioner")
    page.goto(f"/consent/clients/{cast.record_a.pk}/sign/marketing/")
    page.get_by_role("img", name="Signature").focus()
    for key in ["ArrowRight"] * 12 + ["ArrowUp"] * 3 + ["ArrowRight"] * 6 + ["ArrowDown"] * 5:
        page.keyboard.press(key)
    page.get_by_label(re.compile("I have read this text")).check()
    page.get_by_role("button", name="Sign marketing consent").click()
    expect(page.get_by_role("status")).to_contain_text("Marketing consent signed (version 1).")


def test_front_desk_sees_signed_or_not_and_nothing_more(
    transactional_db: Any, cast: Cast, page: Page
) -> None:
    sig = signature(cast.record_a)
    _sign_in(page, cast, "front_desk")
    page.goto(f"/clients/{cast.record_a.pk}/")
    consent = page.locator("#section-consent")
    expect(consent).to_contain_text("Treatment consent")
    expect(consent).to_contain_text("Signed")
    expect(consent).not_to_contain_text("Version")
    expect(consent.get_by_role("link")).to_have_count(0)
    expect(consent.get_by_role("button")).to_have_count(0)

    partial = page.request.get(
        f"/consent/clients/{cast.record_a.pk}/section/", headers={"HX-Request": "true"}
    )
    assert partial.status == 200
    assert "/pdf/" not in partial.text()
    assert sig.text_sha256 not in partial.text()

    for url in (f"/consent/signatures/{sig.pk}/pdf/", f"/consent/signatures/{sig.pk}/"):
        response = page.goto(url)
        assert response is not None
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this")
    response = page.goto(f"/consent/clients/{cast.record_a.pk}/sign/treatment/")
    assert response is not None
    assert response.status == 403

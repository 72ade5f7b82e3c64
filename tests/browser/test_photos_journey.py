"""Issue 7, done when: upload baseline and follow-up photos (real JPEGs with GPS EXIF, proven
gone), compare them with the slider, measure redness on a region, record two scales at three
time points and see the plot."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from needling.outcomes.models import Assessment
from needling.photos import storage
from needling.photos.models import Photo, RednessMeasurement
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, Cast
from tests.outcomes.factories import signed_session
from tests.photos.factories import has_gps, jpeg_with_gps, photo_consent


def _capture(page: Page, client_id: int, path: Path, *, taken_on: str, timepoint: str) -> None:
    page.goto(f"/photos/clients/{client_id}/new/")
    page.get_by_label("View", exact=True).select_option(label="Front")
    page.get_by_label("Taken on").fill(taken_on)
    page.get_by_label("Timepoint").select_option(timepoint)
    page.get_by_label("Photo", exact=True).set_input_files(str(path))
    expect(page.get_by_alt_text("Preview of the new photo")).to_be_visible()
    page.get_by_role("button", name="Save photo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Front photo")


def _record(
    page: Page, client_id: int, scale: str, answers: dict[str, str], on: str, tp: str
) -> None:
    page.goto(f"/outcomes/clients/{client_id}/new/{scale}/")
    page.get_by_label("Assessed on").fill(on)
    page.get_by_label("Timepoint").select_option(tp)
    for legend, answer in answers.items():
        group = page.get_by_role("group", name=legend)
        group.get_by_role("radio", name=re.compile(answer)).check()
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_role("status")).to_contain_text("recorded")


def test_photos_comparison_redness_and_outcome_plot(
    transactional_db: Any, cast: Cast, page: Page, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = cast.record_a
    today = timezone.localdate()
    photo_consent(client, days_ago=120)
    for days in (90, 45):
        signed_session(client, cast.practitioner, today - timedelta(days=days))
    baseline_file = tmp_path / "IMG_0001.jpg"
    baseline_file.write_bytes(jpeg_with_gps(1200, 900, colour=(210, 140, 130)))
    followup_file = tmp_path / "IMG_0002.jpg"
    followup_file.write_bytes(jpeg_with_gps(1200, 900, colour=(205, 170, 150)))
    assert has_gps(baseline_file.read_bytes())

    sign_in(page, cast.practitioner.email, PASSWORD, cast.totp_secrets[cast.practitioner.email])
    page.goto(f"/clients/{client.pk}/")
    page.get_by_role("button", name="Take photos").click()
    _capture(page, client.pk, baseline_file, taken_on=str(today - timedelta(days=90)),
             timepoint="baseline")  # fmt: skip

    # The follow-up: the baseline of the same view is shown as a guide while framing.
    page.goto(f"/photos/clients/{client.pk}/new/")
    page.get_by_label("View", exact=True).select_option(label="Front")
    guide = page.get_by_alt_text("Guide: earlier photo of the same view")
    expect(guide).to_be_visible()
    expect(guide).to_have_class(re.compile("capture-guide"))
    _capture(page, client.pk, followup_file, taken_on=str(today), timepoint="month_1")

    baseline, followup = Photo.objects.order_by("taken_on")
    for photo in (baseline, followup):
        for name in photo.file_names().values():
            assert not has_gps(storage.read(name))
        served = page.request.get(f"/photos/{photo.pk}/image/full/")
        assert served.status == 200
        assert "no-store" in served.headers["cache-control"]
        assert not has_gps(served.body())

    # Compare with the slider.
    page.goto(f"/photos/clients/{client.pk}/compare/")
    page.get_by_label("Before", exact=True).select_option(str(baseline.pk))
    page.get_by_label("After", exact=True).select_option(str(followup.pk))
    page.get_by_role("button", name="Compare").click()
    slider = page.get_by_label("Slide between before (left) and after (right)")
    slider.fill("20")
    stack = page.locator("[data-compare]")
    expect(stack).to_have_attribute("style", re.compile(r"--split:\s*20%"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download comparison image").click()
    assert download.value.suggested_filename == f"comparison-{baseline.pk}-{followup.pk}.jpg"

    # Measure redness on a region dragged on the photo.
    page.goto(f"/photos/{baseline.pk}/")
    box = page.get_by_alt_text(re.compile("Front photo taken")).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.4)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.7, steps=5)
    page.mouse.up()
    expect(page.get_by_label("Region width (%)")).to_have_value(re.compile(r"^(29|30|31)"))
    page.get_by_role("button", name="Measure redness").click()
    expect(page.locator(".redness-table tbody tr")).to_have_count(1)
    measurement = RednessMeasurement.objects.get()
    assert measurement.photo_id == baseline.pk
    assert 0.38 < measurement.x < 0.42
    assert measurement.mean_a > 0

    # Two scales at three time points, then the plot.
    points = [
        (today - timedelta(days=90), "baseline", "4"),
        (today - timedelta(days=45), "session", "3"),
        (today, "month_1", "2"),
    ]
    for on, tp, value in points:
        _record(page, client.pk, "goodman_baron_qualitative", {"Grade": f"^{value}: "}, str(on), tp)
        _record(page, client.pk, "gais", {"Score": f"^{value}: ", "Rater": "Clinician"},
                str(on), tp)  # fmt: skip
    assert Assessment.objects.count() == 6

    page.goto(f"/outcomes/clients/{client.pk}/")
    for name in ("Goodman & Baron qualitative", "Global Aesthetic Improvement Scale"):
        plot = page.get_by_role("img", name=re.compile(name))
        expect(plot).to_be_visible()
        expect(plot.locator("circle.plot-dot")).to_have_count(3)
        expect(plot.locator("line.plot-session")).to_have_count(2)
        expect(plot.locator("rect.plot-window")).to_have_count(1)
    expect(
        page.get_by_role("img", name=re.compile("Redness index over the course"))
    ).to_be_visible()

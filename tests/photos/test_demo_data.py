"""The demo's photo and outcome stories: generated images only, Hannah at her 6-month review.
(Removing files with their rows on reset is tested with a client deletion in test_verify_command.)
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from needling.demo import load_demo
from needling.outcomes.models import Assessment
from needling.photos.models import Photo, RednessMeasurement


def test_hannah_has_baseline_and_follow_up_photos_and_scores(db: object, media: Path) -> None:
    load_demo(today=timezone.localdate())
    photos = Photo.objects.filter(client__first_name="Hannah")
    assert all(p.generated for p in Photo.objects.all())
    for view in ("front", "left_45"):
        assert set(photos.filter(view=view).values_list("timepoint", flat=True)) == {
            "baseline",
            "month_6",
        }
    healing = list(
        RednessMeasurement.objects.filter(
            photo__client__first_name="Hannah", photo__timepoint="healing"
        )
        .order_by("photo__taken_on")
        .values_list("mean_a", "ref_mean_a")
    )
    deltas = [a - ref for a, ref in healing]
    assert len(deltas) == 3
    assert deltas[0] > deltas[1] > deltas[2]  # the redness fades over the healing days
    scales = set(
        Assessment.objects.filter(client__first_name="Hannah").values_list("scale", flat=True)
    )
    assert scales == {"fitzpatrick_wrinkle", "gais"}
    assert Assessment.objects.filter(client__first_name="Hannah", timepoint="month_6").count() == 2
    call_command("photos", "verify", stdout=StringIO())

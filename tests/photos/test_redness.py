"""The redness indices (microneedling.md §9.12): CIELAB a* and 100·log10(R/G) on linear RGB."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from needling.photos.redness import Region, lab_a, measure, srgb_to_linear


def test_lab_a_matches_published_srgb_values() -> None:
    # sRGB primaries in CIELAB (D65): red a* = 80.11, green a* = -86.18 (Lindbloom's tables).
    red = srgb_to_linear(np.array([[1.0, 0.0, 0.0]]))
    green = srgb_to_linear(np.array([[0.0, 1.0, 0.0]]))
    assert lab_a(red)[0] == pytest.approx(80.11, abs=0.05)
    assert lab_a(green)[0] == pytest.approx(-86.18, abs=0.05)


def test_grey_has_no_redness() -> None:
    result = measure(Image.new("RGB", (40, 40), (128, 128, 128)), Region.whole())
    assert result.mean_a == pytest.approx(0, abs=0.01)
    assert result.erythema_index == pytest.approx(0, abs=0.01)
    assert result.pixels == 1600


def test_redder_skin_measures_higher() -> None:
    pale = measure(Image.new("RGB", (20, 20), (220, 180, 160)), Region.whole())
    red = measure(Image.new("RGB", (20, 20), (220, 120, 110)), Region.whole())
    assert red.mean_a > pale.mean_a > 0
    assert red.erythema_index > pale.erythema_index > 0


def test_it_measures_only_the_region() -> None:
    image = Image.new("RGB", (100, 100), (128, 128, 128))
    image.paste((220, 40, 40), (0, 0, 50, 100))  # left half red
    left = measure(image, Region(0, 0, 0.5, 1))
    right = measure(image, Region(0.5, 0, 0.5, 1))
    assert left.mean_a > 40
    assert right.mean_a == pytest.approx(0, abs=0.01)


def test_black_pixels_do_not_break_the_log_index() -> None:
    result = measure(Image.new("RGB", (10, 10), (0, 0, 0)), Region.whole())
    assert np.isfinite(result.erythema_index)


@pytest.mark.parametrize(
    "args",
    [
        (-0.1, 0, 0.5, 0.5),
        (0, 0, 0, 0.5),
        (0.8, 0, 0.5, 0.5),
        (0, 1.0, 0.1, 0.1),
        (float("nan"), 0, 1, 1),
    ],
)
def test_regions_outside_the_photo_are_refused(args: tuple[float, float, float, float]) -> None:
    with pytest.raises(ValueError, match="region"):
        Region(*args)


def test_a_region_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        measure(Image.new("RGB", (100, 100)), Region(0, 0, 0.02, 0.02))

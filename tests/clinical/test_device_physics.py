import math

import pytest

from needling.clinical import pen_punctures_per_second, roller_punctures_per_cm2


def test_the_standard_roller_gives_about_15_3_per_pass():
    density = roller_punctures_per_cm2(needles=192, drum_diameter_mm=20, drum_width_mm=20, passes=1)
    assert density == pytest.approx(15.28, abs=0.01)


def test_fifteen_passes_give_about_229_against_the_published_250():
    density = roller_punctures_per_cm2(
        needles=192, drum_diameter_mm=20, drum_width_mm=20, passes=15
    )
    assert density == pytest.approx(229.2, abs=0.1)
    assert abs(density - 250) / 250 < 0.1


def test_no_passes_no_punctures():
    assert (
        roller_punctures_per_cm2(needles=192, drum_diameter_mm=20, drum_width_mm=20, passes=0) == 0
    )


def test_a_pen_rate_is_needles_times_frequency():
    assert pen_punctures_per_second(needles=11, frequency_hz=90) == 990
    assert pen_punctures_per_second(needles=14, frequency_hz=7000 / 60) == pytest.approx(
        1633.3, 0.01
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("needles", 0),
        ("needles", -1),
        ("needles", 192.0),
        ("needles", True),
        ("drum_diameter_mm", 0),
        ("drum_diameter_mm", -2),
        ("drum_diameter_mm", math.nan),
        ("drum_width_mm", math.inf),
        ("drum_width_mm", "20"),
        ("passes", -1),
        ("passes", 1.5),
    ],
)
def test_bad_roller_input_raises_naming_it(field, value):
    kwargs = {"needles": 192, "drum_diameter_mm": 20, "drum_width_mm": 20, "passes": 1}
    kwargs[field] = value
    with pytest.raises(ValueError, match=field):
        roller_punctures_per_cm2(**kwargs)


def test_an_overflowing_roller_result_raises_value_error():
    with pytest.raises(ValueError, match="roller"):
        roller_punctures_per_cm2(
            needles=10**300, drum_diameter_mm=1e-300, drum_width_mm=1e-300, passes=10
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("needles", 0), ("needles", None), ("frequency_hz", -1), ("frequency_hz", math.nan)],
)
def test_bad_pen_input_raises_naming_it(field, value):
    kwargs = {"needles": 11, "frequency_hz": 90}
    kwargs[field] = value
    with pytest.raises(ValueError, match=field):
        pen_punctures_per_second(**kwargs)


def test_an_overflowing_pen_result_raises_value_error():
    with pytest.raises(ValueError, match="pen"):
        pen_punctures_per_second(needles=10**400, frequency_hz=1e300)

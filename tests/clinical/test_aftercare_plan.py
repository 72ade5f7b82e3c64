import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import aftercare_plan


def test_the_plan_has_steps_on_days_0_1_3_7_and_14():
    assert [s.day for s in aftercare_plan(1.0)] == [0, 1, 3, 7, 14]


def test_every_step_has_text_and_a_source():
    for depth in (0, 0.5, 1.0, 2.5):
        for step in aftercare_plan(depth):
            assert step.text
            assert "§" in step.source


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0.25, "within about 24 hours"),
        (0.5, "within about 24 hours"),
        (0.51, "within about 1 to 3 days"),
        (1.5, "within about 1 to 3 days"),
        (1.51, "within about 2 to 7 days"),
        (3.0, "within about 2 to 7 days"),
    ],
)
def test_day_0_says_how_long_redness_lasts_at_this_depth(depth, expected):
    day0 = aftercare_plan(depth)[0]
    assert day0.day == 0
    assert expected in day0.text


def test_deeper_sessions_mention_pinpoint_bleeding_at_day_7():
    assert "pinpoint bleeding" not in aftercare_plan(0.5)[3].text
    assert "pinpoint bleeding" in aftercare_plan(1.0)[3].text


@pytest.mark.parametrize("depth", [-0.1, math.nan, math.inf, None, "1", True])
def test_a_bad_depth_raises(depth):
    with pytest.raises(ValueError, match="max_depth_mm"):
        aftercare_plan(depth)


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_any_valid_depth_gives_a_plan_that_starts_on_the_day(depth):
    steps = aftercare_plan(depth)
    assert steps[0].day == 0
    assert [s.day for s in steps] == sorted({s.day for s in steps})

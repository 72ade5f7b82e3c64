import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import follow_up_schedule


def test_one_three_six_and_twelve_months_after():
    assert follow_up_schedule(dt.date(2025, 3, 10)) == [
        dt.date(2025, 4, 10),
        dt.date(2025, 6, 10),
        dt.date(2025, 9, 10),
        dt.date(2026, 3, 10),
    ]


def test_the_end_of_january_clamps_to_the_end_of_february():
    assert follow_up_schedule(dt.date(2025, 1, 31)) == [
        dt.date(2025, 2, 28),
        dt.date(2025, 4, 30),
        dt.date(2025, 7, 31),
        dt.date(2026, 1, 31),
    ]


def test_a_leap_year_february_has_29_days():
    assert follow_up_schedule(dt.date(2024, 1, 31))[0] == dt.date(2024, 2, 29)


def test_a_leap_day_clamps_a_year_later():
    assert follow_up_schedule(dt.date(2024, 2, 29))[3] == dt.date(2025, 2, 28)


def test_the_schedule_crosses_the_year():
    assert follow_up_schedule(dt.date(2025, 11, 30))[0:2] == [
        dt.date(2025, 12, 30),
        dt.date(2026, 2, 28),
    ]


@pytest.mark.parametrize("value", [None, "2025-01-31", dt.datetime(2025, 1, 31), 20250131])
def test_a_non_date_raises(value):
    with pytest.raises(ValueError, match="last_session"):
        follow_up_schedule(value)


def test_the_end_of_the_calendar_raises_value_error():
    with pytest.raises(ValueError, match="last_session"):
        follow_up_schedule(dt.date(9999, 6, 1))


@given(st.dates(max_value=dt.date(9998, 1, 1)))
def test_reviews_are_ordered_and_fall_in_the_right_months(last):
    reviews = follow_up_schedule(last)
    assert reviews == sorted(reviews)
    assert reviews[0] > last
    for review, months in zip(reviews, (1, 3, 6, 12), strict=True):
        assert (review.year * 12 + review.month) - (last.year * 12 + last.month) == months
        assert review.day == last.day or review.day < last.day

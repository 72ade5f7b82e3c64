import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import PROTOCOLS, ClinicOverrides, booking_decision

LAST = dt.date(2025, 1, 31)
HEALED = dt.date(2025, 2, 7)


def day(n: int) -> dt.date:
    return LAST + dt.timedelta(days=n)


def decide(**kwargs):
    kwargs.setdefault("last_session", LAST)
    kwargs.setdefault("healed_on", HEALED)
    return booking_decision(**kwargs)


def test_the_protocols_are_the_vocabulary():
    table = {
        code: (p.min_days, p.max_days, p.sessions) for code, p in PROTOCOLS.items()
    }  # fmt: skip
    assert table == {
        "standard": (42, 56, (3, 6)),
        "acne_scars_monthly": (28, 42, (3, 3)),
        "rejuvenation_monthly": (30, 45, (4, 4)),
        "stretch_marks_monthly": (28, 42, (3, 5)),
        "hair_weekly": (7, 14, (12, 12)),
    }
    assert all(p.name and p.source for p in PROTOCOLS.values())


def test_day_41_is_refused_with_the_earliest_date_in_words():
    decision = decide(proposed=day(41))
    assert decision.allowed is False
    assert decision.earliest == day(42) == dt.date(2025, 3, 14)
    assert decision.latest == day(56)
    (reason,) = decision.reasons
    assert "14 March 2025" in reason
    assert "42 days (6 weeks)" in reason


def test_day_42_is_allowed():
    decision = decide(proposed=day(42))
    assert decision.allowed is True
    assert decision.reasons == []


def test_day_56_is_allowed_without_a_note():
    assert decide(proposed=day(56)).reasons == []


def test_after_the_window_is_allowed_with_a_note():
    decision = decide(proposed=day(57))
    assert decision.allowed is True
    (reason,) = decision.reasons
    assert "after the end of the planned window" in reason


@pytest.mark.parametrize("code", list(PROTOCOLS))
def test_each_protocol_opens_on_its_minimum(code):
    p = PROTOCOLS[code]
    assert not decide(proposed=day(p.min_days - 1), protocol=code).allowed
    allowed = decide(proposed=day(p.min_days), protocol=code)
    assert allowed.allowed
    assert (allowed.earliest, allowed.latest) == (day(p.min_days), day(p.max_days))


def test_a_client_never_treated_may_book_any_day():
    decision = booking_decision(proposed=dt.date(2025, 1, 1), last_session=None)
    assert decision.allowed is True
    assert (decision.earliest, decision.latest) == (None, None)


def test_no_healing_check_refuses():
    decision = decide(proposed=day(50), healed_on=None)
    assert decision.allowed is False
    assert any("healing check" in r for r in decision.reasons)
    assert decision.earliest == day(42)


def test_a_healing_check_on_the_day_of_the_last_session_does_not_count():
    assert not decide(proposed=day(50), healed_on=LAST).allowed
    assert decide(proposed=day(50), healed_on=day(1)).allowed


def test_a_healing_check_before_the_last_session_does_not_count():
    assert not decide(proposed=day(50), healed_on=day(-10)).allowed


def test_an_open_adverse_event_refuses():
    decision = decide(proposed=day(50), open_adverse_event=True)
    assert decision.allowed is False
    assert any("adverse event" in r for r in decision.reasons)


def test_an_open_adverse_event_refuses_even_a_first_session():
    assert not booking_decision(proposed=LAST, last_session=None, open_adverse_event=True).allowed


def test_a_screening_stop_refuses():
    decision = decide(proposed=day(50), screening="stop")
    assert decision.allowed is False
    assert any("screening" in r for r in decision.reasons)


def test_a_screening_caution_is_allowed_with_a_note():
    decision = decide(proposed=day(50), screening="caution")
    assert decision.allowed is True
    assert any("cautions" in r for r in decision.reasons)


def test_every_reason_for_refusal_is_given():
    decision = decide(proposed=day(1), healed_on=None, open_adverse_event=True, screening="stop")
    assert decision.allowed is False
    assert len(decision.reasons) == 4


def test_a_clinic_may_lengthen_the_minimum_interval():
    clinic = ClinicOverrides(protocol_min_days={"standard": 60})
    decision = decide(proposed=day(59), overrides=clinic)
    assert decision.allowed is False
    assert decision.earliest == day(60)
    assert decision.latest == day(60)
    assert decide(proposed=day(60), overrides=clinic).allowed


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("proposed", "2025-03-14"),
        ("proposed", dt.datetime(2025, 3, 14, 10, 0)),
        ("last_session", "yesterday"),
        ("protocol", "monthly"),
        ("healed_on", 7),
        ("open_adverse_event", "no"),
        ("open_adverse_event", 0),
        ("screening", "ok"),
        ("overrides", {}),
    ],
)
def test_invalid_input_raises_naming_the_field(field, value):
    kwargs = {"proposed": day(50), "last_session": LAST, field: value}
    with pytest.raises(ValueError, match=field):
        booking_decision(**kwargs)


def test_a_date_at_the_end_of_the_calendar_raises_value_error():
    with pytest.raises(ValueError, match="last_session"):
        booking_decision(proposed=dt.date.max, last_session=dt.date(9999, 12, 1))


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))


@given(
    last=st.none() | dates,
    healed=st.none() | dates,
    proposed=dates,
    later_by=st.integers(0, 400),
    protocol=st.sampled_from(list(PROTOCOLS)),
    adverse=st.booleans(),
    screening=st.sampled_from(["clear", "caution", "stop"]),
)
def test_a_later_date_never_turns_an_allowed_booking_into_a_refused_one(
    last, healed, proposed, later_by, protocol, adverse, screening
):
    common = {
        "last_session": last,
        "healed_on": healed,
        "protocol": protocol,
        "open_adverse_event": adverse,
        "screening": screening,
    }
    earlier = booking_decision(proposed=proposed, **common)
    later = booking_decision(proposed=proposed + dt.timedelta(days=later_by), **common)
    if earlier.allowed:
        assert later.allowed
    if not earlier.allowed:
        assert earlier.reasons
        if last is not None:
            assert earlier.earliest is not None


@given(
    proposed=st.one_of(dates, st.datetimes(), st.none(), st.text(max_size=3)),
    last=st.one_of(st.none(), st.dates(), st.integers()),
    healed=st.one_of(st.none(), st.dates(), st.booleans()),
    protocol=st.one_of(st.sampled_from(list(PROTOCOLS)), st.text(max_size=4)),
    adverse=st.one_of(st.booleans(), st.integers(0, 1)),
    screening=st.one_of(st.sampled_from(["clear", "caution", "stop"]), st.text(max_size=4)),
)
def test_invalid_input_only_ever_raises_value_error(
    proposed, last, healed, protocol, adverse, screening
):
    with contextlib.suppress(ValueError):
        booking_decision(
            proposed=proposed,
            last_session=last,
            healed_on=healed,
            protocol=protocol,
            open_adverse_event=adverse,
            screening=screening,
        )

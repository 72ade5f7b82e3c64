import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import SCREENING_RULES, ClinicOverrides, screen

ON = dt.date(2025, 6, 15)

STOPS = [
    "pregnant", "breastfeeding", "isotretinoin_current", "bleeding_disorder",
    "skin_cancer_in_area", "open_wounds_in_area", "active_infection_in_area", "active_cold_sore",
    "active_inflammatory_acne_in_area", "sunburn_or_tan_in_area", "allergy_stainless_steel",
    "allergy_topical_anaesthetic",
]  # fmt: skip
CAUTIONS = [
    "anticoagulants", "cold_sore_history", "keloid_history", "eczema_psoriasis_rosacea_in_area",
    "diabetes_uncontrolled", "immunosuppressed", "autoimmune_collagen_disease",
    "radiotherapy_to_area_last_year", "warts_moles_in_area", "gold_threads",
]  # fmt: skip


def years_before(years: int, on: dt.date = ON) -> dt.date:
    return on.replace(year=on.year - years)


def only(answers):
    result = screen(answers, on=ON)
    assert len(result.findings) <= 1
    return result


def test_every_vocabulary_code_has_a_rule():
    assert set(SCREENING_RULES) == {
        "date_of_birth", *STOPS, "isotretinoin_last_dose", *CAUTIONS, "recent_filler_or_toxin",
        "recent_facial_surgery", "retinoid_or_acid_last_use", "fitzpatrick_type",
        "sensitive_skin",
    }  # fmt: skip


def test_every_rule_is_introspectable_for_an_intake_form():
    for rule in SCREENING_RULES.values():
        assert rule.question.endswith("?")
        assert rule.answer_type in {"boolean", "date", "integer"}
        assert rule.severity in {"stop", "caution", "info"}
        assert rule.source
        assert rule.message


def test_no_answers_is_clear():
    result = screen({}, on=ON)
    assert result.verdict == "clear"
    assert result.findings == []


@pytest.mark.parametrize("code", STOPS)
def test_these_answers_are_stops(code):
    result = only({code: True})
    assert result.verdict == "stop"
    (finding,) = result.findings
    assert finding.code == code
    assert finding.severity == "stop"
    assert "§7" in finding.source


@pytest.mark.parametrize("code", ["pregnant", "bleeding_disorder"])
def test_pregnancy_and_bleeding_disorders_are_hard_stops(code):
    assert screen({code: True}, on=ON).findings[0].overridable is False


@pytest.mark.parametrize("code", [c for c in STOPS if c not in {"pregnant", "bleeding_disorder"}])
def test_other_stops_may_be_overridden(code):
    assert screen({code: True}, on=ON).findings[0].overridable is True


@pytest.mark.parametrize("code", CAUTIONS)
def test_these_answers_are_cautions(code):
    result = only({code: True})
    assert result.verdict == "caution"
    assert result.findings[0].code == code


@pytest.mark.parametrize("code", STOPS + CAUTIONS + ["sensitive_skin"])
def test_a_boolean_answered_false_raises_nothing(code):
    assert screen({code: False}, on=ON).findings == []


@pytest.mark.parametrize("code", list(SCREENING_RULES))
def test_an_unanswered_question_raises_nothing(code):
    assert screen({code: None}, on=ON).findings == []


def test_gold_threads_say_there_is_no_published_source():
    finding = screen({"gold_threads": True}, on=ON).findings[0]
    assert "Needling default, no published source" in finding.source


def test_sensitive_skin_is_info():
    result = screen({"sensitive_skin": True}, on=ON)
    assert result.verdict == "clear"
    assert result.findings[0].severity == "info"
    assert "numbing cream" in result.findings[0].message


@pytest.mark.parametrize(
    ("age", "severity"), [(17, "stop"), (18, "caution"), (21, "caution"), (22, None), (60, None)]
)
def test_age_bands(age, severity):
    findings = screen({"date_of_birth": years_before(age)}, on=ON).findings
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_the_eighteenth_birthday_is_the_day_before_a_stop_ends():
    born = dt.date(2007, 6, 16)  # turns 18 the day after ON
    assert screen({"date_of_birth": born}, on=ON).findings[0].severity == "stop"
    assert screen({"date_of_birth": born}, on=dt.date(2025, 6, 16)).findings[0].severity == (
        "caution"
    )


def test_a_leap_day_birthday_counts_from_the_first_of_march():
    born = dt.date(2004, 2, 29)
    assert screen({"date_of_birth": born}, on=dt.date(2022, 2, 28)).verdict == "stop"
    assert screen({"date_of_birth": born}, on=dt.date(2022, 3, 1)).verdict == "caution"


def test_the_age_message_says_the_age():
    finding = screen({"date_of_birth": years_before(20)}, on=ON).findings[0]
    assert "20 years old" in finding.message
    assert "22" in finding.message


def test_a_date_of_birth_after_the_screening_date_raises():
    with pytest.raises(ValueError, match="date_of_birth"):
        screen({"date_of_birth": ON + dt.timedelta(days=1)}, on=ON)


@pytest.mark.parametrize(
    ("code", "inside", "outside"),
    [
        ("isotretinoin_last_dose", dt.date(2024, 12, 16), dt.date(2024, 12, 15)),
        ("recent_facial_surgery", dt.date(2024, 12, 16), dt.date(2024, 12, 15)),
        ("recent_filler_or_toxin", dt.date(2025, 6, 2), dt.date(2025, 6, 1)),
        ("retinoid_or_acid_last_use", dt.date(2025, 6, 9), dt.date(2025, 6, 8)),
    ],
)
def test_date_windows_end_exactly_one_window_before(code, inside, outside):
    finding = screen({code: inside}, on=ON).findings[0]
    assert (finding.code, finding.severity) == (code, "caution")
    assert screen({code: outside}, on=ON).findings == []


def test_a_window_is_counted_in_calendar_months_and_month_end_safe():
    on = dt.date(2025, 8, 31)  # six months before: 28 February 2025
    assert screen({"isotretinoin_last_dose": dt.date(2025, 3, 1)}, on=on).verdict == "caution"
    assert screen({"isotretinoin_last_dose": dt.date(2025, 2, 28)}, on=on).verdict == "clear"


def test_a_dated_answer_after_the_screening_date_counts_as_inside_its_window():
    result = screen({"recent_filler_or_toxin": ON + dt.timedelta(days=3)}, on=ON)
    assert result.verdict == "caution"


def test_a_window_at_the_start_of_the_calendar_does_not_fail():
    on = dt.date(1, 1, 5)
    assert screen({"recent_filler_or_toxin": dt.date(1, 1, 1)}, on=on).verdict == "caution"


@pytest.mark.parametrize(("value", "severity"), [(1, None), (3, None), (4, "info"), (6, "info")])
def test_fitzpatrick_type(value, severity):
    findings = screen({"fitzpatrick_type": value}, on=ON).findings
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_findings_come_worst_first_and_the_verdict_is_the_worst():
    result = screen(
        {"sensitive_skin": True, "anticoagulants": True, "pregnant": True, "keloid_history": True},
        on=ON,
    )
    assert result.verdict == "stop"
    assert [f.severity for f in result.findings] == ["stop", "caution", "caution", "info"]
    assert {f.code for f in result.findings} == {
        "sensitive_skin", "anticoagulants", "pregnant", "keloid_history",
    }  # fmt: skip


def test_an_unknown_code_raises_naming_it():
    with pytest.raises(ValueError, match="smoker"):
        screen({"smoker": True}, on=ON)


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("pregnant", 1),
        ("pregnant", "yes"),
        ("pregnant", 0),
        ("date_of_birth", "2000-01-01"),
        ("date_of_birth", dt.datetime(2000, 1, 1)),
        ("recent_filler_or_toxin", True),
        ("fitzpatrick_type", 0),
        ("fitzpatrick_type", 7),
        ("fitzpatrick_type", 4.0),
        ("fitzpatrick_type", True),
    ],
)
def test_a_wrong_type_raises_naming_the_code(code, value):
    with pytest.raises(ValueError, match=code):
        screen({code: value}, on=ON)


@pytest.mark.parametrize("on", [None, "2025-06-15", dt.datetime(2025, 6, 15)])
def test_the_screening_date_must_be_a_date(on):
    with pytest.raises(ValueError, match="on"):
        screen({}, on=on)


def test_answers_must_be_a_mapping():
    with pytest.raises(ValueError, match="answers"):
        screen([("pregnant", True)], on=ON)  # type: ignore[arg-type]


def test_a_clinic_may_raise_a_severity():
    clinic = ClinicOverrides(screening_severity={"gold_threads": "stop"})
    finding = screen({"gold_threads": True}, on=ON, overrides=clinic).findings[0]
    assert finding.severity == "stop"
    assert finding.source.startswith("Clinic override: severity raised from caution to stop")
    assert "This clinic does not treat" in finding.message


def test_a_clinic_may_make_the_young_adult_band_a_stop():
    clinic = ClinicOverrides(screening_severity={"date_of_birth": "stop"})
    result = screen({"date_of_birth": years_before(20)}, on=ON, overrides=clinic)
    assert result.verdict == "stop"


def test_a_clinic_may_lengthen_a_window():
    clinic = ClinicOverrides(screening_windows={"isotretinoin_last_dose": {"months": 12}})
    answers = {"isotretinoin_last_dose": dt.date(2024, 9, 1)}
    assert screen(answers, on=ON).verdict == "clear"
    result = screen(answers, on=ON, overrides=clinic)
    assert result.verdict == "caution"
    assert "12 months" in result.findings[0].message


answer_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.floats(),
    st.text(max_size=4),
    st.dates(),
    st.datetimes(),
)


@given(
    answers=st.dictionaries(
        st.one_of(st.sampled_from(list(SCREENING_RULES)), st.text(max_size=6)),
        answer_values,
        max_size=6,
    ),
    on=st.one_of(st.dates(), st.datetimes(), st.none()),
)
def test_invalid_input_only_ever_raises_value_error(answers, on):
    with contextlib.suppress(ValueError):
        screen(answers, on=on)


@given(
    answers=st.fixed_dictionaries(
        {},
        optional={
            code: (
                st.booleans()
                if rule.answer_type == "boolean"
                else st.integers(1, 6)
                if rule.answer_type == "integer"
                else st.dates(max_value=ON)
            )
            for code, rule in SCREENING_RULES.items()
        },
    )
)
def test_valid_answers_always_give_a_verdict_that_is_the_worst_finding(answers):
    result = screen(answers, on=ON)
    severities = {f.severity for f in result.findings}
    expected = "stop" if "stop" in severities else "caution" if "caution" in severities else "clear"
    assert result.verdict == expected
    assert all(f.code in answers for f in result.findings)


def test_allergy_to_topical_anaesthetics_is_an_overridable_stop_from_the_labelling():
    (finding,) = screen({"allergy_topical_anaesthetic": True}, on=ON).findings
    assert (finding.severity, finding.overridable) == ("stop", True)
    assert "contraindication" in finding.source
    assert "written reason" in finding.message

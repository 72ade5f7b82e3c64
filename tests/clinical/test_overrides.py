import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import (
    INDICATIONS,
    ZONES,
    ClinicOverrides,
    check_depth,
    validate_overrides,
    verdict_of,
)

RANK = {"clear": 0, "caution": 1, "stop": 2}


def test_no_overrides_is_the_default():
    assert validate_overrides({}) == ClinicOverrides()


def test_a_stored_override_round_trips_through_json():
    clinic = ClinicOverrides(
        zone_caps={"cheeks": 1.5},
        zone_recommended_max={"forehead": 0.5},
        protocol_min_days={"standard": 56},
        screening_severity={"anticoagulants": "stop"},
        screening_windows={"isotretinoin_last_dose": {"months": 12}},
    )
    stored = json.loads(json.dumps(clinic.to_dict()))
    assert validate_overrides(stored) == clinic


def test_overrides_are_frozen_copies():
    caps = {"cheeks": 1.5}
    clinic = ClinicOverrides(zone_caps=caps)
    caps["cheeks"] = 2.0
    assert clinic.zone_caps["cheeks"] == 1.5
    with pytest.raises(TypeError):
        clinic.zone_caps["cheeks"] = 1.0  # type: ignore[index]


def test_an_override_equal_to_the_default_is_accepted():
    assert ClinicOverrides(zone_caps={"cheeks": 2.0}).zone_caps["cheeks"] == 2.0


@pytest.mark.parametrize(
    ("data", "culprit"),
    [
        ({"zone_caps": {"cheeks": 2.1}}, "zone_caps.cheeks"),
        ({"zone_caps": {"cheeks": 0}}, "zone_caps.cheeks"),
        ({"zone_caps": {"cheeks": float("nan")}}, "zone_caps.cheeks"),
        ({"zone_caps": {"cheeks": True}}, "zone_caps.cheeks"),
        ({"zone_caps": {"eyelids": 0.25}}, "zone_caps.eyelids"),
        ({"zone_caps": {"face": 1.0}}, "zone"),
        ({"zone_recommended_max": {"cheeks": 1.6}}, "zone_recommended_max.cheeks"),
        ({"zone_recommended_max": {"eyelids": 0.1}}, "eyelids"),
        ({"protocol_min_days": {"standard": 41}}, "protocol_min_days.standard"),
        ({"protocol_min_days": {"standard": 42.5}}, "protocol_min_days.standard"),
        ({"protocol_min_days": {"standard": 4000}}, "protocol_min_days.standard"),
        ({"protocol_min_days": {"weekly": 50}}, "protocol"),
        ({"screening_severity": {"pregnant": "caution"}}, "screening_severity.pregnant"),
        ({"screening_severity": {"sensitive_skin": "clear"}}, "screening_severity.sensitive_skin"),
        ({"screening_severity": {"smoker": "stop"}}, "intake code"),
        ({"screening_windows": {"recent_filler_or_toxin": {"days": 13}}}, "recent_filler"),
        ({"screening_windows": {"isotretinoin_last_dose": {"days": 180}}}, "isotretinoin"),
        ({"screening_windows": {"isotretinoin_last_dose": {"weeks": 30}}}, "isotretinoin"),
        ({"screening_windows": {"isotretinoin_last_dose": {"months": 200}}}, "ten years"),
        ({"screening_windows": {"pregnant": {"days": 30}}}, "pregnant"),
        ({"hard_limit_mm": 3.5}, "hard_limit_mm"),
        ({"zone_caps": [("cheeks", 1.0)]}, "zone_caps"),
        ("zone_caps", "overrides"),
    ],
)
def test_a_loosening_or_malformed_override_raises_naming_it(data, culprit):
    with pytest.raises(ValueError, match=culprit):
        validate_overrides(data)


def test_a_months_window_may_replace_a_shorter_days_window():
    clinic = validate_overrides({"screening_windows": {"recent_filler_or_toxin": {"months": 3}}})
    assert clinic.screening_windows["recent_filler_or_toxin"].text == "3 months"


def test_a_days_window_must_beat_the_longest_months_window():
    validate_overrides({"screening_windows": {"isotretinoin_last_dose": {"days": 186}}})
    with pytest.raises(ValueError, match="shorter"):
        validate_overrides({"screening_windows": {"isotretinoin_last_dose": {"days": 185}}})


def test_the_hard_limits_stay_hard_under_any_override():
    clinic = ClinicOverrides(zone_caps={"scalp": 2.0})
    findings = check_depth("scalp", "hair_loss", 3.5, overrides=clinic)
    assert [f.overridable for f in findings if f.severity == "stop"] == [False]


@st.composite
def tightening(draw):
    caps = {}
    rec = {}
    for code, zone in ZONES.items():
        if not zone.treatable:
            continue
        if draw(st.booleans()):
            caps[code] = draw(st.floats(min_value=0.05, max_value=zone.cap))
        if draw(st.booleans()):
            highest = max(r[1] for r in [zone.recommended, *(e.recommended for e in zone.ranges)])
            rec[code] = draw(st.floats(min_value=0.05, max_value=highest))
    return ClinicOverrides(zone_caps=caps, zone_recommended_max=rec)


@given(
    clinic=tightening(),
    zone=st.sampled_from(sorted(ZONES)),
    indication=st.sampled_from(sorted(INDICATIONS)),
    depth=st.floats(min_value=0, max_value=4, allow_nan=False),
)
def test_an_override_never_gives_a_milder_verdict(clinic, zone, indication, depth):
    default = verdict_of(check_depth(zone, indication, depth))
    tightened = verdict_of(check_depth(zone, indication, depth, overrides=clinic))
    assert RANK[tightened] >= RANK[default]


@given(
    st.dictionaries(
        st.sampled_from(
            ["zone_caps", "zone_recommended_max", "protocol_min_days", "screening_severity",
             "screening_windows", "other"]
        ),
        st.dictionaries(
            st.sampled_from(["cheeks", "eyelids", "standard", "pregnant", "recent_filler_or_toxin",
                             "x"]),
            st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.floats(),
                      st.text(max_size=6), st.dictionaries(st.text(max_size=6), st.integers())),
            max_size=3,
        ),
        max_size=3,
    )
)  # fmt: skip
def test_invalid_overrides_only_ever_raise_value_error(data):
    with contextlib.suppress(ValueError):
        validate_overrides(data)


def test_a_stored_caution_for_the_anaesthetic_allergy_is_now_a_loosening_and_is_dropped():
    from needling.clinical.overrides import drop_loosenings

    stored = {
        "screening_severity": {"allergy_topical_anaesthetic": "caution", "gold_threads": "stop"},
        "zone_caps": {"cheeks": 1.5},
    }
    with pytest.raises(ValueError, match="allergy_topical_anaesthetic"):
        validate_overrides(stored)
    kept, removed = drop_loosenings(stored)
    assert removed == ["screening_severity.allergy_topical_anaesthetic"]
    assert kept == {"screening_severity": {"gold_threads": "stop"}, "zone_caps": {"cheeks": 1.5}}
    validate_overrides(kept)

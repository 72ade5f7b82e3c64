import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import (
    FACE_ZONES,
    INDICATIONS,
    ZONES,
    ClinicOverrides,
    check_depth,
    depth_guidance,
    verdict_of,
)

# The table of vocabulary.md: zone -> (recommended for other indications, for scars, cap).
TABLE = {
    "periorbital": ((0.25, 0.5), None, 0.5),
    "temples": ((0.25, 0.5), None, 0.75),
    "forehead": ((0.25, 0.75), None, 1.0),
    "glabella": ((0.25, 0.75), None, 1.0),
    "nose": ((0.25, 0.5), None, 0.75),
    "perioral": ((0.25, 0.75), None, 1.0),
    "neck": ((0.25, 0.75), None, 1.0),
    "hands": ((0.25, 0.5), None, 0.75),
    "cheeks": ((0.5, 1.0), (1.0, 1.5), 2.0),
    "chin": ((0.5, 1.0), (1.0, 1.5), 1.5),
    "jawline": ((0.5, 1.0), (1.0, 1.5), 1.5),
    "decolletage": ((0.5, 1.0), None, 1.5),
    "arms": ((0.5, 1.5), None, 2.0),
    "scalp": ((0.5, 1.5), None, 2.5),
    "abdomen": ((1.5, 2.0), None, 2.5),
    "back": ((1.5, 2.0), None, 2.5),
    "buttocks": ((1.5, 2.0), None, 2.5),
    "thighs": ((1.5, 2.0), None, 2.5),
}
SCARS = {"acne_scars", "surgical_scars"}
SEVERITY_ORDER = {"clear": 0, "caution": 1, "stop": 2}


def codes(findings):
    return [f.code for f in findings]


def test_the_zone_codes_are_the_vocabulary():
    assert list(ZONES) == [
        "forehead", "glabella", "temples", "eyelids", "periorbital", "nose", "cheeks", "perioral",
        "chin", "jawline", "neck", "decolletage", "scalp", "arms", "hands", "abdomen", "back",
        "buttocks", "thighs",
    ]  # fmt: skip


def test_the_face_zones_are_the_vocabulary():
    assert set(FACE_ZONES) == {
        "forehead", "glabella", "temples", "eyelids", "periorbital", "nose", "cheeks",
        "perioral", "chin", "jawline",
    }  # fmt: skip
    assert all(ZONES[z].region == ("face" if z in FACE_ZONES else "body") for z in ZONES)


def test_every_zone_has_a_human_name():
    assert ZONES["cheeks"].name == "Cheeks"
    assert all(z.name and z.name[0].isupper() for z in ZONES.values())


@pytest.mark.parametrize("zone", sorted(TABLE))
@pytest.mark.parametrize("indication", sorted(INDICATIONS))
def test_every_zone_accepts_every_indication_with_the_table_values(zone, indication):
    default, scars, cap = TABLE[zone]
    guidance = depth_guidance(zone, indication)
    expected = scars if (scars and indication in SCARS) else default
    if indication == "product_penetration":  # its own range on every zone (Lima 2013)
        expected = (0.25, 0.5)
    assert guidance.recommended == expected
    assert guidance.cap == cap
    assert "§" in guidance.source


@pytest.mark.parametrize("indication", sorted(INDICATIONS))
def test_eyelids_have_no_range_and_no_cap(indication):
    guidance = depth_guidance("eyelids", indication)
    assert guidance.recommended is None
    assert guidance.cap is None
    assert verdict_of(guidance.findings) == "stop"


@pytest.mark.parametrize("depth", [0, 0.25, 1.0, 3.0])
def test_any_depth_on_the_eyelids_is_a_hard_stop(depth):
    findings = check_depth("eyelids", "wrinkles", depth)
    assert verdict_of(findings) == "stop"
    stop = next(f for f in findings if f.code == "zone_not_treatable")
    assert stop.overridable is False


def test_within_the_recommended_range_is_clear():
    assert check_depth("cheeks", "wrinkles", 0.75) == []


def test_exactly_the_recommended_top_is_clear():
    assert check_depth("forehead", "texture", 0.75) == []


def test_above_the_recommended_range_is_a_caution():
    findings = check_depth("forehead", "texture", 0.8)
    assert codes(findings) == ["depth_above_recommended"]
    assert findings[0].severity == "caution"
    assert "0.25–0.75 mm" in findings[0].message


def test_exactly_the_cap_is_not_a_stop():
    findings = check_depth("forehead", "texture", 1.0)
    assert verdict_of(findings) == "caution"


def test_above_the_cap_is_an_overridable_stop():
    findings = check_depth("forehead", "texture", 1.01)
    assert codes(findings) == ["depth_above_cap"]
    assert findings[0].severity == "stop"
    assert findings[0].overridable is True
    assert "cap of 1.0 mm" in findings[0].message


def test_scars_on_the_cheeks_may_go_deeper():
    assert check_depth("cheeks", "acne_scars", 1.5) == []
    assert codes(check_depth("cheeks", "wrinkles", 1.5)) == ["depth_above_recommended"]


def test_cheeks_above_one_and_a_half_mm_is_a_caution_for_any_indication():
    findings = check_depth("cheeks", "acne_scars", 1.75)
    assert verdict_of(findings) == "caution"
    assert "depth_not_evaluated" in codes(findings)


def test_cheeks_above_the_cap_is_a_stop():
    assert verdict_of(check_depth("cheeks", "acne_scars", 2.01)) == "stop"


def test_exactly_three_mm_is_not_the_hard_limit():
    findings = check_depth("scalp", "hair_loss", 3.0)
    assert codes(findings) == ["depth_above_cap"]
    assert findings[0].overridable is True


@pytest.mark.parametrize("zone", sorted(TABLE))
def test_more_than_three_mm_is_a_hard_stop_anywhere(zone):
    findings = check_depth(zone, "stretch_marks", 3.01)
    hard = [f for f in findings if f.code == "depth_above_absolute_limit"]
    assert len(hard) == 1
    assert hard[0].severity == "stop"
    assert hard[0].overridable is False
    assert "depth_above_cap" not in codes(findings)


@pytest.mark.parametrize("fitzpatrick", [4, 5, 6])
def test_fitzpatrick_four_to_six_is_noted(fitzpatrick):
    findings = check_depth("cheeks", "wrinkles", 0.5, fitzpatrick=fitzpatrick)
    assert codes(findings) == ["fitzpatrick_pigmentation_risk"]
    assert findings[0].severity == "info"
    assert verdict_of(findings) == "clear"
    guidance = depth_guidance("cheeks", "wrinkles", fitzpatrick=fitzpatrick)
    assert codes(guidance.findings) == ["fitzpatrick_pigmentation_risk"]


@pytest.mark.parametrize("fitzpatrick", [1, 2, 3, None])
def test_fitzpatrick_one_to_three_is_not_noted(fitzpatrick):
    assert check_depth("cheeks", "wrinkles", 0.5, fitzpatrick=fitzpatrick) == []


def test_findings_come_worst_first():
    findings = check_depth("cheeks", "wrinkles", 2.5, fitzpatrick=5)
    assert [f.severity for f in findings] == ["stop", "caution", "info"]


def test_every_finding_cites_a_source():
    for f in check_depth("eyelids", "wrinkles", 3.5, fitzpatrick=6):
        assert f.source


@pytest.mark.parametrize(
    "depth", [-0.01, -1, math.nan, math.inf, -math.inf, True, False, "1.0", None, 10**400]
)
def test_a_negative_non_finite_or_non_numeric_depth_raises(depth):
    with pytest.raises(ValueError, match="depth_mm"):
        check_depth("cheeks", "wrinkles", depth)


def test_zero_depth_is_accepted():
    assert check_depth("cheeks", "wrinkles", 0) == []


@pytest.mark.parametrize(("zone", "indication"), [("face", "wrinkles"), ("cheeks", "acne")])
def test_unknown_codes_raise(zone, indication):
    culprit = "zone" if zone == "face" else "indication"
    with pytest.raises(ValueError, match=culprit):
        depth_guidance(zone, indication)
    with pytest.raises(ValueError, match=culprit):
        check_depth(zone, indication, 1.0)


@pytest.mark.parametrize("fitzpatrick", [0, 7, True, 4.0, "IV"])
def test_a_bad_fitzpatrick_type_raises(fitzpatrick):
    with pytest.raises(ValueError, match="fitzpatrick"):
        check_depth("cheeks", "wrinkles", 1.0, fitzpatrick=fitzpatrick)


def test_overrides_must_be_clinic_overrides():
    with pytest.raises(ValueError, match="overrides"):
        check_depth("cheeks", "wrinkles", 1.0, overrides={"zone_caps": {}})  # type: ignore[arg-type]


depths = st.floats(min_value=0, max_value=5, allow_nan=False)


@given(
    zone=st.sampled_from(sorted(ZONES)),
    indication=st.sampled_from(sorted(INDICATIONS)),
    a=depths,
    b=depths,
    fitzpatrick=st.none() | st.integers(1, 6),
)
def test_deeper_never_gets_a_milder_verdict(zone, indication, a, b, fitzpatrick):
    shallow, deep = sorted((a, b))
    milder = verdict_of(check_depth(zone, indication, shallow, fitzpatrick=fitzpatrick))
    deeper = verdict_of(check_depth(zone, indication, deep, fitzpatrick=fitzpatrick))
    assert SEVERITY_ORDER[deeper] >= SEVERITY_ORDER[milder]


@given(
    zone=st.sampled_from(sorted(ZONES)),
    indication=st.sampled_from(sorted(INDICATIONS)),
    depth=depths,
)
def test_hard_stops_are_never_overridable_and_other_stops_are(zone, indication, depth):
    for f in check_depth(zone, indication, depth):
        hard = f.code in {"zone_not_treatable", "depth_above_absolute_limit"}
        assert f.overridable is not hard


@given(
    zone=st.one_of(st.sampled_from(sorted(ZONES)), st.text(max_size=5), st.integers(), st.none()),
    indication=st.one_of(st.sampled_from(sorted(INDICATIONS)), st.text(max_size=5), st.none()),
    depth=st.one_of(st.floats(), st.integers(), st.text(max_size=3), st.booleans(), st.none()),
    fitzpatrick=st.one_of(st.none(), st.integers(-2, 9), st.floats(), st.text(max_size=2)),
)
def test_invalid_input_only_ever_raises_value_error(zone, indication, depth, fitzpatrick):
    with contextlib.suppress(ValueError):
        check_depth(zone, indication, depth, fitzpatrick=fitzpatrick)


def test_an_override_lowers_the_cap_and_cites_itself():
    clinic = ClinicOverrides(zone_caps={"cheeks": 1.5})
    guidance = depth_guidance("cheeks", "acne_scars", overrides=clinic)
    assert guidance.cap == 1.5
    assert guidance.caution_above is None
    findings = check_depth("cheeks", "acne_scars", 1.6, overrides=clinic)
    assert codes(findings) == ["depth_above_cap"]
    assert findings[0].source.startswith("Clinic override: cap lowered from 2.0 mm to 1.5 mm")


def test_an_override_lowers_the_recommended_top():
    clinic = ClinicOverrides(zone_recommended_max={"cheeks": 1.2})
    assert depth_guidance("cheeks", "acne_scars", overrides=clinic).recommended == (1.0, 1.2)
    assert depth_guidance("cheeks", "wrinkles", overrides=clinic).recommended == (0.5, 1.0)
    findings = check_depth("cheeks", "acne_scars", 1.3, overrides=clinic)
    assert codes(findings) == ["depth_above_recommended"]
    assert "Clinic override" in findings[0].source


def test_a_lowered_cap_clips_the_recommended_range():
    clinic = ClinicOverrides(zone_caps={"cheeks": 0.8})
    assert depth_guidance("cheeks", "acne_scars", overrides=clinic).recommended == (0.8, 0.8)


@pytest.mark.parametrize("zone", sorted(TABLE))
def test_product_penetration_has_its_own_shallow_range_and_caution(zone):
    guidance = depth_guidance(zone, "product_penetration")
    assert guidance.recommended == (0.25, 0.5)
    assert guidance.cap == TABLE[zone][2]
    assert "Lima 2013" in guidance.source
    assert "product_penetration_depth" not in {
        f.code for f in check_depth(zone, "product_penetration", 0.5)
    }
    deeper = {f.code: f for f in check_depth(zone, "product_penetration", 0.55)}
    assert deeper["product_penetration_depth"].severity == "caution"
    assert "Lima 2013" in deeper["product_penetration_depth"].source


def test_two_mm_on_the_abdomen_for_product_delivery_is_flagged():
    codes = {f.code: f.severity for f in check_depth("abdomen", "product_penetration", 2.0)}
    assert codes == {"depth_above_recommended": "caution", "product_penetration_depth": "caution"}
    # the zone's cap and the absolute limit still stop
    assert check_depth("abdomen", "product_penetration", 2.6)[0].code == "depth_above_cap"
    assert check_depth("cheeks", "product_penetration", 3.1)[0].code == (
        "depth_above_absolute_limit"
    )
    # other indications keep the zone's rule
    assert "product_penetration_depth" not in {
        f.code for f in check_depth("abdomen", "stretch_marks", 2.0)
    }

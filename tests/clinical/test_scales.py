import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import SCALES, score

GB_ONE = ("macular", "mild_atrophic")
GB_TWO = ("moderate_atrophic", "punched_out_shallow_small", "shallow_broad_atrophic", "papular")
GB_THREE = (
    "punched_out_deep_normal_small", "punched_out_deep_abnormal_small", "linear_troughed",
    "deep_broad_atrophic",
)  # fmt: skip
GB_ZERO = dict.fromkeys((*GB_ONE, *GB_TWO, *GB_THREE), 0) | {"keloid_area_cm2": 0}
MASI_REGIONS = ("forehead", "right_malar", "left_malar", "chin")


def masi_items(area, darkness, homogeneity=None):
    items = {}
    for region in MASI_REGIONS:
        items[f"{region}_area"] = area
        items[f"{region}_darkness"] = darkness
        if homogeneity is not None:
            items[f"{region}_homogeneity"] = homogeneity
    return items


def test_every_vocabulary_scale_is_registered():
    assert set(SCALES) == {
        "goodman_baron_quantitative", "goodman_baron_qualitative", "ecca", "posas_observer",
        "posas_patient", "vss", "gais", "masi", "mmasi", "fitzpatrick_wrinkle", "glogau",
        "norwood", "ludwig", "hair_density", "quartile_improvement",
    }  # fmt: skip


def test_every_scale_describes_its_items_for_a_form():
    for scale in SCALES.values():
        assert scale.name
        assert "§9" in scale.source
        assert scale.range[0] <= scale.range[1]
        for item in scale.items:
            assert item.code
            assert item.label
            assert item.type in {"integer", "number", "choice"}
            if item.type == "choice":
                assert item.choices


# Goodman & Baron quantitative ------------------------------------------------------------------


def test_goodman_baron_quantitative_all_zero():
    assert score("goodman_baron_quantitative", GB_ZERO).total == 0


@pytest.mark.parametrize(("count", "band"), [(0, 0), (1, 1), (10, 1), (11, 2), (20, 2), (21, 3)])
def test_goodman_baron_count_bands(count, band):
    for code, points in (("macular", 1), ("moderate_atrophic", 2), ("linear_troughed", 3)):
        items = GB_ZERO | {code: count}
        assert score("goodman_baron_quantitative", items).total == points * band


def test_papular_scars_score_two_points():
    assert score("goodman_baron_quantitative", GB_ZERO | {"papular": 5}).total == 2


@pytest.mark.parametrize(
    ("area", "points"), [(0, 0), (0.1, 6), (4.99, 6), (5, 12), (20, 12), (20.01, 18)]
)
def test_goodman_baron_keloid_area(area, points):
    assert score("goodman_baron_quantitative", GB_ZERO | {"keloid_area_cm2": area}).total == points


def test_goodman_baron_quantitative_maximum_is_84():
    items = dict.fromkeys(GB_ZERO, 100) | {"keloid_area_cm2": 50.0}
    result = score("goodman_baron_quantitative", items)
    assert result.total == 84
    assert result.range == (0, 84)


def test_goodman_baron_quantitative_needs_every_item():
    items = dict(GB_ZERO)
    del items["papular"]
    with pytest.raises(ValueError, match="papular"):
        score("goodman_baron_quantitative", items)


def test_goodman_baron_counts_cannot_be_negative():
    with pytest.raises(ValueError, match="macular"):
        score("goodman_baron_quantitative", GB_ZERO | {"macular": -1})


# Labelled scales -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "label"), [(1, "macular"), (2, "mild"), (3, "moderate"), (4, "severe")]
)
def test_goodman_baron_qualitative_labels(grade, label):
    result = score("goodman_baron_qualitative", {"grade": grade})
    assert (result.total, result.label, result.range) == (grade, label, (1, 4))


@pytest.mark.parametrize(
    ("value", "label"),
    [(1, "very much improved"), (2, "much improved"), (3, "improved"), (4, "no change"),
     (5, "worse")],
)  # fmt: skip
def test_gais_labels(value, label):
    for rater in ("clinician", "subject"):
        result = score("gais", {"score": value, "rater": rater})
        assert result.label == label
        assert result.items["rater"] == rater


def test_gais_needs_a_known_rater():
    with pytest.raises(ValueError, match="rater"):
        score("gais", {"score": 1, "rater": "patient"})
    with pytest.raises(ValueError, match="rater"):
        score("gais", {"score": 1})


@pytest.mark.parametrize(
    ("value", "label"), [(1, "I"), (3, "I"), (4, "II"), (6, "II"), (7, "III"), (9, "III")]
)
def test_fitzpatrick_wrinkle_classes(value, label):
    assert score("fitzpatrick_wrinkle", {"score": value}).label == label


@pytest.mark.parametrize("value", [1, 2, 3, 4])
def test_glogau_types_have_labels(value):
    result = score("glogau", {"type": value})
    assert result.total == value
    assert result.label


@pytest.mark.parametrize(
    ("value", "stage"),
    [("I", 1), ("II", 2), ("IIa", 2), ("III", 3), ("IIIa", 3), ("III vertex", 3), ("IV", 4),
     ("IVa", 4), ("V", 5), ("Va", 5), ("VI", 6), ("VII", 7)],
)  # fmt: skip
def test_norwood_types(value, stage):
    result = score("norwood", {"type": value})
    assert (result.total, result.label, result.range) == (stage, value, (1, 7))


@pytest.mark.parametrize(("value", "stage"), [("I", 1), ("II", 2), ("III", 3)])
def test_ludwig_types(value, stage):
    assert score("ludwig", {"type": value}).total == stage


@pytest.mark.parametrize("value", ["VIII", "iv", 4, "IIIb"])
def test_norwood_refuses_unknown_types(value):
    with pytest.raises(ValueError, match=r"norwood\.type"):
        score("norwood", {"type": value})


@pytest.mark.parametrize(
    ("grade", "label"), [(0, "none"), (1, "<25 %"), (2, "25–50 %"), (3, "51–75 %"), (4, ">75 %")]
)
def test_quartile_improvement_labels(grade, label):
    assert score("quartile_improvement", {"grade": grade}).label == label


# Summed scales ---------------------------------------------------------------------------------


def test_ecca_weights():
    items = dict.fromkeys(
        ("v_shaped", "u_shaped", "m_shaped", "superficial_elastolysis",
         "hypertrophic_inflammatory", "keloid"),
        0,
    )  # fmt: skip
    assert score("ecca", items).total == 0
    assert score("ecca", items | {"v_shaped": 1}).total == 15
    assert score("ecca", items | {"keloid": 2, "u_shaped": 3}).total == 100 + 60
    assert score("ecca", dict.fromkeys(items, 3)).total == 540


@pytest.mark.parametrize("scale", ["posas_observer", "posas_patient"])
def test_posas_sums_six_items_and_leaves_overall_out(scale):
    codes = [i.code for i in SCALES[scale].items if i.summed]
    assert len(codes) == 6
    low = score(scale, dict.fromkeys(codes, 1))
    assert low.total == 6
    high = score(scale, dict.fromkeys(codes, 10) | {"overall": 1})
    assert high.total == 60
    assert high.items["overall"] == 1


def test_posas_refuses_zero():
    with pytest.raises(ValueError, match="pain"):
        score("posas_patient", dict.fromkeys(
            ("pain", "itching", "colour", "stiffness", "thickness", "irregularity"), 1
        ) | {"pain": 0})  # fmt: skip


def test_vss_range_and_bounds():
    assert (
        score("vss", {"pigmentation": 2, "vascularity": 3, "pliability": 5, "height": 3}).total
        == 13
    )
    with pytest.raises(ValueError, match="pigmentation"):
        score("vss", {"pigmentation": 3, "vascularity": 0, "pliability": 0, "height": 0})


def test_masi_weights():
    assert score("masi", masi_items(6, 4, 4)).total == 48
    assert score("masi", masi_items(0, 4, 4)).total == 0
    single = masi_items(0, 0, 0) | {"chin_area": 2, "chin_darkness": 1, "chin_homogeneity": 1}
    assert score("masi", single).total == pytest.approx(0.4)


def test_mmasi_has_no_homogeneity():
    assert score("mmasi", masi_items(6, 4)).total == 24
    with pytest.raises(ValueError, match="homogeneity"):
        score("mmasi", masi_items(6, 4, 4))


def test_masi_area_goes_to_six():
    with pytest.raises(ValueError, match="forehead_area"):
        score("masi", masi_items(6, 4, 4) | {"forehead_area": 7})


def test_hair_density_is_hairs_per_cm2():
    assert score("hair_density", {"count": 150, "area_cm2": 1.0}).total == 150
    assert score("hair_density", {"count": 45, "area_cm2": 0.5}).total == 90


@pytest.mark.parametrize("area", [0, -1, math.nan, math.inf])
def test_hair_density_needs_a_positive_finite_area(area):
    with pytest.raises(ValueError, match="hair_density"):
        score("hair_density", {"count": 10, "area_cm2": area})


# Refusals ---------------------------------------------------------------------------------------


def test_an_unknown_scale_raises():
    with pytest.raises(ValueError, match="scale"):
        score("dlqi", {})


def test_an_unknown_item_raises_naming_it():
    with pytest.raises(ValueError, match="colour"):
        score("glogau", {"type": 1, "colour": 2})


@pytest.mark.parametrize("value", [True, 1.0, "1", None])
def test_a_wrong_item_type_raises(value):
    with pytest.raises(ValueError, match="glogau"):
        score("glogau", {"type": value})


def test_items_must_be_a_mapping():
    with pytest.raises(ValueError, match="items"):
        score("glogau", [("type", 1)])  # type: ignore[arg-type]


def _item_strategy(item):
    if item.type == "choice":
        return st.sampled_from([v for v, _ in item.choices])
    if item.type == "integer":
        return st.integers(int(item.minimum), int(item.maximum) if item.maximum else 10**6)
    return st.floats(min_value=item.minimum, max_value=item.maximum or 1e6, allow_nan=False)


@st.composite
def valid_items(draw):
    scale = draw(st.sampled_from(sorted(SCALES)))
    items = {}
    for item in SCALES[scale].items:
        if item.required or draw(st.booleans()):
            items[item.code] = draw(_item_strategy(item))
    if scale == "hair_density":
        items["area_cm2"] = draw(st.floats(min_value=0.01, max_value=100))
    return scale, items


@given(valid_items())
def test_totals_stay_in_range(case):
    scale, items = case
    result = score(scale, items)
    low, high = result.range
    assert low <= result.total <= high
    assert result.scale == scale


@given(
    scale=st.one_of(st.sampled_from(sorted(SCALES)), st.text(max_size=5)),
    items=st.dictionaries(
        st.text(max_size=12) | st.sampled_from(["grade", "score", "type", "count", "area_cm2"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=3)),
        max_size=5,
    ),
)
def test_invalid_input_only_ever_raises_value_error(scale, items):
    with contextlib.suppress(ValueError):
        score(scale, items)


def test_area_units_convert_to_cm2():
    from needling.clinical import AREA_UNITS, area_to_cm2

    assert set(AREA_UNITS) == {"cm2", "in2"}
    assert area_to_cm2(1, "cm2") == 1.0
    assert area_to_cm2(1, "in2") == pytest.approx(6.4516)
    for bad_value, bad_unit in ((1, "acre"), (-1, "in2"), (True, "in2"), (math.inf, "cm2")):
        with pytest.raises(ValueError, match=r"unit|area"):
            area_to_cm2(bad_value, bad_unit)

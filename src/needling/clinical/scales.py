"""Outcome scales (microneedling.md §9): item definitions, validation, totals and labels.

``SCALES`` describes every scale so that a form can be built from it: each item has a code, a
label, a type (``"integer"``, ``"number"`` or ``"choice"``), its bounds, its anchors or choices
and whether it is required. ``score()`` validates the items against that description and returns
the total and label.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from needling.clinical._validate import require_code, require_mapping, require_number

ItemType = Literal["integer", "number", "choice"]
Total = int | float
Items = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """One item of a scale.

    ``integer``: a whole number from ``minimum`` to ``maximum`` (None: no upper bound), with
    optional ``anchors`` (value, wording). ``number``: a finite number from ``minimum`` to
    ``maximum``. ``choice``: one of the values in ``choices`` (value, wording).
    """

    code: str
    label: str
    type: ItemType
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[object, str], ...] = ()
    required: bool = True
    summed: bool = True
    positive: bool = False  # a number that must be above ``minimum``, not equal to it
    # An area in cm² that may be entered in another unit of AREA_UNITS (converted before
    # scoring with ``area_to_cm2``; the item itself is always cm²).
    area_units: bool = False

    @property
    def anchors(self) -> tuple[tuple[object, str], ...]:
        return self.choices


@dataclass(frozen=True, slots=True)
class Scale:
    code: str
    name: str
    items: tuple[ScaleItem, ...]
    range: tuple[Total, Total]
    source: str
    total_text: str
    labels: tuple[tuple[str, str], ...] = ()  # (which totals, label), for the reference page
    compute: Callable[[Mapping[str, object]], tuple[Total, str | None]] = field(
        default=lambda items: (0, None), repr=False, compare=False
    )

    def item(self, code: str) -> ScaleItem:
        for item in self.items:
            if item.code == code:
                return item
        raise ValueError(f"{self.code}: unknown item {code!r}")


@dataclass(frozen=True, slots=True)
class Score:
    scale: str
    total: Total
    label: str | None
    range: tuple[Total, Total]
    items: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


def score(scale: str, items: Mapping[str, object]) -> Score:
    """Validate ``items`` against the scale's definition and compute its total and label.

    An unknown scale, unknown or missing items, and values of the wrong type or out of range
    raise ``ValueError`` naming the scale and item."""
    definition = SCALES[require_code("scale", scale, SCALES)]
    given = require_mapping(f"{scale}: items", items)
    known = {item.code for item in definition.items}
    unknown = [code for code in given if code not in known]
    if unknown:
        raise ValueError(f"{scale}: unknown item(s) {', '.join(map(repr, unknown))}")
    values: dict[str, object] = {}
    for item in definition.items:
        if given.get(item.code) is None:
            if item.required:
                raise ValueError(f"{scale}: item {item.code!r} is missing")
            continue
        values[item.code] = _check_item(scale, item, given[item.code])
    total, label = definition.compute(values)
    return Score(definition.code, total, label, definition.range, MappingProxyType(values))


def _check_item(scale: str, item: ScaleItem, value: object) -> object:
    name = f"{scale}.{item.code}"
    if item.type == "choice":
        for choice, _ in item.choices:
            if type(value) is type(choice) and value == choice:
                return value
        allowed = ", ".join(repr(c) for c, _ in item.choices)
        raise ValueError(f"{name}: {value!r} is not one of {allowed}")
    if item.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name}: expected a whole number, got {value!r}")
        if item.minimum is not None and value < item.minimum:
            raise ValueError(f"{name}: {value} is below {item.minimum:g}")
        if item.maximum is not None and value > item.maximum:
            raise ValueError(f"{name}: {value} is above {item.maximum:g}")
        return value
    return require_number(
        name, value, minimum=item.minimum, maximum=item.maximum, positive=item.positive
    )


# -- the scales ----------------------------------------------------------------------------------


def _int(
    code: str,
    label: str,
    low: int,
    high: int | None,
    anchors: tuple[str, ...] = (),
    *,
    required: bool = True,
    summed: bool = True,
) -> ScaleItem:
    choices = tuple(zip(range(low, low + len(anchors)), anchors, strict=True)) if anchors else ()
    return ScaleItem(code, label, "integer", low, high, choices, required, summed)


def _i(items: Items, code: str) -> int:
    value = items[code]
    assert isinstance(value, int)
    return value


def _f(items: Items, code: str) -> float:
    value = items[code]
    assert isinstance(value, int | float)
    return float(value)


def _labelled(labels: Mapping[int, str], key: str) -> Callable[[Items], tuple[Total, str | None]]:
    def compute(items: Items) -> tuple[Total, str | None]:
        value = _i(items, key)
        return value, labels[value]

    return compute


def _sum_of(
    codes: tuple[str, ...],
    weights: tuple[int, ...] | None = None,
) -> Callable[[Items], tuple[Total, str | None]]:
    factors = weights or (1,) * len(codes)

    def compute(items: Items) -> tuple[Total, str | None]:
        return sum(f * _i(items, c) for c, f in zip(codes, factors, strict=True)), None

    return compute


# Goodman & Baron quantitative (§9.2): points per scar type, times 1/2/3 for 1–10/11–20/>20 scars.
_GB_TYPES: Final = (
    ("macular", "Macular erythematous or pigmented scars", 1),
    ("mild_atrophic", "Mildly atrophic dish-like scars", 1),
    ("moderate_atrophic", "Moderately atrophic dish-like scars", 2),
    ("punched_out_shallow_small", "Punched-out scars with shallow bases, small (<5 mm)", 2),
    ("shallow_broad_atrophic", "Shallow but broad atrophic areas", 2),
    ("punched_out_deep_normal_small", "Punched-out, deep but normal bases, small (<5 mm)", 3),
    ("punched_out_deep_abnormal_small", "Punched-out, deep abnormal bases, small (<5 mm)", 3),
    ("linear_troughed", "Linear or troughed dermal scarring", 3),
    ("deep_broad_atrophic", "Deep broad atrophic areas", 3),
    ("papular", "Papular scars", 2),
)  # fmt: skip


def _count_band(count: int) -> int:
    return 0 if count == 0 else 1 if count <= 10 else 2 if count <= 20 else 3


def _keloid_points(area_cm2: float) -> int:
    return 0 if area_cm2 == 0 else 6 if area_cm2 < 5 else 12 if area_cm2 <= 20 else 18


def _goodman_baron_quantitative(items: Items) -> tuple[Total, str | None]:
    total = sum(points * _count_band(_i(items, code)) for code, _, points in _GB_TYPES)
    return total + _keloid_points(_f(items, "keloid_area_cm2")), None


_ECCA: Final = (
    ("v_shaped", "V-shaped atrophic scars, diameter <2 mm", 15),
    ("u_shaped", "U-shaped atrophic scars, 2–4 mm", 20),
    ("m_shaped", "M-shaped atrophic scars, >4 mm", 25),
    ("superficial_elastolysis", "Superficial elastolysis", 30),
    ("hypertrophic_inflammatory", "Hypertrophic inflammatory scars, <2 years old", 40),
    ("keloid", "Keloid or hypertrophic scars, >2 years old", 50),
)
_ECCA_COUNT: Final = ("none", "fewer than 5 scars", "5 to 20 scars", "more than 20 scars")

_MASI_REGIONS: Final = (
    ("forehead", "Forehead", 3),
    ("right_malar", "Right malar", 3),
    ("left_malar", "Left malar", 3),
    ("chin", "Chin", 1),
)  # weights in tenths: 0.3, 0.3, 0.3, 0.1
_MASI_AREA: Final = ("none", "<10 %", "10–29 %", "30–49 %", "50–69 %", "70–89 %", "90–100 %")
_MASI_GRADE: Final = ("absent", "slight", "mild", "marked", "severe")


def _masi(homogeneity: bool) -> Callable[[Items], tuple[Total, str | None]]:
    def compute(items: Items) -> tuple[Total, str | None]:
        tenths = 0
        for region, _, weight in _MASI_REGIONS:
            severity = _i(items, f"{region}_darkness")
            if homogeneity:
                severity += _i(items, f"{region}_homogeneity")
            tenths += weight * _i(items, f"{region}_area") * severity
        return tenths / 10, None

    return compute


def _masi_items(homogeneity: bool) -> tuple[ScaleItem, ...]:
    items = []
    for region, name, _ in _MASI_REGIONS:
        items.append(_int(f"{region}_area", f"{name}: area involved", 0, 6, _MASI_AREA))
        items.append(_int(f"{region}_darkness", f"{name}: darkness", 0, 4, _MASI_GRADE))
        if homogeneity:
            items.append(_int(f"{region}_homogeneity", f"{name}: homogeneity", 0, 4, _MASI_GRADE))
    return tuple(items)


_POSAS_ANCHORS: Final = "1 = like normal skin, 10 = worst imaginable scar or sensation"


def _posas(items: tuple[tuple[str, str], ...]) -> tuple[ScaleItem, ...]:
    summed = tuple(_int(code, f"{label} ({_POSAS_ANCHORS})", 1, 10) for code, label in items)
    overall = _int(
        "overall",
        "Overall opinion (1–10, not added to the total)",
        1,
        10,
        required=False,
        summed=False,
    )
    return (*summed, overall)


_POSAS_OBSERVER: Final = (
    ("vascularity", "Vascularity"), ("pigmentation", "Pigmentation"), ("thickness", "Thickness"),
    ("relief", "Relief"), ("pliability", "Pliability"), ("surface_area", "Surface area"),
)  # fmt: skip
_POSAS_PATIENT: Final = (
    ("pain", "Pain"), ("itching", "Itching"), ("colour", "Colour"), ("stiffness", "Stiffness"),
    ("thickness", "Thickness"), ("irregularity", "Irregularity"),
)  # fmt: skip

_GAIS: Final = {
    1: "very much improved", 2: "much improved", 3: "improved", 4: "no change", 5: "worse",
}  # fmt: skip
_GAIS_WORDING: Final = (
    "Very much improved: optimal cosmetic result",
    "Much improved: marked improvement from the initial condition, but not completely optimal",
    "Improved: obvious improvement in appearance from the initial condition",
    "No change: the appearance is essentially the same as the original condition",
    "Worse: the appearance is worse than the original condition",
)

_GB_QUALITATIVE: Final = {1: "macular", 2: "mild", 3: "moderate", 4: "severe"}
_GB_QUALITATIVE_WORDING: Final = (
    "Macular: flat marks, a problem of colour, not contour",
    "Mild: mild atrophy or hypertrophy, not obvious at 50 cm or more, covered by makeup",
    "Moderate: obvious at 50 cm or more, not easily covered; atrophic scars flatten on stretching",
    "Severe: obvious at 50 cm or more, not easily covered; do not flatten on stretching",
)

_FITZPATRICK_WRINKLE_WORDING: Final = (
    *(["Class I: fine wrinkles"] * 3),
    *(["Class II: fine to moderately deep wrinkles, moderate number of lines"] * 3),
    *(["Class III: fine to deep wrinkles, numerous lines, with or without redundant folds"] * 3),
)

_GLOGAU: Final = {
    1: "mild: no wrinkles",
    2: "moderate: wrinkles in motion",
    3: "advanced: wrinkles at rest",
    4: "severe: only wrinkles",
}

_NORWOOD: Final = (
    ("I", 1, "Minimal recession of the hairline along the anterior border (frontotemporal)"),
    ("II", 2, "Symmetrical triangular frontotemporal recessions, up to about 2 cm in front of the "
              "line between the ear canals"),
    ("IIa", 2, "The entire anterior hairline lies high; denudation no further than 2 cm from the "
               "frontal line"),
    ("III", 3, "Deep frontotemporal recession beyond that point; the minimal level of baldness"),
    ("IIIa", 3, "Denudation reaches the mid-coronal line"),
    ("III vertex", 3, "Hair lost mainly at the vertex; frontal recession not beyond type III"),
    ("IV", 4, "More severe frontal recession and sparse or absent vertex hair, separated by a band "
              "of moderately dense hair"),
    ("IVa", 4, "Denudation extends beyond the mid-coronal line"),
    ("V", 5, "Larger vertex and frontotemporal areas; the band between them narrower and sparser"),
    ("Va", 5, "Most advanced degree of the 'a' variant"),
    ("VI", 6, "The bridge is lost; frontotemporal and vertex areas joined"),
    ("VII", 7, "Only a narrow horseshoe band at the sides and back"),
)  # fmt: skip
_LUDWIG: Final = (
    ("I", 1, "Perceptible thinning on the crown, 1–3 cm behind the frontal hairline"),
    ("II", 2, "Pronounced rarefaction within the same area, scalp showing"),
    ("III", 3, "Full baldness (denudation) within that area"),
)


def _staged(
    stages: tuple[tuple[str, int, str], ...],
) -> Callable[[Items], tuple[Total, str | None]]:
    numbers = {code: number for code, number, _ in stages}

    def compute(items: Items) -> tuple[Total, str | None]:
        code = str(items["type"])
        return numbers[code], code

    return compute


def _hair_density(items: Items) -> tuple[Total, str | None]:
    count = _i(items, "count")
    area = _f(items, "area_cm2")
    try:
        density = count / area
    except OverflowError:
        density = math.inf
    if not math.isfinite(density):
        raise ValueError("hair_density: count ÷ area_cm2 is not a finite number")
    return density, None


# Units an area may be entered in, with their size in cm² (1 inch = 2.54 cm exactly). A count per
# square inch entered as per cm² would overstate a density 6.45 times.
AREA_UNITS: Final[dict[str, tuple[str, float]]] = {
    "cm2": ("cm²", 1.0),
    "in2": ("square inches (in²)", 2.54 * 2.54),
}


def area_to_cm2(value: object, unit: str) -> float:
    """An area entered in ``unit`` (a code of AREA_UNITS) in cm²; bad input: ValueError."""
    if not isinstance(unit, str) or unit not in AREA_UNITS:
        raise ValueError(
            f"unit: unknown area unit {unit!r}; expected one of {', '.join(AREA_UNITS)}"
        )
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"area: expected a number, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"area: {value!r} must be a finite number of 0 or more")
    return float(value) * AREA_UNITS[unit][1]


_QUARTILE: Final = {0: "none", 1: "<25 %", 2: "25–50 %", 3: "51–75 %", 4: ">75 %"}

_SCALE_LIST: Final[tuple[Scale, ...]] = (
    Scale(
        "goodman_baron_quantitative",
        "Goodman & Baron quantitative global acne-scarring grade",
        (
            *(_int(code, f"{label}: number of scars", 0, None) for code, label, _ in _GB_TYPES),
            ScaleItem(
                "keloid_area_cm2", "Keloidal or hypertrophic scars: area in cm²", "number", 0, None
            ),
        ),
        (0, 84),
        "microneedling.md §9.2: Goodman & Baron, J Cosmet Dermatol 2006 [V abstract]; point "
        "values [K], maximum 84 [K/D]; verify against the original before release (§11.8)",
        "Per scar type: points (1 macular and mildly atrophic; 2 moderately atrophic, "
        "punched-out shallow, shallow broad, papular; 3 punched-out deep, linear or troughed, "
        "deep broad) × (0 scars: 0; 1–10: 1; 11–20: 2; more than 20: 3); plus keloid area "
        "(0: 0; above 0 and under 5 cm²: 6; 5–20 cm²: 12; above 20 cm²: 18).",
        compute=_goodman_baron_quantitative,
    ),
    Scale(
        "goodman_baron_qualitative",
        "Goodman & Baron qualitative global acne-scarring grade",
        (
            ScaleItem(
                "grade",
                "Grade",
                "integer",
                1,
                4,
                tuple(zip(range(1, 5), _GB_QUALITATIVE_WORDING, strict=True)),
            ),
        ),
        (1, 4),
        "microneedling.md §9.1: Goodman & Baron, Dermatol Surg 2006 [V abstract]; grade wording "
        "from a reproduction of the original table [S]; the stretching criterion [K]",
        "The grade (1 to 4).",
        tuple((str(k), v) for k, v in _GB_QUALITATIVE.items()),
        _labelled(_GB_QUALITATIVE, "grade"),
    ),
    Scale(
        "ecca",
        "ECCA (Échelle d'Évaluation Clinique des Cicatrices d'Acné)",
        tuple(_int(code, f"{label}: how many", 0, 3, _ECCA_COUNT) for code, label, _ in _ECCA),
        (0, 540),
        "microneedling.md §9.3: Dreno 2007 [V abstract]; weights [K]; verify against the "
        "original before release (§11.8)",
        "Σ weight × count grade (0 none; 1 fewer than 5; 2 5 to 20; 3 more than 20), weights "
        "15, 20, 25, 30, 40, 50.",
        compute=_sum_of(tuple(c for c, _, _ in _ECCA), tuple(w for _, _, w in _ECCA)),
    ),
    Scale(
        "posas_observer",
        "POSAS observer scale",
        _posas(_POSAS_OBSERVER),
        (6, 60),
        "microneedling.md §9.7: POSAS 2.0, posas.nl [V]; van de Kar 2005",
        "Sum of the six items (1–10 each); the overall opinion is not added.",
        compute=_sum_of(tuple(c for c, _ in _POSAS_OBSERVER)),
    ),
    Scale(
        "posas_patient",
        "POSAS patient scale",
        _posas(_POSAS_PATIENT),
        (6, 60),
        "microneedling.md §9.7: POSAS 2.0, posas.nl [V]; van de Kar 2005",
        "Sum of the six items (1–10 each); the overall opinion is not added.",
        compute=_sum_of(tuple(c for c, _ in _POSAS_PATIENT)),
    ),
    Scale(
        "vss",
        "Vancouver Scar Scale (original, 0–13)",
        (
            _int(
                "pigmentation",
                "Pigmentation",
                0,
                2,
                ("normal", "hypopigmentation", "hyperpigmentation"),
            ),
            _int("vascularity", "Vascularity", 0, 3, ("normal", "pink", "red", "purple")),
            _int(
                "pliability",
                "Pliability",
                0,
                5,
                ("normal", "supple", "yielding", "firm", "banding or ropes", "contracture"),
            ),
            _int("height", "Height", 0, 3, ("flat", "<2 mm", "2–5 mm", ">5 mm")),
        ),
        (0, 13),
        "microneedling.md §9.8: Sullivan 1990; Baryza 1995; total 0–13 [V]; anchors [V]; "
        "variants exist (§11.7), this is the original",
        "Sum of the four items.",
        compute=_sum_of(("pigmentation", "vascularity", "pliability", "height")),
    ),
    Scale(
        "gais",
        "Global Aesthetic Improvement Scale (GAIS)",
        (
            ScaleItem(
                "score",
                "Score",
                "integer",
                1,
                5,
                tuple(zip(range(1, 6), _GAIS_WORDING, strict=True)),
            ),
            ScaleItem(
                "rater",
                "Rater",
                "choice",
                choices=(("clinician", "Clinician (investigator)"), ("subject", "Subject")),
            ),
        ),
        (1, 5),
        "microneedling.md §9.6: wording as printed in the SkinPen labelling (Subject GAIS) [V]",
        "The score (1 to 5); the rater is stored with it.",
        tuple((str(k), v) for k, v in _GAIS.items()),
        _labelled(_GAIS, "score"),
    ),
    Scale(
        "masi",
        "Melasma Area and Severity Index (MASI)",
        _masi_items(homogeneity=True),
        (0, 48),
        "microneedling.md §9.11: Kimbrough-Green 1994; formula [S code, consistent with K]; "
        "area bands [K]",
        "0.3 × forehead + 0.3 × right malar + 0.3 × left malar + 0.1 × chin, each region "
        "area × (darkness + homogeneity).",
        compute=_masi(homogeneity=True),
    ),
    Scale(
        "mmasi",
        "Modified MASI (mMASI, without homogeneity)",
        _masi_items(homogeneity=False),
        (0, 24),
        "microneedling.md §9.11: modified MASI drops homogeneity, range 0–24 [K]",
        "0.3 × forehead + 0.3 × right malar + 0.3 × left malar + 0.1 × chin, each region "
        "area × darkness.",
        compute=_masi(homogeneity=False),
    ),
    Scale(
        "fitzpatrick_wrinkle",
        "Fitzpatrick wrinkle classification",
        (
            ScaleItem(
                "score",
                "Score",
                "integer",
                1,
                9,
                tuple(zip(range(1, 10), _FITZPATRICK_WRINKLE_WORDING, strict=True)),
            ),
        ),
        (1, 9),
        "microneedling.md §9.4: Fitzpatrick 1996 [K]; class wording in secondary sources [S]",
        "The score (1 to 9); class I for 1–3, II for 4–6, III for 7–9.",
        (("1–3", "I"), ("4–6", "II"), ("7–9", "III")),
        _labelled({s: ("I", "II", "III")[(s - 1) // 3] for s in range(1, 10)}, "score"),
    ),
    Scale(
        "glogau",
        "Glogau photoageing classification",
        (ScaleItem("type", "Type", "integer", 1, 4, tuple(_GLOGAU.items())),),
        (1, 4),
        "microneedling.md §9.5: Glogau 1996 [K citation]; content in several secondary sources [S]",
        "The type (1 to 4).",
        tuple((str(k), v) for k, v in _GLOGAU.items()),
        _labelled(_GLOGAU, "type"),
    ),
    Scale(
        "norwood",
        "Norwood–Hamilton classification (modified), male pattern hair loss",
        (
            ScaleItem(
                "type",
                "Type",
                "choice",
                choices=tuple((code, f"{code}: {text}") for code, _, text in _NORWOOD),
            ),
        ),
        (1, 7),
        "microneedling.md §9.10: Norwood–Hamilton (modified), PMC6580804 Table 1 [V]",
        "The stage number (I to VII, 'a' and vertex variants share their stage); the label is "
        "the type.",
        tuple((code, str(number)) for code, number, _ in _NORWOOD),
        _staged(_NORWOOD),
    ),
    Scale(
        "ludwig",
        "Ludwig classification, female pattern hair loss",
        (
            ScaleItem(
                "type",
                "Type",
                "choice",
                choices=tuple((code, f"{code}: {text}") for code, _, text in _LUDWIG),
            ),
        ),
        (1, 3),
        "microneedling.md §9.10: Ludwig 1977 [S/V]; review Gupta & Mysore 2016 [V]",
        "The stage number (I to III); the label is the type.",
        tuple((code, str(number)) for code, number, _ in _LUDWIG),
        _staged(_LUDWIG),
    ),
    Scale(
        "hair_density",
        "Hair density (hairs per cm²)",
        (
            _int("count", "Hairs counted", 0, None),
            ScaleItem(
                "area_cm2",
                "Area counted (e.g. a tattoo-marked 1 cm²)",
                "number",
                0,
                None,
                positive=True,
                area_units=True,
            ),
        ),
        (0, math.inf),
        "microneedling.md §9.10: Dhurat 2013, hairs counted in a tattoo-marked 1 cm² target "
        "area [V]; Kumar 2018 trichoscopic count [V]",
        "count ÷ area_cm2 (area above 0); an area entered in square inches is converted to cm² "
        "first (1 in² = 6.4516 cm²), so a count per inch² is never read as per cm².",
        compute=_hair_density,
    ),
    Scale(
        "quartile_improvement",
        "Quartile improvement grade",
        (ScaleItem("grade", "Grade", "integer", 0, 4, tuple(_QUARTILE.items())),),
        (0, 4),
        "microneedling.md §9.9: quartile score used by Dogra 2014 [V]; cut-points [K]",
        "The grade (0 to 4).",
        tuple((str(k), v) for k, v in _QUARTILE.items()),
        _labelled(_QUARTILE, "grade"),
    ),
)

SCALES: Final[Mapping[str, Scale]] = MappingProxyType({s.code: s for s in _SCALE_LIST})

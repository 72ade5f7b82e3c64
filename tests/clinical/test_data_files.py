import copy
import re

import pytest

from needling.clinical import (
    INDICATIONS,
    NO_SOURCE,
    PROTOCOLS,
    SCALES,
    SCREENING_RULES,
    ZONES,
    ClinicalDataError,
)
from needling.clinical.aftercare import AFTERCARE_RULES, load_aftercare
from needling.clinical.datafiles import check_source, read_data_file
from needling.clinical.intake import load_rules
from needling.clinical.protocols import load_protocols
from needling.clinical.zones import LIMITS, load_indications, load_zones

CITED = re.compile(r"§\s?\d+.*\[(V|S|K|D|C)\b", re.S)


def every_source():
    yield LIMITS.absolute_max_depth_source
    yield LIMITS.fitzpatrick_note_source
    for z in ZONES.values():
        yield z.recommended_source
        if z.treatable:
            yield z.cap_source
        if z.caution_above_source:
            yield z.caution_above_source
        yield from (r.source for r in z.ranges)
    yield from (i.source for i in INDICATIONS.values())
    for p in PROTOCOLS.values():
        yield from (p.source, p.min_days_source, p.max_days_source, p.sessions_source)
    for r in SCREENING_RULES.values():
        yield r.source
        if r.stop_source:
            yield r.stop_source
    yield from (r.source for r in AFTERCARE_RULES)
    yield from (s.source for s in SCALES.values())


def test_every_default_cites_its_source_or_says_it_has_none():
    for source in every_source():
        assert NO_SOURCE in source or CITED.search(source), source


def test_the_no_source_phrase_is_used_where_the_literature_has_no_number():
    assert NO_SOURCE in ZONES["hands"].recommended_source
    assert NO_SOURCE in ZONES["arms"].cap_source
    assert NO_SOURCE in SCREENING_RULES["gold_threads"].source
    assert NO_SOURCE in (SCREENING_RULES["date_of_birth"].stop_source or "")


@pytest.mark.parametrize(
    "text", ["", "Dr. Pen chart", "microneedling.md §4.2", "[V] somewhere", None, 3]
)
def test_a_source_without_section_and_tag_is_refused(text):
    with pytest.raises(ClinicalDataError):
        check_source(text, "here")


def test_the_data_error_is_a_value_error():
    assert issubclass(ClinicalDataError, ValueError)


@pytest.fixture
def zones_raw():
    return read_data_file("zones.toml")


def test_the_shipped_zone_file_loads(zones_raw):
    zones, _ = load_zones(zones_raw)
    assert zones["cheeks"] == ZONES["cheeks"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["zones"]["cheeks"].update(capp=2.0), "unknown key"),
        (lambda d: d["zones"]["cheeks"].pop("cap_source"), "cap_source"),
        (lambda d: d["zones"]["cheeks"].update(cap_source="a chart"), "cap_source"),
        (lambda d: d["zones"]["cheeks"].update(cap=0.9), "cap"),
        (lambda d: d["zones"]["cheeks"].update(cap=3.5), "cap"),
        (lambda d: d["zones"]["cheeks"].update(recommended=[1.0, 0.5]), "recommended"),
        (lambda d: d["zones"]["cheeks"].update(recommended=["a", 1]), "recommended"),
        (lambda d: d["zones"]["cheeks"].update(region="body"), "region"),
        (lambda d: d["zones"].pop("thighs"), "thighs"),
        (lambda d: d["zones"].update(legs=d["zones"]["thighs"]), "legs"),
        (lambda d: d["zones"]["cheeks"]["ranges"][0].update(indications=["scars"]), "scars"),
        (lambda d: d["limits"].update(absolute_max_depth_mm=3.5), "absolute_max_depth_mm"),
        (lambda d: d["zones"]["cheeks"].update(caution_above=2.5), "caution_above"),
    ],
)
def test_a_bad_zone_file_fails_loudly(zones_raw, change, message):
    data = copy.deepcopy(zones_raw)
    change(data)
    with pytest.raises(ClinicalDataError, match=message):
        load_zones(data)


def test_a_bad_indication_file_fails_loudly():
    data = copy.deepcopy(read_data_file("indications.toml"))
    del data["texture"]
    with pytest.raises(ClinicalDataError, match="texture"):
        load_indications(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["standard"].update(min_days=60), "max_days"),
        (lambda d: d["standard"]["sources"].pop("min_days"), "min_days"),
        (lambda d: d["hair_weekly"].update(sessions=[0, 12]), "sessions"),
        (lambda d: d["standard"].update(min_days=42.0), "min_days"),
    ],
)
def test_a_bad_protocol_file_fails_loudly(change, message):
    data = copy.deepcopy(read_data_file("protocols.toml"))
    change(data)
    with pytest.raises(ClinicalDataError, match=message):
        load_protocols(data)


def _rule(data, code):
    return next(r for r in data["rules"] if r["code"] == code)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _rule(d, "pregnant").update(severity="caution"), "vocabulary"),
        (lambda d: _rule(d, "pregnant").update(overridable=True), "overridable"),
        (lambda d: _rule(d, "gold_threads").update(source="folk wisdom"), "source"),
        (lambda d: _rule(d, "recent_filler_or_toxin").update(window_months=1), "exactly one"),
        (lambda d: d["rules"].pop(), "sensitive_skin"),
        (lambda d: d["rules"].append(dict(d["rules"][1])), "twice"),
        (lambda d: _rule(d, "fitzpatrick_type").update(finding_from=9), "finding_from"),
    ],
)
def test_a_bad_screening_file_fails_loudly(change, message):
    data = copy.deepcopy(read_data_file("screening.toml"))
    change(data)
    with pytest.raises(ClinicalDataError, match=message):
        load_rules(data)


def test_a_bad_aftercare_file_fails_loudly():
    data = copy.deepcopy(read_data_file("aftercare.toml"))
    data["steps"][1]["above_mm"] = 1.0
    with pytest.raises(ClinicalDataError, match="above_mm"):
        load_aftercare(data)


def test_a_missing_data_file_fails_loudly():
    with pytest.raises(ClinicalDataError, match=r"nothing\.toml"):
        read_data_file("nothing.toml")

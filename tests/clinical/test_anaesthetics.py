"""anaesthetic_findings: the contract of vocabulary.md, "Topical anaesthetics"."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from needling.clinical import ANAESTHETIC_AGENTS, NO_SOURCE, anaesthetic_findings


def codes(**over: Any) -> dict[str, str]:
    args: dict[str, Any] = {
        "agents": {"lidocaine": 2.5, "prilocaine": 2.5},
        "area_cm2": 300,
        "contact_minutes": 45,
        "occluded": False,
    }
    args.update(over)
    return {f.code: f.severity for f in anaesthetic_findings(**args)}


def test_agent_codes() -> None:
    assert list(ANAESTHETIC_AGENTS) == ["lidocaine", "prilocaine", "tetracaine", "benzocaine"]


def test_emla_unwrapped_at_the_limits_raises_nothing() -> None:
    assert codes(area_cm2=600, contact_minutes=60) == {}
    assert codes(agents={"lidocaine": 4}) == {}


def test_23pct_lidocaine_on_500_cm2_for_45_minutes_unwrapped_warns() -> None:
    found = anaesthetic_findings(
        agents={"lidocaine": 23}, area_cm2=500, contact_minutes=45, occluded=False
    )
    assert [(f.code, f.severity) for f in found] == [("lidocaine_above_4pct", "caution")]
    assert "23 %" in found[0].message
    assert "§6.1" in found[0].source


def test_strong_lidocaine_wrapped_or_large_is_an_overridable_stop() -> None:
    wrapped = codes(agents={"lidocaine": 10}, occluded=True)
    assert wrapped == {
        "lidocaine_above_4pct": "caution",
        "strong_lidocaine_wrapped_or_large": "stop",
        "occluded": "caution",
    }
    large = codes(agents={"lidocaine": 4.5}, area_cm2=601)
    assert large == {
        "lidocaine_above_4pct": "caution",
        "strong_lidocaine_wrapped_or_large": "stop",
        "large_area": "caution",
    }
    stop = next(
        f
        for f in anaesthetic_findings(
            agents={"lidocaine": 10}, area_cm2=0, contact_minutes=0, occluded=True
        )
        if f.severity == "stop"
    )
    assert stop.overridable


def test_combination_above_4pct() -> None:
    assert codes(agents={"lidocaine": 23, "tetracaine": 7}) == {
        "lidocaine_above_4pct": "caution",
        "combination_above_4pct": "caution",
    }
    # any agent above 4 %, not only lidocaine
    assert codes(agents={"benzocaine": 20, "tetracaine": 4}) == {
        "combination_above_4pct": "caution"
    }
    assert codes(agents={"tetracaine": 7}) == {}


def test_each_rule_fires_alone() -> None:
    assert codes(occluded=True) == {"occluded": "caution"}
    assert codes(contact_minutes=61) == {"long_contact": "caution"}
    assert codes(contact_minutes=Decimal("60.5")) == {"long_contact": "caution"}
    assert codes(area_cm2=601) == {"large_area": "caution"}
    assert codes(on_needled_skin=True) == {"on_needled_skin": "stop"}


def test_large_area_says_it_has_no_published_source() -> None:
    (f,) = anaesthetic_findings(
        agents={"lidocaine": 2.5}, area_cm2=900, contact_minutes=10, occluded=False
    )
    assert NO_SOURCE in f.source


def test_every_finding_has_a_sentence_and_a_source() -> None:
    found = anaesthetic_findings(
        agents={"lidocaine": Decimal("23"), "tetracaine": 7},
        area_cm2=Decimal("700"),
        contact_minutes=90,
        occluded=True,
        on_needled_skin=True,
    )
    assert len(found) == 7
    for f in found:
        assert f.message.endswith(".")
        assert f.source
    assert found[0].severity == "stop"


@pytest.mark.parametrize(
    ("over", "culprit"),
    [
        ({"agents": {}}, "agents"),
        ({"agents": {"cocaine": 4}}, "cocaine"),
        ({"agents": {"lidocaine": 0}}, "lidocaine"),
        ({"agents": {"lidocaine": -1}}, "lidocaine"),
        ({"agents": {"lidocaine": 100.5}}, "lidocaine"),
        ({"agents": {"lidocaine": True}}, "lidocaine"),
        ({"agents": {"lidocaine": "4"}}, "lidocaine"),
        ({"agents": {"lidocaine": math.nan}}, "lidocaine"),
        ({"agents": [("lidocaine", 4)]}, "agents"),
        ({"area_cm2": -1}, "area_cm2"),
        ({"area_cm2": math.inf}, "area_cm2"),
        ({"area_cm2": True}, "area_cm2"),
        ({"contact_minutes": -5}, "contact_minutes"),
        ({"contact_minutes": Decimal("NaN")}, "contact_minutes"),
        ({"contact_minutes": None}, "contact_minutes"),
        ({"occluded": 1}, "occluded"),
        ({"on_needled_skin": "yes"}, "on_needled_skin"),
    ],
)
def test_bad_input_raises_value_error_naming_the_culprit(
    over: dict[str, Any], culprit: str
) -> None:
    with pytest.raises(ValueError, match=culprit):
        codes(**over)


def test_strength_of_100_and_area_of_0_are_accepted() -> None:
    assert "lidocaine_above_4pct" in codes(agents={"lidocaine": 100}, area_cm2=0)

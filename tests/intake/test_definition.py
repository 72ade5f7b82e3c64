"""The questionnaire definition comes from the rule registry and is checked against it."""

from __future__ import annotations

from typing import Any

import pytest

from needling.clinical import SCREENING_RULES
from needling.intake.definition import FROM_RECORD, default_items, parse_items


def test_every_rule_not_on_the_record_is_asked() -> None:
    asked = {item.code for item in default_items() if item.is_answer}
    assert asked == set(SCREENING_RULES) - set(FROM_RECORD)


def test_dated_rules_are_follow_ups_of_a_yes_no_gate() -> None:
    items = {item.key: item for item in default_items()}
    for item in items.values():
        if item.type == "date":
            gate = items[item.show_if or ""]
            assert gate.type == "boolean"
            assert gate.code == item.code
    assert items["isotretinoin_last_dose"].show_if == "isotretinoin_past"
    assert items["recent_filler_or_toxin"].show_if == "filler_or_toxin_ever"


def test_wording_comes_from_the_rules() -> None:
    items = {item.key: item for item in default_items()}
    assert items["pregnant"].wording == SCREENING_RULES["pregnant"].question


def _raw(**changes: Any) -> list[dict[str, Any]]:
    items = [item.to_dict() for item in default_items()]
    items[0].update(changes)
    return items


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "made_up", "key": "made_up"}, "not an intake code"),
        ({"code": "date_of_birth", "key": "date_of_birth"}, "not an intake code"),
        ({"type": "date"}, "answered as boolean"),
        ({"wording": ""}, "wording must be"),
        ({"wording": "x" * 301}, "wording must be"),
        ({"wording": "Bad\x00"}, "control character"),
        ({"show_if": "nowhere"}, "must name an earlier yes/no item"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_bad_items_are_refused_naming_the_culprit(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_items(_raw(**changes))


def test_a_duplicate_key_is_refused() -> None:
    items = _raw()
    items.append(dict(items[0]))
    with pytest.raises(ValueError, match="appears twice"):
        parse_items(items)


def test_an_empty_questionnaire_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one item"):
        parse_items([])

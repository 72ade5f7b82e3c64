"""Typed intake answers: how they are stored (JSON with ISO dates) and read back (validated).

Stored: ``{"pregnant": true, "isotretinoin_last_dose": "2025-03-01", ...}``. Reading checks every
value against its item's type, so a damaged row fails loudly instead of screening wrongly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from needling.intake.definition import Item

Answer = bool | date | int | None


def encode(answers: Mapping[str, Answer]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if value is None:
            continue
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def decode(items: Iterable[Item], stored: Mapping[str, Any]) -> dict[str, Answer]:
    by_key = {item.key: item for item in items}
    answers: dict[str, Answer] = {}
    for key, raw in stored.items():
        item = by_key.get(key)
        if item is None:
            raise ValueError(f"stored answer {key!r} is not an item of its questionnaire")
        answers[key] = _typed(item, raw)
    return answers


def _typed(item: Item, raw: Any) -> Answer:
    if item.type == "boolean" and isinstance(raw, bool):
        return raw
    if item.type == "integer" and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if item.type == "date" and isinstance(raw, str):
        return date.fromisoformat(raw)
    raise ValueError(f"stored answer {item.key!r} is not a {item.type}")


def is_shown(item: Item, answers: Mapping[str, Answer]) -> bool:
    """A follow-up is asked (and counts) only when its gate was answered yes."""
    return item.show_if is None or answers.get(item.show_if) is True


def screening_answers(
    items: Iterable[Item],
    answers: Mapping[str, Answer],
    *,
    date_of_birth: date | None,
    fitzpatrick_type: int | None,
    sensitive_skin: bool,
) -> dict[str, object]:
    """What ``needling.clinical.screen`` gets: the screening items that were asked, plus the three
    answers the client record holds."""
    out: dict[str, object] = {
        "date_of_birth": date_of_birth,
        "fitzpatrick_type": fitzpatrick_type,
        "sensitive_skin": sensitive_skin,
    }
    for item in items:
        if item.is_answer and is_shown(item, answers) and answers.get(item.key) is not None:
            out[item.code] = answers[item.key]
    return out

"""The intake questionnaire's definition: items generated from the clinical rule registry
(``needling.clinical.SCREENING_RULES``).

A definition is a list of items, stored as JSON on a versioned ``IntakeForm``:

    {"key": "isotretinoin_last_dose",   # the form field (unique in the form)
     "code": "isotretinoin_last_dose",  # the vocabulary intake code the item informs
     "type": "date",                    # "boolean" | "date" | "integer"
     "wording": "...",                  # what the client reads (a clinic may revise it)
     "required": true,
     "show_if": "isotretinoin_past"}    # key of a yes/no item that must be "yes", or null

Items whose key equals their code are screening answers; the others are gate questions ("Have you
taken isotretinoin in the past?") that only decide whether a follow-up is asked. Date of birth,
Fitzpatrick type and sensitive skin come from the client record, never from the form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

from needling.clinical import SCREENING_RULES

FROM_RECORD: Final = ("date_of_birth", "fitzpatrick_type", "sensitive_skin")
TYPES: Final = ("boolean", "date", "integer")
WORDING_MAX: Final = 300

# Follow-up dates asked only after a "yes" to their gate question (Needling wording).
GATES: Final[dict[str, tuple[str, str]]] = {
    "isotretinoin_last_dose": (
        "isotretinoin_past",
        "Have you taken isotretinoin (Roaccutane, Accutane) in the past?",
    ),
    "recent_filler_or_toxin": (
        "filler_or_toxin_ever",
        "Have you had filler or wrinkle-relaxing (toxin) injections in the face?",
    ),
    "recent_facial_surgery": (
        "facial_surgery_ever",
        "Have you had facial surgery (for example a facelift or eyelid surgery)?",
    ),
    "retinoid_or_acid_last_use": (
        "retinoid_or_acid_user",
        "Do you use retinoids (retinol, tretinoin) or acid products (glycolic, AHA, BHA) on the "
        "area to be treated?",
    ),
}


@dataclass(frozen=True)
class Item:
    key: str
    code: str
    type: str
    wording: str
    required: bool = True
    show_if: str | None = None

    @property
    def is_answer(self) -> bool:
        """True when the answer goes to screening (the others are gate questions)."""
        return self.key == self.code

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_items() -> list[Item]:
    """Every screening rule as a question, in the registry's order, with gate questions in front
    of their dated follow-ups."""
    items: list[Item] = []
    for code, rule in SCREENING_RULES.items():
        if code in FROM_RECORD:
            continue
        gate = GATES.get(code)
        if gate is not None:
            items.append(Item(key=gate[0], code=code, type="boolean", wording=gate[1]))
        items.append(
            Item(
                key=code,
                code=code,
                type=rule.answer_type,
                wording=rule.question,
                show_if=gate[0] if gate else None,
            )
        )
    return items


def parse_items(raw: Iterable[Mapping[str, Any]]) -> list[Item]:
    """Items from stored or submitted JSON, checked against the rule registry.

    Raises ValueError naming the culprit: unknown codes, a type that is not the rule's, duplicate
    keys, a follow-up whose gate is missing or not a yes/no item, empty or over-long wording.
    """
    items: list[Item] = []
    keys: dict[str, Item] = {}
    for n, entry in enumerate(raw, 1):
        if not isinstance(entry, Mapping):
            raise ValueError(f"item {n}: not an object")
        unknown = set(entry) - {"key", "code", "type", "wording", "required", "show_if"}
        if unknown:
            raise ValueError(f"item {n}: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            item = Item(
                key=str(entry["key"]),
                code=str(entry["code"]),
                type=str(entry["type"]),
                wording=str(entry["wording"]).strip(),
                required=bool(entry.get("required", True)),
                show_if=None if entry.get("show_if") is None else str(entry["show_if"]),
            )
        except KeyError as missing:
            raise ValueError(f"item {n}: missing {missing}") from None
        rule = SCREENING_RULES.get(item.code)
        if rule is None or item.code in FROM_RECORD:
            raise ValueError(f"item {n}: {item.code!r} is not an intake code asked on the form")
        if item.key in keys:
            raise ValueError(f"item {n}: key {item.key!r} appears twice")
        if item.is_answer and item.type != rule.answer_type:
            raise ValueError(f"item {n}: {item.code} is answered as {rule.answer_type}")
        if not item.is_answer and item.key in SCREENING_RULES:
            raise ValueError(f"item {n}: key {item.key!r} is another intake code")
        if not item.is_answer and item.type != "boolean":
            raise ValueError(f"item {n}: the gate question {item.key} must be yes/no")
        if not item.wording or len(item.wording) > WORDING_MAX:
            raise ValueError(f"item {n}: wording must be 1 to {WORDING_MAX} characters")
        if any(ord(c) < 32 for c in item.wording):
            raise ValueError(f"item {n}: wording contains a control character")
        if item.show_if is not None:
            gate_item = keys.get(item.show_if)
            if gate_item is None or gate_item.type != "boolean" or gate_item.show_if:
                raise ValueError(
                    f"item {n}: show_if {item.show_if!r} must name an earlier yes/no item "
                    "that is not itself a follow-up"
                )
        keys[item.key] = item
        items.append(item)
    if not items:
        raise ValueError("a questionnaire needs at least one item")
    return items


def followups_of(items: Iterable[Item], gate_key: str) -> list[Item]:
    return [item for item in items if item.show_if == gate_key]

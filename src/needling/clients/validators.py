"""Validation of identity and contact fields, shared by forms, services and (later) the API.

Every message says what is wrong and what is accepted, so a person can fix it at once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

NAME_MAX = 100
NOTE_MAX = 2000
EARLIEST_BIRTH = date(1900, 1, 1)
_NAME_PUNCTUATION = frozenset("'’-. ")
_PHONE = re.compile(r"^\+?[0-9 ()\-.]+$")
# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def validate_name(value: str) -> None:
    """A person's name: 1 to 100 letters, with spaces, hyphens, apostrophes and full stops."""
    if not value or not value.strip():
        raise ValidationError("Enter a name.", code="required")
    if len(value) > NAME_MAX:
        raise ValidationError(
            f"A name can be at most {NAME_MAX} characters (this one has {len(value)}).",
            code="max_length",
        )
    if value.startswith(FORMULA_STARTS):
        raise ValidationError(
            "A name cannot start with =, +, -, @ or a tab: start it with a letter.",
            code="formula",
        )
    for char in value:
        if char in _NAME_PUNCTUATION:
            continue
        category = unicodedata.category(char)
        if category[0] not in ("L", "M"):
            raise ValidationError(
                "Use letters, spaces, hyphens, apostrophes and full stops only "
                f"(not {_shown(char)}).",
                code="invalid_character",
            )


def validate_date_of_birth(value: date | None) -> None:
    if value is None:
        return
    today = timezone.localdate()
    if value > today:
        raise ValidationError("The date of birth is in the future: check the year.", code="future")
    if value < EARLIEST_BIRTH:
        raise ValidationError("The date of birth is before 1900: check the year.", code="too_early")


def validate_phone(value: str) -> None:
    if not value:
        return
    if not _PHONE.match(value):
        raise ValidationError(
            "A phone number may contain digits, spaces, brackets, hyphens, full stops and a "
            "leading +.",
            code="invalid_phone",
        )
    digits = sum(c.isdigit() for c in value)
    if not 6 <= digits <= 20:
        raise ValidationError("A phone number needs 6 to 20 digits.", code="invalid_phone_length")


def validate_note(value: str) -> None:
    """Free text (reasons, notes): any characters a keyboard types, no control characters.

    Stored and always rendered as text (autoescaped); exports must neutralise formula starts.
    """
    if not value or not value.strip():
        raise ValidationError("Write a note: it cannot be empty.", code="required")
    if len(value) > NOTE_MAX:
        raise ValidationError(
            f"A note can be at most {NOTE_MAX} characters (this one has {len(value)}).",
            code="max_length",
        )
    for char in value:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            raise ValidationError(
                f"The note contains a control character ({_shown(char)}): remove it.",
                code="control_character",
            )


def _shown(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return f"“{char}”"
    return f"U+{ord(char):04X}"

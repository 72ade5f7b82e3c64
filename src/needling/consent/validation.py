"""Plain-text input checks shared by the consent forms and services."""

from __future__ import annotations

import re

# Control characters other than tab and line breaks: NUL and friends are never stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ConsentInputError(ValueError):
    """Bad input for a consent write; the message is shown to the person as it is."""


def clean_text(value: str, *, field: str, max_length: int, multiline: bool = False) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ConsentInputError(f"{field} is required.")
    if _CONTROL.search(text) or (not multiline and "\n" in text):
        raise ConsentInputError(f"{field} contains characters that cannot be stored.")
    if len(text) > max_length:
        raise ConsentInputError(f"{field} must be at most {max_length} characters ({len(text)}).")
    return text

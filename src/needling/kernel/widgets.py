"""Form widgets every app shares."""

from __future__ import annotations

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """An `<input type=date>`: browsers accept only an ISO value (YYYY-MM-DD) there, so the
    value is always rendered that way, whatever the locale's date format (a `01/12/2026` value
    leaves the field blank)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")

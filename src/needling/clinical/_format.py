"""Small text helpers shared by messages and the reference page."""

from __future__ import annotations

import datetime as dt


def mm(value: float) -> str:
    """A length for people: 1.0, 0.25, 1.5 (never 1 or 1.00)."""
    text = f"{value:g}"
    if "." not in text and "e" not in text:
        text += ".0"
    return text


def mm_range(low: float, high: float) -> str:
    return f"{mm(low)}–{mm(high)} mm"


def day_text(day: dt.date) -> str:
    """A date in words that cannot be misread: 14 March 2025."""
    return f"{day.day} {day:%B} {day.year}"


def days_text(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return f"{days} days ({weeks} week{'s' if weeks != 1 else ''})"
    return f"{days} day{'s' if days != 1 else ''}"

"""Input checks shared by the public functions.

Every check raises ``ValueError`` naming the culprit, never another exception. Booleans are not
numbers here, and a ``datetime`` is not a ``date``: the core works in whole days, so a timestamp
is refused rather than silently truncated.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Collection, Mapping


def require_date(name: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValueError(f"{name}: expected a datetime.date (not a datetime), got {value!r}")
    return value


def require_optional_date(name: str, value: object) -> dt.date | None:
    return None if value is None else require_date(name, value)


def require_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name}: expected True or False, got {value!r}")
    return value


def require_int(
    name: str, value: object, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name}: expected a whole number, got {value!r}")
    number = int(value)
    if minimum is not None and number < minimum:
        raise ValueError(f"{name}: {number} is below the minimum of {minimum}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name}: {number} is above the maximum of {maximum}")
    return number


def require_number(
    name: str,
    value: object,
    *,
    minimum: float | None = None,
    positive: bool = False,
    maximum: float | None = None,
) -> float:
    """A finite real number (int or float, never bool), returned as float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError) as exc:
        raise ValueError(f"{name}: {value!r} is not a finite number") from exc
    if not math.isfinite(number):
        raise ValueError(f"{name}: {value!r} is not a finite number")
    if positive and number <= 0:
        raise ValueError(f"{name}: {value!r} must be greater than 0")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name}: {value!r} is below the minimum of {minimum:g}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name}: {value!r} is above the maximum of {maximum:g}")
    return number


def require_code(name: str, value: object, allowed: Collection[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name}: unknown code {value!r}; expected one of {', '.join(allowed)}")
    return value


def require_mapping(name: str, value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name}: expected a mapping of codes to values, got {value!r}")
    for key in value:
        if not isinstance(key, str):
            raise ValueError(f"{name}: keys must be text codes, got {key!r}")
    return value


def finite_result(name: str, value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name}: the inputs give a result that is not a finite number")
    return value

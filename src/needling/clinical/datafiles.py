"""Reading and checking the TOML data files in ``needling/clinical/data``.

The files are read once, at import. A bad file (unknown key, missing key, wrong type, a number out
of bounds, a source that cites no section and firmness tag) raises ``ClinicalDataError`` naming
the file and the key, so a broken edit can never start quietly.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

NO_SOURCE: Final = "Needling default, no published source"

_SECTION = re.compile(r"§\s?\d+")
_TAG = re.compile(r"\[(?:V|S|K|D|C)\b[^\]]*\]")


class ClinicalDataError(ValueError):
    """A data file of the clinical core is malformed."""


def read_data_file(name: str) -> dict[str, Any]:
    """Parse ``data/<name>`` from the installed package."""
    path = resources.files("needling.clinical").joinpath("data", name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ClinicalDataError(f"{name}: cannot be read: {exc}") from exc


def check_source(text: object, where: str) -> str:
    """A source must cite a section of microneedling.md and a firmness tag, or say plainly that
    the number is a Needling default with no published source."""
    if not isinstance(text, str) or not text.strip():
        raise ClinicalDataError(f"{where}: a source is required")
    if NO_SOURCE in text:
        return text
    if not _SECTION.search(text) or not _TAG.search(text):
        raise ClinicalDataError(
            f"{where}: the source must cite a section (§n) and a firmness tag ([V], [S], [K], [D] "
            f"or [C]), or say '{NO_SOURCE}'; got {text!r}"
        )
    return text


class Table:
    """A TOML table read key by key; ``done()`` refuses keys nobody asked for (typos)."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise ClinicalDataError(f"{where}: expected a table")
        self._data: Mapping[str, Any] = data
        self._seen: set[str] = set()
        self.where = where

    def has(self, key: str) -> bool:
        return key in self._data

    def _get(self, key: str) -> Any:
        self._seen.add(key)
        if key not in self._data:
            raise ClinicalDataError(f"{self.where}.{key}: missing")
        return self._data[key]

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            raise ClinicalDataError(f"{self.where}.{key}: expected non-empty text")
        return value

    def source(self, key: str) -> str:
        return check_source(self._get(key), f"{self.where}.{key}")

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self._data:
            return default
        value = self._get(key)
        if not isinstance(value, bool):
            raise ClinicalDataError(f"{self.where}.{key}: expected true or false")
        return value

    def integer(self, key: str, *, minimum: int = 0) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ClinicalDataError(f"{self.where}.{key}: expected a whole number ≥ {minimum}")
        return value

    def number(self, key: str) -> float:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ClinicalDataError(f"{self.where}.{key}: expected a number")
        if not math.isfinite(value) or value < 0:
            raise ClinicalDataError(f"{self.where}.{key}: expected a finite number ≥ 0")
        return float(value)

    def pair(self, key: str, *, integer: bool = False) -> tuple[float, float]:
        value = self._get(key)
        if not isinstance(value, list) or len(value) != 2:
            raise ClinicalDataError(f"{self.where}.{key}: expected [low, high]")
        numbers: list[float] = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int if integer else int | float):
                raise ClinicalDataError(f"{self.where}.{key}: expected two numbers")
            if not math.isfinite(item) or item < 0:
                raise ClinicalDataError(f"{self.where}.{key}: numbers must be finite and ≥ 0")
            numbers.append(float(item))
        low, high = numbers
        if low > high:
            raise ClinicalDataError(f"{self.where}.{key}: low {low:g} is above high {high:g}")
        return (low, high)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ClinicalDataError(f"{self.where}.{key}: expected a list of codes")
        return tuple(value)

    def table(self, key: str) -> Table:
        return Table(self._get(key), f"{self.where}.{key}")

    def tables(self, key: str) -> list[Table]:
        if key not in self._data:
            self._seen.add(key)
            return []
        value = self._get(key)
        if not isinstance(value, list):
            raise ClinicalDataError(f"{self.where}.{key}: expected an array of tables")
        return [Table(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]

    def keys(self) -> list[str]:
        return list(self._data)

    def done(self) -> None:
        unknown = sorted(set(self._data) - self._seen)
        if unknown:
            raise ClinicalDataError(f"{self.where}: unknown key(s) {', '.join(unknown)}")


def expect_codes(where: str, found: list[str], expected: tuple[str, ...]) -> None:
    """The file must hold exactly the codes the vocabulary fixes."""
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    if missing or extra:
        raise ClinicalDataError(
            f"{where}: codes differ from vocabulary.md; missing {missing or 'none'}, "
            f"unknown {extra or 'none'}"
        )

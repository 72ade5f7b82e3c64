"""Pages of a long list without counting it: a COUNT over a clinic's years of rows costs more than
the page itself. One row past the page says whether there is a next one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Page:
    rows: Sequence[Any]
    number: int
    has_next: bool

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(rows: QuerySet[Any], number: object, size: int) -> Page:
    """Page `number` (1-based; anything else is page 1) of an ordered queryset: one query."""
    try:
        n = max(1, int(str(number)))
    except ValueError:
        n = 1
    n = min(n, 10_000)  # a page number far beyond any list must not become a huge OFFSET
    fetched = list(rows[(n - 1) * size : n * size + 1])
    return Page(rows=fetched[:size], number=n, has_next=len(fetched) > size)

"""Steering the query planner where a clinic's size would mislead it.

`not_an_index_term("client__clinic_id")` is the column as `+column` (SQLite's documented way to
keep a WHERE term from choosing the index: https://sqlite.org/optoverview.html#uplus; a no-op
for PostgreSQL). A Today list filtered by clinic through the client join otherwise starts from
every client of the clinic and probes each one's rows; with the term disqualified it starts from
the selective index of what is due and checks the clinic on the few rows it finds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func


class _UnaryPlus(Func):
    template = "(+%(expressions)s)"


def not_an_index_term(field: str) -> Any:
    return _UnaryPlus(F(field))

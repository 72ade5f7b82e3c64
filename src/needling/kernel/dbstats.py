"""Planner statistics. Without them SQLite plans some OR-ed prefix searches and joins as scans;
PostgreSQL's autovacuum gathers them eventually, but not right after a bulk import or migrate.

`refresh_statistics()` runs after every `migrate` (post_migrate), as a periodic job of the
worker (at its start, then every STATISTICS_EVERY) and from `needling optimize`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connections

# SQLite: sample at most this many index rows per index (fast on big tables; the planner needs
# proportions, not exact counts). https://sqlite.org/pragma.html#pragma_analysis_limit
SQLITE_ANALYSIS_LIMIT = 1000
STATISTICS_EVERY = timedelta(hours=24)


def refresh_statistics(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    refresh_statistics(using)

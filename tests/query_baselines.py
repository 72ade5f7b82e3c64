"""Query budgets as data: each app's tests/<app>/query_baselines.json holds the number of queries
each measured page or selector costs today, per database vendor.

A test measures with the `query_budget` fixture:

    with query_budget("chart page") as queries:  # a CaptureQueriesContext
        browser.get(url)

and fails when the block runs more queries than the committed baseline (listing them). Fewer is
fine; `scripts/update-query-baselines` reruns the measuring tests with `--update-query-baselines`
on SQLite and PostgreSQL and rewrites the files with what it measured, so a change in a budget is
a reviewed diff. A test measuring one key several times (2 rows, then 50) records the largest, so
the baseline also proves the count does not grow with the rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.test.utils import CaptureQueriesContext

FILENAME = "query_baselines.json"
_measured: dict[Path, dict[str, dict[str, int]]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-query-baselines",
        action="store_true",
        default=False,
        help="record measured query counts into query_baselines.json instead of checking them",
    )


def _load(path: Path) -> dict[str, dict[str, int]]:
    if not path.exists():
        return {}
    data: dict[str, dict[str, int]] = json.loads(path.read_text())
    return data


@pytest.fixture
def query_budget(
    request: pytest.FixtureRequest, db: None
) -> Callable[[str], AbstractContextManager[Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = Path(str(request.node.path)).parent / FILENAME
    updating = bool(request.config.getoption("--update-query-baselines"))
    vendor = connection.vendor

    @contextmanager
    def measure(key: str) -> Iterator[CaptureQueriesContext]:
        with CaptureQueriesContext(connection) as ctx:
            yield ctx
        count = len(ctx.captured_queries)
        if updating:
            entry = _measured.setdefault(path, {}).setdefault(key, {})
            entry[vendor] = max(count, entry.get(vendor, 0))
            return
        baseline = _load(path).get(key, {}).get(vendor)
        if baseline is None:
            pytest.fail(
                f"no {vendor} query baseline for {key!r} in {path.name}: "
                "run scripts/update-query-baselines"
            )
        if count > baseline:
            queries = "\n".join(
                f"{i}. {q['sql']}" for i, q in enumerate(ctx.captured_queries, start=1)
            )
            pytest.fail(
                f"{key!r} ran {count} queries on {vendor}, its baseline is {baseline} "
                f"({path.relative_to(path.parents[1])}):\n{queries}"
            )

    return measure


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not session.config.getoption("--update-query-baselines"):
        return
    for path, measured in _measured.items():
        data = _load(path)
        for key, counts in measured.items():
            data.setdefault(key, {}).update(counts)
        ordered = {k: dict(sorted(v.items())) for k, v in sorted(data.items())}
        path.write_text(json.dumps(ordered, indent=2) + "\n")

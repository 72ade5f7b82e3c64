"""Which archives in the backup folder to keep: the newest of each of the last 7 days, the last
4 ISO weeks and the last 12 months that have a backup (grandfather-father-son). These counts are
Needling defaults, not clinical rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

_NAME = re.compile(r"^needling-backup-(\d{8}T\d{6}Z)\.tar(\.age)?$")


def archive_time(name: str) -> datetime | None:
    match = _NAME.match(name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def to_keep(times: Iterable[datetime]) -> set[datetime]:
    newest_first = sorted(set(times), reverse=True)
    keep: set[datetime] = set()

    def newest_per(bucket: Callable[[date], Hashable], count: int) -> None:
        seen: list[Hashable] = []
        for at in newest_first:
            key = bucket(at.date())
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(at)

    newest_per(lambda d: d, KEEP_DAILY)
    newest_per(lambda d: d.isocalendar()[:2], KEEP_WEEKLY)
    newest_per(lambda d: (d.year, d.month), KEEP_MONTHLY)
    return keep


def prune(directory: Path) -> list[str]:
    """Delete the archives retention does not keep; returns their names. Other files are left."""
    archives: dict[datetime, list[Path]] = {}
    for path in directory.iterdir() if directory.is_dir() else []:
        at = archive_time(path.name)
        if at is not None and path.is_file():
            archives.setdefault(at, []).append(path)
    keep = to_keep(archives)
    removed = []
    for at, paths in sorted(archives.items()):
        if at in keep:
            continue
        for path in paths:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed

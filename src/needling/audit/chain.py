"""The hash chain that makes tampering with the audit log detectable."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "actor_role",
    "clinic_id",
    "client_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "request_id",
    "ip",
    "detail",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(
        {name: _canonical(fields[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int
    what: str


def verify_rows(rows: Iterator[dict[str, Any]]) -> Iterator[Problem]:
    """Check rows given in ascending seq order; yield every break in the chain."""
    expected_seq = 1
    prev = GENESIS
    for row in rows:
        if row["seq"] != expected_seq:
            yield Problem(row["seq"], f"events {expected_seq} to {row['seq'] - 1} are missing")
        if row["prev_hash"] != prev:
            yield Problem(row["seq"], "does not link to the event before it")
        if event_hash(row["prev_hash"], row) != row["hash"]:
            yield Problem(row["seq"], "its content does not match its hash (edited)")
        prev = row["hash"]
        expected_seq = row["seq"] + 1

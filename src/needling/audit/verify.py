from __future__ import annotations

from collections.abc import Iterator

from needling.audit.anchors import EndReport, verify_end
from needling.audit.chain import HASHED_FIELDS, Problem, verify_rows
from needling.audit.models import AuditEvent


def verify_chain(chunk_size: int = 2000) -> Iterator[Problem]:
    """Re-hash the whole log in constant memory and report every break between its rows."""
    rows = (
        AuditEvent.objects.order_by("seq")
        .values(*HASHED_FIELDS, "prev_hash", "hash")
        .iterator(chunk_size=chunk_size)
    )
    return verify_rows(rows)


def verify_log(chunk_size: int = 2000) -> Iterator[Problem]:
    """Every break in the chain, then whether its end was cut (signed head row, anchor log)."""
    yield from verify_chain(chunk_size)
    yield from verify_end().problems


__all__ = ["EndReport", "verify_chain", "verify_end", "verify_log"]

from __future__ import annotations

from collections.abc import Iterator

from needling.audit.chain import HASHED_FIELDS, Problem, verify_rows
from needling.audit.models import AuditEvent


def verify_log(chunk_size: int = 2000) -> Iterator[Problem]:
    """Re-hash the whole log in constant memory and report every break."""
    rows = (
        AuditEvent.objects.order_by("seq")
        .values(*HASHED_FIELDS, "prev_hash", "hash")
        .iterator(chunk_size=chunk_size)
    )
    return verify_rows(rows)

"""Writing audit events. Call `record` inside the transaction of the change it describes."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from needling.access import actor_for
from needling.audit.anchors import advance_head
from needling.audit.chain import GENESIS, event_hash
from needling.audit.context import current
from needling.audit.models import AuditEvent, Outcome

# An arbitrary constant key for PostgreSQL's advisory lock that serialises chain appends.
_CHAIN_LOCK_KEY = 7_310_019


def lock_chain() -> None:
    """Serialise appends to the chain until the transaction ends (call inside one)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # On SQLite the IMMEDIATE transaction already holds the database's write lock.


def record(
    *,
    actor: Any,
    action: str,
    client: Any | None = None,
    obj: Any | None = None,
    outcome: str = Outcome.OK,
    detail: dict[str, Any] | None = None,
    clinic_id: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
) -> AuditEvent:
    """Append one event. `actor` is a user (or None for the system).

    Never put PHI in `detail`: it holds field names, codes and counts, not values.
    """
    if action == "" or len(action) > 60:
        raise ValueError("audit action must be 1 to 60 characters")
    who = actor_for(actor)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    if clinic_id is None:
        clinic_id = (
            who.clinic_id
            if who
            else getattr(client, "clinic_id", None) or getattr(obj, "clinic_id", None)
        )
    ctx = current.get()
    # Inside the caller's transaction no savepoint is made: an append that fails must fail the
    # change it describes anyway, and the savepoint's two statements would cost every request.
    with transaction.atomic(savepoint=False):
        lock_chain()
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        fields: dict[str, Any] = {
            "seq": seq,
            "at": timezone.now(),
            "actor_id": actor.pk if is_user else None,
            "actor_label": (getattr(actor, "email", "") if is_user else "system")[:254],
            "actor_role": who.role if who else "",
            "clinic_id": clinic_id,
            "client_id": getattr(client, "pk", None),
            "action": action,
            "object_type": (
                object_type
                if object_type is not None
                else (type(obj).__name__ if obj is not None else "")
            )[:60],
            "object_id": (
                object_id
                if object_id is not None
                else (str(getattr(obj, "pk", "") or "") if obj is not None else "")
            )[:64],
            "outcome": str(outcome),
            "request_id": ctx.request_id,
            "ip": ctx.ip,
            "detail": detail or {},
        }
        event = AuditEvent(prev_hash=prev, hash=event_hash(prev, fields), **fields)
        event.save(force_insert=True)
        advance_head(seq, event.hash)
    return event

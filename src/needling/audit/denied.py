"""Refused access to clinical data, in the audit log (issue 16, item 4).

Every 403 or 404 that a signed-in person gets on a route that shows or changes clinical data is
recorded as `access.denied` (outcome denied): who, which route, which object id was asked for,
the status; never the request body or query string. Anonymous requests are sent to sign-in by
the views and are not recorded here (refused sign-ins are, by the login signals).

Folding, honestly in an append-only chain: the first refusal of an actor, route and object id in
a clock minute is a chained event; repeats in that minute add to a counter row (`DeniedRepeat`).
A walk over ids therefore still leaves one event per id tried, while a reload loop on one id
leaves one event. When the minute is over, `seal_repeats` (a worker job every minute) appends an
`access.denied_repeats` event carrying the final count and marks the row sealed: the count is in
the chain from then on. Until then (at most about two minutes) the count is only in the counter
table, which the audit page shows beside the event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from needling.audit.models import DeniedRepeat, Outcome
from needling.audit.services import lock_chain, record

DENIED, REPEATS = "access.denied", "access.denied_repeats"

# URL namespaces whose every route shows or changes a client's data.
CLINICAL_NAMESPACES = frozenset(
    {
        "clients",
        "intake",
        "consent",
        "plans",
        "charting",
        "photos",
        "outcomes",
        "scheduling",
        "fhir",
    }
)
# Namespaces of clinic settings and equipment (a test fails when a namespace is in neither set).
OTHER_NAMESPACES = frozenset({"settings", "consent_settings", "intake_settings", "equipment"})
# Routes in the clinical namespaces that are clinic settings or token feeds, not clinical data.
NOT_CLINICAL = frozenset(
    {
        "scheduling:feeds",
        "scheduling:feed",
        "scheduling:ical",
        "scheduling:rooms",
        "scheduling:room",
        "fhir:metadata",
        "fhir:base",
    }
)
# Elsewhere: a lot's page and recall list name the clients treated with it.
ALSO_CLINICAL = frozenset(
    {"equipment:lot", "equipment:lot_recall_csv", "equipment:lot_set_recalled"}
)
# URL arguments never recorded (a feed token is a credential).
_SECRET_KWARGS = frozenset({"token"})


def is_clinical(route: str) -> bool:
    if route in ALSO_CLINICAL:
        return True
    return route.split(":", 1)[0] in CLINICAL_NAMESPACES and route not in NOT_CLINICAL


def _asked_for(kwargs: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(object type, object id, all URL ids) from the route's arguments: the first `<x>_id`."""
    ids = {k: str(v)[:64] for k, v in kwargs.items() if k not in _SECRET_KWARGS}
    for name, value in ids.items():
        if name.endswith("_id"):
            return name.removesuffix("_id"), value, ids
    return "", "", ids


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def record_denied(request: HttpRequest, response: HttpResponse) -> bool:
    """Record this refusal when it is one (see the module docstring). True when recorded."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if (
        response.status_code not in (403, 404)
        or match is None
        or not match.view_name
        or user is None
        or not user.is_authenticated
        or getattr(request, "needling_csrf_failed", False)  # a stale form, not an access decision
        or not is_clinical(match.view_name)
    ):
        return False
    note_refusal(
        actor=user,
        route=match.view_name,
        url_kwargs=match.kwargs,
        status=response.status_code,
        method=request.method or "",
    )
    return True


def note_refusal(
    *,
    actor: Any,
    route: str,
    url_kwargs: dict[str, Any],
    status: int,
    method: str,
    now: datetime | None = None,
) -> None:
    """Record one refusal of `route` to `actor`: a new chained event, or a repeat in its minute."""
    route = route[:80]
    object_type, object_id, ids = _asked_for(url_kwargs)
    minute = _minute(now or timezone.now())
    with transaction.atomic():
        lock_chain()  # first-of-the-minute or repeat is decided under the chain's lock
        repeated = DeniedRepeat.objects.filter(
            actor_id=actor.pk, route=route, object_id=object_id, minute=minute
        ).update(count=F("count") + 1)
        if not repeated:
            event = record(
                actor=actor,
                action=DENIED,
                outcome=Outcome.DENIED,
                object_type=object_type,
                object_id=object_id,
                detail={"route": route, "status": status, "method": method, "ids": ids},
            )
            DeniedRepeat.objects.create(
                event_seq=event.seq,
                actor_id=actor.pk,
                route=route,
                object_id=object_id,
                minute=minute,
            )


def seal_repeats(*, now: datetime | None = None) -> int:
    """Put the final count of every closed minute's repeats into the chain. Returns how many
    counts were sealed (a minute with a single refusal needs none: its event says it all)."""
    closed_before = _minute(now or timezone.now())
    sealed = 0
    User = get_user_model()
    with transaction.atomic():
        lock_chain()
        open_rows = list(
            DeniedRepeat.objects.filter(sealed=False, minute__lt=closed_before).order_by(
                "event_seq"
            )[:1000]
        )
        users = User.objects.in_bulk({row.actor_id for row in open_rows if row.count > 1})
        for row in open_rows:
            if row.count > 1:
                record(
                    actor=users.get(row.actor_id),
                    action=REPEATS,
                    outcome=Outcome.DENIED,
                    object_type="AuditEvent",
                    object_id=str(row.event_seq),
                    detail={
                        "event": row.event_seq,
                        "route": row.route,
                        "asked_for": row.object_id,
                        "count": row.count,
                        "minute": row.minute.isoformat(),
                    },
                )
                sealed += 1
        DeniedRepeat.objects.filter(pk__in=[row.pk for row in open_rows]).update(sealed=True)
    return sealed


def repeat_counts(event_seqs: list[int]) -> dict[int, int]:
    """How many times each of these denied events happened in its minute (1 = once)."""
    return dict(
        DeniedRepeat.objects.filter(event_seq__in=event_seqs).values_list("event_seq", "count")
    )


SEAL_EVERY = timedelta(minutes=1)

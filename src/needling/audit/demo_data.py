"""Demo story for the audit log: refused access the owner can find (issue 16).

Fiona at the front desk followed an old link to Amelia's intake answers three times; front desk
may not see intake answers, so each try was refused. The owner's audit log shows one
`access.denied` event with a count of 3 under "Show refused access only" (the worker seals the
count into the chain once the minute is over)."""

from __future__ import annotations

from typing import Any

from needling.audit.denied import note_refusal


def load(ctx: Any) -> None:
    for _ in range(3):
        note_refusal(
            actor=ctx.staff["desk"],
            route="intake:answers",
            url_kwargs={"client_id": ctx.clients["Amelia"].pk},
            status=403,
            method="GET",
        )

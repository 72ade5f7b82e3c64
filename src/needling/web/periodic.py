"""Jobs the worker runs every so often, beside the task queue (`needling worker`).

Each job runs in one daemon thread, in order, with its own database connection; a failing job
is logged and retried at its next turn, never stopping the others or the queue."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import close_old_connections

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]
    next_at: float = field(default=0.0)


def default_jobs() -> list[Job]:
    from django.conf import settings

    from needling.audit.anchors import write_anchor
    from needling.audit.denied import SEAL_EVERY, seal_repeats
    from needling.audit.digest import CHECK_EVERY as DIGEST_EVERY
    from needling.audit.digest import send_due_digests
    from needling.backups.tasks import CHECK_EVERY, enqueue_if_due
    from needling.kernel.dbstats import STATISTICS_EVERY, refresh_statistics

    return [
        Job("audit anchor", timedelta(minutes=settings.AUDIT_ANCHOR_MINUTES), write_anchor),
        Job("seal denied repeats", SEAL_EVERY, seal_repeats),
        Job("daily backup", CHECK_EVERY, enqueue_if_due),
        # The chain head to the owners' mailboxes, once a clinic day (issue 16).
        Job("owners' digest", DIGEST_EVERY, send_due_digests),
        # First turn at worker start, then daily: the planner's statistics (issue 12).
        Job("planner statistics", STATISTICS_EVERY, refresh_statistics),
    ]


def run_due(jobs: list[Job], now: float) -> None:
    """Run every job whose turn has come (the first turn is immediately)."""
    for job in jobs:
        if now < job.next_at:
            continue
        job.next_at = now + job.every.total_seconds()
        try:
            job.run()
        except Exception:
            log.exception("periodic job %r failed; it runs again in %s", job.name, job.every)


def start(jobs: list[Job], stop: threading.Event | None = None) -> threading.Thread:
    stop = stop or threading.Event()

    def loop() -> None:
        while not stop.is_set():
            run_due(jobs, time.monotonic())
            close_old_connections()  # the thread's own connection: drop it when broken or old
            stop.wait(5)

    thread = threading.Thread(target=loop, name="needling-periodic", daemon=True)
    thread.start()
    return thread

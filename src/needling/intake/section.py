"""The client page's screening section and the Today page's decision list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from needling.access import Actor, can
from needling.intake.models import Decision
from needling.intake.selectors import decision_tasks, may_decide, screening_state
from needling.web.today import Task

CAUTION_CHOICES = [
    (d.value, d.label) for d in (Decision.PROCEED, Decision.PRECAUTIONS, Decision.DO_NOT_TREAT)
]


def screening_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "state": screening_state(request.user, client, on=today),
        "may": may_decide(request.user, client),
        "today": today,
        "decision_choices": CAUTION_CHOICES,
        # Sources (file names, section numbers) are for the clinic's staff, not the client.
        "show_sources": can(request.user, "reference.view"),
    }


def screening_tasks(request: HttpRequest, actor: Actor) -> list[Task]:
    tasks = []
    for submission in decision_tasks(actor):
        what = {
            "stop": "Stop found: review, and override with a reason if appropriate",
            "caution": "Caution found: record a decision",
        }.get(submission.verdict, "Screening needs a decision")
        tasks.append(
            Task(
                label=submission.client.full_name,
                detail=f"{what} (intake of {submission.created_at:%d %b %Y}).",
                url=reverse("clients:detail", args=[submission.client_id]) + "#section-screening",
                severity="stop" if submission.verdict == "stop" else "caution",
            )
        )
    return tasks

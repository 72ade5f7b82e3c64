"""The Today page's task lists: each feature adds its own source (healing checks due, consents
missing, screenings needing a decision, adverse events open, ...) in its AppConfig.ready():

    register(TaskSource(key="adverse_events", title="Adverse events open", order=10,
                        action="client.view_clinical", items=open_adverse_event_tasks))

`items(request, actor)` returns a short list of Task rows (it should cap its own query, e.g.
`[:20]`, and cost at most one or two queries); it runs only for users whose role may do
`action`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from needling.access import Actor, can


@dataclass(frozen=True)
class Task:
    label: str  # e.g. the client's name
    detail: str  # one line: what is due and why
    url: str  # where to do it
    severity: str = "info"  # "stop" | "caution" | "info": how it is coloured


@dataclass(frozen=True)
class TaskSource:
    key: str
    title: str
    order: int
    action: str
    items: Callable[[HttpRequest, Actor], list[Task]]
    hide_when_empty: bool = False  # a warning that says nothing when all is well (backups)


_SOURCES: dict[str, TaskSource] = {}


def register(source: TaskSource) -> None:
    if source.key in _SOURCES and _SOURCES[source.key] != source:
        raise ValueError(f"Today task source {source.key!r} is registered twice")
    _SOURCES[source.key] = source


def task_lists(request: HttpRequest, actor: Actor) -> list[dict[str, Any]]:
    lists = []
    for source in sorted(_SOURCES.values(), key=lambda s: s.order):
        if can(request.user, source.action):
            tasks = source.items(request, actor)
            if tasks or not source.hide_when_empty:
                lists.append({"key": source.key, "title": source.title, "tasks": tasks})
    return lists

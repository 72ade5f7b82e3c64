"""The client page is the hub: each feature adds its own section without touching the others.

An app registers a section in its AppConfig.ready():

    register(Section(key="consent", title="Consent", order=40, action="client.view_identity",
                     template="consent/_client_section.html", context=consent_context))

`context(request, client)` returns the template's context; it runs only when the user may do
`action` on this client, so front desk never triggers clinical queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from needling.access import can


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    action: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any]]


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    if section.key in _SECTIONS and _SECTIONS[section.key] != section:
        raise ValueError(f"client page section {section.key!r} is registered twice")
    _SECTIONS[section.key] = section


def sections_for(request: HttpRequest, client: Any) -> list[dict[str, Any]]:
    """The sections this user may see for this client, in page order, with their context."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        if can(request.user, section.action, client):
            shown.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "template": section.template,
                    "context": {"client": client, **section.context(request, client)},
                }
            )
    return shown

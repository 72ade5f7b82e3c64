from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from needling.access import actor_for, can


def shell(request: HttpRequest) -> dict[str, Any]:
    """Navigation for the signed-in person's role."""
    user = getattr(request, "user", None)
    actor = actor_for(user)
    nav: list[tuple[str, str, str]] = []  # (url name, label, section key)
    if actor is not None and actor.is_staff:
        nav.append(("home", "Today", "today"))
        nav.append(("clients:list", "Clients", "clients"))
        if can(user, "calendar.view"):
            nav.append(("scheduling:day", "Calendar", "calendar"))
        if can(user, "equipment.view"):
            nav.append(("equipment:index", "Equipment", "equipment"))
        nav.append(("reference", "Reference", "reference"))
        if can(user, "clinic.settings"):
            nav.append(("settings:index", "Settings", "settings"))
    elif actor is not None:
        nav.append(("home", "My appointments", "portal"))
    return {"nav": nav, "actor": actor}

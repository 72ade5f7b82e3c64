from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from needling.access import actor_for, clients_visible_to
from needling.audit.services import record
from needling.clinics.selectors import own_clinic
from needling.web.today import task_lists


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Today for staff, the portal's front page for clients."""
    actor = actor_for(request.user)
    if actor is None:
        return render(request, "web/no_role.html", status=403)
    clinic = own_clinic(request.user, with_locations=True)
    if actor.is_staff:
        # Newest first by primary key: creation order, served by the primary-key index.
        recent = clients_visible_to(request.user).order_by("-pk")[:8]
        return render(
            request,
            "web/today.html",
            {
                "clinic": clinic,
                "today": timezone.localdate(),
                "recent_clients": recent,
                "task_lists": task_lists(request, actor),
                "section": "today",
            },
        )
    client = clients_visible_to(request.user).get()
    record(actor=request.user, action="portal.home", client=client)
    return render(request, "web/portal_home.html", {"clinic": clinic, "client": client})

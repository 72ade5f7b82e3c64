"""The message outbox, for staff: what was sent to whom and when, and what failed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.kernel.paging import page_of
from needling.scheduling.choices import MessageStatus
from needling.scheduling.selectors import messages_of_clinic

PAGE_SIZE = 50


@require_GET
@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    rows = messages_of_clinic(request.user)
    status = request.GET.get("status", "")
    if status in MessageStatus.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    page = page_of(rows, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "scheduling/outbox.html",
        {"page": page, "status": status, "statuses": MessageStatus.choices, "section": "calendar"},
    )

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from needling.audit.choices import Outcome
from needling.audit.denied import DENIED, repeat_counts
from needling.audit.selectors import events_of_clinic
from needling.audit.services import record
from needling.kernel.widgets import DateInput

PAGE_SIZE = 50


class LogPage:
    """A page of the log without a total count: counting millions of events on every view would
    make the page slower as the log grows. Fetches one row more to know whether older ones exist."""

    def __init__(self, events: Any, number: str | None) -> None:
        try:
            self.number = max(1, min(int(number or 1), 100_000))
        except ValueError:
            self.number = 1
        start = (self.number - 1) * PAGE_SIZE
        rows = list(events[start : start + PAGE_SIZE + 1])
        self.object_list = rows[:PAGE_SIZE]
        self.has_next = len(rows) > PAGE_SIZE
        self.has_previous = self.number > 1
        self.next_page_number = self.number + 1
        self.previous_page_number = self.number - 1

    def __iter__(self) -> Any:
        return iter(self.object_list)


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False, max_length=60, label="Action starts with")
    actor = forms.CharField(required=False, max_length=254, label="Who (e-mail starts with)")
    client = forms.IntegerField(required=False, min_value=1, label="Client number")
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *Outcome.choices], label="Outcome"
    )
    since = forms.DateField(required=False, label="From", widget=DateInput())
    until = forms.DateField(required=False, label="Until", widget=DateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:  # type: ignore[operator]
            raise forms.ValidationError("“From” must be on or before “Until”.")
        return data


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Owners browse and filter their clinic's audit events. The log cannot be edited here."""
    events = events_of_clinic(request.user)
    form = AuditFilterForm(request.GET or None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data["action"]:
                events = events.filter(action__startswith=data["action"])
            if data["actor"]:
                events = events.filter(actor_label__istartswith=data["actor"])
            if data["client"]:
                events = events.filter(client_id=data["client"])
            if data["outcome"]:
                events = events.filter(outcome=data["outcome"])
            tz = timezone.get_current_timezone()
            if data["since"]:
                events = events.filter(at__gte=datetime.combine(data["since"], time.min, tz))
            if data["until"]:
                end = datetime.combine(data["until"] + timedelta(days=1), time.min, tz)
                events = events.filter(at__lt=end)
        else:
            events = events.none()
            status = 400
    page = LogPage(events.order_by("-seq"), request.GET.get("page"))
    denied = [e.seq for e in page if e.action == DENIED]
    counts = repeat_counts(denied) if denied else {}
    for e in page:
        e.repeats = counts.get(e.seq, 1)  # type: ignore[attr-defined]
    record(actor=request.user, action="audit.view", detail={"page": page.number})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "section": "settings",
            "denied_only": request.GET.get("outcome") == Outcome.DENIED,
        },
        status=status,
    )

"""Forms for booking and moving: they parse and check the shape of the input; the services
decide (gate, overlaps, clinic boundaries)."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any

from django import forms

from needling.clinics.models import Location, StaffMember
from needling.scheduling.models import Kind, Room

DURATIONS = [(15, "15 minutes"), (30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"),
             (75, "1 hour 15"), (90, "1 hour 30"), (120, "2 hours")]  # fmt: skip
DEFAULT_MINUTES = {"treatment": 60, "consultation": 30, "review": 30, "healing_check": 15}


def practitioner_choices(clinic_id: int) -> list[tuple[str, str]]:
    rows = (
        StaffMember.objects.filter(
            clinic_id=clinic_id, active=True, role__in=["owner", "practitioner"]
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(str(s.user_id), s.user.get_full_name() or s.user.email) for s in rows]


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Kind.choices)
    day = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    at = forms.TimeField(
        label="Time", widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")
    )
    minutes = forms.TypedChoiceField(label="Duration", choices=DURATIONS, coerce=int)
    practitioner = forms.ChoiceField(label="Practitioner")
    location = forms.ChoiceField(label="Location")
    room = forms.ChoiceField(label="Room", required=False)
    note = forms.CharField(label="Note for the team (optional)", required=False, max_length=300)
    override_reason = forms.CharField(
        label="Reason for booking against the gate",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, clinic_id: int, moving: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_fields: dict[str, Any] = self.fields
        choice_fields["practitioner"].choices = practitioner_choices(clinic_id)
        locations = list(Location.objects.filter(clinic_id=clinic_id).order_by("name"))
        choice_fields["location"].choices = [(str(loc.pk), loc.name) for loc in locations]
        rooms = Room.objects.filter(location__clinic_id=clinic_id, active=True).select_related(
            "location"
        )
        choice_fields["room"].choices = [("", "No particular room")] + [
            (str(r.pk), f"{r.location.name}: {r.name}") for r in rooms
        ]
        if moving:
            del self.fields["kind"]
            del self.fields["note"]

    @staticmethod
    def fresh_key() -> str:
        return str(uuid.uuid4())

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day.year < 2000 or day.year > 2200:
            raise forms.ValidationError("Enter a date between the years 2000 and 2200.")
        return day

    def clean_at(self) -> time:
        at: time = self.cleaned_data["at"]
        return at.replace(second=0, microsecond=0)

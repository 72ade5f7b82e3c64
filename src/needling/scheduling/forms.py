"""Forms for booking and moving: they parse and check the shape of the input; the services
decide (gate, overlaps, clinic boundaries)."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any

from django import forms

from needling.access import roles_for
from needling.accounts.models import User
from needling.clinics.models import Location, StaffMember
from needling.kernel.widgets import DateInput
from needling.scheduling.models import Kind, Room

DURATIONS = [(15, "15 minutes"), (30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"),
             (75, "1 hour 15"), (90, "1 hour 30"), (120, "2 hours")]  # fmt: skip
DEFAULT_MINUTES = {"treatment": 60, "consultation": 30, "review": 30, "healing_check": 15}


def practitioner_choices(user: object) -> list[tuple[str, str]]:
    rows = (
        StaffMember.objects.visible_to(user)
        .filter(active=True, role__in=roles_for("appointment.attend"))
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(str(s.user_id), s.user.get_full_name() or s.user.email) for s in rows]


def practitioners_of(user: object) -> Any:
    """The users an appointment of the acting user's clinic can be booked with."""
    return User.objects.filter(
        staff__in=StaffMember.objects.visible_to(user).filter(
            active=True, role__in=roles_for("appointment.attend")
        )
    ).order_by("full_name")


class PractitionerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class RoomField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.location.name}: {obj.name}"


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Kind.choices)
    day = forms.DateField(label="Date", widget=DateInput())
    at = forms.TimeField(
        label="Time", widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")
    )
    minutes = forms.TypedChoiceField(label="Duration", choices=DURATIONS, coerce=int)
    # No empty option: the first practitioner and location are preselected, as before the
    # fields became model choices (a blank location made every first "Book" fail).
    practitioner = PractitionerField(
        label="Practitioner", queryset=User.objects.none(), empty_label=None
    )
    location = forms.ModelChoiceField(
        label="Location", queryset=Location.objects.none(), empty_label=None
    )
    room = RoomField(
        label="Room", required=False, queryset=Room.objects.none(), empty_label="No particular room"
    )
    note = forms.CharField(label="Note for the team (optional)", required=False, max_length=300)
    override_reason = forms.CharField(
        label="Reason for booking against the gate",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: object, moving: bool = False, **kwargs: Any) -> None:
        """Practitioner, location and room are picked among what `user` may see: their
        clinic's clinicians, locations and active rooms."""
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["practitioner"].queryset = practitioners_of(user)
        fields["location"].queryset = Location.objects.visible_to(user).order_by("name")
        fields["room"].queryset = (
            Room.objects.visible_to(user).filter(active=True).select_related("location")
        )
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

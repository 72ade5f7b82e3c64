from __future__ import annotations

from typing import Any

from django import forms

from needling.clinical import INDICATIONS, PROTOCOLS, ZONES


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    indications = forms.MultipleChoiceField(
        choices=[(c, i.name) for c, i in INDICATIONS.items()],
        widget=forms.CheckboxSelectMultiple,
        label="Indications",
        error_messages={"required": "Choose at least one indication."},
    )
    zones = forms.MultipleChoiceField(
        choices=[(c, z.name) for c, z in ZONES.items()],
        widget=forms.CheckboxSelectMultiple,
        label="Zones",
        error_messages={"required": "Choose at least one zone on the map."},
    )
    protocol = forms.ChoiceField(
        choices=[(c, p.name) for c, p in PROTOCOLS.items()], initial="standard", label="Protocol"
    )
    planned_sessions = forms.IntegerField(min_value=1, max_value=52, label="Planned sessions")
    goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000,
        label="Notes (e.g. why the plan is shallower)",
    )  # fmt: skip

    def clean_zones(self) -> list[str]:
        zones: list[str] = self.cleaned_data.get("zones") or []
        untreatable = [ZONES[z].name for z in zones if not ZONES[z].treatable]
        if untreatable:
            raise forms.ValidationError(
                f"{', '.join(untreatable)}: never needled (treatment stays outside the orbital "
                "rim). Untick it."
            )
        return zones

    def clean(self) -> dict[str, Any]:
        return super().clean() or {}


class GuidanceQuery(forms.Form):
    """The htmx preview of depth guidance while zones are ticked (no PHI: codes only)."""

    indications = forms.MultipleChoiceField(
        choices=[(c, i.name) for c, i in INDICATIONS.items()], required=False
    )
    zones = forms.MultipleChoiceField(
        choices=[(c, z.name) for c, z in ZONES.items()], required=False
    )
    protocol = forms.ChoiceField(
        choices=[(c, p.name) for c, p in PROTOCOLS.items()], required=False
    )

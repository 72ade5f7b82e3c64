"""A form for any scale, built from its item registry in needling.clinical.SCALES."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from needling.clinical import AREA_UNITS, Scale, ScaleItem, area_to_cm2
from needling.kernel.widgets import DateInput
from needling.outcomes.timepoints import Timepoint


def _item_field(item: ScaleItem) -> forms.Field:
    label = item.label
    if item.type == "choice":
        return forms.TypedChoiceField(
            label=label,
            choices=[(str(v), text) for v, text in item.choices],
            coerce=lambda raw, item=item: next(  # type: ignore[misc]
                v for v, _ in item.choices if str(v) == raw
            ),
            required=item.required,
            widget=forms.RadioSelect,
        )
    if item.type == "integer" and item.choices:
        return forms.TypedChoiceField(
            label=label,
            choices=[(str(v), f"{v}: {text}") for v, text in item.choices],
            coerce=int,
            required=item.required,
            widget=forms.RadioSelect,
        )
    bounds: dict[str, Any] = {}
    if item.minimum is not None:
        bounds["min_value"] = item.minimum
    if item.maximum is not None:
        bounds["max_value"] = item.maximum
    if item.type == "integer":
        return forms.IntegerField(label=label, required=item.required, **bounds)
    return forms.FloatField(
        label=label,
        required=item.required,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **bounds,
    )


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label="Assessed on", widget=DateInput())
    timepoint = forms.ChoiceField(label="Timepoint", choices=Timepoint.choices)

    session = forms.TypedChoiceField(
        label="Session (optional)", required=False, coerce=int, empty_value=None
    )

    review = forms.TypedChoiceField(
        label="Outcome review (optional)", required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        scale: Scale,
        sessions: list[tuple[str, str]],
        reviews: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = sessions  # type: ignore[attr-defined]
        self.fields["review"].choices = reviews or [("", "— none —")]  # type: ignore[attr-defined]
        self.scale = scale
        for item in scale.items:
            self.fields[f"item_{item.code}"] = _item_field(item)
            if item.area_units:
                self.fields[f"unit_{item.code}"] = forms.ChoiceField(
                    label=f"{item.label}: unit",
                    choices=[(code, label) for code, (label, _) in AREA_UNITS.items()],
                    initial="cm2",
                    required=False,  # a select always sends one; absent means cm²
                )

    def item_fields(self) -> list[forms.BoundField]:
        fields = []
        for item in self.scale.items:
            fields.append(self[f"item_{item.code}"])
            if item.area_units:
                fields.append(self[f"unit_{item.code}"])
        return fields

    def clean_assessed_on(self) -> Any:
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return value

    def items(self) -> dict[str, object]:
        """The scale's items; an area entered in another unit is converted to cm² first."""
        out: dict[str, object] = {}
        for item in self.scale.items:
            value = self.cleaned_data.get(f"item_{item.code}")
            if value in (None, ""):
                continue
            if item.area_units:
                value = area_to_cm2(value, self.cleaned_data.get(f"unit_{item.code}") or "cm2")
            out[item.code] = value
        return out

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from needling.clinical import ZONES
from needling.kernel.widgets import DateInput
from needling.outcomes.timepoints import Timepoint
from needling.photos.models import PhotoView
from needling.photos.redness import Region
from needling.photos.services import Purpose

ZONE_CHOICES = [("", "— whole face or not a close-up —")] + [
    (z.code, z.name) for z in ZONES.values()
]


class UploadForm(forms.Form):
    photo = forms.FileField(
        label="Photo",
        allow_empty_file=True,  # processing refuses it with its own, clearer message
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/*", "capture": "environment"}
        ),
        help_text=(
            "Take it with the tablet camera, or choose a JPEG, PNG or WebP file (25 MB at most)."
        ),
    )
    view = forms.ChoiceField(label="View", choices=PhotoView.choices)
    zone = forms.ChoiceField(label="Zone (for a close-up)", choices=ZONE_CHOICES, required=False)
    taken_on = forms.DateField(label="Taken on", widget=DateInput())
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
        sessions: list[tuple[str, str]],
        reviews: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = sessions  # type: ignore[attr-defined]
        self.fields["review"].choices = reviews or [("", "— none —")]  # type: ignore[attr-defined]

    def clean_taken_on(self) -> Any:
        value = self.cleaned_data["taken_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("view") == PhotoView.CLOSE_UP and not data.get("zone"):
            self.add_error("zone", "A close-up needs the zone it shows.")
        return data


def _percent(label: str, required: bool = False) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=100,
        required=required,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )


class RednessForm(forms.Form):
    """The region and the optional reference patch, in percent of the photo's width and height
    (the page fills them in when the practitioner drags on the photo)."""

    whole_image = forms.BooleanField(label="Measure the whole photo", required=False)
    x = _percent("Region left (%)")
    y = _percent("Region top (%)")
    w = _percent("Region width (%)")
    h = _percent("Region height (%)")
    ref_x = _percent("Reference left (%)")
    ref_y = _percent("Reference top (%)")
    ref_w = _percent("Reference width (%)")
    ref_h = _percent("Reference height (%)")

    def _region(self, prefix: str, what: str) -> Region | None:
        values = [self.cleaned_data.get(f"{prefix}{k}") for k in ("x", "y", "w", "h")]
        if all(v is None for v in values):
            return None
        if any(v is None for v in values):
            raise forms.ValidationError(f"Give all four numbers of the {what}, or none.")
        x, y, w, h = (float(v) / 100 for v in values)  # type: ignore[arg-type]
        try:
            return Region(x, y, w, h)
        except ValueError as exc:
            raise forms.ValidationError(f"The {what}: {exc}.") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        region = Region.whole() if data.get("whole_image") else self._region("", "region")
        if region is None:
            raise forms.ValidationError(
                "Mark a region on the photo (or choose to measure the whole photo)."
            )
        data["region"] = region
        data["reference"] = self._region("ref_", "reference patch")
        return data


class ExportForm(forms.Form):
    before = forms.IntegerField(widget=forms.HiddenInput)
    after = forms.IntegerField(widget=forms.HiddenInput)
    purpose = forms.ChoiceField(
        label="What is the export for?",
        choices=Purpose.CHOICES,
        initial=Purpose.RECORD,
        widget=forms.RadioSelect,
    )

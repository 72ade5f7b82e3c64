from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from needling.clinical import ABSOLUTE_MAX_DEPTH_MM
from needling.equipment.models import Device, DeviceKind, Lot, TopicalProduct
from needling.kernel.widgets import DateInput

MM = {"min_value": Decimal("0"), "max_digits": 4, "decimal_places": 2}


class DeviceForm(forms.ModelForm):
    class Meta:
        model = Device
        fields = [
            "kind",
            "name",
            "model",
            "serial",
            "needle_count",
            "needle_length_mm",
            "drum_diameter_mm",
            "drum_width_mm",
            "stroke_frequency_hz",
            "depth_min_mm",
            "depth_max_mm",
            "depth_step_mm",
        ]
        labels = {
            "needle_count": "Needles (roller: on the drum; pen: per cartridge)",
            "needle_length_mm": "Needle length (mm, rollers)",
            "drum_diameter_mm": "Drum diameter (mm, rollers)",
            "drum_width_mm": "Drum width (mm, rollers)",
            "stroke_frequency_hz": "Stroke frequency (Hz, pens)",
            "depth_min_mm": "Shallowest setting (mm, pens)",
            "depth_max_mm": "Deepest setting (mm, pens)",
            "depth_step_mm": "Depth step (mm, pens)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needle_count"].error_messages["min_value"] = "Needles: at least 1."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        for name in (
            "needle_length_mm",
            "drum_diameter_mm",
            "drum_width_mm",
            "stroke_frequency_hz",
            "depth_min_mm",
            "depth_max_mm",
            "depth_step_mm",
        ):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, "Must be zero or more.")
        if kind == DeviceKind.ROLLER:
            for name in ("drum_diameter_mm", "drum_width_mm", "needle_length_mm"):
                value = data.get(name)
                if value is None or value <= 0:
                    self.add_error(name, "A roller needs this, in millimetres above zero.")
        elif kind == DeviceKind.PEN:
            if data.get("stroke_frequency_hz") is None:
                self.add_error("stroke_frequency_hz", "A pen needs its stroke frequency.")
            low, high = data.get("depth_min_mm"), data.get("depth_max_mm")
            if low is None or high is None:
                self.add_error("depth_max_mm", "A pen needs its shallowest and deepest setting.")
            elif low > high:
                self.add_error(
                    "depth_max_mm", "The deepest setting must not be below the shallowest."
                )
        high = data.get("depth_max_mm") or data.get("needle_length_mm")
        if high is not None and float(high) > ABSOLUTE_MAX_DEPTH_MM:
            # Lengths above the absolute limit could never be charted (vocabulary.md: 3.0 mm).
            self.add_error(
                "depth_max_mm" if data.get("depth_max_mm") else "needle_length_mm",
                f"No setting above {ABSOLUTE_MAX_DEPTH_MM} mm may be used.",
            )
        return data


class LotForm(forms.ModelForm):
    def __init__(self, *args: Any, clinic_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clinic_id = clinic_id
        fits = self.fields["fits"]
        assert isinstance(fits, forms.ModelMultipleChoiceField)
        fits.queryset = Device.objects.filter(clinic_id=clinic_id, active=True)
        fits.required = True
        fits.widget = forms.CheckboxSelectMultiple(choices=fits.choices)  # type: ignore[arg-type]

    class Meta:
        model = Lot
        fields = ["kind", "product", "lot_number", "expiry", "single_use", "fits"]
        labels = {"fits": "Fits these devices", "expiry": "Expiry date"}
        widgets = {"expiry": DateInput()}

    def clean_lot_number(self) -> str:
        number = (self.cleaned_data.get("lot_number") or "").strip()
        if not number:
            raise forms.ValidationError("Enter the lot number printed on the pack.")
        if Lot.objects.filter(clinic_id=self.clinic_id, lot_number=number).exists():
            raise forms.ValidationError("This lot number is already registered.")
        return number


class ProductForm(forms.ModelForm):
    class Meta:
        model = TopicalProduct
        fields = ["name", "lot_number", "sterile", "for_needled_skin"]


class LotSearchForm(forms.Form):
    lot = forms.CharField(max_length=60, label="Lot number", required=True)

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from needling.charting.models import AdverseKind, AdverseSeverity, EndPoint, Pattern, Symptom
from needling.clinical import EMERGENCIES, INDICATIONS, ZONES
from needling.equipment.models import Device, Lot, TopicalProduct
from needling.kernel.widgets import DateInput

VERSION = {"widget": forms.HiddenInput(attrs={"class": "chart-version"}), "min_value": 1}


class VersionForm(forms.Form):
    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]


class PrecheckForm(VersionForm):
    healing_confirmed = forms.BooleanField(
        required=False, label="Skin healed since the last session (checked today)"
    )
    photos_taken = forms.BooleanField(required=False, label="Before photos taken")


def _pct(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        required=False, min_value=Decimal("0.1"), max_value=Decimal("100"), max_digits=4,
        decimal_places=1, label=label,
        error_messages={"min_value": "A strength must be above 0 %%."},
    )  # fmt: skip


def _when(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        required=False,
        label=label,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class AnaestheticForm(VersionForm):
    agent = forms.CharField(required=False, max_length=120, label="Product (e.g. EMLA cream)")
    # One strength per active ingredient (needling.clinical.ANAESTHETIC_AGENTS).
    lidocaine_pct = _pct("Lidocaine (%)")
    prilocaine_pct = _pct("Prilocaine (%)")
    tetracaine_pct = _pct("Tetracaine (%)")
    benzocaine_pct = _pct("Benzocaine (%)")
    prescriber = forms.CharField(
        required=False, max_length=120, label="Prescriber (required above 4 % lidocaine)"
    )
    area_cm2 = forms.IntegerField(
        required=False, min_value=1, max_value=20000, label="Area (cm²)",
        error_messages={"min_value": "The area must be at least 1 cm²."},
    )  # fmt: skip
    applied_at = _when("Applied at")
    removed_at = _when("Removed at")
    needling_started_at = _when("Needling started at")
    occluded = forms.BooleanField(required=False, label="Under occlusion (wrapped)")
    override_reason = forms.CharField(
        required=False,
        max_length=2000,
        label="Reason to go ahead despite a stop",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    AGENT_FIELDS = {
        "lidocaine": "lidocaine_pct",
        "prilocaine": "prilocaine_pct",
        "tetracaine": "tetracaine_pct",
        "benzocaine": "benzocaine_pct",
    }

    def agents(self) -> dict[str, Decimal]:
        d = self.cleaned_data
        return {c: d[f] for c, f in self.AGENT_FIELDS.items() if d.get(f) is not None}


class DeviceLotForm(VersionForm):
    """The chart's device and lot, chosen among those the user may see (their clinic's)."""

    device = forms.ModelChoiceField(
        queryset=Device.objects.none(), required=False, label="Device",
        error_messages={
            "invalid_choice": "That device is not one of this clinic's: choose from the list."
        },
    )  # fmt: skip
    lot = forms.ModelChoiceField(
        queryset=Lot.objects.none(), required=False, label="Cartridge or roller lot",
        error_messages={
            "invalid_choice": "That lot is not registered in this clinic (a lot from another "
            "clinic cannot be charted): choose one from the list."
        },
    )  # fmt: skip

    def __init__(self, *args: Any, user: object = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        device: Any = self.fields["device"]
        lot: Any = self.fields["lot"]
        device.queryset = Device.objects.visible_to(user)
        lot.queryset = Lot.objects.visible_to(user).prefetch_related("fits")


class NotesForm(VersionForm):
    notes = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ZoneForm(VersionForm):
    zone = forms.ChoiceField(choices=[(c, z.name) for c, z in ZONES.items()], label="Zone")
    indication = forms.ChoiceField(
        choices=[(c, i.name) for c, i in INDICATIONS.items()], label="Indication"
    )
    depth_mm = forms.CharField(max_length=10, label="Set depth (mm)")
    passes = forms.IntegerField(
        label="Passes",
        error_messages={"invalid": "Passes: enter a whole number, e.g. 4."},
    )
    pattern = forms.ChoiceField(
        choices=Pattern.choices, label="Pattern", initial="crosshatch", widget=forms.RadioSelect
    )
    end_point = forms.ChoiceField(
        choices=EndPoint.choices, label="End point", initial="erythema", widget=forms.RadioSelect
    )
    topicals = forms.ModelMultipleChoiceField(
        queryset=TopicalProduct.objects.none(), required=False, label="Topicals applied",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reaction = forms.CharField(required=False, max_length=300, label="Immediate reaction")
    override_reason = forms.CharField(
        required=False, max_length=2000, label="Reason to override the stop",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(
        self, *args: Any, clinic_id: int, planned: Iterable[str] = (), **kwargs: Any
    ) -> None:
        """`planned`: the course plan's zones, listed first (the ones a practitioner charts)."""
        super().__init__(*args, **kwargs)
        topicals = self.fields["topicals"]
        assert isinstance(topicals, forms.ModelMultipleChoiceField)
        topicals.queryset = TopicalProduct.objects.filter(clinic_id=clinic_id, active=True)
        first = [c for c in planned if c in ZONES]
        if first:
            zone = self.fields["zone"]
            assert isinstance(zone, forms.ChoiceField)
            zone.choices = [
                ("In the plan", [(c, ZONES[c].name) for c in first]),
                ("Other zones", [(c, z.name) for c, z in ZONES.items() if c not in first]),
            ]

    def clean_depth_mm(self) -> Decimal:
        text = (self.cleaned_data.get("depth_mm") or "").strip().replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                "Depth: enter the set needle depth in millimetres, e.g. 0.5."
            ) from None
        if not value.is_finite():
            raise forms.ValidationError("Depth: enter a number of millimetres, e.g. 0.5.")
        if value < 0:
            raise forms.ValidationError("Depth: cannot be negative. Enter e.g. 0.5.")
        if value >= 100:
            raise forms.ValidationError("Depth: no setting above 3.0 mm may be used.")
        return value.quantize(Decimal("0.01"))

    def clean_passes(self) -> int:
        passes = self.cleaned_data["passes"]
        if passes < 1:
            raise forms.ValidationError(
                "Passes: at least 1 (a negative or zero count is not a pass)."
            )
        if passes > 50:
            raise forms.ValidationError("Passes: at most 50; check the number.")
        return int(passes)


class DepthCheckQuery(forms.Form):
    zone = forms.ChoiceField(choices=[(c, z.name) for c, z in ZONES.items()])
    indication = forms.ChoiceField(choices=[(c, i.name) for c, i in INDICATIONS.items()])
    depth_mm = forms.CharField(max_length=10, required=False)
    passes = forms.CharField(max_length=10, required=False)


class AddendumForm(forms.Form):
    text = forms.CharField(
        max_length=5000, label="Addendum", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the addendum text."},
    )  # fmt: skip


class AdverseEventForm(forms.Form):
    kind = forms.ChoiceField(choices=AdverseKind.choices, label="Kind")
    severity = forms.ChoiceField(choices=AdverseSeverity.choices, label="Severity")
    onset = forms.DateField(label="Onset", widget=DateInput())
    actions = forms.CharField(
        required=False, max_length=2000, label="Actions taken",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class EmergencyForm(forms.Form):
    emergency = forms.ChoiceField(choices=[(c, e.name) for c, e in EMERGENCIES.items()])
    severity = forms.ChoiceField(choices=AdverseSeverity.choices, initial="severe")
    steps = forms.TypedMultipleChoiceField(required=False, coerce=int, choices=[])
    actions = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        most = max(len(e.steps) for e in EMERGENCIES.values())
        self.fields["steps"].choices = [(str(i), str(i)) for i in range(1, most + 1)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        code = d.get("emergency")
        if code and any(i > len(EMERGENCIES[code].steps) for i in d.get("steps", [])):
            raise forms.ValidationError("A step taken is not one of this emergency's steps.")
        return d


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label="Resolved on", widget=DateInput())
    actions = forms.CharField(required=False, max_length=2000, label="Note")


class HealingCheckForm(forms.Form):
    checked_on = forms.DateField(label="Checked on", widget=DateInput())
    healed = forms.BooleanField(required=False, label="Healed")
    symptoms = forms.MultipleChoiceField(
        choices=Symptom.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Symptoms",
    )  # fmt: skip
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Note"
    )

from __future__ import annotations

from typing import Any

from django import forms

from needling.clients.models import Client
from needling.kernel.widgets import DateInput

IDENTITY_FIELDS = ["first_name", "last_name", "date_of_birth", "email", "phone"]
SKIN_FIELDS = ["fitzpatrick_type", "sensitive_skin"]
FITZPATRICK_CHOICES = [
    ("", "Not assessed yet"),
    *[(str(n), f"Type {roman}") for n, roman in enumerate(["I", "II", "III", "IV", "V", "VI"], 1)],
]


class ClientForm(forms.ModelForm):
    """Identity and contact for everyone; skin type and sensitivity only for clinicians
    (front desk never sees them: the fields are removed, not hidden)."""

    confirm_duplicate = forms.BooleanField(
        required=False,
        label="Yes, this is a different person: create the record anyway",
    )

    class Meta:
        model = Client
        fields = [*IDENTITY_FIELDS, *SKIN_FIELDS]
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "date_of_birth": "Date of birth",
            "email": "E-mail",
            "phone": "Phone",
            "fitzpatrick_type": "Fitzpatrick skin type",
            "sensitive_skin": "Sensitive skin",
        }
        widgets = {
            "date_of_birth": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, clinical: bool, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if clinical:
            field = forms.TypedChoiceField(
                choices=FITZPATRICK_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                label="Fitzpatrick skin type",
            )
            self.fields["fitzpatrick_type"] = field
        else:
            for name in SKIN_FIELDS:
                del self.fields[name]
        if not creating:
            del self.fields["confirm_duplicate"]
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs.update({"maxlength": "100", "autocomplete": "off"})

    def clean_first_name(self) -> str:
        return str(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return str(self.cleaned_data["last_name"]).strip()

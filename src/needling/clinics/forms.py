from __future__ import annotations

import unicodedata

from django import forms

from needling.clinics.models import Role


def _plain_text(value: str, label: str) -> str:
    value = value.strip()
    if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in value):
        raise forms.ValidationError(f"{label} contains invisible or control characters.")
    return value


class StaffAddForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="E-mail", max_length=254)
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    title = forms.CharField(
        label="Title (optional)",
        max_length=80,
        required=False,
        help_text="For example: Nurse practitioner",
    )

    def clean_full_name(self) -> str:
        return _plain_text(self.cleaned_data["full_name"], "The name")

    def clean_title(self) -> str:
        return _plain_text(self.cleaned_data["title"], "The title")


class StaffChangeForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    title = forms.CharField(label="Title (optional)", max_length=80, required=False)
    active = forms.BooleanField(label="Active (may sign in)", required=False)

    def clean_title(self) -> str:
        return _plain_text(self.cleaned_data["title"], "The title")

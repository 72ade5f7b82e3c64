from __future__ import annotations

from django import forms

from needling.consent.services import MAX_BODY, MAX_NAME, MAX_REASON, MAX_TITLE


class SignForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text_sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    signer_name = forms.CharField(
        label="Full name of the person signing",
        max_length=MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # Filled by consent.js from the drawing canvas; checked by services.sign_consent.
    signature = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300_000)
    confirm = forms.BooleanField(
        label="I have read this text, had the chance to ask questions, and agree to it.",
        error_messages={"required": "Please confirm that you have read and agree to the text."},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawing",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE)
    body = forms.CharField(
        label="Text",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Plain text. Leave an empty line between paragraphs; lines starting with “- ” "
        "are kept as they are.",
    )

"""The questionnaire as a Django form, built from a version's items.

Yes/no questions are radio buttons (never a tick box: "not answered" must stay visible); dates
use the browser's date picker. A follow-up only counts when its gate question is answered yes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django import forms

from needling.intake.answers import Answer
from needling.intake.definition import Item
from needling.intake.services import InvalidAnswers, check_answers
from needling.kernel.widgets import DateInput

YES_NO = [("yes", "Yes"), ("no", "No")]


def field_for(item: Item) -> forms.Field:
    if item.type == "boolean":
        return forms.ChoiceField(
            choices=YES_NO, widget=forms.RadioSelect, required=False, label=item.wording
        )
    if item.type == "date":
        return forms.DateField(
            required=False,
            label=item.wording,
            widget=DateInput(),
        )
    return forms.IntegerField(required=False, label=item.wording)


def initial_from(items: Sequence[Item], answers: Mapping[str, Answer]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for item in items:
        value = answers.get(item.key)
        if value is None:
            continue
        initial[item.key] = ("yes" if value else "no") if item.type == "boolean" else value
    return initial


class IntakeAnswersForm(forms.Form):
    form_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        items: Sequence[Item],
        on: date,
        followups_url: str,
        version_id: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.on = on
        gates = {item.show_if for item in self.items if item.show_if}
        for item in self.items:
            field = field_for(item)
            if item.key in gates:
                # htmx asks the server for this question's follow-ups when the answer changes.
                field.widget.attrs.update(
                    {
                        "hx-get": followups_url,
                        "hx-trigger": "change",
                        "hx-target": f"#followups-{item.key}",
                        "hx-vals": json.dumps({"gate": item.key, "form": version_id}),
                    }
                )
            self.fields[item.key] = field
        self.answers: dict[str, Answer] = {}

    def typed(self) -> dict[str, Answer]:
        out: dict[str, Answer] = {}
        for item in self.items:
            value = self.cleaned_data.get(item.key)
            if value in (None, ""):
                continue
            out[item.key] = (value == "yes") if item.type == "boolean" else value
        return out

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(self.has_error(item.key) for item in self.items):
            return cleaned
        try:
            self.answers = check_answers(self.items, self.typed(), on=self.on)
        except InvalidAnswers as invalid:
            for key, message in invalid.errors.items():
                self.add_error(None if key == "__all__" else key, message)
        return cleaned

    def shown(self, item: Item) -> bool:
        """Is this follow-up shown now (its gate answered yes in the data or initial values)?"""
        if item.show_if is None:
            return True
        source = self.data if self.is_bound else self.initial
        return source.get(item.show_if) == "yes"

    def rows(self) -> list[dict[str, Any]]:
        """Items in order, each with its bound field and its follow-ups."""
        rows = []
        for item in self.items:
            if item.show_if is not None:
                continue
            followups = [
                {"item": f, "field": self[f.key], "shown": self.shown(f)}
                for f in self.items
                if f.show_if == item.key
            ]
            rows.append({"item": item, "field": self[item.key], "followups": followups})
        return rows

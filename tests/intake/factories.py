"""Helpers for intake tests: a complete "all no" questionnaire, with chosen answers changed."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from needling.clients.models import Client
from needling.intake.answers import Answer
from needling.intake.models import IntakeSubmission, ScreeningResult
from needling.intake.services import current_form, submit_intake
from tests.conftest import Cast

TODAY = date(2026, 6, 15)
ADULT = date(1990, 5, 1)


def all_no(clinic_id: int) -> dict[str, Answer]:
    items = current_form(clinic_id).parsed_items()
    return {item.key: False for item in items if item.type == "boolean" and not item.show_if}


def ready(client: Client, born: date = ADULT) -> Client:
    Client.objects.filter(pk=client.pk).update(date_of_birth=born)
    client.refresh_from_db()
    return client


def submit(
    cast: Cast, client: Client, on: date = TODAY, actor: Any = None, **answers: Answer
) -> tuple[IntakeSubmission, ScreeningResult]:
    full = all_no(client.clinic_id)
    full.update(answers)
    return submit_intake(
        actor=actor or cast.practitioner,
        client=client,
        form_id=current_form(client.clinic_id).pk,
        answers=full,
        on=on,
    )


def post_data(clinic_id: int, **answers: Answer) -> dict[str, str]:
    """The intake page's POST body: yes/no as "yes"/"no", dates as ISO text."""
    full = all_no(clinic_id)
    full.update(answers)
    data = {"form_id": str(current_form(clinic_id).pk)}
    for key, value in full.items():
        if isinstance(value, bool):
            data[key] = "yes" if value else "no"
        elif value is not None:
            data[key] = value.isoformat() if isinstance(value, date) else str(value)
    return data


def matrix_url(name: str, cast: Cast) -> str:
    client_id = cast.record_a.pk
    if name == "intake:followups":
        form = current_form(cast.clinic.pk)
        query = urlencode(
            {"gate": "isotretinoin_past", "form": form.pk, "isotretinoin_past": "yes"}
        )
        return reverse(name, args=[client_id]) + "?" + query
    return reverse(name, args=[client_id])

"""The demo clinic's intake stories hold for the day they are loaded."""

from __future__ import annotations

from datetime import date

from needling.clients.models import Client
from needling.demo import load_demo
from needling.intake.selectors import treatment_clearance

DAY = date(2026, 11, 24)


def _clearance(first: str):  # type: ignore[no-untyped-def]
    return treatment_clearance(Client.objects.get(first_name=first), on=DAY)


def test_the_stories(db: object) -> None:
    load_demo(today=DAY)
    daniela = _clearance("Daniela")
    assert (daniela.verdict, daniela.allowed) == ("stop", False)
    evan = _clearance("Evan")
    assert (evan.verdict, evan.allowed) == ("stop", True)
    assert evan.override_reason
    fatima = _clearance("Fatima")
    assert (fatima.verdict, fatima.allowed, fatima.caution_decision) == ("caution", False, None)
    assert {"cold_sore_history", "keloid_history"} <= {f.code for f in fatima.findings}
    from needling.plans.selectors import client_guidance

    notes = client_guidance(Client.objects.get(first_name="Fatima"), ["decolletage"], "texture")
    assert notes[0].findings[0].code == "keloid_prone_site"
    jade = _clearance("Jade")
    assert jade.allowed
    assert {f.code for f in jade.findings} == {"fitzpatrick_type", "sensitive_skin"}
    assert _clearance("Kofi").verdict == "no_intake"
    for first in ("Amelia", "Ben", "Chloe", "George", "Hannah", "Isaac", "Laura"):
        assert _clearance(first).allowed, first


def test_reset_reloads_the_stories(db: object) -> None:
    load_demo(today=DAY)
    load_demo(today=DAY, reset=True)
    assert _clearance("Evan").allowed

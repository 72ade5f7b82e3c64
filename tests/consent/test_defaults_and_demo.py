"""Every clinic starts with consent texts; the demo tells the consent stories."""

from __future__ import annotations

from datetime import date

from needling.clients.models import Client
from needling.clinics.models import Clinic
from needling.consent.models import ConsentDocument, ConsentSignature, Kind
from needling.consent.selectors import (
    consent_status,
    marketing_consent_valid,
    photo_consent_valid,
    treatment_consent_valid,
)
from needling.demo import load_demo

TODAY = date(2026, 11, 24)


def test_a_new_clinic_gets_version_1_of_each_kind(db: object) -> None:
    clinic = Clinic.objects.create(name="New", slug="new")
    kinds = set(
        ConsentDocument.objects.filter(clinic=clinic, version=1).values_list("kind", flat=True)
    )
    assert kinds == set(Kind.values)
    for doc in ConsentDocument.objects.filter(clinic=clinic):
        assert doc.text_sha256 == doc.computed_sha256()


def test_the_demo_tells_the_consent_stories(db: object) -> None:
    load_demo(today=TODAY)
    by_name = {c.first_name: c for c in Client.objects.all()}
    assert treatment_consent_valid(by_name["Ben"], on=TODAY)
    assert not treatment_consent_valid(by_name["Kofi"], on=TODAY)
    assert not ConsentSignature.objects.filter(client=by_name["Kofi"]).exists()
    assert photo_consent_valid(by_name["Hannah"], on=TODAY)
    assert not marketing_consent_valid(by_name["Hannah"], on=TODAY)
    assert consent_status(by_name["Hannah"])["marketing"].state == "withdrawn"
    assert consent_status(by_name["Amelia"])["treatment"].on_older_version
    assert not consent_status(by_name["Ben"])["treatment"].on_older_version


def test_demo_reset_removes_and_reloads_consents(db: object) -> None:
    load_demo(today=date(2026, 1, 10))
    load_demo(today=TODAY, reset=True)
    assert Clinic.objects.count() == 1
    assert ConsentDocument.objects.filter(kind=Kind.TREATMENT).count() == 2
    assert ConsentSignature.objects.filter(kind=Kind.TREATMENT).count() == 11

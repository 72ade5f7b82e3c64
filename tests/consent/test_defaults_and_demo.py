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
    assert not treatment_consent_valid(by_name["Fatima"], on=TODAY)
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
    assert ConsentSignature.objects.filter(kind=Kind.TREATMENT).count() == 10


def test_every_demo_session_had_a_valid_treatment_consent(db: object) -> None:
    from needling.charting.models import TreatmentSession

    load_demo(today=TODAY)
    sessions = TreatmentSession.objects.select_related("client__clinic")
    assert sessions.exists()
    for session in sessions:
        assert treatment_consent_valid(session.client, on=session.session_date), (
            session.client.first_name,
            session.session_date,
        )


def test_fatima_is_on_todays_consents_missing_list(db: object) -> None:
    from django.test import RequestFactory

    from needling.access import actor_for
    from needling.accounts.models import User
    from needling.consent.tasks import consents_missing

    load_demo(today=TODAY)
    actor = actor_for(User.objects.get(email="priya@northside.example"))
    assert actor is not None
    labels = [t.label for t in consents_missing(RequestFactory().get("/"), actor)]
    assert "Fatima Khan" in labels
    assert "Ben Okafor" not in labels

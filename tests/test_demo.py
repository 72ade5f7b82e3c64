from __future__ import annotations

from datetime import date

from django.core.management import call_command

from needling.accounts.models import User
from needling.clients.models import Client
from needling.clinics.models import Clinic, StaffMember
from needling.demo import DEMO_PASSWORD, demo_logins, load_demo


def test_demo_clinic_has_two_locations_staff_and_clients(db: object) -> None:
    assert load_demo(today=date(2026, 11, 24)) is True
    clinic = Clinic.objects.get(slug="northside")
    assert clinic.locations.count() == 2
    roles = sorted(StaffMember.objects.filter(clinic=clinic).values_list("role", flat=True))
    assert roles == ["front_desk", "owner", "practitioner", "practitioner"]
    assert Client.objects.filter(clinic=clinic).count() == 12
    assert Client.objects.filter(clinic=clinic, portal_user__isnull=False).count() == 2


def test_loading_twice_does_not_duplicate(db: object) -> None:
    load_demo(today=date(2026, 11, 24))
    assert load_demo(today=date(2026, 11, 24)) is False
    assert Clinic.objects.count() == 1
    assert Client.objects.count() == 12


def test_reset_reloads_for_a_new_day(db: object) -> None:
    load_demo(today=date(2026, 1, 10))
    load_demo(today=date(2026, 11, 24), reset=True)
    assert Clinic.objects.count() == 1
    assert Client.objects.count() == 12
    amelia = Client.objects.get(first_name="Amelia")
    assert amelia.date_of_birth is not None
    assert amelia.date_of_birth.year == 1992


def test_every_printed_login_works(db: object) -> None:
    load_demo(today=date(2026, 11, 24))
    for login in demo_logins():
        user = User.objects.get(email=login.email)
        assert user.check_password(DEMO_PASSWORD), login.email


def test_demo_command_prints_the_logins(db: object, capsys: object) -> None:
    call_command("demo")
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "owner@northside.example" in out
    assert DEMO_PASSWORD in out

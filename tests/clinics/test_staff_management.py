from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from needling.accounts.models import User
from needling.audit.models import AuditEvent
from needling.clinics.models import Clinic, StaffMember
from tests.conftest import Cast


def _owner(cast: Cast) -> Client:
    browser = Client()
    browser.force_login(cast.owner)
    return browser


def test_owner_adds_a_practitioner_who_gets_an_invitation(cast: Cast) -> None:
    response = _owner(cast).post(
        "/settings/staff/new/",
        {
            "full_name": "Nadia Nurse",
            "email": "Nadia@Test.test",
            "role": "practitioner",
            "title": "RN",
        },
    )
    assert response.status_code == 302
    member = StaffMember.objects.get(user__email="nadia@test.test")
    assert (member.clinic, member.role, member.title) == (cast.clinic, "practitioner", "RN")
    assert not member.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nadia@test.test"]
    assert AuditEvent.objects.filter(action="staff.add", object_id=str(member.pk)).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"full_name": "X", "email": "owner@test.test", "role": "owner"}, "already exists"),
        ({"full_name": "X", "email": "new@test.test", "role": "admin"}, "valid choice"),
        (
            {"full_name": "Bad\x00Name", "email": "new@test.test", "role": "owner"},
            "Null characters",
        ),
        ({"full_name": "Bad\u202eName", "email": "new@test.test", "role": "owner"}, "invisible"),
        ({"full_name": "", "email": "not-an-email", "role": "owner"}, "required"),
    ],
)
def test_bad_staff_input_is_refused_and_changes_nothing(
    cast: Cast, data: dict[str, str], message: str
) -> None:
    before = (User.objects.count(), StaffMember.objects.count(), AuditEvent.objects.count())
    response = _owner(cast).post("/settings/staff/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (User.objects.count(), StaffMember.objects.count()) == before[:2]
    assert not mail.outbox


def test_owner_changes_a_role_and_deactivates(cast: Cast) -> None:
    member = cast.front_desk.staff
    browser = _owner(cast)
    response = browser.post(f"/settings/staff/{member.pk}/", {"role": "practitioner", "title": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.active) == ("practitioner", False)
    event = AuditEvent.objects.get(action="staff.change")
    assert event.detail == {"fields": ["active", "role"]}
    # A deactivated account has no role any more: it sees the "not linked" page.
    desk = Client()
    desk.force_login(cast.front_desk)
    assert desk.get("/").status_code == 403


def test_the_last_owner_cannot_be_demoted(cast: Cast) -> None:
    owner = cast.owner.staff
    response = _owner(cast).post(
        f"/settings/staff/{owner.pk}/", {"role": "practitioner", "active": "on"}
    )
    assert response.status_code == 400
    assert "at least one active owner" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_nobody_deactivates_themselves(cast: Cast) -> None:
    cast.practitioner.staff.role = "owner"
    cast.practitioner.staff.save()
    owner = cast.owner.staff
    response = _owner(cast).post(f"/settings/staff/{owner.pk}/", {"role": "owner"})
    assert response.status_code == 400
    assert "your own account" in response.content.decode()


def test_another_clinics_staff_cannot_be_reached(cast: Cast) -> None:
    stranger = cast.other_practitioner.staff
    assert _owner(cast).get(f"/settings/staff/{stranger.pk}/").status_code == 404
    assert (
        _owner(cast)
        .post(f"/settings/staff/{stranger.pk}/", {"role": "owner", "active": "on"})
        .status_code
        == 404
    )
    stranger.refresh_from_db()
    assert stranger.role == "practitioner"


def test_practitioners_cannot_manage_staff(cast: Cast) -> None:
    browser = Client()
    browser.force_login(cast.practitioner)
    response = browser.post(
        "/settings/staff/new/", {"full_name": "X", "email": "x@test.test", "role": "owner"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@test.test").exists()


def test_createclinic_bootstraps_a_new_install(db: object) -> None:
    call_command(
        "createclinic",
        name="Riverside Skin",
        owner_email="Boss@River.test",
        owner_name="Rita Boss",
        no_password=True,
    )
    clinic = Clinic.objects.get(slug="riverside-skin")
    assert clinic.locations.get().name == "Riverside Skin"
    owner = StaffMember.objects.get(clinic=clinic)
    assert (owner.role, owner.user.email) == ("owner", "boss@river.test")
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "createclinic",
            name="Again",
            owner_email="boss@river.test",
            owner_name="R",
            no_password=True,
        )
    assert Clinic.objects.filter(name="Again").count() == 0

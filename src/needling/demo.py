"""The demo clinic that `make run` loads: every state the product handles, dates relative to today.

Each later feature adds its part of the stories in docs/UX.md ("Demo data tells stories").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from needling.clients.models import Client
from needling.clinics.models import Clinic, Location, Role, StaffMember

DEMO_SLUG = "northside"
DEMO_PASSWORD = "needling-demo"  # noqa: S105 (published demo login, printed by `make run`)
DEMO_DOMAIN = "northside.example"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str
    story: str = ""


STAFF = [
    DemoLogin(f"owner@{DEMO_DOMAIN}", Role.OWNER, "Olivia Grant", "clinic owner"),
    DemoLogin(f"priya@{DEMO_DOMAIN}", Role.PRACTITIONER, "Dr Priya Shah", "dermatologist"),
    DemoLogin(f"tom@{DEMO_DOMAIN}", Role.PRACTITIONER, "Tom Reid", "nurse practitioner"),
    DemoLogin(f"desk@{DEMO_DOMAIN}", Role.FRONT_DESK, "Fiona Lee", "front desk"),
]


@dataclass(frozen=True)
class DemoClient:
    first: str
    last: str
    born: date
    story: str
    fitzpatrick: int | None = None
    sensitive: bool = False
    portal: bool = False
    phone: str = ""


def _clients(today: date) -> list[DemoClient]:
    def years_ago(years: int, days: int = 0) -> date:
        return today.replace(year=today.year - years) - timedelta(days=days)

    return [
        DemoClient(
            "Amelia",
            "Hart",
            years_ago(34, 40),
            "mid-course, next session too early",
            2,
            phone="07700 900101",
        ),
        DemoClient(
            "Ben",
            "Okafor",
            years_ago(41, 12),
            "due for a session, healed, in the window",
            4,
            portal=True,
            phone="07700 900102",
        ),
        DemoClient(
            "Chloe",
            "Martin",
            years_ago(29, 200),
            "no healing check since last session",
            3,
            phone="07700 900103",
        ),
        DemoClient(
            "Daniela", "Rossi", years_ago(31, 77), "pregnant: stop", 3, phone="07700 900104"
        ),
        DemoClient(
            "Evan",
            "Walsh",
            years_ago(45, 3),
            "stop overridden by a practitioner",
            2,
            phone="07700 900105",
        ),
        DemoClient(
            "Fatima",
            "Khan",
            years_ago(38, 150),
            "cold sore history: caution",
            4,
            phone="07700 900106",
        ),
        DemoClient(
            "George", "Li", years_ago(27, 90), "open adverse event (PIH)", 4, phone="07700 900107"
        ),
        DemoClient(
            "Hannah", "Schmidt", years_ago(52, 20), "6-month follow-up", 2, phone="07700 900108"
        ),
        DemoClient(
            "Isaac",
            "Brown",
            years_ago(36, 5),
            "hair loss, weekly protocol",
            3,
            phone="07700 900109",
        ),
        DemoClient(
            "Jade",
            "Mensah",
            years_ago(33, 60),
            "Fitzpatrick V, shallower plan",
            5,
            sensitive=True,
            phone="07700 900110",
        ),
        DemoClient(
            "Kofi",
            "Asante",
            years_ago(25, 33),
            "new client, contact details only",
            phone="07700 900111",
        ),
        DemoClient(
            "Laura",
            "Novak",
            years_ago(30, 210),
            "portal user",
            1,
            portal=True,
            phone="07700 900112",
        ),
    ]


def client_email(first: str) -> str:
    return f"{first.lower()}@{DEMO_DOMAIN}"


def demo_exists() -> bool:
    return Clinic.objects.filter(slug=DEMO_SLUG).exists()


def remove_demo() -> None:
    clinic = Clinic.objects.filter(slug=DEMO_SLUG).first()
    if clinic is not None:
        Client.objects.filter(clinic=clinic).delete()
        clinic.delete()
    get_user_model().objects.filter(email__endswith=f"@{DEMO_DOMAIN}").delete()


@dataclass(frozen=True)
class DemoContext:
    """What each app's demo_data.load(ctx) gets to add its part of the stories."""

    clinic: Clinic
    today: date
    clients: dict[str, Client]  # by first name: "Amelia", "Ben", ...
    staff: dict[str, object]  # by e-mail local part: "owner", "priya", "tom", "desk"


def _app_demo_loaders() -> list[object]:
    """`<app>.demo_data.load` of every installed app that has one, in INSTALLED_APPS order."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    loaders = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo_data"
        if find_spec(name) is not None:
            loaders.append(import_module(name).load)
    return loaders


@transaction.atomic
def load_demo(*, today: date, reset: bool = False) -> bool:
    """Create the demo clinic; returns False (and changes nothing) when it is already there."""
    if demo_exists():
        if not reset:
            return False
        remove_demo()
    User = get_user_model()
    clinic = Clinic.objects.create(name="Northside Skin Clinic", slug=DEMO_SLUG)
    Location.objects.create(
        clinic=clinic,
        name="Northside Central",
        address="12 Mill Lane, Northside",
        phone="0161 496 0000",
    )
    Location.objects.create(
        clinic=clinic,
        name="Northside Riverside",
        address="3 Quay Street, Northside",
        phone="0161 496 0001",
    )
    staff: dict[str, object] = {}
    for login in STAFF:
        user = User.objects.create_user(login.email, DEMO_PASSWORD, full_name=login.name)
        StaffMember.objects.create(
            user=user, clinic=clinic, role=login.role, title=login.story.capitalize()
        )
        staff[login.email.split("@")[0]] = user
    clients: dict[str, Client] = {}
    for c in _clients(today):
        portal_user = None
        if c.portal:
            portal_user = User.objects.create_user(
                client_email(c.first), DEMO_PASSWORD, full_name=f"{c.first} {c.last}"
            )
        clients[c.first] = Client.objects.create(
            clinic=clinic,
            first_name=c.first,
            last_name=c.last,
            date_of_birth=c.born,
            email=client_email(c.first),
            phone=c.phone,
            fitzpatrick_type=c.fitzpatrick,
            sensitive_skin=c.sensitive,
            portal_user=portal_user,
        )
    ctx = DemoContext(clinic=clinic, today=today, clients=clients, staff=staff)
    for load in _app_demo_loaders():
        load(ctx)  # type: ignore[operator]
    _client_since(clients.values(), today)
    return True


def _client_since(clients: Any, today: date) -> None:
    """A demo client became a client a week before their first signed consent or session, not on
    the day the demo was loaded (the client page says "Client since"); a client with neither
    joined on the demo's day."""
    from datetime import datetime, time, timedelta

    from django.db.models import Min
    from django.utils import timezone

    for client in clients:
        found = Client.objects.filter(pk=client.pk).aggregate(
            session=Min("treatment_sessions__session_date"),
            consent=Min("consent_signatures__signed_at"),
        )
        dates = [found["session"]] if found["session"] else []
        if found["consent"]:
            dates.append(timezone.localtime(found["consent"]).date())
        since = min(dates) - timedelta(days=7) if dates else today
        moment = timezone.make_aware(datetime.combine(min(since, today), time(10)))
        Client.objects.filter(pk=client.pk).update(created_at=moment)


def demo_logins() -> list[DemoLogin]:
    portal = [
        DemoLogin(client_email(c.first), "client", f"{c.first} {c.last}", "client portal")
        for c in _clients(date.today())
        if c.portal
    ]
    return [*STAFF, *portal]

"""The fixed cast every test can use: one clinic's staff, two clients, a stranger clinic."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from needling.accounts.models import User
from needling.clients.models import Client
from needling.clinics.models import Clinic, Location, Role, StaffMember

PASSWORD = "correct horse battery staple"

pytest_plugins = ["tests.query_baselines"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        metavar="'YYYY-MM-DD HH:MM'",
        help="run the whole suite as if the clinic's clock (Europe/London) read this time, "
        "ticking from there; servers and workers started as subprocesses run under faketime",
    )


def pytest_configure(config: pytest.Config) -> None:
    value = config.getoption("--clock")
    if value:
        import time_machine

        start = datetime.fromisoformat(value).replace(tzinfo=ZoneInfo("Europe/London"))
        time_machine.travel(start, tick=True).start()


# A `python -m module ...` subprocess started on the suite's clock: time-machine again, inside it.
# (Debian's faketime was tried first: Python 3.12's time.sleep fails under it with EINVAL.)
_ON_CLOCK = (
    "import runpy, sys, time_machine\n"
    "time_machine.travel(float(sys.argv[1]), tick=True).start()\n"
    "sys.argv = sys.argv[2:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


def clocked(argv: list[str]) -> list[str]:
    """A `python -m module ...` command line, on the suite's clock when --clock moved it
    (time-machine reaches only this process, so the child moves its own clock the same way)."""
    import sys
    import time

    import time_machine

    # (escape_hatch.time raises when nothing travels: then the clock is the real one.)
    if not time_machine.escape_hatch.is_travelling() or (
        abs(time.time() - time_machine.escape_hatch.time.time()) < 2
    ):
        return argv
    assert argv[:2] == [sys.executable, "-m"], argv
    return [sys.executable, "-c", _ON_CLOCK, repr(time.time()), *argv[2:]]


TEST_AUDIT_KEY = "test-audit-key-" + "k" * 32


def audit_env(var_dir: Path) -> dict[str, str]:
    """For a server or worker started as a subprocess with NEEDLING_VAR_DIR=var_dir: the test
    audit key and an anchor log of its own (the default, beside the var folder, would be shared
    by every test's subprocesses and compare one test's chain with another's anchors)."""
    return {
        "NEEDLING_AUDIT_KEY": TEST_AUDIT_KEY,
        "NEEDLING_AUDIT_ANCHOR_DIR": str(var_dir.parent / f"{var_dir.name}-anchors"),
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each test run its own test database, so two runs on one machine (two developers, or
    CI beside a developer) never drop each other's database.

    On SQLite that database is a file, not Django's default in-memory database: the browser tests'
    live server answers each request on a thread of its own, and an in-memory database is one
    connection those threads would share (two htmx requests at once then fail with
    "bad parameter or other API misuse"). With a file each thread opens its own connection, as each
    gunicorn worker does in production."""
    import tempfile

    from django.conf import settings

    default = settings.DATABASES["default"]
    default.setdefault("TEST", {})
    if default["ENGINE"].endswith("postgresql"):
        default["TEST"]["NAME"] = f"test_{default['NAME']}_{os.getpid()}"
    elif default["ENGINE"].endswith("sqlite3"):
        folder = tempfile.mkdtemp(prefix="needling-test-")
        default["TEST"]["NAME"] = os.path.join(folder, "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def _static_files_without_manifest() -> Any:
    """Production serves hashed static files from `collectstatic`'s manifest; tests run from a
    fresh checkout without collecting, so they resolve static files directly."""
    from django.test import override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded and generated files (photos, demo images) never land in the developer's var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _audit_anchors_in_a_temporary_folder(
    settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests sign with a fixed audit key and keep anchors apart from the developer's own."""
    settings.AUDIT_KEY = TEST_AUDIT_KEY
    settings.AUDIT_ANCHOR_DIR = tmp_path_factory.mktemp("audit-anchors")


@pytest.fixture(autouse=True)
def _backups_in_a_temporary_folder(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Backup archives, their work files and keys never land in the developer's var/."""
    var = tmp_path_factory.mktemp("var")
    settings.VAR_DIR = var
    settings.BACKUP_DIR = var / "backups"
    settings.BACKUP_RECIPIENTS_FILE = var / "backup-recipients.txt"
    settings.BACKUP_RECIPIENT = ""


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (tested in test_settings_security); MD5 keeps setup fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _audit_triggers(request: pytest.FixtureRequest) -> Any:
    """Keep the append-only triggers in place, except while a transactional test's data is
    flushed afterwards (flushing deletes every row, which the triggers rightly refuse)."""
    names = request.fixturenames
    if "transactional_db" not in names and "live_server" not in names:
        yield
        return
    from django.db import connection

    from needling.audit import triggers

    request.getfixturevalue("transactional_db")
    triggers.install(connection)
    yield
    triggers.remove(connection)
    # Flushing empties the model tables, not the database cache table: clear it too, so rate
    # limits and used one-time codes do not leak into the next test.
    from django.core.cache import cache

    cache.clear()


@dataclass
class Cast:
    clinic: Clinic
    other_clinic: Clinic
    owner: User
    practitioner: User
    front_desk: User
    client_a: User
    client_b: User
    other_practitioner: User
    record_a: Client
    record_b: Client
    other_record: Client
    totp_secrets: dict[str, str]

    def user(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


CAST_NAMES = [
    "owner",
    "practitioner",
    "front_desk",
    "client_a",
    "client_b",
    "other_practitioner",
    "anonymous",
]


def make_staff(clinic: Clinic, email: str, role: str, secrets: dict[str, str]) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title())
    StaffMember.objects.create(user=user, clinic=clinic, role=role)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    secrets[email] = secret
    return user


@pytest.fixture
def cast(db: Any) -> Cast:
    secrets: dict[str, str] = {}
    clinic = Clinic.objects.create(name="Test Clinic", slug="test")
    Location.objects.create(clinic=clinic, name="Main")
    other = Clinic.objects.create(name="Other Clinic", slug="other")
    client_a = User.objects.create_user("a@client.test", PASSWORD, full_name="Alice Client")
    client_b = User.objects.create_user("b@client.test", PASSWORD, full_name="Bob Client")
    record_a = Client.objects.create(
        clinic=clinic, first_name="Alice", last_name="Client", portal_user=client_a
    )
    record_b = Client.objects.create(
        clinic=clinic, first_name="Bob", last_name="Client", portal_user=client_b
    )
    other_record = Client.objects.create(clinic=other, first_name="Olga", last_name="Other")
    return Cast(
        clinic=clinic,
        other_clinic=other,
        owner=make_staff(clinic, "owner@test.test", Role.OWNER, secrets),
        practitioner=make_staff(clinic, "prac@test.test", Role.PRACTITIONER, secrets),
        front_desk=make_staff(clinic, "desk@test.test", Role.FRONT_DESK, secrets),
        client_a=client_a,
        client_b=client_b,
        other_practitioner=make_staff(other, "prac@other.test", Role.PRACTITIONER, secrets),
        record_a=record_a,
        record_b=record_b,
        other_record=other_record,
        totp_secrets=secrets,
    )

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from needling.audit import triggers
from needling.audit.models import AppendOnlyError, AuditEvent
from needling.audit.services import record
from needling.audit.verify import verify_log
from tests.conftest import Cast


def test_events_chain_each_to_the_one_before(cast: Cast) -> None:
    first = record(actor=cast.practitioner, action="client.view", client=cast.record_a)
    second = record(actor=cast.owner, action="audit.view")
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert first.client_id == cast.record_a.pk
    assert first.actor_role == "practitioner"
    assert first.clinic_id == cast.clinic.pk
    assert list(verify_log()) == []


def test_the_orm_refuses_to_change_or_delete_events(cast: Cast) -> None:
    event = record(actor=cast.owner, action="audit.view")
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_raw_updates_and_deletes(cast: Cast) -> None:
    event = record(actor=cast.owner, action="audit.view")
    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "audit.view"


def _drop_triggers() -> None:
    # What someone with direct database access could do; the chain must still tell.
    # (The test's transaction is rolled back afterwards, triggers included.)
    assert triggers.installed(connection)
    triggers.remove(connection)


def test_verify_finds_an_edited_event(cast: Cast) -> None:
    events = [record(actor=cast.owner, action=f"test.{i}") for i in range(3)]
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor_label = 'someone@else' WHERE id = %s",
            [events[1].pk],
        )
    problems = list(verify_log())
    assert [(p.seq, "edited" in p.what) for p in problems] == [(events[1].seq, True)]
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit", "verify")


def test_verify_finds_a_deleted_event(cast: Cast) -> None:
    events = [record(actor=cast.owner, action=f"test.{i}") for i in range(3)]
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    problems = list(verify_log())
    assert {p.seq for p in problems} == {events[2].seq}
    assert any("missing" in p.what for p in problems)


def test_verify_command_reports_an_intact_log(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    record(actor=cast.owner, action="audit.view")
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_signing_in_and_failing_to_are_audited(cast: Cast) -> None:
    from django.test import Client

    browser = Client()
    browser.post("/accounts/login/", {"login": "nobody@test.test", "password": "wrong-password"})
    failed = AuditEvent.objects.filter(action="auth.login_failed").get()
    assert failed.outcome == "denied"
    assert failed.detail == {"known_account": False, "account_id": None}
    assert "wrong-password" not in str(failed.detail)


def test_a_failed_login_to_a_known_account_shows_in_its_clinics_log(cast: Cast) -> None:
    from django.test import Client

    Client().post("/accounts/login/", {"login": cast.front_desk.email, "password": "nope-nope"})
    failed = AuditEvent.objects.filter(action="auth.login_failed").get()
    assert failed.clinic_id == cast.clinic.pk
    assert failed.detail["account_id"] == cast.front_desk.pk

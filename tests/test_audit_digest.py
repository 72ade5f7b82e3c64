"""The owners' daily digest carries the audit log's signed end outside the server (issue 16)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from needling.audit import triggers
from needling.audit.anchors import sign_head, verify_anchor
from needling.audit.digest import send_due_digests
from needling.audit.models import AuditEvent, OwnerDigest
from needling.audit.services import record
from tests.conftest import Cast

LONDON = ZoneInfo("Europe/London")


def _head_line(mail: Any) -> dict[str, Any]:
    [line] = [x for x in mail.body.splitlines() if x.startswith("{")]
    head: dict[str, Any] = json.loads(line)
    return head


def test_owners_get_the_signed_head_once_a_clinic_day(cast: Cast, mailoutbox: list[Any]) -> None:
    for i in range(3):
        record(actor=cast.owner, action=f"test.{i}")
    with time_machine.travel(datetime(2026, 3, 10, 6, 30, tzinfo=LONDON), tick=False):
        assert send_due_digests() == 0  # before 07:00 in the clinic
    with time_machine.travel(datetime(2026, 3, 10, 8, 0, tzinfo=LONDON), tick=False):
        assert send_due_digests() >= 1
        assert send_due_digests() == 0  # never twice a day
    mine = [m for m in mailoutbox if m.to == [cast.owner.email]]
    assert len(mine) == 1
    head = _head_line(mine[0])
    newest = AuditEvent.objects.order_by("-seq").first()
    assert newest is not None
    assert (head["seq"], head["hash"]) == (newest.seq, newest.hash)
    assert verify_anchor(head)
    for phi in (cast.record_a.first_name, cast.record_a.last_name):
        assert phi not in mine[0].body
    assert OwnerDigest.objects.filter(clinic=cast.clinic).count() == 1
    with time_machine.travel(datetime(2026, 3, 11, 7, 5, tzinfo=LONDON), tick=False):
        send_due_digests()
    assert len([m for m in mailoutbox if m.to == [cast.owner.email]]) == 2


def test_verify_with_the_digest_head_catches_a_cut_end(cast: Cast, mailoutbox: list[Any]) -> None:
    for i in range(5):
        record(actor=cast.owner, action=f"test.{i}")
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False):
        send_due_digests()
    head = _head_line(next(m for m in mailoutbox if m.to == [cast.owner.email]))
    call_command("audit", "verify", "--head", json.dumps(head))  # intact: no error
    # Someone who can write the database cuts the newest events and puts back an older, validly
    # signed head row: the database alone then looks intact; the digest's head does not.
    keep = head["seq"] - 2
    kept = AuditEvent.objects.get(seq=keep)
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq > %s", [keep])
        cursor.execute(
            "UPDATE audit_audithead SET seq = %s, hash = %s, signature = %s WHERE id = 1",
            [keep, kept.hash, sign_head(keep, kept.hash)],
        )
    call_command("audit", "verify")  # no anchor was written in this test: looks intact
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit", "verify", "--head", json.dumps(head))


@pytest.mark.parametrize("bad", ["not json", "[]", '{"seq": 1}'])
def test_a_bad_head_argument_is_a_clear_error(cast: Cast, bad: str) -> None:
    with pytest.raises(CommandError, match="--head takes the JSON line"):
        call_command("audit", "verify", "--head", bad)

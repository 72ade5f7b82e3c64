"""The end of the audit log cannot be cut off unnoticed (issue 16, item 3).

Each attack drops the append-only triggers first, as someone who can write the SQLite file (or
owns the table on PostgreSQL) can; the test's transaction rolls it all back afterwards."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from needling.audit import anchors, triggers
from needling.audit.anchors import read_newest_anchor, signed_head, verify_anchor, write_anchor
from needling.audit.models import AuditEvent, AuditHead
from needling.audit.services import record
from needling.audit.verify import verify_end, verify_log
from needling.config import ConfigError, outside
from tests.conftest import Cast


def _events(cast: Cast, n: int) -> list[AuditEvent]:
    return [record(actor=cast.owner, action=f"test.{i}") for i in range(n)]


def _attack(sql: str, params: list[Any] | None = None) -> None:
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _truncation(problems: list[Any]) -> list[str]:
    return [p.what for p in problems if p.what.startswith("truncated")]


def test_every_append_advances_the_signed_head(cast: Cast) -> None:
    events = _events(cast, 3)
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (events[-1].seq, events[-1].hash)
    assert head.signature == anchors.sign_head(head.seq, head.hash)
    assert list(verify_log()) == []


def test_the_head_is_signed_with_a_key_that_is_not_in_the_database(
    cast: Cast, settings: Any
) -> None:
    _events(cast, 2)
    signature = AuditHead.objects.get().signature
    settings.AUDIT_KEY = "another-key-" + "x" * 32
    problems = verify_end().problems
    assert [p.what for p in problems] == ["the head row's signature is wrong (forged or edited)"]
    assert signature not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


@pytest.mark.parametrize("cut", [1, 50, "all"])
def test_deleting_the_newest_events_is_reported_as_truncation(cast: Cast, cut: Any) -> None:
    events = _events(cast, 60)
    first_seq, last_seq = events[0].seq, events[-1].seq
    first_missing = first_seq if cut == "all" else last_seq - cut + 1
    _attack("DELETE FROM audit_auditevent WHERE seq >= %s", [first_missing])
    problems = list(verify_log())
    # The chain that is left still links up: only the end tells.
    span = (
        f"event {last_seq} is"
        if first_missing == last_seq
        else f"events {first_missing} to {last_seq} are"
    )
    assert _truncation(problems) == [
        f"truncated: {span} missing (the signed head row says the log reaches {last_seq})"
    ]
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit", "verify")


@pytest.mark.parametrize("cut", [1, 50, "all"])
def test_the_anchor_catches_the_same_cuts_when_the_head_row_goes_too(cast: Cast, cut: Any) -> None:
    events = _events(cast, 60)
    write_anchor()
    first_seq, last_seq = events[0].seq, events[-1].seq
    first_missing = first_seq if cut == "all" else last_seq - cut + 1
    _attack("DELETE FROM audit_auditevent WHERE seq >= %s", [first_missing])
    _attack("DELETE FROM audit_audithead")
    problems = list(verify_log())
    assert any(
        p.what.startswith(
            f"truncated: event{'s' if first_missing != last_seq else ''} {first_missing}"
        )
        and "the anchor of" in p.what
        and p.what.endswith(f"reaches {last_seq})")
        for p in problems
    ), problems


def test_rolling_the_head_back_to_an_older_signed_value_is_caught_by_the_anchor(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _events(cast, 10)
    old = AuditHead.objects.values("seq", "hash", "signature").get()  # the attacker kept this
    events += _events(cast, 40)
    write_anchor()
    _attack("DELETE FROM audit_auditevent WHERE seq > %s", [old["seq"]])
    _attack(
        "UPDATE audit_audithead SET seq = %s, hash = %s, signature = %s",
        [old["seq"], old["hash"], old["signature"]],
    )
    end = verify_end()
    # The head row alone is fooled: it is validly signed and matches the table's end.
    assert [p.what for p in end.problems] == [
        f"truncated: events {old['seq'] + 1} to {events[-1].seq} are missing "
        f"(the anchor of {read_newest_anchor()[0].at} says the log reaches {events[-1].seq})"  # type: ignore[union-attr]
    ]
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert f"events {old['seq'] + 1} to {events[-1].seq} are missing" in capsys.readouterr().err


def test_without_an_attack_verify_reports_the_newest_anchor(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _events(cast, 3)
    write_anchor()
    _events(cast, 2)  # newer than the anchor: fine
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"newest anchor: event {events[-1].seq}" in out
    assert "intact" in out


def test_the_anchor_log_is_appended_only_when_the_head_moved(cast: Cast) -> None:
    _events(cast, 2)
    assert write_anchor() is not None
    assert write_anchor() is None
    _events(cast, 1)
    assert write_anchor() is not None
    lines = anchors.anchor_path().read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [
        AuditEvent.objects.order_by("seq").values_list("seq", flat=True)[1],
        AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0],
    ]


def test_forged_and_broken_anchor_lines_are_ignored_and_reported(cast: Cast) -> None:
    events = _events(cast, 3)
    write_anchor()
    forged = {
        "seq": 999,
        "hash": "0" * 64,
        "at": "2030-01-01T00:00:00+00:00",
        "signature": "0" * 64,
    }
    with anchors.anchor_path().open("a") as out:
        out.write(json.dumps(forged) + "\n{not json\n")
    anchor, bad = read_newest_anchor()
    assert anchor is not None
    assert anchor.seq == events[-1].seq
    assert bad == 2
    end = verify_end()
    assert end.problems == []
    assert "2 line(s) in the anchor log were unreadable or wrongly signed: ignored" in end.notes


def test_an_edited_anchored_event_is_reported(cast: Cast) -> None:
    events = _events(cast, 3)
    write_anchor()
    _attack("UPDATE audit_auditevent SET hash = %s WHERE seq = %s", ["f" * 64, events[-1].seq])
    assert any(
        p.what.startswith(f"event {events[-1].seq} differs from the anchor") for p in verify_log()
    )


def test_signed_head_is_a_record_backups_can_carry(cast: Cast, settings: Any) -> None:
    assert signed_head()["seq"] == 0
    events = _events(cast, 2)
    head = signed_head()
    assert set(head) == {"seq", "hash", "at", "signature"}
    assert (head["seq"], head["hash"]) == (events[-1].seq, events[-1].hash)
    assert verify_anchor(head)
    assert not verify_anchor({**head, "seq": head["seq"] + 1})
    assert not verify_anchor({"seq": "x"})
    settings.AUDIT_KEY = "another-key-" + "x" * 32
    assert not verify_anchor(head)


def test_a_missing_key_file_is_generated_once_with_a_warning(
    settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings.AUDIT_KEY = ""
    settings.AUDIT_KEY_FILE = tmp_path / "keys" / "needling-audit.key"
    with caplog.at_level(logging.WARNING, logger="needling.audit.anchors"):
        first = anchors.audit_key()
    assert "Generated a new audit key" in caplog.text
    assert (settings.AUDIT_KEY_FILE.stat().st_mode & 0o777) == 0o600
    assert len(first) >= 32
    anchors._KEYS.clear()
    assert anchors.audit_key() == first


def test_a_short_key_is_refused(settings: Any) -> None:
    settings.AUDIT_KEY = "short"
    with pytest.raises(anchors.AuditKeyError, match="32"):
        anchors.audit_key()


def test_the_key_file_and_anchor_folder_must_be_outside_the_var_folder(tmp_path: Path) -> None:
    var = tmp_path / "var"
    assert outside("X", "", var, "anchors") == tmp_path / "anchors"
    assert outside("X", str(tmp_path / "elsewhere"), var, "anchors") == tmp_path / "elsewhere"
    for inside in (var, var / "anchors"):
        with pytest.raises(ConfigError, match="X must be outside NEEDLING_VAR_DIR"):
            outside("X", str(inside), var, "anchors")


def test_the_worker_anchors_the_head_at_start_and_every_few_minutes(
    cast: Cast, caplog: pytest.LogCaptureFixture, settings: Any
) -> None:
    from needling.web import periodic

    settings.AUDIT_ANCHOR_MINUTES = 2
    failing = periodic.Job("broken", periodic.default_jobs()[0].every, lambda: 1 / 0)
    jobs = [failing, *periodic.default_jobs()]
    events = _events(cast, 2)
    periodic.run_due(jobs, now=1000.0)  # at start
    assert read_newest_anchor()[0].seq == events[-1].seq  # type: ignore[union-attr]
    assert "periodic job 'broken' failed" in caplog.text
    events += _events(cast, 1)
    periodic.run_due(jobs, now=1000.0 + 119)  # not yet
    assert read_newest_anchor()[0].seq == events[-2].seq  # type: ignore[union-attr]
    periodic.run_due(jobs, now=1000.0 + 120)
    assert read_newest_anchor()[0].seq == events[-1].seq  # type: ignore[union-attr]


def test_the_default_anchor_folder_is_warned_about_at_start_up(settings: Any) -> None:
    from needling.web.startup import default_warnings, deploy_check

    settings.AUDIT_ANCHOR_DIR_IS_DEFAULT = True
    assert "NEEDLING_AUDIT_ANCHOR_DIR" in default_warnings()[0]
    assert [w.id for w in deploy_check()] == ["needling.W001"]  # type: ignore[attr-defined]
    settings.AUDIT_ANCHOR_DIR_IS_DEFAULT = False
    assert default_warnings() == []


def test_a_head_from_a_backup_manifest_can_be_checked_against_the_table(
    cast: Cast, tmp_path: Path
) -> None:
    events = _events(cast, 8)
    manifest_head = signed_head()
    assert verify_end(use_anchor_log=False, expected_head=manifest_head).problems == []
    _attack("DELETE FROM audit_auditevent WHERE seq > %s", [events[4].seq])
    _attack("DELETE FROM audit_audithead")
    report = verify_end(anchor_dir=tmp_path / "empty", expected_head=manifest_head)
    assert [p.what for p in report.problems] == [
        "the signed head row is missing",
        f"truncated: events {events[5].seq} to {events[7].seq} are missing "
        f"(the head recorded at {manifest_head['at']} says the log reaches {events[7].seq})",
    ]
    assert f"no anchor found in {tmp_path / 'empty'}" in report.notes[0]
    forged = {**manifest_head, "seq": 1}
    assert verify_end(use_anchor_log=False, expected_head=forged).problems[-1].what == (
        "the given head record is not validly signed"
    )

"""Daily backups from the worker, retention, and what owners see in Settings and on Today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import time_machine
from django.conf import settings
from django.test import Client

from needling.backups import retention, tasks
from needling.backups.models import BackupRun, BackupStatus
from needling.backups.services import backup_due
from needling.web import periodic
from tests.conftest import Cast

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _run(at: datetime, status: str = BackupStatus.OK, **extra: Any) -> BackupRun:
    return BackupRun.objects.create(
        started_at=at,
        finished_at=at + timedelta(minutes=1),
        status=status,
        scheduled=True,
        file_name="needling-backup-x.tar.age" if status == BackupStatus.OK else "",
        size_bytes=2_200_000 if status == BackupStatus.OK else None,
        **extra,
    )


def _today(user: Any) -> str:
    browser = Client()
    browser.force_login(user)
    page = browser.get("/")
    assert page.status_code == 200
    return page.content.decode()


# Retention -------------------------------------------------------------------------------


def test_retention_keeps_7_daily_4_weekly_12_monthly() -> None:
    # One backup a day for 400 days, plus a second one on the newest day.
    newest = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    times = [newest - timedelta(days=d) for d in range(400)] + [newest - timedelta(hours=2)]
    keep = retention.to_keep(times)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert newest in keep
    assert newest - timedelta(hours=2) not in keep
    assert days[:7] == [newest.date() - timedelta(days=d) for d in range(7)]
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    assert len(weeks) <= 7 + 4 + 12
    assert len(keep) <= 7 + 4 + 12
    assert min(keep) >= datetime(2025, 12, 1, tzinfo=UTC)  # nothing older than 12 months back


def test_prune_deletes_only_old_archives(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    for d in range(60):
        name = f"needling-backup-{start + timedelta(days=d):%Y%m%dT%H%M%SZ}.tar.age"
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("the owner's own file")
    removed = retention.prune(tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert "notes.txt" in left
    assert len(left) - 1 == 60 - len(removed)
    assert len(left) - 1 <= 7 + 4 + 12
    assert "needling-backup-20260301T030000Z.tar.age" in left  # the newest stays


# Schedule --------------------------------------------------------------------------------


def test_a_backup_is_due_once_a_day(db: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        assert backup_due()
        _run(NOW - timedelta(hours=23))
        assert not backup_due()
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=False):
        assert backup_due()


def test_a_failed_run_is_retried_after_an_hour_not_every_tick(db: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        _run(NOW - timedelta(minutes=30), BackupStatus.FAILED, error="disk full")
        assert not backup_due()
        _run(NOW - timedelta(minutes=90), BackupStatus.FAILED, error="disk full")
        assert not backup_due()
    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        assert backup_due()


def test_a_stale_running_run_does_not_block_the_schedule(db: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        BackupRun.objects.create(started_at=NOW - timedelta(hours=4), scheduled=True)
        assert backup_due()
        BackupRun.objects.create(started_at=NOW - timedelta(hours=1), scheduled=True)
        assert not backup_due()


def test_schedule_can_be_switched_off(db: Any, settings: Any) -> None:
    settings.BACKUP_SCHEDULE = False
    assert not backup_due()


def test_the_worker_ticks_the_backup_job(db: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    def queued() -> int:
        return DBTaskResult.objects.filter(task_path__endswith="scheduled_backup").count()

    jobs = [j for j in periodic.default_jobs() if j.name == "daily backup"]
    assert jobs[0].every == tasks.CHECK_EVERY
    periodic.run_due(jobs, 0.0)
    assert queued() == 1
    _run(datetime.now(UTC) - timedelta(hours=1))
    periodic.run_due(jobs, tasks.CHECK_EVERY.total_seconds())
    assert queued() == 1


def test_scheduled_task_backs_up_and_prunes(transactional_db: Any, tmp_path: Path) -> None:
    from needling.backups import keys

    keys.generate(tmp_path / "key.txt")
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True)
    old = folder / "needling-backup-20200101T030000Z.tar.age"
    old.write_bytes(b"x")
    yesterday = datetime.now(UTC) - timedelta(days=1)
    for d in range(400):  # a year of newer daily archives makes the 2020 one surplus
        at = yesterday - timedelta(days=d)
        (folder / f"needling-backup-{at:%Y%m%dT%H%M%SZ}.tar.age").write_bytes(b"x")
    result = tasks.scheduled_backup.call()
    assert result.startswith("ok needling-backup-")
    run = BackupRun.objects.get()
    assert run.scheduled
    assert run.status == BackupStatus.OK
    assert (folder / run.file_name).exists()
    assert not old.exists()
    assert len(list(folder.iterdir())) <= 7 + 4 + 12
    assert tasks.scheduled_backup.call() == "not_due"


# What owners see -------------------------------------------------------------------------


def test_new_install_says_plainly_that_no_backup_exists(cast: Cast) -> None:
    assert "No backup exists yet" in _today(cast.owner)
    browser = Client()
    browser.force_login(cast.owner)
    page = browser.get("/settings/").content.decode()
    assert "No backup exists yet" in page
    assert "not set up" in page  # no key yet


def test_today_is_quiet_after_a_recent_backup(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _run(NOW - timedelta(hours=25))
        html = _today(cast.owner)
    assert "Backups" not in html
    assert "No backup exists yet" not in html


def test_today_warns_when_the_last_good_backup_is_older_than_26_hours(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _run(NOW - timedelta(hours=27))
        _run(NOW - timedelta(hours=2), BackupStatus.FAILED, error="disk full")
        html = _today(cast.owner)
    assert "The last successful backup was 26 hours ago" in html
    assert "disk full" in html


def test_only_owners_see_backups(cast: Cast) -> None:
    for user in (cast.practitioner, cast.front_desk):
        assert "No backup exists yet" not in _today(user)


def test_settings_show_the_last_backup_time_size_and_result(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _run(NOW - timedelta(hours=30))
        _run(NOW - timedelta(hours=3), BackupStatus.FAILED, error="disk full")
        browser = Client()
        browser.force_login(cast.owner)
        page = browser.get("/settings/").content.decode()
    assert "failed" in page
    assert "disk full" in page
    assert "Last successful backup" in page
    assert "2.1\xa0MB" in page
    assert "24 Nov 2026" in page or "23 Nov 2026" in page

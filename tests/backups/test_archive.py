"""`needling backup` and `needling restore` in-process: what the archive holds, and every bad
input refused with a clear message while nothing changes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from pyrage import x25519

from needling.audit.anchors import signed_head, verify_anchor
from needling.audit.services import record
from needling.backups import archive, keys, restore
from needling.backups.errors import BackupError
from needling.backups.models import BackupRun, BackupStatus
from needling.backups.services import run_backup
from needling.clients.models import Client
from needling.clinics.models import Clinic

PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg, but bytes to hash \xff\xd9" * 50


@pytest.fixture
def live(transactional_db: Any, tmp_path: Path) -> dict[str, Any]:
    """A small install with a backup key: one clinic, one client, audit events, a media file."""
    key = tmp_path / "owner-key.txt"
    keys.generate(key)
    clinic = Clinic.objects.create(name="Drill Clinic", slug="drill")
    Client.objects.create(clinic=clinic, first_name="Zebedee", last_name="Quartermaine")
    for i in range(3):
        record(actor=None, action="test.event", detail={"i": i})
    photo = Path(settings.MEDIA_ROOT) / "photos" / "ab" / "photo.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(PHOTO)
    return {"key": key, "photo": photo}


def _state() -> dict[str, Any]:
    """Everything a refused restore must leave as it was."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    media = Path(settings.MEDIA_ROOT)
    files = sorted(
        (str(p.relative_to(media)), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in media.rglob("*")
        if p.is_file()
    )
    leftovers = sorted(p.name for p in media.parent.glob(".restore-*"))
    return {"counts": counts, "files": files, "leftovers": leftovers}


def test_archive_is_encrypted_and_names_no_client(live: dict[str, Any]) -> None:
    run, result = run_backup()
    assert result is not None
    data = result.path.read_bytes()
    assert data.startswith(archive.AGE_MAGIC)
    assert b"Quartermaine" not in data
    assert b"test.event" not in data
    assert run.status == BackupStatus.OK
    assert run.size_bytes == len(data)
    assert run.file_name == result.path.name
    assert result.path.parent == Path(settings.BACKUP_DIR)


def test_manifest_records_versions_counts_hashes_and_audit_head(
    live: dict[str, Any], tmp_path: Path
) -> None:
    _, result = run_backup()
    assert result is not None
    staging = tmp_path / "unpacked"
    staging.mkdir()
    manifest, hashes = restore._unpack(result.path, keys.load_identity(live["key"]), staging)
    assert manifest["format_version"] == archive.FORMAT_VERSION
    assert manifest["app_version"] == archive.app_version()
    assert manifest["engine"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["backups"]
    assert manifest["row_counts"]["clients_client"] == 1
    assert manifest["row_counts"]["clinics_clinic"] == 1
    # The head inside the snapshot: the backup.created event comes after it.
    assert manifest["audit_chain_head"]["seq"] == 3
    assert verify_anchor(manifest["audit_chain_head"])  # signed with the audit key
    assert signed_head()["seq"] == 4
    photo = manifest["files"]["media/photos/ab/photo.jpg"]
    assert photo == {"sha256": hashlib.sha256(PHOTO).hexdigest(), "size": len(PHOTO)}
    assert set(hashes) == set(manifest["files"])
    assert manifest["database"] in manifest["files"]


def test_without_a_key_the_backup_refuses_and_says_what_to_do(transactional_db: Any) -> None:
    with pytest.raises(BackupError, match="needling backup keygen"):
        run_backup()
    run = BackupRun.objects.get()
    assert run.status == BackupStatus.FAILED
    assert "no backup key" in run.error
    assert (
        not list(Path(settings.BACKUP_DIR).glob("*"))
        if Path(settings.BACKUP_DIR).exists()
        else True
    )


def test_keygen_never_overwrites_a_key(transactional_db: Any, tmp_path: Path) -> None:
    key = tmp_path / "k.txt"
    call_command("backup", "keygen", "--identity", str(key))
    first = key.read_text()
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "keygen", "--identity", str(key))
    assert key.read_text() == first
    assert len(keys.recipients()) == 1


def _refused(
    monkeypatch: pytest.MonkeyPatch, path: Path, identity: Path | None, message: str
) -> None:
    """The archive checks refuse before the target is looked at (the target here is the live
    test database, so the empty-target check is switched off to reach them)."""
    monkeypatch.setattr(restore, "target_problems", lambda: [])
    before = _state()
    with pytest.raises(BackupError, match=message):
        restore.restore_backup(archive=path, identity=identity)
    assert _state() == before


def test_wrong_key_is_refused(
    live: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, result = run_backup()
    assert result is not None
    other = tmp_path / "other-key.txt"
    other.write_text(f"{x25519.Identity.generate()}\n")
    _refused(monkeypatch, result.path, other, "wrong key")


def test_missing_key_is_refused(live: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _, result = run_backup()
    assert result is not None
    _refused(monkeypatch, result.path, None, "pass --identity")


def test_corrupt_archive_is_refused(live: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _, result = run_backup()
    assert result is not None
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    result.path.write_bytes(bytes(data))
    _refused(monkeypatch, result.path, live["key"], "damaged, cut short or was altered")


def test_truncated_archive_is_refused(
    live: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, result = run_backup()
    assert result is not None
    data = result.path.read_bytes()
    for cut in (len(data) - 100, len(data) // 3):
        result.path.write_bytes(data[:cut])
        _refused(monkeypatch, result.path, live["key"], "damaged, cut short")


def test_tampered_unencrypted_archive_fails_its_hashes(
    live: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, result = run_backup(encrypt=False)
    assert result is not None
    data = result.path.read_bytes()
    assert data.count(PHOTO) == 1
    result.path.write_bytes(data.replace(PHOTO[:40], PHOTO[:39] + b"X", 1))
    _refused(monkeypatch, result.path, None, "does not match its manifest")


def test_not_an_archive_is_refused(
    live: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"this is not a backup\n" * 100)
    _refused(monkeypatch, junk, None, "damaged or cut short")


def test_archive_of_a_newer_needling_is_refused(
    live: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(archive, "app_version", lambda: "99.0.0")
        _, result = run_backup()
    assert result is not None
    _refused(monkeypatch, result.path, live["key"], "made by Needling 99.0.0, newer")


def test_archive_with_unknown_migrations_is_refused(
    live: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = archive._facts

    def newer_schema() -> dict[str, Any]:
        facts = real()
        facts["migrations"]["clients"].append("0999_from_the_future")
        return facts

    with monkeypatch.context() as patch:
        patch.setattr(archive, "_facts", newer_schema)
        _, result = run_backup()
    assert result is not None
    _refused(monkeypatch, result.path, live["key"], "clients.0999_from_the_future")


def test_non_empty_target_is_refused_by_the_command(live: dict[str, Any]) -> None:
    _, result = run_backup()
    assert result is not None
    before = _state()
    with pytest.raises(CommandError, match="nothing was changed: the database is not empty"):
        call_command("restore", str(result.path), "--identity", str(live["key"]))
    assert _state() == before


def test_archive_signed_with_another_audit_key_is_refused(
    live: dict[str, Any], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    """Someone who knows the backup's public key can write a well-formed archive, but cannot sign
    its audit head without the audit key."""
    _, result = run_backup()
    assert result is not None
    settings.AUDIT_KEY = "another-install-" + "z" * 32
    _refused(monkeypatch, result.path, live["key"], "not signed with this install's audit key")

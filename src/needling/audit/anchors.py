"""The end of the audit log, anchored inside the database and outside it.

- The **head row** (`AuditHead`) holds the newest event's seq and hash with an HMAC made with the
  audit key. `record` advances it in the append's transaction.
- The **anchor log** is an append-only file of signed chain heads (seq, hash, time) in
  `AUDIT_ANCHOR_DIR`, written by the worker every few minutes (`write_anchor`), and put into
  backup manifests (`signed_head`).

`verify_end` compares the table with both and reports a cut end as truncation with the missing
sequence range. The key comes from NEEDLING_AUDIT_KEY or a key file outside the var folder; a
missing key file is generated once (fine for a demo or a first run; an operator keeps it safe).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from needling.audit.chain import GENESIS, Problem

log = logging.getLogger(__name__)

ANCHOR_FILE = "audit-anchors.jsonl"
_KEYS: dict[tuple[str, str], bytes] = {}


class AuditKeyError(RuntimeError):
    """The audit key cannot be read or is too short."""


def audit_key() -> bytes:
    """The HMAC key: NEEDLING_AUDIT_KEY, else the key file (generated once, with a warning)."""
    raw, path = str(settings.AUDIT_KEY), str(settings.AUDIT_KEY_FILE)
    cached = _KEYS.get((raw, path))
    if cached is not None:
        return cached
    if raw:
        key = raw
    else:
        key_file = Path(path)
        if key_file.exists():
            key = key_file.read_text().strip()
        else:
            key = secrets.token_urlsafe(48)
            key_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(key)
            log.warning(
                "Generated a new audit key in %s. Keep it away from the var folder and its "
                "backups (or set NEEDLING_AUDIT_KEY): it signs the audit log's end.",
                key_file,
            )
    if len(key) < 32:
        raise AuditKeyError("the audit key (NEEDLING_AUDIT_KEY or its file) must be 32+ characters")
    _KEYS[(raw, path)] = key.encode()
    return _KEYS[(raw, path)]


def _mac(*parts: object) -> str:
    message = "|".join(str(p) for p in parts).encode()
    return hmac.new(audit_key(), message, hashlib.sha256).hexdigest()


def sign_head(seq: int, chain_hash: str) -> str:
    return _mac("needling-audit-head", seq, chain_hash)


@dataclass(frozen=True)
class Anchor:
    """A signed statement "the audit chain reached `seq` with `hash` at `at`"."""

    seq: int
    hash: str
    at: str
    signature: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def make(cls, seq: int, chain_hash: str, at: datetime) -> Anchor:
        stamp = at.astimezone(UTC).isoformat(timespec="seconds")
        return cls(seq, chain_hash, stamp, _mac("needling-audit-anchor", seq, chain_hash, stamp))

    def is_valid(self) -> bool:
        expected = _mac("needling-audit-anchor", self.seq, self.hash, self.at)
        return hmac.compare_digest(expected, self.signature)


def _last_event() -> tuple[int, str]:
    from needling.audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def signed_head(*, now: datetime | None = None) -> dict[str, Any]:
    """The chain's end right now as a signed record: {"seq", "hash", "at", "signature"}.

    For backup manifests and the anchor log; `verify_anchor` checks one. seq 0 = empty log."""
    seq, chain_hash = _last_event()
    return Anchor.make(seq, chain_hash, now or timezone.now()).as_dict()


def verify_anchor(record: dict[str, Any]) -> bool:
    """Is this a head record signed with our key (and well formed)?"""
    try:
        anchor = Anchor(
            int(record["seq"]), str(record["hash"]), str(record["at"]), str(record["signature"])
        )
    except (KeyError, TypeError, ValueError):
        return False
    return anchor.is_valid()


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_DIR) / ANCHOR_FILE


def write_anchor(*, now: datetime | None = None) -> dict[str, Any] | None:
    """Append the current signed head to the anchor log, unless the log already ends with this
    seq. Returns what was written (None when nothing changed). Opened for appending only and
    flushed to disk before returning."""
    with transaction.atomic():
        head = signed_head(now=now)
    path = anchor_path()
    last = _last_record(path)
    if last is not None and (last.get("seq"), last.get("hash")) == (head["seq"], head["hash"]):
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(head, sort_keys=True, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return head


def _last_record(path: Path) -> dict[str, Any] | None:
    """The last line of the anchor log (read from its end: the log grows for years)."""
    try:
        with path.open("rb") as log_file:
            size = log_file.seek(0, os.SEEK_END)
            log_file.seek(max(0, size - 4096))
            tail = log_file.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        record = json.loads(tail[-1]) if tail else None
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def read_newest_anchor(directory: Path | None = None) -> tuple[Anchor | None, int]:
    """The validly signed anchor with the highest seq in the anchor folder's *.jsonl files, and
    how many lines could not be read or carry a wrong signature (they are ignored)."""
    folder = Path(directory or settings.AUDIT_ANCHOR_DIR)
    newest: Anchor | None = None
    bad = 0
    if not folder.is_dir():
        return None, 0
    for path in sorted(folder.glob("*.jsonl")):
        try:
            with path.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except ValueError:
                        bad += 1
                        continue
                    if not isinstance(record, dict) or not verify_anchor(record):
                        bad += 1
                        continue
                    anchor = Anchor(
                        int(record["seq"]), record["hash"], record["at"], record["signature"]
                    )
                    if newest is None or anchor.seq > newest.seq:
                        newest = anchor
        except OSError:
            bad += 1
    return newest, bad


def advance_head(seq: int, chain_hash: str) -> None:
    """Move the head row to a new event. Call inside the append's transaction (under its lock)."""
    from needling.audit.models import AuditHead

    signature = sign_head(seq, chain_hash)
    if not AuditHead.objects.filter(pk=1).update(seq=seq, hash=chain_hash, signature=signature):
        AuditHead.objects.create(pk=1, seq=seq, hash=chain_hash, signature=signature)


@dataclass(frozen=True)
class EndReport:
    problems: list[Problem]
    notes: list[str]


def _missing(first: int, last: int, source: str) -> Problem:
    span = f"event {first} is" if first == last else f"events {first} to {last} are"
    return Problem(first, f"truncated: {span} missing ({source} says the log reaches {last})")


def _against(
    anchor: Anchor, last_seq: int, hash_at: Callable[[int], str | None], source: str
) -> list[Problem]:
    if anchor.seq > last_seq:
        return [_missing(last_seq + 1, anchor.seq, source)]
    if anchor.seq and hash_at(anchor.seq) != anchor.hash:
        return [Problem(anchor.seq, f"event {anchor.seq} differs from {source}")]
    return []


def verify_end(
    *,
    anchor_dir: Path | None = None,
    use_anchor_log: bool = True,
    expected_head: dict[str, Any] | None = None,
) -> EndReport:
    """Compare the table's last event with the signed head row and the newest anchor in the
    anchor log (`anchor_dir`, default AUDIT_ANCHOR_DIR; `use_anchor_log=False` skips it, e.g.
    when a restore lands beside another install's log) and, when given, a signed head record
    such as a backup manifest's (`expected_head`, from `signed_head`)."""
    from needling.audit.models import AuditEvent, AuditHead

    problems: list[Problem] = []
    notes: list[str] = []
    last_seq, _last_hash = _last_event()

    def hash_at(seq: int) -> str | None:
        return AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()

    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if last_seq:
            problems.append(Problem(last_seq, "the signed head row is missing"))
    elif not hmac.compare_digest(sign_head(head.seq, head.hash), head.signature):
        problems.append(Problem(head.seq, "the head row's signature is wrong (forged or edited)"))
    elif head.seq > last_seq:
        problems.append(_missing(last_seq + 1, head.seq, "the signed head row"))
    elif head.seq < last_seq:
        problems.append(
            Problem(
                head.seq + 1,
                f"events {head.seq + 1} to {last_seq} lie beyond the signed head "
                "(the head was put back, or events were added outside the app)",
            )
        )
    elif hash_at(head.seq) != head.hash:
        problems.append(Problem(head.seq, "the newest event differs from the signed head"))

    if expected_head is not None:
        # A head carried elsewhere (a backup's manifest): after a restore the log must reach it.
        if not verify_anchor(expected_head):
            problems.append(Problem(0, "the given head record is not validly signed"))
        else:
            given = Anchor(
                int(expected_head["seq"]),
                str(expected_head["hash"]),
                str(expected_head["at"]),
                str(expected_head["signature"]),
            )
            problems += _against(given, last_seq, hash_at, f"the head recorded at {given.at}")
    if use_anchor_log:
        folder = Path(anchor_dir or settings.AUDIT_ANCHOR_DIR)
        anchor, bad = read_newest_anchor(folder)
        if bad:
            notes.append(
                f"{bad} line(s) in the anchor log were unreadable or wrongly signed: ignored"
            )
        if anchor is None:
            notes.append(f"no anchor found in {folder} (is the worker running?)")
        else:
            found = _against(anchor, last_seq, hash_at, f"the anchor of {anchor.at}")
            problems += found
            if not found:
                notes.append(f"newest anchor: event {anchor.seq} at {anchor.at}")
    return EndReport(problems, notes)

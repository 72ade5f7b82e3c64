from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.audit.choices import Outcome


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(VisibleQuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AppendOnlyError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One thing that happened: who, what, to which client, when (UTC), from which request.

    Rows form a hash chain: each row's hash covers its own fields and the previous row's hash,
    so editing or deleting a row in the database is found by `needling audit verify`.
    Database triggers refuse UPDATE and DELETE as well.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    # Plain ids, not foreign keys: the log must outlive and never cascade from what it describes.
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    clinic_id = models.BigIntegerField(null=True, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OK)
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    visibility = Scope(clinic="clinic", client="client_id", find="audit.find", view="audit.view")

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["clinic_id", "-seq"]),
            models.Index(fields=["clinic_id", "action", "-seq"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_label or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")


class AuditHead(models.Model):
    """Where the chain ends: the newest event's seq and hash, signed with the audit key (which is
    not in the database). Every append advances it in the same transaction, so deleting the
    newest events leaves a head that points past the end. Someone who also puts back an older
    signed head is caught by the anchor log outside the database (`needling.audit.anchors`).
    One row, id 1. It is updated on every append, so it has no append-only triggers."""

    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    signature = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class DeniedRepeat(models.Model):
    """Folding repeated refusals: one chained `access.denied` event per actor, route, object and
    minute; repeats within that minute only count up here, so an id walk or a reload loop cannot
    flood the log (each distinct id still gets its own event). This table is not chained, so once
    its minute is over the worker seals a count above one into the chain as an
    `access.denied_repeats` event (`needling.audit.denied.seal_repeats`), after which the count
    is as tamper-evident as the rest of the log."""

    event_seq = models.PositiveBigIntegerField(unique=True)
    actor_id = models.BigIntegerField()
    route = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    minute = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)
    sealed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor_id", "route", "object_id", "minute"], name="denied_repeat_once"
            )
        ]
        indexes = [models.Index(fields=["sealed", "minute"])]

    def __str__(self) -> str:
        return f"denied #{self.event_seq} x{self.count}"


class OwnerDigest(models.Model):
    """One row per clinic and clinic day once its owners' daily digest went out (so several
    workers, or a restarted one, never send it twice). Install bookkeeping, not shown as rows."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    head_seq = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "day"], name="owner_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"digest {self.clinic_id} {self.day}"

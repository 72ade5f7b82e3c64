"""Appointments, rooms, the message outbox, outcome-review follow-ups and calendar feed tokens
(DESIGN.md steps 6 and 9; UX.md "Calendar").

Times are aware datetimes stored in UTC; they are shown in the clinic's time zone. No double
booking of a practitioner or a room: the database refuses it (a trigger on SQLite, an exclusion
constraint on PostgreSQL: see migrations/0002), the booking service checks first for a clear
message.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.lookups import LessThanOrEqual

from needling.access import Scope, VisibleQuerySet
from needling.scheduling.choices import Kind, MessageStatus, Status


class Room(models.Model):
    """A treatment room at one of the clinic's locations."""

    location = models.ForeignKey("clinics.Location", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=80)
    active = models.BooleanField(default=True)

    visibility = Scope(
        clinic="location__clinic", client=None, find="clinic.find", view="clinic.find"
    )
    objects = VisibleQuerySet["Room"].as_manager()

    class Meta:
        ordering = ["location_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "name"], name="room_name_unique_per_location"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def clinic_id(self) -> int:
        return self.location.clinic_id


# The longest appointment (Needling default). The database refuses longer ones (a CHECK
# constraint), so the calendar may bound its look-ups: an appointment that overlaps a window
# starts at most this long before the window starts.
MAX_APPOINTMENT_MINUTES = 8 * 60


class LengthSeconds(models.Func):
    """`end - start` in whole seconds, in SQL each database evaluates natively (no Python
    function in the schema): SQLite's strftime('%s'), PostgreSQL's EXTRACT(EPOCH ...)."""

    output_field = models.IntegerField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="(CAST(strftime('%%%%s', %(end)s) AS INTEGER) - "
            "CAST(strftime('%%%%s', %(start)s) AS INTEGER))",
            **extra,
        )

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        end_sql, end_params = compiler.compile(self.source_expressions[1])
        template = extra.pop("template", "EXTRACT(EPOCH FROM (%(end)s - %(start)s))")
        return template % {"start": start_sql, "end": end_sql}, (*end_params, *start_params)


# Statuses that hold the practitioner's and the room's time (a no-show or a done visit did
# happen in that slot; a cancelled one frees it).
HOLDING = ("booked", "done", "no_show")


class Appointment(models.Model):
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="appointments"
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    location = models.ForeignKey("clinics.Location", on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    # RFC 5545 SEQUENCE: bumped on every change, so calendars replace the old copy.
    sequence = models.PositiveIntegerField(default=0)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    override_reason = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    # A double submit of the same form carries the same key: the second one is deduplicated.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visibility = Scope(
        clinic="clinic", client="client", find="appointment.find", view="calendar.view"
    )
    objects = VisibleQuerySet["Appointment"].as_manager()

    class Meta:
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["clinic", "start"]),
            models.Index(fields=["practitioner", "start"]),
            models.Index(fields=["location", "start"]),
            models.Index(fields=["client", "start"]),
            models.Index(fields=["room", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="appointment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    LengthSeconds("start", "end"), MAX_APPOINTMENT_MINUTES * 60
                ),
                name="appointment_at_most_max_length",
            ),
            models.CheckConstraint(
                condition=models.Q(status="cancelled", cancelled_at__isnull=False)
                | (~models.Q(status="cancelled") & models.Q(cancelled_at__isnull=True)),
                name="appointment_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Appointment {self.pk}"

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def is_booked(self) -> bool:
        return self.status == Status.BOOKED


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Booking confirmation"
    REMINDER = "reminder", "Reminder (24 hours before)"
    CANCELLATION = "cancellation", "Cancellation notice"
    AFTERCARE = "aftercare", "Aftercare"
    HEALING_CHECKIN = "healing_checkin", "Healing check-in request"
    REVIEW_INVITATION = "review_invitation", "Outcome review invitation"


class Message(models.Model):
    """The outbox: one row per message to a client, sent by the background worker when due.

    `body` is what the client reads after signing in (portal); the e-mail itself only says that
    there is a message (no PHI in e-mail). `dedupe_key` makes scheduling a message idempotent.
    """

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    session_id = models.BigIntegerField(null=True, blank=True, help_text="charting session")
    body = models.TextField()
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="clinic", client="client", find="messages.find", view="messages.view")
    objects = VisibleQuerySet["Message"].as_manager()

    class Meta:
        ordering = ["-due_at", "-id"]
        indexes = [
            models.Index(fields=["clinic", "-due_at"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["client", "-due_at"]),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} ({self.kind})"


class FollowUp(models.Model):
    """An outcome review proposed 1, 3, 6 or 12 months after a course's last session."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="follow_ups"
    )
    last_session_on = models.DateField()
    session_id = models.BigIntegerField(null=True, blank=True, help_text="charting session")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    appointment = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="appointment.find", view="calendar.view"
    )
    objects = VisibleQuerySet["FollowUp"].as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["client", "due_on"]),
            # Today's "outcome reviews due" starts from the unbooked ones due around now
            # (appointment_id IS NULL AND due_on BETWEEN ...: one index range).
            models.Index(fields=["appointment", "due_on"], name="follow_up_unbooked_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "last_session_on", "months"], name="one_follow_up_per_point"
            )
        ]

    def __str__(self) -> str:
        return f"{self.months}-month review due {self.due_on}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret, revocable iCalendar URL for one practitioner or one location.

    Rotating makes a new token (the old URL then answers 404); revoking deactivates it.
    Client names and appointment kinds appear only when `show_details` is on (the clinic opts in).
    """

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    location = models.ForeignKey(
        "clinics.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    show_details = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="clinic", client=None, find="staff.find", view="calendar.feeds")
    objects = VisibleQuerySet["CalendarFeed"].as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(practitioner__isnull=False) & models.Q(location__isnull=True))
                | (models.Q(practitioner__isnull=True) & models.Q(location__isnull=False)),
                name="feed_is_for_practitioner_or_location",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed {self.pk}"

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower, Replace

from needling.access import Scope, VisibleQuerySet
from needling.clients.validators import validate_date_of_birth, validate_name, validate_phone


def _digits_only(field: str) -> models.Func:
    """The phone number without the separators people type (portable to SQLite and PostgreSQL)."""
    expression: models.Func | models.F = models.F(field)
    for separator in (" ", "-", "(", ")", ".", "+"):
        expression = Replace(expression, models.Value(separator), models.Value(""))
    assert isinstance(expression, models.Func)
    return expression


class Client(models.Model):
    """A person treated by the clinic. Identity and contact; clinical data hangs off it."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.PROTECT, related_name="clients")
    first_name = models.CharField(max_length=100, validators=[validate_name])
    last_name = models.CharField(max_length=100, validators=[validate_name])
    date_of_birth = models.DateField(null=True, blank=True, validators=[validate_date_of_birth])
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    fitzpatrick_type = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Fitzpatrick skin type, I to VI",
    )
    sensitive_skin = models.BooleanField(default=False)
    portal_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client_record",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Search keys, kept by the database itself (so bulk inserts and imports get them too).
    first_name_key = models.GeneratedField(
        expression=Lower("first_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    last_name_key = models.GeneratedField(
        expression=Lower("last_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    email_key = models.GeneratedField(
        expression=Lower("email"),
        output_field=models.CharField(max_length=254),
        db_persist=True,
    )
    phone_digits = models.GeneratedField(
        expression=_digits_only("phone"),
        output_field=models.CharField(max_length=40),
        db_persist=True,
    )

    visibility = Scope(
        clinic="clinic", client="pk", find="client.find", view="client.view_identity"
    )
    objects = VisibleQuerySet["Client"].as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["clinic", "last_name", "first_name"]),
            models.Index(fields=["clinic", "date_of_birth"]),
            # Prefix search. PostgreSQL serves LIKE 'x%' only from a pattern_ops index (its
            # collation is not bytewise); SQLite ignores opclasses and serves the range query.
            *(
                models.Index(
                    fields=["clinic", key],
                    name=name,
                    opclasses=["int8_ops", "varchar_pattern_ops"],
                )
                for key, name in [
                    ("last_name_key", "client_last_key"),
                    ("first_name_key", "client_first_key"),
                    ("email_key", "client_email_key"),
                    ("phone_digits", "client_phone_key"),
                ]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fitzpatrick_type__isnull=True)
                | models.Q(fitzpatrick_type__gte=1, fitzpatrick_type__lte=6),
                name="client_fitzpatrick_1_to_6",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

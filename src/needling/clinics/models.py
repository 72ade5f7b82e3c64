from __future__ import annotations

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet


class Clinic(models.Model):
    """A practice: the unit that owns clients, staff, equipment and protocols."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="pk", client=None, find="clinic.find", view="clinic.find")
    objects = VisibleQuerySet["Clinic"].as_manager()

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    visibility = Scope(clinic="clinic", client=None, find="clinic.find", view="clinic.find")
    objects = VisibleQuerySet["Location"].as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "name"], name="location_name_unique_per_clinic"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    PRACTITIONER = "practitioner", "Practitioner"
    FRONT_DESK = "front_desk", "Front desk"


class StaffMember(models.Model):
    """Links a user account to the clinic it works for, with one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(max_length=20, choices=Role.choices)
    title = models.CharField(max_length=80, blank=True, help_text="e.g. Nurse practitioner")
    active = models.BooleanField(default=True)

    visibility = Scope(clinic="clinic", client=None, find="staff.find", view="staff.find")
    objects = VisibleQuerySet["StaffMember"].as_manager()

    class Meta:
        indexes = [models.Index(fields=["clinic", "role"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.clinic})"

"""Devices, cartridge and roller lots, and topical products used during needling.

Record-keeping fields follow microneedling.md §10.3 (device model and handpiece serial; cartridge
or roller lot, needle count, length, expiry; topicals with whether they are sterile).
"""

from __future__ import annotations

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models

from needling.access import Scope, VisibleQuerySet


class DeviceKind(models.TextChoices):
    ROLLER = "roller", "Roller"
    PEN = "pen", "Pen"


class Device(models.Model):
    """A roller or a pen. Rollers carry their drum geometry (for the puncture density), pens
    their stroke frequency and depth range (microneedling.md §2.1, §2.2)."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="devices")
    kind = models.CharField(max_length=10, choices=DeviceKind.choices)
    name = models.CharField(max_length=120)
    model = models.CharField(max_length=120, blank=True)
    serial = models.CharField(max_length=80, blank=True)
    # Roller: needles on the drum. Pen: needles per cartridge.
    needle_count = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    needle_length_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    drum_diameter_mm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    drum_width_mm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    stroke_frequency_hz = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    depth_min_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    depth_max_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    depth_step_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="clinic", client=None, find="equipment.find", view="equipment.view")
    objects = VisibleQuerySet["Device"].as_manager()

    class Meta:
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["clinic", "active", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="pen")
                | models.Q(drum_diameter_mm__gt=0, drum_width_mm__gt=0),
                name="roller_has_drum_geometry",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="roller") | models.Q(stroke_frequency_hz__gte=0),
                name="pen_has_stroke_frequency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.serial})" if self.serial else self.name

    @property
    def is_roller(self) -> bool:
        return self.kind == DeviceKind.ROLLER


class LotKind(models.TextChoices):
    CARTRIDGE = "cartridge", "Pen cartridge"
    ROLLER = "roller", "Roller"


class Lot(models.Model):
    """A batch of single-use cartridges or rollers (lot-tracked, microneedling.md §2.5, §10.1)."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="lots")
    kind = models.CharField(max_length=10, choices=LotKind.choices)
    product = models.CharField(max_length=120, help_text="e.g. 12-needle cartridge")
    lot_number = models.CharField(max_length=60)
    expiry = models.DateField()
    single_use = models.BooleanField(default=True)
    recalled = models.BooleanField(default=False, help_text="Withdrawn: may no longer be charted.")
    fits = models.ManyToManyField(Device, related_name="lots", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="clinic", client=None, find="equipment.find", view="equipment.view")
    objects = VisibleQuerySet["Lot"].as_manager()

    class Meta:
        ordering = ["-expiry", "lot_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "lot_number"], name="lot_number_per_clinic")
        ]
        indexes = [models.Index(fields=["clinic", "lot_number"])]

    def __str__(self) -> str:
        return f"{self.product} · lot {self.lot_number}"

    def expired_on(self, day: date) -> bool:
        """A lot may be used up to and including its expiry date."""
        return day > self.expiry


class TopicalProduct(models.Model):
    """A product applied during or right after needling. Only sterile products meant for
    needled skin are safe there: products not made for use in the skin have caused granulomas,
    hypersensitivity reactions rather than infections (rule: needling.clinical.topical_findings;
    microneedling.md §8.2: Soltani-Arabshahi 2014, Friedmann 2024)."""

    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.CASCADE, related_name="topical_products"
    )
    name = models.CharField(max_length=120)
    lot_number = models.CharField(max_length=60, blank=True)
    sterile = models.BooleanField(default=False)
    for_needled_skin = models.BooleanField(
        default=False, verbose_name="Intended for use on needled skin"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(clinic="clinic", client=None, find="equipment.find", view="equipment.view")
    objects = VisibleQuerySet["TopicalProduct"].as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["clinic", "active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def safe_on_needled_skin(self) -> bool:
        return self.sterile and self.for_needled_skin

"""Standardized clinical photographs and the redness measurements made on them.

The image bytes live in Django's default storage under server-generated names derived from
``uuid`` (never the uploaded file name); each stored file's SHA-256 is kept here so that
``needling photos verify`` can re-hash them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.clients.models import Client
from needling.outcomes.timepoints import Timepoint
from needling.photos.choices import SIZES, PhotoView


class Photo(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="photos")
    view = models.CharField(max_length=12, choices=PhotoView.choices)
    zone = models.CharField(max_length=40, blank=True)  # a needling.clinical.ZONES code
    taken_on = models.DateField()
    timepoint = models.CharField(max_length=12, choices=Timepoint.choices)
    session = models.ForeignKey(  # the treatment session it belongs to (charting), if any
        "charting.TreatmentSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review = models.ForeignKey(  # the outcome review appointment (scheduling), if any
        "scheduling.Appointment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "review"},
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    source_format = models.CharField(max_length=8)  # JPEG | PNG | WEBP, as uploaded
    sha256 = models.CharField(max_length=64)
    sha256_large = models.CharField(max_length=64)
    sha256_small = models.CharField(max_length=64)
    generated = models.BooleanField(default=False)  # a generated demo image, not a real photo
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="photo.find", view="photo.view"
    )
    objects = VisibleQuerySet["Photo"].as_manager()

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [
            models.Index(fields=["client", "taken_on"]),
            models.Index(fields=["client", "view", "taken_on"]),
        ]

    def __str__(self) -> str:
        return f"Photo {self.pk} ({self.view}, {self.taken_on})"

    def file_name(self, size: str = "full") -> str:
        """The storage name of one size: server-generated from the uuid, never user input."""
        if size not in SIZES:
            raise ValueError(f"unknown photo size {size!r}")
        return file_name(self.uuid.hex, size)

    def file_names(self) -> dict[str, str]:
        return {size: self.file_name(size) for size in SIZES}

    def expected_hashes(self) -> dict[str, str]:
        return {"full": self.sha256, "large": self.sha256_large, "small": self.sha256_small}


def file_name(hex_uuid: str, size: str) -> str:
    suffix = {"full": "", "large": "-l", "small": "-s"}[size]
    return f"photos/{hex_uuid[:2]}/{hex_uuid}{suffix}.jpg"


class RednessMeasurement(models.Model):
    """An erythema measurement on a region of a photo (fractions of the oriented image),
    optionally relative to a reference patch of unaffected skin. A relative measure for
    within-client change, not a diagnosis (microneedling.md §9.12, implementation note)."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="redness")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    x = models.FloatField()
    y = models.FloatField()
    w = models.FloatField()
    h = models.FloatField()
    ref_x = models.FloatField(null=True, blank=True)
    ref_y = models.FloatField(null=True, blank=True)
    ref_w = models.FloatField(null=True, blank=True)
    ref_h = models.FloatField(null=True, blank=True)
    pixels = models.PositiveIntegerField()
    mean_a = models.FloatField()  # CIELAB a* (D65), mean over the region
    erythema_index = models.FloatField()  # 100·log10(R/G) on linear RGB, mean over the region
    ref_mean_a = models.FloatField(null=True, blank=True)
    ref_erythema_index = models.FloatField(null=True, blank=True)
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    measured_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="photo.find", view="photo.view"
    )
    objects = VisibleQuerySet["RednessMeasurement"].as_manager()

    class Meta:
        ordering = ["-measured_at", "-id"]
        indexes = [models.Index(fields=["client", "measured_at"])]

    def __str__(self) -> str:
        return f"Redness measurement {self.pk} on photo {self.photo_id}"

    @property
    def has_reference(self) -> bool:
        return self.ref_mean_a is not None

    @property
    def delta_a(self) -> float | None:
        return None if self.ref_mean_a is None else self.mean_a - self.ref_mean_a

    @property
    def delta_ei(self) -> float | None:
        if self.ref_erythema_index is None:
            return None
        return self.erythema_index - self.ref_erythema_index

    @property
    def relative_a(self) -> float:
        """What the plots show: a* relative to the reference patch when there is one."""
        delta = self.delta_a
        return self.mean_a if delta is None else delta

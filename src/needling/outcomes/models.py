"""Outcome assessments: one scale scored at one time by one rater (microneedling.md §9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.clients.models import Client
from needling.clinical import SCALES
from needling.outcomes.timepoints import Timepoint

SCALE_CHOICES = [(code, scale.name) for code, scale in SCALES.items()]


class Assessment(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assessments")
    scale = models.CharField(max_length=40, choices=SCALE_CHOICES)
    items = models.JSONField()  # the item values as validated by needling.clinical.score
    total = models.FloatField()
    label = models.CharField(max_length=80, blank=True)
    assessed_on = models.DateField()
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
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rater_name = models.CharField(max_length=150, blank=True)  # kept if the account goes
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="outcome.find", view="outcome.view"
    )
    objects = VisibleQuerySet["Assessment"].as_manager()

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["client", "scale", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.scale} {self.total:g} on {self.assessed_on}"

    @property
    def scale_name(self) -> str:
        return SCALES[self.scale].name if self.scale in SCALES else self.scale

"""A course plan: what is treated, where, on which protocol, and to what goal (DESIGN.md step 4)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.clinical import INDICATIONS, PROTOCOLS, ZONES


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    FINISHED = "finished", "Finished"


class CoursePlan(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="course_plans"
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default="active")
    indications = models.JSONField(default=list, help_text="codes from needling.clinical")
    zones = models.JSONField(default=list, help_text="zone codes from needling.clinical")
    protocol = models.CharField(
        max_length=40,
        choices=[(code, p.name) for code, p in PROTOCOLS.items()],
        default="standard",
    )
    planned_sessions = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    goals = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visibility = Scope(clinic="client__clinic", client="client", find="plan.find", view="plan.view")
    objects = VisibleQuerySet["CoursePlan"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status="active"),
                name="one_active_plan_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_sessions__gte=1, planned_sessions__lte=52),
                name="plan_sessions_1_to_52",
            ),
        ]

    def __str__(self) -> str:
        return f"Plan {self.pk}"

    @property
    def clinic_id(self) -> int:
        return self.client.clinic_id

    @property
    def primary_indication(self) -> str:
        return self.indications[0] if self.indications else "texture"

    def zone_names(self) -> list[str]:
        return [ZONES[z].name for z in self.zones if z in ZONES]

    def indication_names(self) -> list[str]:
        return [INDICATIONS[i].name for i in self.indications if i in INDICATIONS]

    @property
    def protocol_name(self) -> str:
        return PROTOCOLS[self.protocol].name if self.protocol in PROTOCOLS else self.protocol

"""Treatment sessions (charts), their zones, addenda, adverse events, healing checks and the
stored aftercare sheet (DESIGN.md steps 7 to 9; record-keeping fields: microneedling.md §10.3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.clinical import ZONES


class ChartStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class TreatmentSession(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="treatment_sessions"
    )
    plan = models.ForeignKey(
        "plans.CoursePlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    session_date = models.DateField()
    status = models.CharField(max_length=10, choices=ChartStatus.choices, default="draft")
    version = models.PositiveIntegerField(default=1)
    # Pre-checks (screening verdict and consent are snapshots taken at start and at sign-off).
    screening_verdict = models.CharField(max_length=10, blank=True)
    consent_valid = models.BooleanField(default=False)
    healing_confirmed = models.BooleanField(default=False)
    photos_taken = models.BooleanField(default=False)
    # Topical anaesthetic (microneedling.md §6.1; rules: needling.clinical.anaesthetic_findings).
    anaesthetic_agent = models.CharField(max_length=120, blank=True, help_text="product name")
    # Each active ingredient and its strength in percent, e.g. {"lidocaine": "2.5",
    # "prilocaine": "2.5"} (codes: needling.clinical.ANAESTHETIC_AGENTS; strengths as text).
    anaesthetic_agents = models.JSONField(default=dict, blank=True)
    # Who prescribed a product above 4 % lidocaine (the non-prescription ceiling, §6.1).
    anaesthetic_prescriber = models.CharField(max_length=120, blank=True)
    anaesthetic_area_cm2 = models.PositiveIntegerField(null=True, blank=True)
    anaesthetic_applied_at = models.DateTimeField(null=True, blank=True)
    anaesthetic_removed_at = models.DateTimeField(null=True, blank=True)
    anaesthetic_occluded = models.BooleanField(default=False)
    anaesthetic_override_reason = models.TextField(blank=True)
    # When needling started: anaesthetic applied after it is on needled skin.
    needling_started_at = models.DateTimeField(null=True, blank=True)
    # Device and lot.
    device = models.ForeignKey(
        "equipment.Device", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lot = models.ForeignKey(
        "equipment.Lot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    notes = models.TextField(blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    updated_at = models.DateTimeField(auto_now=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="chart.find", view="chart.view"
    )
    objects = VisibleQuerySet["TreatmentSession"].as_manager()

    class Meta:
        ordering = ["-session_date", "-id"]
        indexes = [
            models.Index(fields=["client", "status", "session_date"]),
            models.Index(fields=["lot", "session_date"]),
            # Today's "healing checks due" starts from the few signed sessions of the last weeks.
            models.Index(
                fields=["session_date"],
                condition=models.Q(status="signed"),
                name="session_signed_by_date",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="signed_chart_has_signer",
            )
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} on {self.session_date}"

    @property
    def is_signed(self) -> bool:
        return self.status == ChartStatus.SIGNED

    @property
    def clinic_id(self) -> int:
        return self.client.clinic_id


class Pattern(models.TextChoices):
    CROSSHATCH = "crosshatch", "Cross-hatch (vertical, horizontal, diagonal)"
    LINEAR = "linear", "Linear strokes"
    CIRCULAR = "circular", "Small circles"
    STAMPING = "stamping", "Stamping"


class EndPoint(models.TextChoices):
    # microneedling.md §4.3: the clinical end point of a pass.
    ERYTHEMA = "erythema", "Erythema"
    PETECHIAE = "petechiae", "Petechiae"
    PINPOINT_BLEEDING = "pinpoint_bleeding", "Pinpoint bleeding"


class SessionZone(models.Model):
    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="zones")
    zone = models.CharField(max_length=20, choices=[(c, z.name) for c, z in ZONES.items()])
    indication = models.CharField(max_length=30)
    depth_mm = models.DecimalField(max_digits=4, decimal_places=2)
    passes = models.PositiveSmallIntegerField()
    pattern = models.CharField(max_length=12, choices=Pattern.choices, default="crosshatch")
    end_point = models.CharField(max_length=20, choices=EndPoint.choices, default="erythema")
    topicals = models.ManyToManyField("equipment.TopicalProduct", blank=True, related_name="+")
    reaction = models.CharField(max_length=300, blank=True)
    override_reason = models.TextField(blank=True)
    findings = models.JSONField(default=list, help_text="codes and severities at the last save")
    updated_at = models.DateTimeField(auto_now=True)

    visibility = Scope(
        clinic="session__client__clinic",
        client="session__client",
        find="chart.find",
        view="chart.view",
    )
    objects = VisibleQuerySet["SessionZone"].as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "zone"], name="one_row_per_zone"),
            # vocabulary.md: more than 3.0 mm is a stop nobody may override.
            models.CheckConstraint(
                condition=models.Q(depth_mm__gte=0, depth_mm__lte=3),
                name="zone_depth_0_to_3_mm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} {self.depth_mm} mm"

    @property
    def zone_name(self) -> str:
        return ZONES[self.zone].name if self.zone in ZONES else self.zone


class Addendum(models.Model):
    """A later note on a signed chart: the chart itself never changes after sign-off."""

    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="session__client__clinic",
        client="session__client",
        find="chart.find",
        view="chart.view",
    )
    objects = VisibleQuerySet["Addendum"].as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Addendum {self.pk}"


class AdverseKind(models.TextChoices):
    PROLONGED_ERYTHEMA = "prolonged_erythema", "Prolonged erythema"
    INFECTION = "infection", "Infection"
    COLD_SORE = "cold_sore", "Cold sore (HSV reactivation)"
    PIH = "pih", "Post-inflammatory hyperpigmentation"
    TRAM_TRACK = "tram_track", "Tram-track marks"
    GRANULOMA = "granuloma", "Granuloma"
    ALLERGIC = "allergic_reaction", "Allergic or irritant reaction"
    # Emergencies (needling.clinical.EMERGENCIES: the chart's emergency panel).
    ANAESTHETIC_TOXICITY = "anaesthetic_toxicity", "Local-anaesthetic toxicity"
    ANAPHYLAXIS = "anaphylaxis", "Anaphylaxis"
    OTHER = "other", "Other"


class AdverseSeverity(models.TextChoices):
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


class AdverseEvent(models.Model):
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="adverse_events"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="adverse_events"
    )
    kind = models.CharField(max_length=20, choices=AdverseKind.choices)
    severity = models.CharField(max_length=10, choices=AdverseSeverity.choices)
    onset = models.DateField()
    actions = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The practitioner to alert (a Today task for them) when a healing check opened it.
    alert_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_healing_check = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="chart.find", view="chart.view"
    )
    objects = VisibleQuerySet["AdverseEvent"].as_manager()

    class Meta:
        ordering = ["-onset", "-id"]
        indexes = [models.Index(fields=["client", "resolved_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_on__isnull=True)
                | models.Q(resolved_on__gte=models.F("onset")),
                name="adverse_event_resolved_after_onset",
            )
        ]

    def __str__(self) -> str:
        return f"Adverse event {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    @property
    def clinic_id(self) -> int:
        return self.client.clinic_id


class Symptom(models.TextChoices):
    REDNESS = "redness", "Redness"
    SWELLING = "swelling", "Swelling"
    CRUSTING = "crusting", "Crusting"
    PAIN = "pain", "Pain"
    WARMTH_OR_PUS = "warmth_or_pus", "Warmth or pus"
    COLD_SORE = "cold_sore", "Cold sore"
    DARK_PATCHES = "dark_patches", "Dark patches"


# DESIGN.md step 9: warning signs (infection, cold sore, dark patches) open an adverse event.
WARNING_SYMPTOMS: dict[str, str] = {
    Symptom.WARMTH_OR_PUS: AdverseKind.INFECTION,
    Symptom.COLD_SORE: AdverseKind.COLD_SORE,
    Symptom.DARK_PATCHES: AdverseKind.PIH,
}


class HealingCheck(models.Model):
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="healing_checks"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="healing_checks"
    )
    checked_on = models.DateField()
    healed = models.BooleanField()
    symptoms = models.JSONField(default=list)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adverse_event = models.ForeignKey(
        AdverseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="chart.find", view="chart.view"
    )
    objects = VisibleQuerySet["HealingCheck"].as_manager()

    class Meta:
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["client", "healed", "checked_on"])]

    def __str__(self) -> str:
        return f"Healing check {self.pk}"

    @property
    def symptom_labels(self) -> list[str]:
        return [Symptom(c).label.lower() if c in Symptom.values else c for c in self.symptoms]


class AftercareDocument(models.Model):
    """The aftercare sheet printed at sign-off, stored with the session."""

    session = models.OneToOneField(
        TreatmentSession, on_delete=models.CASCADE, related_name="aftercare"
    )
    max_depth_mm = models.DecimalField(max_digits=4, decimal_places=2)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="session__client__clinic",
        client="session__client",
        find="chart.find",
        view="chart.view",
    )
    objects = VisibleQuerySet["AftercareDocument"].as_manager()

    def __str__(self) -> str:
        return f"Aftercare for session {self.session_id}"

"""Intake questionnaires (versioned per clinic), submissions with typed answers, screening
results, and the practitioner's decisions on them (caution decisions, stop overrides)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from needling.access import Scope, VisibleQuerySet
from needling.intake.choices import Decision
from needling.intake.definition import Item, parse_items


class IntakeForm(models.Model):
    """One version of a clinic's questionnaire. Never edited: a revision is a new version, and
    every submission keeps pointing at the version it was given on."""

    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.CASCADE, related_name="intake_forms"
    )
    version = models.PositiveIntegerField()
    items = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    visibility = Scope(
        clinic="clinic", client=None, find="intake.find", view="client.view_clinical"
    )
    objects = VisibleQuerySet["IntakeForm"].as_manager()

    class Meta:
        ordering = ["clinic", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "version"], name="intake_form_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="intake_form_version_1"
            ),
        ]

    def __str__(self) -> str:
        return f"Intake questionnaire v{self.version}"

    def parsed_items(self) -> list[Item]:
        cached: list[Item] | None = getattr(self, "_parsed", None)
        if cached is None:
            cached = parse_items(self.items)
            self._parsed = cached
        return cached


class Verdict(models.TextChoices):
    CLEAR = "clear", "Clear"
    CAUTION = "caution", "Caution"
    STOP = "stop", "Stop"


class IntakeSubmission(models.Model):
    """A completed questionnaire. Immutable: a new intake is a new submission.

    ``is_current`` marks each client's latest one; ``verdict`` and ``needs_decision`` are the
    state after its latest screening (for the Today list), kept up to date by the services.
    """

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="intake_submissions"
    )
    form = models.ForeignKey(IntakeForm, on_delete=models.PROTECT, related_name="submissions")
    answers = models.JSONField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    needs_decision = models.BooleanField(default=False)

    visibility = Scope(
        clinic="client__clinic", client="client", find="intake.find", view="client.view_clinical"
    )
    objects = VisibleQuerySet["IntakeSubmission"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-created_at"]),
            models.Index(
                fields=["created_at"],
                condition=models.Q(is_current=True, needs_decision=True),
                name="intake_needs_decision",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(is_current=True),
                name="intake_one_current_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values), name="intake_verdict_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Intake #{self.pk}"


class ScreeningResult(models.Model):
    """One run of ``needling.clinical.screen`` over a submission, as of a date."""

    submission = models.ForeignKey(
        IntakeSubmission, on_delete=models.CASCADE, related_name="screenings"
    )
    screened_on = models.DateField()
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    # [{"code", "severity", "message", "source", "overridable"}, ...], worst first.
    findings = models.JSONField()
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="submission__client__clinic",
        client="submission__client",
        find="intake.find",
        view="client.view_clinical",
    )
    objects = VisibleQuerySet["ScreeningResult"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values), name="screening_verdict_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Screening of {self.screened_on}: {self.verdict}"


class DecisionKind(models.TextChoices):
    CAUTION = "caution", "Caution decision"
    OVERRIDE = "override", "Stop override"


class ScreeningDecision(models.Model):
    """A practitioner's decision on a submission's cautions, or an override of its stops.

    ``codes`` are the finding codes it covers: it stays valid while the screening raises no
    caution (or stop) outside them. Append-only: a new decision supersedes an older one.
    """

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="screening_decisions"
    )
    submission = models.ForeignKey(
        IntakeSubmission, on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    decision = models.CharField(max_length=30, choices=Decision.choices)
    codes = models.JSONField()
    note = models.TextField(max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150)
    decided_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Scope(
        clinic="client__clinic", client="client", find="intake.find", view="client.view_clinical"
    )
    objects = VisibleQuerySet["ScreeningDecision"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="override", decision="override")
                    | models.Q(
                        kind="caution",
                        decision__in=["proceed", "proceed_with_precautions", "do_not_treat"],
                    )
                ),
                name="screening_decision_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_decision_display()}"

    @property
    def codes_text(self) -> str:
        """The covered findings in words: "cold sore history, anticoagulants"."""
        return ", ".join(str(code).replace("_", " ") for code in self.codes)

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "needling.consent"
    label = "consent"
    verbose_name = "Consent"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from needling.clients.sections import Section, register
        from needling.clinics.models import Clinic
        from needling.consent.views.section import section_context

        register(
            Section(
                key="consent",
                title="Consent",
                order=40,
                action="consent.view_status",
                template="consent/_client_section.html",
                context=section_context,
            )
        )
        from django.apps import apps

        if apps.is_installed("needling.intake"):
            # "Consents missing" needs the intake's client relation; without intake, no task.
            from needling.consent.tasks import consents_missing
            from needling.web.today import TaskSource
            from needling.web.today import register as register_task

            register_task(
                TaskSource(
                    key="consents_missing",
                    title="Consents missing",
                    order=30,
                    action="consent.view_status",
                    items=consents_missing,
                )
            )
        post_save.connect(_seed_new_clinic, sender=Clinic, dispatch_uid="consent_seed_clinic")


def _seed_new_clinic(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    """Every new clinic starts with version 1 of each consent text (owners publish their own)."""
    if created and not raw:
        from needling.consent.services import ensure_default_documents

        ensure_default_documents(instance)

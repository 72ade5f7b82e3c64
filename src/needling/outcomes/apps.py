from __future__ import annotations

from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "needling.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes"

    def ready(self) -> None:
        from needling.clients.sections import Section, register
        from needling.outcomes.views.page import section_context

        register(
            Section(
                key="outcomes",
                title="Outcomes",
                order=80,
                action="outcome.view",
                template="outcomes/_client_section.html",
                context=section_context,
            )
        )

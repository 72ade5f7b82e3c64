from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "needling.intake"
    label = "intake"
    verbose_name = "Intake and screening"

    def ready(self) -> None:
        from needling.clients.sections import Section, register
        from needling.intake.section import screening_context, screening_tasks
        from needling.web.today import TaskSource
        from needling.web.today import register as register_tasks

        register(
            Section(
                key="screening",
                title="Screening",
                order=10,
                action="client.view_clinical",
                template="intake/_client_section.html",
                context=screening_context,
            )
        )
        register_tasks(
            TaskSource(
                key="screening_decisions",
                title="Screenings needing a decision",
                order=20,
                action="client.view_clinical",
                items=screening_tasks,
            )
        )

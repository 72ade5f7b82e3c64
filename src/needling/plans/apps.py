from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "needling.plans"
    label = "plans"
    verbose_name = "Course plans"

    def ready(self) -> None:
        from needling.plans import hub

        hub.register_all()

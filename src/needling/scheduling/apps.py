from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "needling.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from needling.scheduling import hooks

        hooks.register_all()

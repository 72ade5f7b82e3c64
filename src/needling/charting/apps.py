from django.apps import AppConfig


class ChartingConfig(AppConfig):
    name = "needling.charting"
    label = "charting"
    verbose_name = "Session charting"

    def ready(self) -> None:
        from needling.charting import hub

        hub.register_all()

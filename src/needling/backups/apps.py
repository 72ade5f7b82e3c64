from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "needling.backups"
    label = "backups"
    verbose_name = "Backups"

    def ready(self) -> None:
        from needling.backups import hooks

        hooks.register_all()

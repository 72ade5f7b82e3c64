from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "needling.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from needling.audit import signals  # noqa: F401  (connects login/logout receivers)

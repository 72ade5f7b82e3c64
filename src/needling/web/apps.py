from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "needling.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        from django.core import checks

        from needling.web.startup import deploy_check

        checks.register(deploy_check, checks.Tags.security, deploy=True)

        from needling.kernel.dbstats import after_migrate

        # Once per migrate (sender=self), after every app's tables exist.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="needling.refresh_stats")

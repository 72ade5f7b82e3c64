from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "needling.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        from django.core import checks

        from needling.web.startup import deploy_check

        checks.register(deploy_check, checks.Tags.security, deploy=True)

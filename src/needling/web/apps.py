from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "needling.web"
    label = "web"
    verbose_name = "Web shell"

from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "needling.clients"
    label = "clients"
    verbose_name = "Clients"

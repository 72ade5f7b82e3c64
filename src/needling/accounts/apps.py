from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "needling.accounts"
    label = "accounts"
    verbose_name = "Accounts"

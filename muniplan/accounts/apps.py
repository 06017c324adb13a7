from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "muniplan.accounts"
    label = "accounts"

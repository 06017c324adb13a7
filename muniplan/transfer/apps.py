from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "muniplan.transfer"
    label = "transfer"

from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "muniplan.control"
    label = "control"
    verbose_name = "Контроль исполнения"

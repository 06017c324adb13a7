from django.apps import AppConfig


class PlansConfig(AppConfig):
    verbose_name = "Планы работы"
    name = "muniplan.plans"
    label = "plans"

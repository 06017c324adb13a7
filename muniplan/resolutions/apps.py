from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "muniplan.resolutions"
    label = "resolutions"
    verbose_name = "Резолюции"

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "muniplan.reports"
    verbose_name = "Отчётные документы"

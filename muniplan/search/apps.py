from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "muniplan.search"
    verbose_name = "Поиск"

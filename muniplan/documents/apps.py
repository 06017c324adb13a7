from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "muniplan.documents"
    verbose_name = "Документы"

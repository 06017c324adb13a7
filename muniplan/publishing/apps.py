from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "muniplan.publishing"
    verbose_name = "Публикация"

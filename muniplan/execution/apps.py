from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "muniplan.execution"
    label = "execution"
    verbose_name = "Исполнение"

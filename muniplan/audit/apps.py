from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "muniplan.audit"
    label = "audit"

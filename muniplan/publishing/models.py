"""What an organization shows outside MuniPlan: a plan it chose to publish."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Publication(models.Model):
    """A plan the organization marked public. Only approved (or archived) plans are shown."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="publication")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "публикация плана"
        verbose_name_plural = "публикации планов"

    def __str__(self) -> str:
        return f"Публикация: {self.plan}"

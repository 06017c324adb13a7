from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, and which fields moved from what to what.

    `changes` maps a field name to `[old, new]` (display values, so the history reads without joins).
    """

    organization = models.ForeignKey(
        "accounts.Organization", null=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)  # dotted: plans.activity.updated
    object_type = models.CharField(max_length=30)  # plan, section, activity
    object_id = models.BigIntegerField()
    plan_id = models.BigIntegerField(null=True, db_index=True)
    # the activity the entry belongs to (its own change or its report's), kept after a report is deleted
    activity_id = models.BigIntegerField(null=True, db_index=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"

from __future__ import annotations

from django.db import models

from .models import AuditEntry


def _display(value) -> object:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_display(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def diff_fields(before: dict, after: dict) -> dict:
    """Fields whose value changed, as {field: [old, new]} with display values."""
    return {
        name: [_display(before.get(name)), _display(after[name])]
        for name in after
        if _display(before.get(name)) != _display(after[name])
    }


def audit_record(
    *,
    action: str,
    obj,
    by,
    plan=None,
    organization=None,
    plan_id=None,
    summary: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """`plan`, when given, files the entry under that plan and its organization.

    An activity's entry, and that of anything carrying `activity_id` (a report), is filed under the
    activity too, so its history keeps a report after the report is deleted.
    """
    if plan is not None:
        organization, plan_id = plan.organization, plan.pk
    activity_id = (
        obj.pk if obj._meta.label == "plans.Activity" else getattr(obj, "activity_id", None)
    )
    return AuditEntry.objects.create(
        organization=organization,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        plan_id=plan_id,
        activity_id=activity_id,
        summary=summary[:500],
        changes=changes or {},
    )

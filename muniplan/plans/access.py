"""Access to plans, sections and activities for a user: 404 for strangers, 403 for the read-only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from muniplan.accounts.access import (
    Role,
    editor_unit_ids,
    get_member_object,
    require_admin,
    require_member,
    role_in,
)

from .models import Activity, Plan, Section

READ_ONLY_MESSAGE = "План утверждён и доступен только для чтения. Администратор может открыть его для изменений."


def get_plan_for_user(user, pk: int) -> Plan:
    return get_member_object(Plan.objects.all(), user, pk)


def get_admin_plan_for_user(user, pk: int) -> Plan:
    """A plan of any status the user administers: approval, reopening and roll-over act on it."""
    plan = get_plan_for_user(user, pk)
    require_admin(user, plan.organization)
    return plan


def get_rw_plan_for_user(user, pk: int) -> Plan:
    """A draft plan the user may change as a whole (sections, title): administrators only."""
    plan = get_plan_for_user(user, pk)
    if role_in(user, plan.organization) != Role.ADMIN:
        raise PermissionDenied("Изменять план целиком может только администратор организации.")
    if not plan.is_editable:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return plan


def get_section_for_user(user, pk: int) -> Section:
    section = get_object_or_404(Section.objects.select_related("plan__organization"), pk=pk)
    require_member(user, section.plan.organization)
    return section


def get_activity_for_user(user, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("plan__organization", "section", "parent"), pk=pk
    )
    require_member(user, activity.plan.organization)
    return activity


def can_add_activities(user, plan: Plan) -> bool:
    role = role_in(user, plan.organization)
    return plan.is_editable and role in (Role.ADMIN, Role.EDITOR)


def can_change_activity(user, activity: Activity) -> bool:
    """Administrators change any activity of a draft; editors only those of their own units."""
    return activity_change_checker(user, activity.plan)(activity)


def get_rw_activity_for_user(user, pk: int) -> Activity:
    activity = get_activity_for_user(user, pk)
    if not activity.plan.is_editable:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if not can_change_activity(user, activity):
        if role_in(user, activity.plan.organization) == Role.EDITOR:
            raise PermissionDenied("Вы можете изменять только мероприятия своих подразделений.")
        raise PermissionDenied("Вы можете просматривать план, но не изменять его.")
    return activity


def activity_change_checker(user, plan: Plan):
    """A per-page test of `can_change_activity` that queries the user's role once, not per row."""
    role = role_in(user, plan.organization)
    unit_ids = editor_unit_ids(user, plan.organization) if role == Role.EDITOR else set()

    def can_change(activity: Activity) -> bool:
        if not plan.is_editable or role not in (Role.ADMIN, Role.EDITOR):
            return False
        return role == Role.ADMIN or bool({u.pk for u in activity.responsible_units.all()} & unit_ids)

    return can_change

"""Access to plans, sections and activities for a user: 404 for strangers, 403 for the read-only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from muniplan.accounts.access import (
    Role,
    editor_unit_ids,
    get_member_object,
    require_admin,
    require_member,
    role_in,
)

from .models import Activity, BinEntry, Plan, Section
from .selectors import activity_subtree

READ_ONLY_MESSAGE = (
    "План утверждён и доступен только для чтения. Администратор может открыть его для изменений."
)


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


def get_bin_entry_for_user(user, pk: int) -> BinEntry:
    """What was deleted from a plan is restored by its organization's administrators only."""
    entry = get_object_or_404(BinEntry.objects.select_related("plan__organization"), pk=pk)
    require_member(user, entry.plan.organization)
    require_admin(user, entry.plan.organization)
    return entry


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


def get_rw_activity_for_user(user, pk: int, *, with_children: bool = False) -> Activity:
    """An activity the user may change. Deleting or moving it acts on its sub-activities too
    (`with_children`): an editor may do that only when every one of them is of their units."""
    activity = get_activity_for_user(user, pk)
    if not activity.plan.is_editable:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if not can_change_activity(user, activity):
        if role_in(user, activity.plan.organization) == Role.EDITOR:
            raise PermissionDenied("Вы можете изменять только мероприятия своих подразделений.")
        raise PermissionDenied("Вы можете просматривать план, но не изменять его.")
    if with_children:
        require_change_children(user, activity)
    return activity


def require_change_children(user, activity: Activity) -> None:
    can_change = activity_change_checker(user, activity.plan)
    foreign = [a for a in activity_subtree(activity)[1:] if not can_change(a)]
    if foreign:
        numbers = ", ".join(a.number or a.title[:40] for a in foreign)
        raise PermissionDenied(
            f"Подпункты {numbers} относятся к другим подразделениям: "
            "это действие может выполнить их редактор или администратор."
        )


def parents_for(user, plan: Plan) -> QuerySet[Activity]:
    """Activities the user may add a sub-activity under: an editor, only those of their own units."""
    parents = plan.activities.filter(parent=None)
    if role_in(user, plan.organization) == Role.EDITOR:
        parents = parents.filter(
            responsible_units__in=editor_unit_ids(user, plan.organization)
        ).distinct()
    return parents


def units_out_of_reach(user, activity: Activity) -> list:
    """The activity's responsible units an editor may not take off: shared with another unit, it stays so."""
    if role_in(user, activity.plan.organization) != Role.EDITOR:
        return []
    own = editor_unit_ids(user, activity.plan.organization)
    return [unit for unit in activity.responsible_units.all() if unit.pk not in own]


def activity_change_checker(user, plan: Plan):
    """A per-page test of `can_change_activity` that queries the user's role once, not per row."""
    role = role_in(user, plan.organization)
    unit_ids = editor_unit_ids(user, plan.organization) if role == Role.EDITOR else set()

    def can_change(activity: Activity) -> bool:
        if not plan.is_editable or role not in (Role.ADMIN, Role.EDITOR):
            return False
        return role == Role.ADMIN or bool(
            {u.pk for u in activity.responsible_units.all()} & unit_ids
        )

    return can_change

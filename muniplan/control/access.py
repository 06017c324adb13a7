"""Who may do what with items under control: 404 for strangers, 403 for the rest who may only read.

- organization administrators put recommendations under control and change items;
- the item's controller closes it, returns it for rework, extends its deadline, decides requests;
- editors of the executor unit (and administrators) add execution notes and ask for more time;
- every member reads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from muniplan.accounts.access import (
    Role,
    editor_unit_ids,
    get_member_object,
    require_member,
    role_in,
)
from muniplan.resolutions.models import Resolution

from .models import ControlItem, Evidence


def get_item_for_user(user, pk: int) -> ControlItem:
    queryset = ControlItem.objects.select_related(
        "executor_unit", "controller", "recommendation__addressee"
    )
    return get_member_object(queryset, user, pk)


def get_resolution_for_user(user, pk: int) -> Resolution:
    return get_member_object(Resolution.objects.all(), user, pk)


def get_evidence_for_user(user, pk: int) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("note__item__organization"), pk=pk)
    require_member(user, evidence.note.item.organization)
    return evidence


def is_admin(user, organization) -> bool:
    return role_in(user, organization) == Role.ADMIN


def is_controller(user, item: ControlItem) -> bool:
    return user.is_authenticated and item.controller_id == user.pk


def can_report(user, item: ControlItem) -> bool:
    """Administrators, and editors of the executor unit, write execution notes and ask for time."""
    role = role_in(user, item.organization)
    if role == Role.ADMIN:
        return True
    return role == Role.EDITOR and item.executor_unit_id in editor_unit_ids(user, item.organization)


def require_admin_of(user, organization) -> None:
    if not is_admin(user, organization):
        raise PermissionDenied(
            "Ставить на контроль и изменять поручения может только администратор организации."
        )


def require_controller(user, item: ControlItem) -> None:
    if not is_controller(user, item):
        raise PermissionDenied(
            "Снять с контроля, вернуть на доработку или продлить срок может только контролёр поручения."
        )


def require_reporter(user, item: ControlItem) -> None:
    if not can_report(user, item):
        raise PermissionDenied(
            "Отчитываться по поручению могут редакторы подразделения-исполнителя и администратор."
        )

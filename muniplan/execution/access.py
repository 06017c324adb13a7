"""Who may read and write execution reports: 404 for strangers, 403 for those who only read.

- every member of the activity's organization reads its reports and attachments;
- the organization's administrators report on any activity, editors on their own units' activities
  (whatever the plan's status: reports are written after approval), viewers never.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from muniplan.accounts.access import Role, editor_unit_ids, require_member, role_in
from muniplan.plans.access import get_activity_for_user
from muniplan.plans.models import Activity, Plan

from .models import ExecutionReport, ReportAttachment

VIEWER_MESSAGE = "Вы можете просматривать отчёты, но не добавлять и не изменять их."
OTHER_UNIT_MESSAGE = "Отчитываться можно только по мероприятиям своих подразделений."


def report_checker(user, plan: Plan):
    """A per-page test of `can_report`, reading the user's role once."""
    role = role_in(user, plan.organization)
    unit_ids = editor_unit_ids(user, plan.organization) if role == Role.EDITOR else set()

    def can_report(activity: Activity) -> bool:
        if role == Role.ADMIN:
            return True
        return role == Role.EDITOR and bool(
            {u.pk for u in activity.responsible_units.all()} & unit_ids
        )

    return can_report


def can_report(user, activity: Activity) -> bool:
    return report_checker(user, activity.plan)(activity)


def require_reporter(user, activity: Activity) -> None:
    if not can_report(user, activity):
        editor = role_in(user, activity.plan.organization) == Role.EDITOR
        raise PermissionDenied(OTHER_UNIT_MESSAGE if editor else VIEWER_MESSAGE)


def get_activity_to_report(user, pk: int) -> Activity:
    activity = get_activity_for_user(user, pk)
    require_reporter(user, activity)
    return activity


def get_report_for_user(user, pk: int) -> ExecutionReport:
    report = get_object_or_404(
        ExecutionReport.objects.select_related(
            "organization", "plan__organization", "activity__plan__organization"
        ),
        pk=pk,
    )
    require_member(user, report.organization)
    return report


def get_rw_report_for_user(user, pk: int) -> ExecutionReport:
    report = get_report_for_user(user, pk)
    require_reporter(user, report.activity)
    return report


def get_attachment_for_user(user, pk: int) -> ReportAttachment:
    attachment = get_object_or_404(ReportAttachment.objects.select_related("organization"), pk=pk)
    require_member(user, attachment.organization)
    return attachment

"""What each person's units have due in the next days and what is overdue: plan activities (their
status from `muniplan.execution.status`) and items under control. Read by the e-mail digest and the
calendar feeds.

A person's scope, organization by organization: an administrator answers for the whole organization,
an editor for their units, a viewer for nothing; anyone for the items they control.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from muniplan.accounts.access import memberships
from muniplan.accounts.models import Membership, Organization, Unit
from muniplan.execution.models import Status as ActivityCode
from muniplan.execution.status import statuses_for
from muniplan.plans.models import Activity, Plan

from .models import ControlItem

HORIZON_DAYS = 14
_CLOSED = (ActivityCode.DONE, ActivityCode.CANCELLED)


@dataclass(frozen=True)
class Line:
    """One dated thing to do: an activity's next due date or an item's deadline."""

    kind: str  # activity | item
    pk: int
    title: str
    due: dt.date
    organization: str
    detail: str = ""  # «ответственные: …», missing periods, status
    key: str = ""  # tells apart the occurrences of one activity (a calendar event's UID)

    @property
    def path(self) -> str:
        name = "plans-activity-detail" if self.kind == "activity" else "control-item"
        return reverse(name, args=[self.pk])


@dataclass
class Digest:
    as_of: dt.date
    due: list[Line] = field(default_factory=list)
    overdue: list[Line] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.due or self.overdue)


@dataclass(frozen=True)
class Scope:
    """Where a person's dates come from in one organization: all of it, or some units."""

    organization: Organization
    unit_ids: frozenset[int] | None  # None: the whole organization


def scopes_of(user) -> list[Scope]:
    result = []
    for membership in memberships(user).values():
        if membership.role == Membership.Role.ADMIN:
            result.append(Scope(membership.organization, None))
        elif membership.role == Membership.Role.EDITOR and membership.units.all():
            result.append(
                Scope(membership.organization, frozenset(u.pk for u in membership.units.all()))
            )
    return result


def unit_scope(unit: Unit) -> Scope:
    return Scope(unit.organization, frozenset({unit.pk}))


def plan_activities(scope: Scope, as_of: dt.date, horizon: dt.date):
    """Activities of the scope in the plans in force: not archived, of the years the window touches."""
    activities = (
        Activity.objects.filter(
            plan__organization=scope.organization, plan__year__in={as_of.year, horizon.year}
        )
        .exclude(plan__status=Plan.Status.ARCHIVED)
        .select_related("plan")
    )
    if scope.unit_ids is not None:
        activities = activities.filter(responsible_units__in=scope.unit_ids).distinct()
    return activities.prefetch_related("responsible_units")


def _with_statuses(scope: Scope, as_of: dt.date, horizon: dt.date):
    activities = list(plan_activities(scope, as_of, horizon))
    statuses = statuses_for(activities, as_of=as_of)
    return [(a, statuses[a.pk]) for a in activities if a.pk in statuses]


def _units(activity: Activity) -> str:
    return ", ".join(u.name for u in activity.responsible_units.all()) or activity.responsible_text


def _activity_lines(
    scope: Scope, as_of: dt.date, horizon: dt.date
) -> tuple[list[Line], list[Line]]:
    due, overdue = [], []
    for activity, status in _with_statuses(scope, as_of, horizon):
        if status.heading or status.code in _CLOSED or status.due is None:  # sub-items remind
            continue
        units = _units(activity)
        if status.code == ActivityCode.OVERDUE:
            missing = status.missing_periods
            detail = (
                f"нет отчёта: {', '.join(p.label for p in missing)}" if missing else status.label
            )
            # overdue since the first period that ended without a report, not the next one ahead
            since = missing[0].end if missing else status.due
            overdue.append(
                _line("activity", activity, str(activity), since, scope, f"{detail}; {units}")
            )
        elif as_of <= status.due <= horizon:
            due.append(_line("activity", activity, str(activity), status.due, scope, units))
    return due, overdue


def _line(kind: str, obj, title: str, due: dt.date, scope: Scope, detail: str) -> Line:
    return Line(kind, obj.pk, title, due, str(scope.organization), detail.strip("; "))


def _item_lines(
    scope: Scope, controller, as_of: dt.date, horizon: dt.date
) -> tuple[list[Line], list[Line]]:
    items = ControlItem.objects.filter(
        organization=scope.organization, status__in=ControlItem.OPEN, deadline__lte=horizon
    ).select_related("executor_unit")
    if scope.unit_ids is not None:
        mine = Q(controller=controller) if controller is not None else Q(pk__in=[])
        items = items.filter(Q(executor_unit__in=scope.unit_ids) | mine)
    due, overdue = [], []
    for item in items:
        detail = f"исполнитель: {item.executor_name}; {item.get_status_display().lower()}"
        (overdue if item.deadline < as_of else due).append(
            _line("item", item, item.text, item.deadline, scope, detail)
        )
    return due, overdue


def person_scopes(user) -> list[Scope]:
    scopes = scopes_of(user)
    # A controller may answer for no unit of the organization whose items they control.
    others = (
        ControlItem.objects.filter(controller=user, status__in=ControlItem.OPEN)
        .exclude(organization__in=[s.organization.pk for s in scopes])
        .values("organization")
    )
    return scopes + [Scope(org, frozenset()) for org in Organization.objects.filter(pk__in=others)]


def digest_for(user, *, as_of: dt.date, days: int = HORIZON_DAYS) -> Digest:
    return digest_of(person_scopes(user), as_of=as_of, days=days, controller=user)


def digest_of(
    scopes: list[Scope], *, as_of: dt.date, days: int = HORIZON_DAYS, controller=None
) -> Digest:
    """Due and overdue lines of these scopes; items `controller` controls count as theirs too."""
    horizon = as_of + dt.timedelta(days=days)
    digest = Digest(as_of)
    for scope in scopes:
        parts = [_item_lines(scope, controller, as_of, horizon)]
        if scope.unit_ids != frozenset():
            parts.append(_activity_lines(scope, as_of, horizon))
        for due, overdue in parts:
            digest.due += due
            digest.overdue += overdue
    digest.due.sort(key=lambda line: (line.due, line.title))
    digest.overdue.sort(key=lambda line: (line.due, line.title))
    return digest


def calendar_lines(scopes: list[Scope], *, as_of: dt.date, controller=None) -> list[Line]:
    """What a calendar shows: every expected occurrence of the scopes' activities in this year's and
    next year's plans (reported ones marked), and the deadline of every open item."""
    horizon = dt.date(as_of.year + 1, 12, 31)
    lines = []
    for scope in scopes:
        if scope.unit_ids != frozenset():
            for activity, status in _with_statuses(scope, as_of, horizon):
                units = _units(activity)
                lines += [
                    Line(
                        "activity",
                        activity.pk,
                        f"{activity} ({period.label})",
                        period.end,
                        str(scope.organization),
                        f"выполнено; {units}" if period.covered else units,
                        key=period.start.isoformat(),
                    )
                    for period in status.periods
                ]
        due, overdue = _item_lines(scope, controller, as_of, horizon)
        lines += overdue + due
    return lines


def people_to_remind(organization_ids: list[int] | None = None):
    """Active people with an e-mail address who answer for something: administrators and editors with
    units, and controllers of open items."""
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    answerable = Q(memberships__role=Membership.Role.ADMIN) | Q(
        memberships__role=Membership.Role.EDITOR, memberships__units__isnull=False
    )
    controlling = Q(controlled_items__status__in=ControlItem.OPEN)
    if organization_ids:
        answerable &= Q(memberships__organization__in=organization_ids)
        controlling &= Q(controlled_items__organization__in=organization_ids)
    return people.filter(answerable | controlling).distinct().order_by("pk")


def reminders_enqueue(*, as_of: dt.date, organization_ids: list[int] | None = None) -> int:
    """One digest task per person; each task decides whether there is anything to send."""
    from .tasks import send_digest

    count = 0
    for user_id in people_to_remind(organization_ids).values_list("pk", flat=True):
        send_digest.enqueue(user_id, as_of.isoformat())
        count += 1
    return count

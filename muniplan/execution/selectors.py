"""Read queries of execution pages: a fixed number of queries whatever the number of reports."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch
from django.urls import reverse

from muniplan.accounts.models import Organization, Unit
from muniplan.plans.models import MONTH_SHORT, TABLE_ORDER, Activity, Plan

from .access import report_checker
from .charts import BarChart, Part, Row, bar_chart
from .forms import OverrideForm
from .models import ExecutionReport, Status, StatusOverride
from .progress import QuotaProgress, quota_progress
from .status import ROMAN, ActivityStatus, schedule_rows, statuses_for
from .templatetags.execution import SYMBOLS, TITLES

# Which plan of a year the dashboards follow when an organization has several.
_PLAN_PREFERENCE = {Plan.Status.APPROVED: 0, Plan.Status.DRAFT: 1, Plan.Status.ARCHIVED: 2}


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass(frozen=True)
class Quarter:
    """The quarter whose reports a page of one plan year counts, up to `end`."""

    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{ROMAN[(self.start.month - 1) // 3]} кв. {self.start.year}"


def report_quarter(year: int, *, as_of: date) -> Quarter:
    """This quarter in the current year, the last one of a past year, the first (nothing reported
    yet) of a future one: the count never mixes in reports of another year."""
    day = min(max(as_of, date(year, 1, 1)), date(year, 12, 31))
    start = quarter_start(day)
    last_month = start.month + 2
    last = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Quarter(start, min(last, as_of))


def attach_statuses(activities: list[Activity], *, as_of: date) -> None:
    """Give every activity its `status` and `grid`: (mark, title, symbol) for each month, ready to show."""
    statuses = statuses_for(activities, as_of=as_of)
    for activity in activities:
        activity.status = status = statuses[activity.pk]
        marks = (
            status.marks
            if any(status.marks)
            else [
                # Cancelled or moved to next year: the months the plan named stay visible.
                "planned" if activity.has_month(m) else None
                for m in range(1, 13)
            ]
        )
        activity.grid = [
            (mark, f"{month}: {TITLES[mark]}", SYMBOLS[mark]) if mark else (None, "", "")
            for month, mark in zip(MONTH_SHORT, marks, strict=True)
        ]


def activity_execution_context(user, activity: Activity, *, as_of: date) -> dict:
    """What the activity page shows of its execution: status, periods, quota progress, reports."""
    return {
        "status": statuses_for([activity], as_of=as_of)[activity.pk],
        "as_of": as_of,
        "progress": quota_progress([activity], as_of=as_of).get(activity.pk, []),
        "reports": list(activity_reports(activity)),
        "overrides": activity.status_overrides.select_related("by"),
        "can_report": report_checker(user, activity.plan)(activity),
        "override_form": OverrideForm(),
    }


def moved_to_next_year(plan: Plan) -> set[int]:
    """Ids of the plan's activities whose status, set by a person, is «moved to next year»."""
    latest: dict[int, StatusOverride] = {}
    for row in StatusOverride.objects.filter(activity__plan=plan).order_by("created", "id"):
        latest[row.activity_id] = row
    return {pk for pk, row in latest.items() if row.to_next_year}


def activity_reports(activity: Activity):
    return activity.reports.select_related("created_by").prefetch_related(
        "participations", "deliveries", "attachments"
    )


def plan_of_year(organization: Organization, year: int) -> Plan | None:
    plans = sorted(
        organization.plans.filter(year=year),
        key=lambda p: (_PLAN_PREFERENCE.get(p.status, 3), -p.pk),
    )
    return plans[0] if plans else None


def plan_years(organization: Organization) -> list[int]:
    """The years the organization has plans for, oldest first."""
    return list(organization.plans.order_by("year").values_list("year", flat=True).distinct())


def nearest_plan_year(years: list[int], today: date) -> int:
    """Of the years an organization has plans for (`plan_years`): this year when it is one; else the
    latest before it, else the first after it: a council whose last plan was 2024 opens on 2024."""
    if today.year in years or not years:
        return today.year
    earlier = [y for y in years if y < today.year]
    return earlier[-1] if earlier else years[0]


# --- the organization's dashboard ------------------------------------------------------------


@dataclass
class Tally:
    """Activities of one group (a section, a unit, a month) by status."""

    label: str
    total: int = 0
    counts: Counter = field(default_factory=Counter)
    url: str = ""

    def add(self, code: str) -> None:
        self.total += 1
        self.counts[code] += 1

    @property
    def done(self) -> int:
        return self.counts[Status.DONE]

    @property
    def overdue(self) -> int:
        return self.counts[Status.OVERDUE]

    @property
    def counted(self) -> int:
        # Cancelled activities and those moved to next year are out of this year's count.
        return self.total - self.counts[Status.CANCELLED] - self.counts["moved_next_year"]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.counted) if self.counted else 0


@dataclass
class Dashboard:
    organization: Organization
    plan: Plan | None
    as_of: date
    activities: list[Activity] = field(default_factory=list)
    statuses: dict[int, ActivityStatus] = field(default_factory=dict)
    progress: dict[int, list[QuotaProgress]] = field(default_factory=dict)
    total: Tally = field(default_factory=lambda: Tally("Всего"))
    due_this_month: list[Activity] = field(default_factory=list)
    overdue: list[Activity] = field(default_factory=list)
    behind_quota: list[Activity] = field(default_factory=list)
    quarter: Quarter | None = None
    reports_this_quarter: int = 0
    charts: list[BarChart] = field(default_factory=list)

    @property
    def lists(self) -> list[tuple[str, str, list[Activity], str]]:
        """(heading, element id, activities, kind) of the three lists under the tiles."""
        return [
            ("Просрочено", "overdue-list", self.overdue, "overdue"),
            ("Срок в этом месяце", "due-list", self.due_this_month, "due"),
            ("Отставание от нормативов", "behind-list", self.behind_quota, "behind"),
        ]


def organization_dashboard(organization: Organization, *, year: int, as_of: date) -> Dashboard:
    plan = plan_of_year(organization, year)
    board = Dashboard(organization=organization, plan=plan, as_of=as_of)
    board.quarter = quarter = report_quarter(year, as_of=as_of)
    if plan is None:
        return board
    board.reports_this_quarter = plan.reports.filter(
        done_on__gte=quarter.start, done_on__lte=quarter.end
    ).count()
    activities = list(
        plan.activities.select_related("section")
        .prefetch_related(Prefetch("responsible_units", queryset=Unit.objects.only("id", "name")))
        .order_by(*TABLE_ORDER)
    )
    board.activities = activities
    board.statuses = statuses = statuses_for(activities, as_of=as_of)
    board.progress = quota_progress(activities, as_of=as_of)
    by_section: dict[int, Tally] = {}
    by_unit: dict[int, Tally] = {}
    months = [Tally(name) for name in MONTH_SHORT]
    month_end = date(as_of.year, as_of.month, calendar.monthrange(as_of.year, as_of.month)[1])
    for a in activities:
        status = statuses[a.pk]
        a.status, a.progress = status, board.progress.get(a.pk, [])
        # An overdue activity is dated by the first occurrence it missed; `status.due` is the
        # next one still open (the end of the year for «не реже 1 раза в квартал» in autumn).
        a.missed = status.missing_periods[0] if status.missing_periods else None
        if status.heading:
            continue  # its sub-items are counted and listed
        code = status.tally_code
        board.total.add(code)
        by_section.setdefault(a.section_id, Tally(a.section.title)).add(code)
        for unit in a.responsible_units.all():
            by_unit.setdefault(unit.pk, Tally(unit.name)).add(code)
        for month, mark in enumerate(status.marks):
            if mark:
                months[month].add(mark)
        # Due this month: something to deliver between today and the month's end (overdue or not).
        if (
            status.due
            and as_of <= status.due <= month_end
            and status.code not in (Status.DONE, Status.CANCELLED)
        ):
            board.due_this_month.append(a)
        if status.code == Status.OVERDUE:
            board.overdue.append(a)
        if any(p.behind for p in a.progress):
            board.behind_quota.append(a)
    board.charts = [
        _completion_chart("Выполнение по разделам", by_section.values()),
        _completion_chart(
            "Выполнение по подразделениям", sorted(by_unit.values(), key=lambda t: t.label)
        ),
        _month_chart(months),
    ]
    return board


def _completion_chart(title: str, tallies) -> BarChart:
    return bar_chart(
        title,
        [
            Row(
                t.label,
                [
                    Part("done", t.done),
                    Part("overdue", t.overdue),
                    Part("planned", t.counted - t.done - t.overdue),
                ],
                total=t.counted,
                note=f"{t.done} из {t.counted}",
            )
            for t in tallies
        ],
    )


def _month_chart(months: list[Tally]) -> BarChart:
    return bar_chart(
        "По месяцам: отмечено выполненным, пропущено, просрочено",
        [
            Row(
                t.label,
                [
                    Part("done", t.counts["done"]),
                    Part("missing", t.counts["missing"]),
                    Part("overdue", t.counts["overdue"]),
                    Part("planned", t.counts["planned"]),
                ],
                total=t.total,
                note=f"{t.counts['done']} из {t.total}",
            )
            for t in months
        ],
    )


# --- the federal administrator's dashboard -----------------------------------------------------


@dataclass
class OrganizationLine:
    organization: Organization
    plan: Plan | None
    tally: Tally
    reports_this_quarter: int


@dataclass
class FederalDashboard:
    lines: list[OrganizationLine]
    chart: BarChart
    quarter: Quarter


def federal_dashboard(*, year: int, as_of: date) -> FederalDashboard:
    """Every organization side by side, all of the chosen year: completion and overdue of its plan,
    reports on that plan in the year's quarter (`report_quarter`); seven queries."""
    organizations = list(Organization.objects.exclude(kind=Organization.Kind.FEDERAL))
    plans: dict[int, Plan] = {}
    for plan in sorted(
        Plan.objects.filter(year=year, organization__in=organizations),
        key=lambda p: (_PLAN_PREFERENCE.get(p.status, 3), -p.pk),
        reverse=True,
    ):
        plans[plan.organization_id] = plan  # the preferred plan comes last and stays
    activities = schedule_rows(Activity.objects.filter(plan__in=plans.values()))
    plan_by_id = {p.pk: p for p in plans.values()}
    statuses = statuses_for(activities, as_of=as_of)
    tallies = {pk: Tally(str(p.organization_id)) for pk, p in plan_by_id.items()}
    for a in activities:
        if code := statuses[a.pk].tally_code:
            tallies[a.plan_id].add(code)
    quarter = report_quarter(year, as_of=as_of)
    reports = dict(
        ExecutionReport.objects.filter(
            plan__in=list(plans.values()), done_on__gte=quarter.start, done_on__lte=quarter.end
        )
        .values_list("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    )
    lines = []
    for o in organizations:
        plan = plans.get(o.pk)
        tally = tallies.get(plan.pk) if plan else Tally(str(o))
        tally.label, tally.url = str(o), reverse("plans-detail", args=[plan.pk]) if plan else ""
        lines.append(OrganizationLine(o, plan, tally, reports.get(plan.pk, 0) if plan else 0))
    chart = _completion_chart("Выполнение планов по организациям", [line.tally for line in lines])
    for row, line in zip(chart.rows, lines, strict=True):
        row.url = line.tally.url
    return FederalDashboard(lines, chart, quarter)

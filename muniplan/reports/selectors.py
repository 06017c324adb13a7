"""What the execution documents say: one pass over the plan, a fixed number of queries however many reports.

The report covers a period (the year or a quarter) and shows the plan as it stood on the period's last
day (or today while it runs): statuses and quotas count only the reports done by that day and the
status decisions made by then; the reports listed and counted are those done within the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Sum

from muniplan.accounts.models import Unit
from muniplan.control.models import ControlItem
from muniplan.control.selectors import status_label
from muniplan.execution.charts import BarChart
from muniplan.execution.models import (
    ExecutionReport,
    QuotaDelivery,
    ReportParticipation,
    Status,
)
from muniplan.execution.progress import QuotaProgress, quota_progress
from muniplan.execution.selectors import Tally
from muniplan.execution.selectors import _completion_chart as completion_chart
from muniplan.execution.status import ActivityStatus, statuses_for
from muniplan.plans.models import TABLE_ORDER, Activity, Plan
from muniplan.quotas import plural

from .periods import ReportPeriod

NOT_DONE = (Status.OVERDUE, Status.CANCELLED, Status.MOVED)


@dataclass
class ActivityLine:
    activity: Activity
    status: ActivityStatus
    reports: list[ExecutionReport]
    progress: list[QuotaProgress]

    @property
    def progress_lines(self) -> list[str]:
        return [progress_text(p) for p in self.progress]

    @property
    def report_lines(self) -> list[str]:
        return [report_text(r) for r in self.reports]

    @property
    def not_done_reason(self) -> str:
        """Why an activity is not done, as the report's table of failures states it."""
        if self.status.override and self.status.override.reason:
            return self.status.override.reason
        if self.status.missing_periods:
            return "Нет отчёта за: " + ", ".join(p.label for p in self.status.missing_periods)
        return "Отчёт об исполнении не представлен"


def progress_text(p: QuotaProgress) -> str:
    """«новости: 2 из 52, отставание 50»: the report states its date once, at the top."""
    text = f"{plural(p.quota.item)}: {p.delivered} из {p.expected}"
    return f"{text}, отставание {p.behind}" if p.behind else text


def report_text(report: ExecutionReport) -> str:
    """«12.03.2026: Проведён семинар. Участники: главы МО 40 человек. Подготовлено: статья: 2.»:
    one report as the Word and PDF documents state it."""
    when = f"{report.done_on:%d.%m.%Y}" + (
        f"–{report.done_until:%d.%m.%Y}" if report.done_until else ""
    )
    parts = [
        f"{when}: {report.text.rstrip()}"
        + ("" if report.text.rstrip().endswith((".", "!", "?")) else ".")
    ]
    if participants := "; ".join(str(p) for p in report.participants):
        parts.append(f"Участники: {participants}.")
    if municipalities := ", ".join(
        line.strip() for line in report.municipalities.splitlines() if line.strip()
    ):
        parts.append(f"Муниципальные образования: {municipalities}.")
    if delivered := ", ".join(str(d) for d in report.delivered):
        parts.append(f"Подготовлено: {delivered}.")
    if report.links:
        parts.append("Ссылки: " + ", ".join(report.links))
    return " ".join(parts)


@dataclass
class SectionBlock:
    title: str
    lines: list[ActivityLine] = field(default_factory=list)


@dataclass
class QuotaTotal:
    item: str
    expected: int = 0
    delivered: int = 0

    @property
    def behind(self) -> int:
        return max(0, self.expected - self.delivered)


@dataclass
class PlanReport:
    plan: Plan
    period: ReportPeriod
    as_of: dt.date
    stated_on: dt.date
    sections: list[SectionBlock]
    tally: Tally
    reports: int
    activities_reported: int
    participants: int
    quotas: list[QuotaTotal]
    not_done: list[ActivityLine]
    charts: list[BarChart]

    @property
    def title(self) -> str:
        return f"Отчёт о выполнении плана работы за {self.period.label}"

    @property
    def headings(self) -> dict[str, str]:
        """The numbered headings of the document's parts, the same in Word and PDF; a plan without
        quotas has no part on materials and the numbers close up."""
        parts = [
            ("figures", "Основные показатели"),
            ("quotas", "Материалы и нормативы"),
            ("sections", "Выполнение по разделам"),
            ("activities", "Выполнение мероприятий плана"),
            ("not_done", "Невыполненные мероприятия и причины"),
        ]
        shown = [(key, text) for key, text in parts if key != "quotas" or self.quotas]
        return {key: f"{number}. {text}" for number, (key, text) in enumerate(shown, start=1)}

    @property
    def figures(self) -> list[tuple[str, int]]:
        """The main figures, the same in Word and PDF; the status rows add up to the plan's total."""
        t, counts, within = self.tally, self.tally.counts, f"за {self.period.label}"
        return [
            ("Мероприятий плана", t.total),
            ("Выполнено", t.done),
            ("Выполняется", counts[Status.IN_PROGRESS]),
            ("Запланировано", counts[Status.PLANNED]),
            ("Просрочено", t.overdue),
            ("Отменено", counts[Status.CANCELLED]),
            ("Перенесено", counts[Status.MOVED] + counts["moved_next_year"]),
            ("Выполнение, %", t.percent),
            (f"Проведено мероприятий {within} (отчётов об исполнении)", self.reports),
            (f"Мероприятий плана с отчётами {within}", self.activities_reported),
            (f"Участников (по отчётам {within})", self.participants),
        ]


def plan_report(plan: Plan, *, period: ReportPeriod, today: dt.date) -> PlanReport:
    as_of, last_day = period.as_of(today), period.stated_on(today)
    activities = list(
        plan.activities.select_related("section")
        .prefetch_related(Prefetch("responsible_units", queryset=Unit.objects.only("id", "name")))
        .order_by(*TABLE_ORDER)
    )
    for activity in activities:
        activity.plan = plan  # statuses read the plan year without a query per activity
    # A status people set after the year closed (cancelled, moved to next year) is that year's
    # outcome and belongs in its annual report; a quarter's report keeps the decisions made by then.
    year_end = last_day >= dt.date(plan.year, 12, 31)
    statuses = statuses_for(
        activities, as_of=as_of, until=last_day, decided_by=None if year_end else last_day
    )
    progress = quota_progress(activities, as_of=as_of, until=last_day)
    reports = _reports_in(plan, period)
    sections: dict[int, SectionBlock] = {}
    by_section: dict[int, Tally] = {}
    tally = Tally("Всего")
    lines = []
    for activity in activities:
        line = ActivityLine(
            activity,
            statuses[activity.pk],
            reports.get(activity.pk, []),
            progress.get(activity.pk, []),
        )
        lines.append(line)
        sections.setdefault(activity.section_id, SectionBlock(activity.section.title)).lines.append(
            line
        )
        if code := line.status.tally_code:
            tally.add(code)
            by_section.setdefault(activity.section_id, Tally(activity.section.title)).add(code)
    participants = ReportParticipation.objects.filter(
        report__plan=plan, report__done_on__range=(period.start, period.end)
    ).aggregate(n=Sum("count"))["n"]
    return PlanReport(
        plan=plan,
        period=period,
        as_of=as_of,
        stated_on=period.stated_on(today),
        sections=list(sections.values()),
        tally=tally,
        reports=sum(len(r) for r in reports.values()),
        activities_reported=len(reports),
        participants=participants or 0,
        quotas=_quota_totals(progress.values()),
        not_done=[
            line for line in lines if not line.status.heading and line.status.code in NOT_DONE
        ],
        charts=[completion_chart("Выполнение по разделам", by_section.values())],
    )


def _reports_in(plan: Plan, period: ReportPeriod) -> dict[int, list[ExecutionReport]]:
    """The period's reports by activity, each with `participants` and `delivered` lists.

    Three plain queries: Django's prefetching costs more than the documents' rendering with the
    thousands of reports of a year.
    """
    reports = ExecutionReport.objects.filter(plan=plan, done_on__range=(period.start, period.end))
    participants, delivered = defaultdict(list), defaultdict(list)
    for row in ReportParticipation.objects.filter(report__in=reports.values("pk")).order_by(
        "position", "id"
    ):
        participants[row.report_id].append(row)
    for row in QuotaDelivery.objects.filter(report__in=reports.values("pk")).order_by("id"):
        delivered[row.report_id].append(row)
    by_activity: dict[int, list[ExecutionReport]] = defaultdict(list)
    for report in reports.order_by("done_on", "id"):
        report.participants, report.delivered = participants[report.pk], delivered[report.pk]
        by_activity[report.activity_id].append(report)
    return by_activity


def _quota_totals(progress_lists) -> list[QuotaTotal]:
    totals: dict[str, QuotaTotal] = {}
    for progress in progress_lists:
        for p in progress:
            total = totals.setdefault(p.quota.item, QuotaTotal(plural(p.quota.item)))
            total.expected += p.expected
            total.delivered += p.delivered
    return list(totals.values())


# --- «Информация о ходе выполнения рекомендаций» ----------------------------------------------


@dataclass
class FollowUpRow:
    number: str
    text: str
    executor: str
    deadline: str
    state: str
    progress: list[str]


@dataclass
class FollowUpReport:
    resolution_line: str  # «Резолюция … — III съезд ТОС, 12.11.2020»
    stated_on: dt.date
    groups: list[tuple[str, list[FollowUpRow]]]
    title: str = "Информация о ходе выполнения рекомендаций"


def follow_up_report(resolution, groups, *, today: dt.date) -> FollowUpReport:
    """Each recommendation with what was done: the executors' notes and, once the item is off
    control, the controller's reason for taking it off (`control.selectors.follow_up` reads it)."""
    line = " — ".join(x for x in (resolution.title, resolution.event) if x)
    return FollowUpReport(
        resolution_line=line + (f", {resolution.date:%d.%m.%Y}" if resolution.date else ""),
        stated_on=today,
        groups=[
            (
                g.addressee.name,
                [
                    _follow_up_row(r, g.addressee.name, n, today)
                    for n, r in enumerate(g.recommendations, 1)
                ],
            )
            for g in groups
        ],
    )


def _control_item(recommendation) -> ControlItem | None:
    return getattr(recommendation, "control_item", None)


def _follow_up_row(recommendation, addressee: str, n: int, today: dt.date) -> FollowUpRow:
    number = recommendation.number or str(n)
    item = _control_item(recommendation)
    if item is None:
        return FollowUpRow(number, recommendation.text, addressee, "—", "Не на контроле", [])
    progress = [f"{note.done_on:%d.%m.%Y} {note.text}" for note in item.notes.all()]
    if item.closing:
        progress.append(item.closing.line)
    return FollowUpRow(
        number,
        recommendation.text,
        item.executor_name,
        f"{item.deadline:%d.%m.%Y}",
        status_label(item, today),  # overdue as of the document's date
        progress,
    )

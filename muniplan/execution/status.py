"""The status of each activity as of a date, from its schedule, its reports and a person's override.

Contract (`statuses_for`, kept stable: reminders and dashboards build on it):

- An activity expects *occurrences*, each a window of dates in its plan year:
  - periodic («ежемесячно», «не реже 1 раза в квартал»): one per week, month, quarter or half-year
    that meets the activity's months (all twelve when none are named), needing `frequency_min`
    reports (1 when not said); «раз в год» is one window over the months;
  - dates («21 апреля», «до 15.12»): one per date, from the first of its month to the date;
  - months: one per run of consecutive months («январь-апрель, сентябрь-декабрь» is two);
  - nothing said: one window, the whole year.
- A report counts for the latest occurrence that started on or before its date (a late report still
  counts for the one it is late for), or the first one when it comes earlier; a report over a period
  (`done_until`) also counts for every occurrence starting inside it.
- Derived code: `done` when every occurrence is covered (year-round work, one window «весь год»,
  only once the year is over); `overdue` when one has ended uncovered;
  `in_progress` when some is covered or one is open now (not under a condition); `planned` otherwise.
- Under a condition («по мере необходимости», «по запросу») nothing is due by the calendar: never
  overdue, no missing periods. A minimum frequency is a calendar promise even then («при
  необходимости, но не реже 1 раза в квартал» expects a report each quarter).
- The latest `StatusOverride` wins: cancelled; moved to next year; moved to a month (that month becomes
  the one occurrence: done when reported, overdue after it, «перенесено на …» before); or any code.
- `due`: the end of the current or next uncovered occurrence; for an overdue activity with nothing
  ahead, the end of the first missed one; None when nothing is expected.
- `marks`: per month 1..12, `done`, `overdue`, `missing` (the month has passed and its occurrence,
  still open, has no report in that month yet), `planned`, or None for a month with nothing planned.
  Within an occurrence still open (year-round work) a month is `done` only when a report falls in
  it or covers it (`done_until`).

Queries: one for plan years (skipped when activities carry their plan), one for reports, one for
overrides — the same three for one activity or five thousand, whatever the number of reports.
"""

from __future__ import annotations

import bisect
import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.db import connections
from django.db.models import CharField
from django.db.models.functions import Cast

from muniplan.periods.lexicon import MONTH_NAMES
from muniplan.periods.schedule import mask_to_months, month_runs
from muniplan.plans.models import Activity, Plan

from .models import ExecutionReport, Status, StatusOverride

ROMAN = ("I", "II", "III", "IV")
YEAR_ROUND = "весь год"
# Past this many activities, reports are fetched by plan rather than by a long list of ids.
_BY_PLAN_ABOVE = 500


@dataclass(frozen=True)
class Occurrence:
    """One expected occurrence: its window, its label («II квартал», «январь–апрель») and reports."""

    start: date
    end: date
    label: str
    needed: int = 1
    reports: int = 0

    @property
    def covered(self) -> bool:
        return self.reports >= self.needed


@dataclass(frozen=True)
class ActivityStatus:
    code: str  # Status: planned, in_progress, done, overdue, cancelled, moved
    label: str  # Russian, as shown
    due: date | None
    missing_periods: tuple[Occurrence, ...] = ()
    periods: tuple[Occurrence, ...] = ()
    marks: tuple[str | None, ...] = (None,) * 12
    periodic: bool = False
    override: StatusOverride | None = None
    reports: int = 0
    heading: bool = False  # a heading over sub-items (see `_headings`): shown, never counted

    @property
    def is_overdue(self) -> bool:
        return self.code == Status.OVERDUE

    @property
    def tally_code(self) -> str | None:
        """What the figures count the activity as: None for a heading; moved to next year apart
        from moved within the year, since it leaves this year's count."""
        if self.heading:
            return None
        return "moved_next_year" if self.override and self.override.to_next_year else self.code

    def mark(self, month: int) -> str | None:
        return self.marks[month - 1]


def statuses_for(
    activities, *, as_of: date, until: date | None = None, decided_by: date | None = None
) -> dict[int, ActivityStatus]:
    """The status of each activity on `as_of`, by activity id (see the module's contract).

    A report of a past period (`reports.selectors`) states the plan as it stood then: only the
    reports done by `until` count (one over several days for what it covered by then), and only
    the statuses people set by `decided_by`. Such a report is counted the morning after the period
    (`as_of`), when what ended on its last day is overdue; a window opening that morning belongs to
    the next period, so only windows started by `until` are open."""
    activities = list(activities)  # Activity instances or ScheduleRows
    if not activities:
        return {}
    years = _plan_years(activities)
    reports = _report_dates(activities, until)
    overrides = overrides_in_force(activities, decided_by)
    statuses = {
        a.pk: activity_status(
            a,
            year=years[a.plan_id],
            reports=reports.get(a.pk, ()),
            override=overrides.get(a.pk),
            as_of=as_of,
            started_by=min(as_of, until) if until else as_of,
        )
        for a in activities
    }
    _headings(activities, statuses)
    return statuses


def _headings(activities: list, statuses: dict[int, ActivityStatus]) -> None:
    """«6 Проект «Культура и власть»:» over 6.1–6.4, with no period of its own, is a heading: the
    sub-items carry the work. It takes their state (overdue when one is, done when all are) and is
    not counted, or a Tula plan would count each project once more, overdue by the calendar."""
    children: dict[int, list[int]] = defaultdict(list)
    for a in activities:
        if a.parent_id:
            children[a.parent_id].append(a.pk)
    for a in activities:
        own = statuses[a.pk]
        if a.pk in children and not own.override and not _scheduled(a):
            statuses[a.pk] = _heading_status([statuses[pk] for pk in children[a.pk]])


def _scheduled(activity) -> bool:
    return bool(
        activity.months_mask or activity.dates or activity.frequency_per or activity.condition
    )


def _heading_status(parts: list[ActivityStatus]) -> ActivityStatus:
    codes = {p.code for p in parts}
    if Status.OVERDUE in codes:
        code = Status.OVERDUE
    elif Status.DONE in codes and codes <= {Status.DONE, Status.CANCELLED}:
        code = Status.DONE
    elif codes & {Status.DONE, Status.IN_PROGRESS}:
        code = Status.IN_PROGRESS
    else:
        code = Status.PLANNED
    dues = [p.due for p in parts if p.due]
    return ActivityStatus(code, Status(code).label, min(dues) if dues else None, heading=True)


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """An activity's schedule without the model instance: pages over thousands of activities (the
    federal dashboard) read these with `schedule_rows`, and `statuses_for` takes them as activities."""

    pk: int
    plan_id: int
    parent_id: int | None
    plan_year: int
    months_mask: int
    frequency_per: str
    frequency_min: int | None
    condition: str
    dates: list


def schedule_rows(activities) -> list[ScheduleRow]:
    """The schedules of a queryset of activities, in one query."""
    fields = (
        "pk",
        "plan_id",
        "parent_id",
        "plan__year",
        "months_mask",
        "frequency_per",
        "frequency_min",
        "condition",
        "dates",
    )
    return [ScheduleRow(*row) for row in activities.values_list(*fields)]


def _plan_years(activities: list) -> dict[int, int]:
    years = {a.plan_id: a.plan_year for a in activities if isinstance(a, ScheduleRow)}
    years.update(
        (a.plan_id, a.plan.year)
        for a in activities
        if isinstance(a, Activity) and Activity.plan.is_cached(a)
    )
    missing = {a.plan_id for a in activities} - years.keys()
    if missing:
        years.update(Plan.objects.filter(pk__in=missing).values_list("pk", "year"))
    return years


def _report_dates(
    activities: list, until: date | None
) -> dict[int, list[tuple[date, date | None]]]:
    ids = {a.pk for a in activities}
    reports = (
        ExecutionReport.objects.filter(done_on__lte=until)
        if until
        else ExecutionReport.objects.all()
    )
    if len(ids) > _BY_PLAN_ABOVE:
        reports = reports.filter(plan_id__in={a.plan_id for a in activities})
    else:
        reports = reports.filter(activity_id__in=ids)
    # Dates as text through a raw cursor: per-value date converters would cost more than the
    # statuses themselves on a federal page, and a year has only a few hundred distinct days.
    text = reports.annotate(on=Cast("done_on", CharField()), until=Cast("done_until", CharField()))
    sql, params = text.values_list("activity_id", "on", "until").query.sql_with_params()
    dates: dict[int, list] = defaultdict(list)
    with connections[reports.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = [row for row in cursor.fetchall() if row[0] in ids]
    parsed = {
        text: date.fromisoformat(text)
        for text in {r[1] for r in rows} | {r[2] for r in rows if r[2]}
    }
    parsed[None] = None
    for activity_id, done_on, done_until in rows:
        done_until = parsed[done_until]
        if until and done_until and done_until > until:
            done_until = until
        dates[activity_id].append((parsed[done_on], done_until))
    return dates


def overrides_in_force(
    activities: list, decided_by: date | None = None
) -> dict[int, StatusOverride]:
    """The latest status a person set on each activity (by `decided_by`), by activity id; one query."""
    ids = {a.pk for a in activities}
    rows = StatusOverride.objects.order_by("created", "id")
    if decided_by:
        rows = rows.filter(created__date__lte=decided_by)
    if len(ids) > _BY_PLAN_ABOVE:
        rows = rows.filter(activity__plan_id__in={a.plan_id for a in activities})
    else:
        rows = rows.filter(activity_id__in=ids)
    latest = {row.activity_id: row for row in rows if row.activity_id in ids}
    return {pk: row for pk, row in latest.items() if row.new}


def activity_status(
    activity: Activity,
    *,
    year: int,
    reports,
    override: StatusOverride | None,
    as_of: date,
    started_by: date | None = None,
) -> ActivityStatus:
    """The status of one activity given its reports' (date, until) pairs; no queries.
    Windows that start after `started_by` (default `as_of`) are not open yet."""
    started_by = started_by or as_of
    if override and override.new == Status.CANCELLED:
        return ActivityStatus(
            Status.CANCELLED, Status.CANCELLED.label, None, override=override, reports=len(reports)
        )
    if override and override.to_next_year:
        return ActivityStatus(
            Status.MOVED, override.label, None, override=override, reports=len(reports)
        )
    if override and override.new == Status.MOVED:
        windows = (_month_window(year, override.moved_to_month),)
        periodic, calendar_bound = False, True
    else:
        windows = expected_windows(
            activity.months_mask,
            activity.frequency_per,
            activity.frequency_min,
            tuple(activity.dates),
            year,
        )
        periodic = activity.frequency_per in _PERIOD_MONTHS or activity.frequency_per == "week"
        calendar_bound = not activity.condition or bool(activity.frequency_per)
    periods = _count(windows, reports)
    code = _derived(periods, calendar_bound, as_of, started_by)
    label = Status(code).label
    if override and override.new == Status.MOVED:
        if code not in (Status.DONE, Status.OVERDUE):
            code, label = Status.MOVED, override.label
    elif override:
        code, label = override.new, override.label
    missing = tuple(p for p in periods if p.end < as_of and not p.covered) if calendar_bound else ()
    return ActivityStatus(
        code=code,
        label=label,
        due=_due(periods, missing, as_of),
        missing_periods=missing,
        periods=periods,
        marks=_marks(
            periods, calendar_bound, as_of, started_by, year, _reported_months(reports, year)
        ),
        periodic=periodic,
        override=override,
        reports=len(reports),
    )


def _derived(
    periods: tuple[Occurrence, ...], calendar_bound: bool, as_of: date, started_by: date
) -> str:
    if all(p.covered for p in periods) and not _year_round_and_open(periods, as_of):
        return Status.DONE
    if calendar_bound and any(p.end < as_of and not p.covered for p in periods):
        return Status.OVERDUE
    # Under a condition an open window asks nothing of anyone: it is only planned until reported.
    if any(
        p.covered or (calendar_bound and p.start <= started_by and as_of <= p.end) for p in periods
    ):
        return Status.IN_PROGRESS
    return Status.PLANNED


def _year_round_and_open(periods: tuple[Occurrence, ...], as_of: date) -> bool:
    # Work that runs all year («январь - декабрь»: the site, the bulletins) is not done by its
    # first report; it is done when the year is.
    return len(periods) == 1 and periods[0].label == YEAR_ROUND and periods[0].end >= as_of


def _due(
    periods: tuple[Occurrence, ...], missing: tuple[Occurrence, ...], as_of: date
) -> date | None:
    ahead = [p.end for p in periods if p.end >= as_of and not p.covered]
    if ahead:
        return ahead[0]
    return missing[0].end if missing else None


def _count(windows: tuple[Occurrence, ...], reports) -> tuple[Occurrence, ...]:
    counts = [0] * len(windows)
    starts = [w.start for w in windows]
    for done_on, done_until in reports:
        index = max(0, bisect.bisect_right(starts, done_on) - 1)
        counts[index] += 1
        if done_until:
            for later in range(index + 1, bisect.bisect_right(starts, done_until)):
                counts[later] += 1
    return tuple(
        Occurrence(w.start, w.end, w.label, w.needed, n) if n else w
        for w, n in zip(windows, counts, strict=True)
    )


_MARK_ORDER = ("overdue", "missing", "planned", "done")


def _marks(
    periods: tuple[Occurrence, ...],
    calendar_bound: bool,
    as_of: date,
    started_by: date,
    year: int,
    reported: set[int],
) -> tuple:
    marks: list[str | None] = [None] * 12
    for p in periods:
        state = _state(p, calendar_bound, as_of)
        for month in _months_between(p.start, p.end, year):
            if marks[month - 1] is None or _MARK_ORDER.index(state) < _MARK_ORDER.index(
                marks[month - 1]
            ):
                marks[month - 1] = state
        if state == "planned" and (calendar_bound or p.covered) and p.start <= started_by:
            # An open window (year-round work): a month behind us is done when a report falls in it,
            # and missing so far when none does; one report in August does not make January done.
            for month in _months_between(p.start, p.end, year):
                if _month_window(year, month).start <= started_by and marks[month - 1] == "planned":
                    if month in reported:
                        marks[month - 1] = "done"
                    elif calendar_bound and _month_window(year, month).end < as_of:
                        marks[month - 1] = "missing"
    return tuple(marks)


def _reported_months(reports, year: int) -> set[int]:
    """The months of the plan year that reports fall in or cover (`done_until`)."""
    months: set[int] = set()
    for done_on, done_until in reports:
        months.update(_months_between(done_on, done_until or done_on, year))
    return months


def _state(p: Occurrence, calendar_bound: bool, as_of: date) -> str:
    if p.covered and (p.end < as_of or p.label != YEAR_ROUND):
        return "done"
    if calendar_bound and p.end < as_of:
        return "overdue"
    return "planned"


def _months_between(start: date, end: date, year: int) -> range:
    """The months of `year` that the days from `start` to `end` touch."""
    first = start.month if start.year == year else 1
    last = end.month if end.year == year else 12
    return range(first, last + 1) if start.year <= year <= end.year else range(0)


# --- expected windows, shared by every activity with the same schedule ------------------------

_PERIOD_MONTHS = {"month": 1, "quarter": 3, "half_year": 6}
_PERIOD_NAMES = {3: "квартал", 6: "полугодие"}


@lru_cache(maxsize=4096)
def expected_windows(
    months_mask: int, per: str, minimum: int | None, dates: tuple, year: int
) -> tuple[Occurrence, ...]:
    """The occurrences a schedule expects in `year`, in date order, none covered yet."""
    months = mask_to_months(months_mask) or list(range(1, 13))
    needed = max(1, minimum or 1)
    if per in _PERIOD_MONTHS:
        return _periods(months, _PERIOD_MONTHS[per], needed, year)
    if per == "week":
        return _weeks(months, needed, year)
    if per == "year":
        return (_run_window(year, months[0], months[-1], needed),)
    if dates:
        return _date_windows(dates, year)
    if months_mask:
        return tuple(_run_window(year, run[0], run[-1]) for run in month_runs(months))
    return (_run_window(year, 1, 12),)


def _periods(months: list[int], length: int, needed: int, year: int) -> tuple[Occurrence, ...]:
    groups: dict[int, list[int]] = {}
    for m in months:
        groups.setdefault((m - 1) // length, []).append(m)
    windows = []
    for index, members in groups.items():
        window = _run_window(year, members[0], members[-1], needed)
        if length == 1:
            label = MONTH_NAMES[members[0] - 1]
        else:
            label = f"{ROMAN[index] if length == 3 else index + 1} {_PERIOD_NAMES[length]}"
        windows.append(Occurrence(window.start, window.end, label, needed))
    return tuple(windows)


def _weeks(months: list[int], needed: int, year: int) -> tuple[Occurrence, ...]:
    # Seven-day weeks counted from 1 January; the last one runs to 31 December.
    first, last = date(year, 1, 1), date(year, 12, 31)
    wanted = set(months)
    windows = []
    for index in range(52):
        start = first + timedelta(days=7 * index)
        end = last if index == 51 else start + timedelta(days=6)
        if start.month in wanted:
            windows.append(
                Occurrence(start, end, f"неделя {index + 1} ({start:%d.%m}–{end:%d.%m})", needed)
            )
    return tuple(windows)


def _date_windows(dates: tuple, year: int) -> tuple[Occurrence, ...]:
    windows = []
    for text in dates:
        day = _date(text, year)
        if day is not None:
            windows.append(Occurrence(day.replace(day=1), day, f"{day:%d.%m.%Y}"))
    return tuple(sorted(windows, key=lambda w: w.start)) or (_run_window(year, 1, 12),)


def _date(text: str, year: int) -> date | None:
    try:
        return (
            date.fromisoformat(text)
            if text[:4].isdigit()
            else date(year, int(text[2:4]), int(text[5:7]))
        )
    except ValueError:
        return None


def _run_window(year: int, first: int, last: int, needed: int = 1) -> Occurrence:
    label = (
        MONTH_NAMES[first - 1]
        if first == last
        else f"{MONTH_NAMES[first - 1]}–{MONTH_NAMES[last - 1]}"
    )
    if (first, last) == (1, 12):
        label = YEAR_ROUND
    end = date(year, last, calendar.monthrange(year, last)[1])
    return Occurrence(date(year, first, 1), end, label, needed)


def _month_window(year: int, month: int) -> Occurrence:
    return _run_window(year, month, month)

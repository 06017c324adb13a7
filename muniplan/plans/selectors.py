"""Read queries for plan pages: a fixed number of queries whatever the number of activities."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet

from muniplan.accounts.access import visible_organizations
from muniplan.accounts.models import Unit
from muniplan.lib.search import holds_stems, query_stems
from muniplan.periods.lexicon import MONTH_NAMES

from .models import MONTH_SHORT, TABLE_ORDER, Activity, Plan, Section


@dataclass
class ActivityFilter:
    section: int | None = None
    unit: int | None = None
    month: int | None = None
    review: bool = False
    text: str = ""

    @property
    def active(self) -> bool:
        return any([self.section, self.unit, self.month, self.review, self.text])


@dataclass
class SectionRows:
    section: Section
    activities: list[Activity] = field(default_factory=list)


def plans_visible_to(
    user, *, organization: int | None = None, year: int | None = None, status: str = ""
) -> QuerySet[Plan]:
    plans = (
        Plan.objects.filter(organization__in=visible_organizations(user))
        .select_related("organization", "source_plan")
        .prefetch_related("imports")
    )
    if organization:
        plans = plans.filter(organization_id=organization)
    if year:
        plans = plans.filter(year=year)
    if status:
        plans = plans.filter(status=status)
    return plans.annotate(activity_count=Count("activities")).order_by(
        "organization__name", "-year", "id"
    )


def plan_years_visible_to(user) -> list[int]:
    """The years of the plans the user may see, newest first (for the list's year filter)."""
    years = Plan.objects.filter(organization__in=visible_organizations(user)).values_list(
        "year", flat=True
    )
    return list(years.order_by("-year").distinct())


def _filtered(activities: QuerySet[Activity], f: ActivityFilter) -> QuerySet[Activity]:
    if f.section:
        activities = activities.filter(section_id=f.section)
    if f.unit:
        activities = activities.filter(responsible_units=f.unit)
    if f.month:
        activities = activities.annotate(
            month_bit=F("months_mask").bitand(1 << (f.month - 1))
        ).filter(month_bit__gt=0)
    if f.review:
        activities = activities.filter(Q(period_needs_review=True) | ~Q(needs_review=[]))
    if f.text:
        stems = query_stems(f.text)
        words = holds_stems(stems) if stems else Q(pk=None)
        activities = activities.filter(words | Q(number=f.text))
    return activities


def plan_rows(plan: Plan, f: ActivityFilter | None = None) -> list[SectionRows]:
    """The plan in table order: sections with their activities, each followed by its sub-items.

    A sub-item that matches a filter brings its parent along, so the table keeps its numbering context.
    """
    f = f or ActivityFilter()
    activities = plan.activities.all()
    if f.active:
        # One query whatever matches: the matching activities and the parents of matching sub-items
        # (subqueries, so no DISTINCT over the wide rows and no second round for the parents).
        matched = _filtered(activities, f)
        activities = activities.filter(
            Q(pk__in=matched.values("pk")) | Q(pk__in=matched.values("parent_id"))
        )
    activities = list(
        activities.prefetch_related(
            Prefetch("responsible_units", queryset=Unit.objects.only("id", "name")),
            "participations",
        ).order_by(*TABLE_ORDER)
    )
    sections = list(plan.sections.all())
    return _group(sections, activities, keep_empty=not f.active)


def _group(
    sections: list[Section], activities: list[Activity], keep_empty: bool
) -> list[SectionRows]:
    """Activities already in table order (TABLE_ORDER), under their sections."""
    by_section: dict[int, list[Activity]] = {}
    for activity in activities:
        by_section.setdefault(activity.section_id, []).append(activity)
    rows = []
    for section in sections:
        ordered = by_section.get(section.pk, [])
        if ordered or keep_empty:
            rows.append(SectionRows(section=section, activities=ordered))
    return rows


def plan_units(plan: Plan) -> list[Unit]:
    """The units answering for some activity of this plan: the others would filter to nothing."""
    return list(Unit.objects.filter(activities__plan=plan).distinct().order_by("name"))


@dataclass
class CalendarBand:
    """An activity of several months: one row, its months as bars across the year.

    `cells` covers the twelve months left to right: (colspan, label) with label "" for a gap
    and «янв–апр» for a bar.
    """

    activity: Activity
    cells: list[tuple[int, str]]


@dataclass
class Calendar:
    bands: list[CalendarBand]
    months: list[tuple[int, str, list[Activity]]]  # (month, name, activities of that month alone)
    undated: list[Activity]


def _runs(months: list[int]) -> list[tuple[int, int]]:
    """[1,2,3,4,9,10] → [(1, 4), (9, 10)]: the unbroken stretches of months."""
    runs: list[tuple[int, int]] = []
    for m in months:
        if runs and runs[-1][1] == m - 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return runs


def _band_cells(months: list[int]) -> list[tuple[int, str]]:
    cells, month = [], 1
    for first, last in _runs(months):
        if first > month:
            cells.append((first - month, ""))
        label = (
            "весь год"
            if (first, last) == (1, 12)
            else MONTH_SHORT[first - 1]
            if first == last
            else f"{MONTH_SHORT[first - 1]}–{MONTH_SHORT[last - 1]}"
        )
        cells.append((last - first + 1, label))
        month = last + 1
    if month <= 12:
        cells.append((13 - month, ""))
    return cells


def calendar(rows: list[SectionRows]) -> Calendar:
    """The year at a glance: an activity of several months (or the whole year) appears once, as bars
    across its months; an activity of one month sits in that month; undated ones go last."""
    activities = [a for r in rows for a in r.activities]
    bands = [CalendarBand(a, _band_cells(a.months)) for a in activities if len(a.months) > 1]
    single = [a for a in activities if len(a.months) == 1]
    months = [(m, MONTH_NAMES[m - 1], [a for a in single if a.has_month(m)]) for m in range(1, 13)]
    return Calendar(
        bands=bands,
        months=[m for m in months if m[2]],
        undated=[a for a in activities if not a.months_mask],
    )


def next_number(plan: Plan, parent: Activity | None = None) -> str:
    """The number a new activity most likely takes: after the last item (or sub-item) of the plan."""
    if parent is not None:
        return f"{parent.number}.{parent.children.count() + 1}" if parent.number else ""
    numbers = plan.activities.filter(parent=None).values_list("number", flat=True)
    return str(max((int(n) for n in numbers if n.isdigit()), default=0) + 1)


def approval_warnings(plan: Plan) -> list[str]:
    """What is still unfinished in a draft: approval is allowed, but the administrator should know."""
    counts = plan.activities.aggregate(
        unsure=Count("pk", filter=Q(period_needs_review=True) | ~Q(needs_review=[])),
        blanks=Count("pk", filter=Q(funding_text__contains="__")),
    )
    warnings = []
    if counts["unsure"]:
        warnings.append(f"Мероприятий, прочтение которых требует проверки: {counts['unsure']}.")
    if counts["blanks"]:
        warnings.append(
            f"Мероприятий с незаполненным пунктом сметы («п.п. ___»): {counts['blanks']}."
        )
    return warnings


def activity_subtree(activity: Activity) -> list[Activity]:
    """The activity and every activity under it, parents before children, with their units at hand."""
    found, level = [activity], [activity.pk]
    while level:
        below = list(
            Activity.objects.filter(parent__in=level)
            .select_related("section")
            .prefetch_related("responsible_units")
        )
        found += below
        level = [a.pk for a in below]
    return found

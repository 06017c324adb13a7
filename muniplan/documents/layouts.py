"""The three official layouts of a plan table, as columns and rows of cell texts.

One producer serves every output: the plan page, Word, PDF and Excel write the cells it gives.
Cells follow the conventions the readers expect (`muniplan.readers.table`), so a document made
here reads back as the plan it came from: lines of a cell are joined with "\\n", a band row is
one text across the table, a whole year in a month grid is one mark in its own column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from muniplan.accounts.models import PlanLayout
from muniplan.periods.lexicon import MONTH_NAMES
from muniplan.plans.models import MONTH_SHORT, Activity, Plan
from muniplan.plans.selectors import plan_rows

WHOLE_YEAR = (1 << 12) - 1
_ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # number, title, description, period, responsible, participants, month:N, month:all
    width: float  # share of the table width, in percent


@dataclass(frozen=True)
class Layout:
    key: str
    name: str
    columns: tuple[Column, ...]
    group: str = ""  # a heading over the month columns (second header row), when there are any

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    @property
    def template(self) -> str:
        """The plan page's table in this layout."""
        return f"documents/layouts/_{self.key}.html"

    @property
    def is_grid(self) -> bool:
        return any(f.startswith("month:") for f in self.fields)


_MONTH_COLUMNS = tuple(
    Column(name.capitalize(), f"month:{n}", 4.2) for n, name in enumerate(MONTH_SHORT, 1)
)

LAYOUTS: dict[str, Layout] = {
    "tyumen": Layout(
        "tyumen",
        "Тюменский (характеристика и ответственные)",
        (
            Column("№\nп/п", "number", 5),
            Column("Наименование мероприятия", "title", 27),
            Column("Характеристика мероприятия", "description", 37),
            Column("Период", "period", 13),
            Column("Ответственный исполнитель/\nфинансовое обеспечение", "responsible", 18),
        ),
    ),
    "tula": Layout(
        "tula",
        "Тульский (сетка по месяцам)",
        (
            Column("№ п/п", "number", 5),
            Column("Наименование мероприятия", "title", 34.6),
            *_MONTH_COLUMNS,
            # wide enough for a frequency word whole: «ежеквартально», «еженедельно», «в течение года»
            Column("В течение года", "month:all", 10),
        ),
        group="Срок исполнения",
    ),
    "smolensk": Layout(
        "smolensk",
        "Смоленский (дата, участники, программа)",
        (
            Column("№ п/п", "number", 5),
            Column("Ориентировочная дата проведения мероприятия", "period", 13),
            Column(
                "Название мероприятия, место проведения мероприятия (регион, город)", "title", 24
            ),
            Column("Планируемое количество участников, категория участников", "participants", 18),
            Column("Предварительная программа мероприятия, краткое описание", "description", 40),
        ),
    ),
}
DEFAULT_LAYOUT = "tyumen"
LAYOUT_CHOICES = PlanLayout.choices


def get_layout(key: str | None, organization=None) -> Layout:
    """The layout asked for, else the organization's default, else the Tyumen one."""
    key = key or getattr(organization, "plan_layout", "") or DEFAULT_LAYOUT
    return LAYOUTS.get(key, LAYOUTS[DEFAULT_LAYOUT])


@dataclass
class Row:
    kind: str  # "band" or "activity"
    cells: list[str]
    activity: Activity | None = None
    section_id: int | None = None


@dataclass
class PlanDocument:
    """What every renderer writes: the heading, the table and the notes under it."""

    plan: Plan
    layout: Layout
    title: str
    approval: list[str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plan_document(plan: Plan, layout: Layout, *, section_id: int | None = None) -> PlanDocument:
    rows: list[Row] = []
    for index, group in enumerate(plan_rows(plan), 1):
        if section_id and group.section.pk != section_id:
            continue
        if group.section.title:
            rows.append(
                Row(
                    "band",
                    [section_title(layout, group.section.title, index)],
                    section_id=group.section.pk,
                )
            )
        rows.extend(
            Row("activity", activity_cells(layout, a), a, group.section.pk)
            for a in group.activities
        )
    notes = [line for line in plan.notes.splitlines() if line.strip()]
    return PlanDocument(plan, layout, plan.heading, approval_lines(plan), rows, notes)


def approval_lines(plan: Plan) -> list[str]:
    """«УТВЕРЖДЁН» / «решением Президиума от 15.12.2025 № 12» above the title of an approved plan."""
    return ["УТВЕРЖДЁН", plan.approval_phrase] if plan.approval_phrase else []


def section_title(layout: Layout, title: str, index: int) -> str:
    """The Tula plan numbers its sections in Roman numerals; a title that has one keeps it."""
    if layout.key != "tula" or title.split(" ", 1)[0].rstrip(".").strip("IVXLC") == "":
        return title
    return f"{roman(index)} {title}"


def roman(number: int) -> str:
    out = ""
    for letter, value in _ROMAN:
        while number >= value:
            out, number = out + letter, number - value
    return out


def activity_cells(layout: Layout, activity: Activity) -> list[str]:
    return [cell_text(activity, name) for name in layout.fields]


def cell_text(activity: Activity, name: str) -> str:
    if name.startswith("month:"):
        return grid_mark(activity, name[6:])
    return _CELLS[name](activity)


def grid_mark(activity: Activity, column: str) -> str:
    """A whole year is one mark in its own column, not twelve; the words of a period
    («1 раз в год») go there too, as the Tula plan writes them, beside the marks of its months."""
    whole_year = activity.months_mask == WHOLE_YEAR
    if column == "all":
        return activity.period_text or ("+" if whole_year else "")
    return "+" if activity.has_month(int(column)) and not whole_year else ""


def responsible_names(activity: Activity) -> list[str]:
    names = [unit.name for unit in activity.responsible_units.all()]
    return names + [n.strip() for n in activity.responsible_text.split(";") if n.strip()]


def _responsible(activity: Activity) -> str:
    return "\n".join([*responsible_names(activity), *filter(None, [activity.funding_text])])


def participant_lines(activity: Activity) -> list[str]:
    return [
        f"{p.category} {p.count} человек" if p.count is not None else p.category
        for p in activity.participations.all()
    ]


def _participants(activity: Activity) -> str:
    lines = participant_lines(activity)
    if activity.partners:
        lines.append("совместно с " + "; ".join(activity.partners))
    return "\n".join(lines)


def _title(activity: Activity) -> str:
    return "\n".join(filter(None, [activity.title, activity.location]))


_CELLS = {
    "number": lambda a: a.number,
    "title": _title,
    "description": lambda a: a.description,
    "period": lambda a: a.period_text or _months_text(a),
    "responsible": _responsible,
    "participants": _participants,
}


def _months_text(activity: Activity) -> str:
    """A period set only as months (a person ticked them) is written as their names."""
    if activity.months_mask == WHOLE_YEAR:
        return "январь-декабрь"
    return ", ".join(MONTH_NAMES[m - 1] for m in activity.months)

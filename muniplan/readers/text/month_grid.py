"""Reader of a month-grid plan whose table was flattened to text (the Tula 2024 plan).

The source table had a title column and 13 mark columns — January to December and a
whole-year column. Flattening wrote each row as its cells joined by single spaces, so an empty
cell leaves one space and a mark «+» stands where its column was:

    7.2 региональный этап ...                      <- the title, wrapped over several lines
     + +                                           <- marks in February and March
    6.1 «Лето во дворах» (Праздники во дворах)      + + + +     <- title, 6 spaces, June...
    15.1 палата муниципальных районов             1 раз в      <- text in the 13th column
    год

Column k of the grid therefore starts k-1 spaces (plus one per mark before it) after the line
start, or k spaces after the title. A title with a trailing space shifts that count by one, so
the trailing spaces are a second anchor: every line ends with one space, after the last column.

Period text decision: a grid mark is not text, so an activity marked in the grid gets an empty
`period.text` and its months from the grid — a generated «июнь–сентябрь» would pretend the plan
says so. A cell holding words («1 раз в год») keeps them as `period.text`, read by the period
parser, with the months of its column when the words name none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from muniplan.periods.schedule import Schedule
from muniplan.readers.draft import ActivityDraft, PlanDraft, ReadError, SectionDraft
from muniplan.readers.plan.cells import is_item_number
from muniplan.readers.plan.mapper import read_period
from muniplan.readers.plan.preamble import read_preamble

MONTH_COLUMNS = 12
WHOLE_YEAR_COLUMN = 13
SECTION = re.compile(r"^(?P<roman>[IVXL]+)\.?\s+(?P<title>[А-ЯЁA-Z«\"].*)$")
ITEM = re.compile(r"^(?P<number>\d+(?:\.\d{1,3})?)\.?(?:\s+(?P<rest>.*))?$")
MARKS_TAIL = re.compile(r"^(?P<head>.*?)(?P<gap> *)(?P<marks>\+(?: +\+)*)(?P<tail> *)$")
# A long run of spaces then words: text written into a grid cell instead of a mark.
TEXT_TAIL = re.compile(r"^(?P<head>.*?\S)(?P<gap> {4,})(?P<text>[^\s+].*?)\s*$")


@dataclass
class _Row:
    number: str
    title_lines: list[str] = field(default_factory=list)
    columns: set[int] = field(default_factory=set)
    cell_text: list[str] = field(default_factory=list)
    unsure: bool = False

    @property
    def grid_started(self) -> bool:
        return bool(self.columns or self.cell_text)


@dataclass
class _Reading:
    sections: list[tuple[str, list[_Row]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_grid_text(filename: str, text: str) -> PlanDraft:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if SECTION.match(line.strip())), None)
    if start is None:
        raise ReadError(
            f"Файл {filename}: не найдено ни одного раздела плана (строки с римским "
            "номером, например «I Аналитическая деятельность»)."
        )
    title, organization, year = read_preamble(lines[:start])
    reading = _read_rows(lines[start:])
    plan = PlanDraft(title=title, organization=organization, year=year, warnings=reading.warnings)
    for section_title, rows in reading.sections:
        plan.sections.append(SectionDraft(section_title, _activities(rows, year)))
    if not any(s.activities for s in plan.sections):
        raise ReadError(f"Файл {filename}: в разделах не найдено ни одного мероприятия.")
    return plan


def _read_rows(lines: list[str]) -> _Reading:
    reading = _Reading()
    rows: list[_Row] = []
    previous: _Row | None = None  # numbering runs on across sections
    for raw in lines:
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            continue
        section = SECTION.match(stripped)
        if section:
            rows = []
            # The section title as written, its numeral included («I Аналитическая деятельность»).
            reading.sections.append((" ".join(stripped.split()), rows))
            continue
        # Trailing spaces are kept: they anchor the grid columns from the right.
        item = ITEM.match(line.lstrip())
        if item and _follows(item.group("number"), previous):
            previous = _Row(item.group("number"))
            rows.append(previous)
            _read_line(previous, item.group("rest") or "")
        elif previous:
            _read_line(previous, line)
        else:
            reading.warnings.append(f"Строка вне мероприятия пропущена: «{stripped}»")
    return reading


def _follows(number: str, previous: _Row | None) -> bool:
    """A number starts a row only where the plan's order expects one (not «1 раз в год»)."""
    if not is_item_number(number, previous.number if previous else None):
        return False  # «2026 год» wrapped to a line start: no skip over to a year
    top, _, sub = number.partition(".")
    if previous is None:
        return not sub
    prev_top, _, prev_sub = previous.number.partition(".")
    if sub:
        return top == prev_top and int(sub) == int(prev_sub or 0) + 1
    # A skipped number is accepted once the previous row is complete (its grid read).
    return int(top) == int(prev_top) + 1 or (int(top) > int(prev_top) and previous.grid_started)


def _read_line(row: _Row, line: str) -> None:
    if row.grid_started and row.cell_text:
        row.cell_text.append(line.strip())
        return
    marks = MARKS_TAIL.match(line)
    if marks and "+" not in marks.group("head"):
        head = marks.group("head").strip()
        if head:
            row.title_lines.append(head)
        _place_marks(row, marks, has_title=bool(head))
        return
    cell = TEXT_TAIL.match(line)
    if cell and not row.grid_started:
        row.title_lines.append(cell.group("head").strip())
        row.cell_text.append(cell.group("text"))
        row.columns.add(_column_of_gap(len(cell.group("gap")), has_title=True))
        return
    if line.strip():
        row.title_lines.append(line.strip())


def _place_marks(row: _Row, marks: re.Match, *, has_title: bool) -> None:
    positions = [m.start() for m in re.finditer(r"\+", marks.group("marks"))]
    # Each mark is one character wide: the columns between two marks are the spaces minus it.
    offsets = [pos - positions[0] - i for i, pos in enumerate(positions)]
    from_left = _column_of_gap(len(marks.group("gap")), has_title=has_title)
    tail = len(marks.group("tail"))
    from_right = WHOLE_YEAR_COLUMN - (tail - 1) - offsets[-1] if tail else None
    first, unsure = _choose_anchor(from_left, from_right, offsets[-1])
    row.unsure = row.unsure or unsure
    row.columns.update(first + offset for offset in offsets)


def _column_of_gap(gap: int, *, has_title: bool) -> int:
    """Column of the first mark after `gap` spaces: after a title one space is the separator."""
    return gap if has_title else gap + 1


def _choose_anchor(from_left: int, from_right: int | None, span: int) -> tuple[int, bool]:
    """The first column from both anchors; unsure when they disagree and both fit the grid."""

    def fits(first: int | None) -> bool:
        return first is not None and 1 <= first and first + span <= WHOLE_YEAR_COLUMN

    if from_left == from_right or not fits(from_right):
        return max(1, min(from_left, WHOLE_YEAR_COLUMN - span)), not fits(from_left)
    if not fits(from_left):
        return from_right, False
    return from_left, True


def _activities(rows: list[_Row], year: int | None) -> list[ActivityDraft]:
    activities: list[ActivityDraft] = []
    for row in rows:
        activity = _activity(row, year)
        parent = activities[-1] if activities and "." in row.number else None
        if parent and row.number.startswith(parent.number + "."):
            parent.children.append(activity)
        else:
            activities.append(activity)
    for activity in activities:
        if not activity.children and not activity.period.months and not activity.period.text:
            activity.needs_review.append("period")
    return activities


def _activity(row: _Row, year: int | None) -> ActivityDraft:
    # A heading of subitems keeps its colon («Проект «Культура и власть»:»): that is how the
    # plan wrote it, and an export read back must give the same title.
    title = " ".join(" ".join(row.title_lines).split())
    activity = ActivityDraft(number=row.number, title=title, period=_period(row, year))
    if row.unsure or activity.period.needs_review:
        activity.needs_review.append("period")
    if not title:
        activity.needs_review.append("title")
    return activity


def _period(row: _Row, year: int | None) -> Schedule:
    months = _months(row.columns)
    if not row.cell_text:
        return Schedule(text="", months=months)
    text = " ".join(" ".join(row.cell_text).split())
    parsed = read_period(text, year)
    return Schedule(
        text=text,
        months=parsed.months or months,
        frequency=parsed.frequency,
        condition=parsed.condition,
        dates=parsed.dates,
        needs_review=parsed.needs_review,
    )


def _months(columns: set[int]) -> tuple[int, ...]:
    if WHOLE_YEAR_COLUMN in columns:
        return tuple(range(1, MONTH_COLUMNS + 1))
    return tuple(sorted(c for c in columns if 1 <= c <= MONTH_COLUMNS))

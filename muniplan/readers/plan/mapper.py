"""A plan table (rows of cell texts) understood as plan → sections → activities."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from muniplan.periods.schedule import Schedule
from muniplan.readers.draft import (
    UNSECTIONED,
    ActivityDraft,
    HeaderError,
    PlanDraft,
    ReadError,
    SectionDraft,
)
from muniplan.readers.plan.cells import (
    is_funding,
    is_roman,
    parse_number,
    parse_participants,
    parse_responsible,
    split_number,
)
from muniplan.readers.plan.headers import (
    FIELDS,
    IGNORED,
    MONTH_FIELDS,
    NOT_IMPORTED,
    REQUIRED,
    Header,
    find_header,
    offered_header_row,
    squash,
)
from muniplan.readers.plan.preamble import read_preamble
from muniplan.readers.table import Table
from muniplan.readers.text.clean import clean, clean_lines, one_line

# Marks that tick a month in a grid column; any other text there is kept as the period text.
_TICKS = {"+", "\u0445", "x", "v", "\u2713", "\u2714", "*", "\u2022", "да", "1"}


def plan_from_table(table: Table, columns: dict[int, str] | None = None) -> PlanDraft:
    """Read a plan table; `columns` (column index → field name) overrides header recognition,
    for the manual column mapping the product offers when the headers are not recognized."""
    header = _header(table, columns)
    preamble = [
        *table.preamble,
        *_rows_as_text(table.rows[: header.row + (1 if columns is None else 0)]),
    ]
    title, organization, year = read_preamble(preamble)
    builder = _Builder(table, header, year, by_hand=columns is not None)
    builder.warnings.extend(_unread_columns(table, header))
    for index in range(header.row + 1, len(table.rows)):
        builder.add_row(index)
    builder.check_not_glued()
    notes = builder.attach_trailer()
    plan = PlanDraft(title=title, organization=organization, year=year, notes="\n".join(notes))
    plan.sections = [s for s in builder.sections if s.activities or s.title]
    plan.warnings = [*table.warnings, *builder.warnings]
    if not any(s.activities for s in plan.sections):
        raise ReadError(f"Файл {table.source}: в таблице не найдено ни одного мероприятия.")
    if table.review:
        _review_everything(plan.sections)
    return plan


# The fields of an activity a reader fills from its cells, all checked after OCR.
_CELL_FIELDS = (
    "number",
    "title",
    "description",
    "period",
    "responsible",
    "funding",
    "participants",
    "partners",
    "location",
)


def _review_everything(sections: list[SectionDraft]) -> None:
    """Recognized text is a guess letter by letter: every cell needs a person's look."""
    stack = [a for s in sections for a in s.activities]
    while stack:
        activity = stack.pop()
        activity.needs_review = list(_CELL_FIELDS)
        stack.extend(activity.children)


def _header(table: Table, columns: dict[int, str] | None) -> Header:
    if columns is not None:
        unknown = [n for n in columns.values() if n not in FIELDS and n not in MONTH_FIELDS]
        if unknown:
            raise ReadError(
                f"Файл {table.source}: неизвестные поля в сопоставлении: {', '.join(unknown)}."
            )
        row = offered_header_row(table)
        texts = list(table.rows[row]) if row >= 0 else []
        return Header(row, dict(columns), texts)
    header = find_header(table)
    if header is None or not all(n in header.columns.values() for n in REQUIRED):
        missing = header.missing() if header else [FIELDS[n] for n in ("number", "title", "period")]
        raise HeaderError(
            f"Файл {table.source}: не удалось распознать заголовки таблицы плана — "
            f"не найдены столбцы: {', '.join(missing)}. Укажите столбцы вручную."
        )
    return header


def _unread_columns(table: Table, header: Header) -> list[str]:
    """Columns with a heading that no field takes: say so, rather than drop them silently."""
    texts = header.texts
    warnings = []
    for index, text in enumerate(texts):
        label = header.labels.get(index) or one_line(text)
        if (
            not clean(text)
            or squash(text) in _IGNORED
            or (index not in header.labels and index and squash(text) == squash(texts[index - 1]))
        ):
            continue
        if header.columns.get(index) == NOT_IMPORTED:
            warnings.append(
                f"Файл {table.source}: столбец «{label}» — отметки об исполнении, "
                f"а не часть плана; он не загружается."
            )
        elif index not in header.columns:
            warnings.append(
                f"Файл {table.source}: столбец «{label}» не распознан и не загружен; "
                f"его можно сопоставить вручную."
            )
    return warnings + _unnamed_columns(table, header)


_IGNORED = {squash(text) for text in IGNORED}


def _unnamed_columns(table: Table, header: Header) -> list[str]:
    """Columns without a heading of their own (under a heading merged across, say «Сроки» over
    two columns with no second header row) that hold text in the plan's rows."""
    top = header.above or header.texts
    warnings = []
    for index in range(table.width):
        if (
            index in header.columns
            or clean(_at(header.texts, index))
            or not _has_text(table, header, index)
        ):
            continue
        owner = next((t for t in reversed(top[:index]) if clean(t)), "")
        where = f" (под заголовком «{one_line(owner)}»)" if owner else ""
        warnings.append(
            f"Файл {table.source}: столбец {index + 1}{where} без своего заголовка не распознан "
            f"и не загружен; его можно сопоставить вручную."
        )
    return warnings


def _at(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _has_text(table: Table, header: Header, index: int) -> bool:
    """Text in this column of a row that is not a band (one text across the row)."""
    return any(
        clean(_at(row, index)) and len(_distinct(row)) > 1 for row in table.rows[header.row + 1 :]
    )


def _rows_as_text(rows: list[list[str]]) -> list[str]:
    """Rows above the header of a spreadsheet hold the title, one merged cell per row."""
    lines = []
    for row in rows:
        texts = _distinct(row)
        if len(texts) == 1:
            lines.extend(clean_lines(texts[0]))
    return lines


def _distinct(row: list[str]) -> list[str]:
    seen: list[str] = []
    for cell in row:
        text = clean(cell)
        if text and text not in seen:
            seen.append(text)
    return seen


@dataclass
class _Row:
    index: int
    cells: dict[str, str] = field(default_factory=dict)  # field → joined cell text
    months: list[int] = field(default_factory=list)
    month_notes: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, table: Table, header: Header, year: int | None, by_hand: bool = False):
        self.table, self.header, self.year = table, header, year
        # With a person's column mapping, every row with a title is an activity: their numbers
        # («A1», none at all) need not look like item numbers.
        self.by_hand = by_hand
        self.sections: list[SectionDraft] = [SectionDraft(title=UNSECTIONED)]
        self.by_number: dict[str, ActivityDraft] = {}
        self.last: ActivityDraft | None = None
        self.last_row: _Row | None = None
        self.previous_number: str | None = None  # runs on across sections, unlike `last`
        self.warnings: list[str] = []
        self.header_keys = [squash(t) for t in header.texts]
        self.above_keys = [squash(t) for t in header.above]
        self.glued = 0  # rows with a title of their own read as continuations of the row above
        self.activities = 0
        # «#» heads a tracker's issue ids (Redmine): any whole number there is the item's own,
        # not a year that wrapped into the number column.
        self.ids = any(
            name == "number" and squash(header.texts[i]) == "#"
            for i, name in header.columns.items()
            if i < len(header.texts)
        )

    def add_row(self, index: int) -> None:
        raw = self.table.rows[index]
        texts = _distinct(raw)
        if not texts or self._is_header_repeat(raw) or _is_column_numbers(raw):
            return
        row = self._fields(index, raw)
        number_text = row.cells.get("number", "")
        number = parse_number(number_text, self.previous_number) if number_text else None
        if number is None and self.ids and number_text.strip().isdigit():
            number = number_text.strip()
        if number is None and number_text and not row.cells.get("title"):
            split = split_number(number_text, self.previous_number)
            if split:
                number, row.cells["title"] = split
        if number is None and len(texts) == 1 and self._spans_row(raw):
            self._single_text_row(texts[0])
        elif number is None and number_text and is_roman(number_text):
            self._section(_numbered_title(number_text, row.cells.get("title", "")))
        elif (
            number is None
            and self.by_hand
            and row.cells.get("title")
            and (number_text or "number" not in self.header.columns.values())
        ):
            self._activity(one_line(number_text), row)
        elif number is None or (self.last is not None and number == self.last.number):
            self._continuation(row)
        else:
            self._activity(number, row)

    def _fields(self, index: int, raw: list[str]) -> _Row:
        row = _Row(index)
        for column, name in self.header.columns.items():
            text = clean(raw[column]) if column < len(raw) else ""
            if not text or name == NOT_IMPORTED:
                continue
            if name == "period" and row.cells.get("period"):
                # start and end in two columns («Дата начала», «Срок завершения»): one range
                if text != row.cells["period"]:
                    row.cells["period"] = f"{row.cells['period']} – {text}"
            elif name == "month:all":
                row.months.extend(
                    range(1, 13)
                ) if text.lower() in _TICKS else row.month_notes.append(text)
            elif name.startswith("month:"):
                row.months.append(int(name[6:]))
                if text.lower() not in _TICKS:
                    row.month_notes.append(text)
            elif text not in row.cells.get(name, "").split("\n"):
                row.cells[name] = "\n".join(filter(None, [row.cells.get(name, ""), text]))
        return row

    def _is_header_repeat(self, raw: list[str]) -> bool:
        """Headers repeated at the top of every page of a long table (either row of a two-row
        header)."""
        return _repeats(raw, self.header_keys) or _repeats(raw, self.above_keys)

    def _spans_row(self, raw: list[str]) -> bool:
        """A band's one text is merged across (repeated) or stands at or before the title
        column; one text further right (say, in the description) continues the row above."""
        filled = [i for i, cell in enumerate(raw) if clean(cell)]
        titles = [i for i, name in self.header.columns.items() if name == "title"]
        return len(filled) > 1 or filled[0] <= max(titles, default=0)

    def _single_text_row(self, text: str) -> None:
        """One text across the row: a section band, or a funding line of the activity above."""
        # Section titles are typed in capitals; a budget line never is.
        if is_funding(text) and not text.isupper() and self.last is not None:
            funding = "\n".join(filter(None, [self.last.funding, clean(text)]))
            self.last.funding = funding
        else:
            self._section(one_line(text))

    def _section(self, title: str) -> None:
        # The title is kept as written, a leading numeral included: «I Аналитическая
        # деятельность» is how the plan names the section and how its users find it.
        self.sections.append(SectionDraft(title=title))
        self.last = None

    def _continuation(self, row: _Row) -> None:
        """A row without a number of its own continues the activity above (a row split by a
        page break, or cells merged down); with nothing above it, it is an activity to check."""
        if self.last is None or self.last_row is None:
            self._activity("", row)
            self.last.needs_review.append("number")
            return
        if row.cells.get("title"):
            self.glued += 1
        for name, text in row.cells.items():
            if name == "number":
                continue
            old = self.last_row.cells.get(name, "")
            if text not in old.split("\n"):
                self.last_row.cells[name] = "\n".join(filter(None, [old, text]))
        self.last_row.months.extend(m for m in row.months if m not in self.last_row.months)
        self.last_row.month_notes.extend(row.month_notes)
        self._fill(self.last, self.last_row)

    def _activity(self, number: str, row: _Row) -> None:
        activity = ActivityDraft(number=number, title="", source_row=row.index)
        self._fill(activity, row)
        parent = self.by_number.get(number.rsplit(".", 1)[0]) if "." in number else None
        if "." in number and parent is None:
            self.warnings.append(
                f"Строка {row.index + 1}: у подпункта {number} нет пункта "
                f"{number.rsplit('.', 1)[0]}; подпункт прочитан как отдельное мероприятие."
            )
        (parent.children if parent else self._section_of(row).activities).append(activity)
        self.activities += 1
        if number:
            self.by_number[number] = activity
            self.previous_number = number
        self.last, self.last_row = activity, row

    def _section_of(self, row: _Row) -> SectionDraft:
        """The current section, or the one a section column («Категория») names."""
        title = one_line(row.cells.get("section", ""))
        if not title or title == self.sections[-1].title:
            return self.sections[-1]
        found = next((s for s in self.sections if s.title == title), None)
        if found is None:
            found = SectionDraft(title=title)
            self.sections.append(found)
        return found

    def check_not_glued(self) -> None:
        """Rows with titles of their own but no number to tell them apart would be glued into
        a few activities: that is a table not understood, for a person to map."""
        if self.by_hand or self.glued < 3 or self.glued < self.activities:
            return
        raise HeaderError(
            f"Файл {self.table.source}: строки таблицы не удалось разделить на мероприятия — "
            f"{self.glued + self.activities} строк с наименованиями дали бы {self.activities} "
            f"мероприятий. Укажите столбцы вручную."
        )

    def _fill(self, activity: ActivityDraft, row: _Row) -> None:
        cells = row.cells
        review = [n for n in activity.needs_review if n == "number"]
        activity.title = one_line(cells.get("title", ""))
        activity.description = cells.get("description", "")
        activity.location = one_line(cells["location"]) if cells.get("location") else None
        activity.period, period_review = self._period(row)
        responsible, funding = parse_responsible(cells.get("responsible", ""))
        activity.responsible = responsible
        activity.funding = "\n".join(filter(None, [funding, cells.get("funding")])) or None
        party = parse_participants(cells.get("participants", ""))
        activity.participants = party.participants
        partners = [p for line in clean_lines(cells.get("partners", "")) for p in line.split(";")]
        activity.partners = [*party.partners, *(p.strip() for p in partners if p.strip())]
        review += party.uncertain + (["period"] if period_review else [])
        if not activity.title:
            review.append("title")
        activity.needs_review = list(dict.fromkeys(review))

    def _period(self, row: _Row) -> tuple[Schedule, bool]:
        text = row.cells.get("period", "")
        if row.month_notes and not text and not row.months:
            # «1 раз в год» in the whole-year column: its words, over the whole year.
            schedule = read_period("\n".join(row.month_notes), self.year)
            if not schedule.months:
                schedule = replace(schedule, months=tuple(range(1, 13)))
            return schedule, schedule.needs_review
        if row.months and not text:
            # A grid's ticks are its months; the period text holds only words written in the
            # month cells (as the Tula grid reader does), and words there need a human look.
            notes = row.month_notes
            months = tuple(sorted(set(row.months)))
            return Schedule(text="\n".join(notes), months=months), bool(notes)
        if not text:
            return Schedule(text=""), False
        schedule = read_period(text, self.year)
        return schedule, schedule.needs_review

    def attach_trailer(self) -> list[str]:
        """A funding line just below the table belongs to the last activity; the other lines
        (who prepared the plan, signatures) are the plan's notes."""
        notes = []
        for line in self.table.trailer:
            if self.last is not None and is_funding(line) and not self.last.funding:
                self.last.funding = clean(line)
            elif clean(line):
                notes.append(clean(line))
        return notes


def _repeats(raw: list[str], keys: list[str]) -> bool:
    pairs = [(squash(c), k) for c, k in zip(raw, keys, strict=False) if squash(c)]
    return bool(pairs) and sum(c == k for c, k in pairs) * 2 > len(pairs)


def _numbered_title(numeral: str, title: str) -> str:
    """A band whose numeral stands in the number column («I» | «Аналитическая деятельность»)
    is read as the one line the author wrote across the row: «I Аналитическая деятельность»."""
    return " ".join([*clean_lines(numeral), *clean_lines(title)])


def _is_column_numbers(raw: list[str]) -> bool:
    """The «1 2 3 4 5» row under a header that numbers the columns."""
    cells = [clean(c) for c in raw]
    filled = [(i, c) for i, c in enumerate(cells) if c]
    return len(filled) >= 3 and all(c == str(i + 1) for i, c in filled)


def read_period(text: str, year: int | None) -> Schedule:
    """The period parser's reading; a failure there must not lose the activity, so it is kept
    as text and flagged for review."""
    from muniplan.periods.parser import parse_period

    try:
        return parse_period(text, year=year)
    except Exception:  # noqa: BLE001 — any parser failure degrades to "review this period"
        return Schedule(text=text, needs_review=True)

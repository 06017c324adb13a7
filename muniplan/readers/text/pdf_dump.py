"""Reader of the text layer of a PDF plan table copied out as plain text («column soup»).

Copying text out of a PDF table loses the columns: each cell comes out as its wrapped lines,
one cell after another, a row at a time (№ | date | name/place | participants | description),
with the page number and the addresses of link annotations dropped in between. What is left
to tell the cells apart, and what this reader relies on:

* a row starts with the next number of the plan's order, alone or followed by its date;
  any other lone number is a page number;
* the date column holds period words (months, «весь период», «II полугодие»);
* the participants column starts with a member category («члены …», «Президиум …»,
  «РО ВСМС») and is narrow, like the name column;
* the description column is wide: its lines are long, or end a sentence;
* a line holding only spaces is an empty cell; text after the description and such a line is a
  band row — the title of the next section.

Where the reader decides by line length alone it says so in the activity's `needs_review`.
Wrapped lines are joined with spaces. A title is one line, as the table mapper makes it; in a
description a new paragraph (indented, or after a short line) is kept as "\\n", as in the cells
of the other readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from muniplan.readers.draft import ActivityDraft, PlanDraft, ReadError, SectionDraft
from muniplan.readers.plan.cells import parse_participants
from muniplan.readers.plan.mapper import read_period
from muniplan.readers.plan.preamble import read_preamble

URL = re.compile(r"https?://\S+")
MONTH = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
PERIOD_WORD = rf"(?:{MONTH}|весь|период|[IV]+|полугоди\w*|квартал\w*|года?|течение|ежемесячно)"
PERIOD_LINE = re.compile(rf"^(?:{PERIOD_WORD}|[–—,\-.]|\d{{1,2}}|\s)+$", re.IGNORECASE)
ROW_START = re.compile(r"^\s*(\d{1,3})\.?(?:\s+(.*?))?\s*$")
PARTICIPANT_START = re.compile(r"^(?:члены|Президиум|(?:РО|РС)\s+[А-ЯЁ]{2,})", re.IGNORECASE)
HEADER_FIELDS = (
    ("period", re.compile(r"ДАТА|СРОК|ПЕРИОД")),
    ("title", re.compile(r"НАЗВАНИЕ|НАИМЕНОВАНИЕ")),
    ("participants", re.compile(r"УЧАСТНИК")),
    ("description", re.compile(r"ПРОГРАММА|ОПИСАНИЕ|ХАРАКТЕРИСТИКА")),
)
LONG_SHARE = 0.5  # of the description width: shorter lines may belong to a narrow column
SHORT_SHARE = 0.8  # a description line shorter than this ends its paragraph


@dataclass
class _Line:
    text: str  # stripped
    indented: bool
    cell_break: bool = False  # a whitespace-only line (an empty cell) came before it


@dataclass
class _Row:
    number: str
    source_row: int
    period: list[str] = field(default_factory=list)
    title: list[_Line] = field(default_factory=list)
    participants: list[list[str]] = field(default_factory=list)
    description: list[_Line] = field(default_factory=list)
    band: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)


def read_pdf_dump(filename: str, text: str) -> PlanDraft:
    lines = [
        URL.sub("", line).rstrip() if URL.search(line) else line.rstrip("\r\n")
        for line in text.splitlines()
    ]
    header = next((i for i, line in enumerate(lines) if line.strip() in ("№", "№ п/п")), None)
    if header is None:
        raise ReadError(f"Файл {filename}: не найдена шапка таблицы плана (столбец «№»).")
    body_start = _header_end(filename, lines, header)
    width = _description_width(lines[body_start:])
    first_band, rows = _split_rows(lines[body_start:], width)
    if not rows:
        raise ReadError(
            f"Файл {filename}: в таблице не найдено ни одного пронумерованного мероприятия."
        )
    title, organization, year = read_preamble(lines[:header])
    plan = PlanDraft(title=title, organization=organization, year=year)
    _fill_sections(plan, first_band, rows, width)
    return plan


def _header_end(filename: str, lines: list[str], header: int) -> int:
    """Index of the first line after the header row, whose words may be hyphen-broken."""
    end = header
    words = ""
    for i in range(header, len(lines)):
        stripped = lines[i].strip()
        if stripped and not _is_header_text(stripped):
            break
        words += stripped[:-1] if stripped.endswith("-") else stripped + " "
        end = i + 1
    found = [(m.start(), name) for name, rx in HEADER_FIELDS if (m := rx.search(words.upper()))]
    if [name for _, name in sorted(found)] != [name for name, _ in HEADER_FIELDS]:
        raise ReadError(
            f"Файл {filename}: шапка таблицы не похожа на план (ожидались столбцы "
            "даты, названия, участников и описания мероприятия)."
        )
    return end


def _is_header_text(line: str) -> bool:
    """Header cells are in capitals; only a parenthesised note («(регион, город)») is not."""
    letters = re.sub(r"\(.*?\)|\(.*|.*\)|п/п", "", line)
    return letters.upper() == letters


def _description_width(lines: list[str]) -> int:
    """The usual length of a full description line: the widest lines, ignoring the longest."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.95)] if lengths else 0


def _split_rows(lines: list[str], width: int) -> tuple[list[str], list[_Row]]:
    first_band: list[str] = []
    rows: list[_Row] = []
    cell_break = False
    for index, raw in enumerate(lines):
        start = ROW_START.match(raw)
        expected = str(len(rows) + 1)
        if start and start.group(1) == expected and _is_period(start.group(2) or ""):
            rows.append(_Row(expected, source_row=index))
            if start.group(2):
                rows[-1].period.append(start.group(2))
            cell_break = False
        elif start and not start.group(2):
            continue  # a lone number out of the plan's order: a page number
        elif not raw.strip():
            cell_break = cell_break or raw != ""
        elif rows:
            _place(rows[-1], _Line(raw.strip(), raw[:1].isspace(), cell_break), width)
            cell_break = False
        else:
            first_band.append(raw.strip())
    return first_band, rows


def _is_period(text: str) -> bool:
    return not text or bool(PERIOD_LINE.match(text))


def _place(row: _Row, line: _Line, width: int) -> None:
    """Put one line into the first column it can still belong to, in the columns' order."""
    text = line.text
    sentence = len(text) >= width * LONG_SHARE or text.endswith((".", ".»"))
    if row.band or (row.description and line.cell_break):
        row.band.append(text)
    elif row.description:
        row.description.append(line)
    elif not row.title and not row.participants and _is_period(text):
        row.period.append(text)
    elif sentence:
        if not row.participants and "title" not in row.unsure:
            row.unsure.append("title")  # the name ended only because a long line came
        row.description.append(line)
    elif row.participants or PARTICIPANT_START.match(text):
        _add_participant_line(row, text)
    else:
        row.title.append(line)


def _add_participant_line(row: _Row, text: str) -> None:
    """Each member category starts a group; counts and organizations continue it."""
    if PARTICIPANT_START.match(text) or not row.participants:
        row.participants.append([text])
    else:
        row.participants[-1].append(text)


def _fill_sections(plan: PlanDraft, first_band: list[str], rows: list[_Row], width: int) -> None:
    section = SectionDraft(_join(first_band))
    plan.sections.append(section)
    for row in rows:
        section.activities.append(_activity(row, plan.year, width))
        if row.band:
            section = SectionDraft(_join(row.band))
            plan.sections.append(section)
    if not plan.sections[-1].activities:
        plan.sections.pop()
        plan.warnings.append(f"Текст после последнего мероприятия не прочитан: «{section.title}»")
    if not plan.sections[0].title:
        plan.sections[0].title = "Мероприятия"


def _activity(row: _Row, year: int | None, width: int) -> ActivityDraft:
    period = read_period(_join(row.period), year)
    activity = ActivityDraft(
        number=row.number,
        title=_join([line.text for line in row.title]),
        description=_paragraphs(row.description, width=width),
        period=period,
        source_row=row.source_row,
        needs_review=list(row.unsure),
    )
    for group in row.participants:
        cell = parse_participants(_join(group))
        activity.participants += cell.participants
        activity.partners += cell.partners
        activity.needs_review += [f for f in cell.uncertain if f not in activity.needs_review]
    if row.band:
        activity.needs_review.append("description")  # where it ends and the band begins
    if period.needs_review or not (period.months or period.condition or period.frequency):
        activity.needs_review.append("period")
    return activity


def _join(lines: list[str]) -> str:
    """Wrapped lines as one line; a hyphen at a wrap is a compound («семинара-совещания»)."""
    out = ""
    for line in lines:
        line = " ".join(line.split())
        out = out + line if out.endswith("-") or not out else f"{out} {line}"
    return out


def _paragraphs(lines: list[_Line], width: int) -> str:
    """Lines joined into paragraphs: a new one starts indented, or after a short line."""
    paragraphs: list[list[str]] = []
    previous = None
    for line in lines:
        short = previous is not None and len(previous) < width * SHORT_SHARE
        starts_sentence = line.text[:1].isupper()
        if not paragraphs or (line.indented or short and starts_sentence):
            paragraphs.append([])
        paragraphs[-1].append(line.text)
        previous = line.text
    return "\n".join(_join(p) for p in paragraphs)

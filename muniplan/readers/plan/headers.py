"""Recognizing a plan table's columns by what their header cells mean."""

from __future__ import annotations

import re
from dataclasses import dataclass

from muniplan.periods.lexicon import MONTH_NAMES as MONTHS
from muniplan.readers.table import Table
from muniplan.readers.text.clean import clean_lines

# The fields a column can be mapped to, with the Russian names shown in messages and in the
# manual column mapping form.
FIELDS = {
    "number": "№ п/п",
    "title": "наименование мероприятия",
    "description": "характеристика / описание",
    "period": "срок (период) проведения",
    "responsible": "ответственный исполнитель",
    "participants": "участники",
    "funding": "финансовое обеспечение",
    "partners": "соисполнители / партнёры",
    "location": "место проведения",
    "section": "раздел (категория)",
}
MONTH_FIELDS = {f"month:{n}": name for n, name in enumerate(MONTHS, 1)}
# The thirteenth column of a month grid: a tick there means every month, words there
# («1 раз в год») are the period text.
MONTH_FIELDS["month:all"] = "в течение года"
_WHOLE_YEAR = ("втечениегода", "весьгод", "весьпериод", "круглыйгод", "ежемесячно")
# A column must be found for a table to be read as a plan; the others are reported as missing
# in the error message because their absence usually means the header was not recognized.
REQUIRED = ("title",)
EXPECTED = ("number", "title", "period")

_MONTH_STEMS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")

# The column names of real plans, one table: a header cell equal to a phrase here (compared
# without case, spaces, hyphens and «ё») names that field. Collected from the seed plans, the
# council, duma and administration plans cited in readers/tests/fixtures/wild/SOURCES.md, and
# Redmine's CSV export; `NOT_IMPORTED` columns are bookkeeping of the plan's execution, which
# the import leaves out and says so.
VOCABULARY: dict[str, str] = {
    "№": "number",
    "№ п/п": "number",
    "п/п": "number",
    "#": "number",
    "N п/п": "number",
    "Номер": "number",
    "№ пункта": "number",
    "Наименование мероприятия": "title",
    "Наименование мероприятий": "title",
    "Мероприятия": "title",
    "Мероприятие": "title",
    "Содержание работы": "title",
    "Содержание мероприятия": "title",
    "Содержание мероприятий": "title",
    "Наименование вопроса": "title",
    "Вопросы": "title",
    "Рассматриваемые вопросы": "title",
    "Наименование работ": "title",
    "Тема": "title",
    "Название мероприятия": "title",
    "Описание": "description",
    "Характеристика мероприятия": "description",
    "Краткое описание": "description",
    "Ожидаемый результат": "description",
    "Форма проведения": "description",
    "Срок": "period",
    "Сроки": "period",
    "Срок исполнения": "period",
    "Сроки исполнения": "period",
    "Срок проведения": "period",
    "Сроки проведения": "period",
    "Дата проведения": "period",
    "Дата": "period",
    "Период": "period",
    "Срок выполнения": "period",
    "Сроки выполнения": "period",
    "Срок рассмотрения": "period",
    "Дата начала": "period",
    "Срок завершения": "period",
    "Дата окончания": "period",
    "Ответственный": "responsible",
    "Ответственные": "responsible",
    "Ответственный исполнитель": "responsible",
    "Ответственные исполнители": "responsible",
    "Исполнитель": "responsible",
    "Исполнители": "responsible",
    "Ответственные за подготовку": "responsible",
    "Ответственный за подготовку": "responsible",
    "Ответственные за исполнение": "responsible",
    "Назначена": "responsible",
    "Кто вносит": "responsible",
    "Докладчик": "responsible",
    "Соисполнители": "partners",
    "Участники": "participants",
    "Место проведения": "location",
    "Категория": "section",
    "Источник финансирования": "funding",
    "Финансовое обеспечение": "funding",
    "Отметка о выполнении": "not_imported",
    "Отметка об исполнении": "not_imported",
    "Отметка о исполнении": "not_imported",
    "Статус": "not_imported",
    "Трекер": "not_imported",
    "Приоритет": "not_imported",
    "Готовность": "not_imported",
    "Автор": "not_imported",
    "Обновлено": "not_imported",
    "Создано": "not_imported",
    "Проект": "not_imported",
}
NOT_IMPORTED = "not_imported"

# Headers not in the table are classified by stems. Order matters: a header naming several
# things («Ответственный исполнитель/финансовое обеспечение», «Название мероприятия, место
# проведения») is classified by the first rule that matches, which is the field the cell
# chiefly holds.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("not_imported", ("отметкаовыполн", "отметкаоб", "отметкаоисп")),
    ("responsible", ("ответствен", "исполнител")),
    ("partners", ("соисполнит", "партнер", "совместнос")),
    ("participants", ("участник",)),
    ("funding", ("финансов", "источник")),
    ("period", ("период", "срок", "дата", "времяпровед", "когда")),
    ("title", ("содержаниеработ", "содержаниемероприят")),
    ("description", ("характеристик", "описание", "программа", "содержание")),
    ("title", ("наименован", "название", "мероприяти")),
    ("location", ("местопровед",)),
)


def squash(text: str) -> str:
    """Header text without case, spaces, line breaks and hyphens: «ОРИЕН-\\nТИРОВОЧ\\nНАЯ» and
    «ориентировочная» compare equal."""
    return re.sub(r"[\s\-‐–—_*]+", "", " ".join(clean_lines(text)).lower().replace("ё", "е"))


def classify(header: str) -> str | None:
    key = squash(header)
    if not key:
        return None
    if key in _VOCABULARY_KEYS:
        return _VOCABULARY_KEYS[key]
    if key in ("№", "№п/п", "№пп", "п/п", "n", "no", "№п.п.", "nп/п") or (
        key.startswith("№") and len(key) <= 6
    ):
        return "number"
    month = _month(key)
    if month:
        return f"month:{month}"
    if key.rstrip(".") in _WHOLE_YEAR:
        return "month:all"
    for name, stems in _RULES:
        if any(stem in key for stem in stems):
            return name
    return None


_VOCABULARY_KEYS = {squash(phrase): field for phrase, field in VOCABULARY.items()}


def _month(key: str) -> int | None:
    word = key.rstrip(".")
    if not 3 <= len(word) <= 8:
        return None
    for number, (stem, full) in enumerate(zip(_MONTH_STEMS, MONTHS, strict=True), 1):
        if word == full or (len(word) <= 4 and word.startswith(stem) and full.startswith(word)):
            return number
    return None


@dataclass
class Header:
    row: int  # index of the last header row in table.rows
    columns: dict[int, str]  # column index → field name
    texts: list[str]  # the header cell texts, for recognizing repeated headers

    def missing(self) -> list[str]:
        found = set(self.columns.values())
        return [FIELDS[name] for name in EXPECTED if name not in found]


def find_header(table: Table, limit: int = 40) -> Header | None:
    """The first row naming at least two known columns, one of them the activity title."""
    for index, row in enumerate(table.rows[:limit]):
        columns = _columns(row)
        if len(set(columns.values()) - {NOT_IMPORTED}) >= 2 and "title" in columns.values():
            return _with_subheader(table, Header(index, columns, list(row)))
    return None


def _columns(row: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, cell in enumerate(row):
        name = classify(cell)
        if name and not (name in columns.values() and _is_repeat(row, index)):
            columns[index] = name
    return columns


def _is_repeat(row: list[str], index: int) -> bool:
    """A horizontally merged header repeated in every covered column names one column."""
    return index > 0 and squash(row[index]) == squash(row[index - 1])


def _with_subheader(table: Table, header: Header) -> Header:
    """«Срок проведения» over twelve month columns: the row below names the months."""
    below = header.row + 1
    if below >= len(table.rows):
        return header
    sub = {i: n for i, n in _columns(table.rows[below]).items() if n.startswith("month:")}
    if len(sub) < 2:
        return header
    columns = {i: n for i, n in header.columns.items() if i not in sub}
    columns.update(sub)
    return Header(below, columns, list(table.rows[below]))


def offered_header_row(table: Table) -> int:
    """The row shown in the manual mapping form: the recognized header, else the first row
    filling several cells (a title line above the table fills one), which is then taken as
    the header of the mapping the user gives."""
    header = find_header(table)
    if header is not None:
        return header.row
    filled = [sum(bool(clean_lines(c)) for c in row) for row in table.rows]
    return next(
        (i for i, n in enumerate(filled) if n >= 2),
        next((i for i, n in enumerate(filled) if n), -1),
    )


def header_cells(table: Table) -> list[tuple[int, str, str | None]]:
    """(column index, header text, recognized field or None) for the manual mapping form."""
    header = find_header(table)
    index = offered_header_row(table)
    if index < 0:
        return []
    row = table.rows[index]
    known = header.columns if header is not None else {i: classify(t) for i, t in enumerate(row)}
    return [
        (i, " ".join(clean_lines(t)), known.get(i) if known.get(i) != NOT_IMPORTED else None)
        for i, t in enumerate(row)
    ]

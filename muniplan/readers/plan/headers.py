"""Recognizing a plan table's columns by what their header cells mean."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from muniplan.periods.lexicon import MONTH_NAMES as MONTHS
from muniplan.readers.table import Table
from muniplan.readers.text.clean import clean, clean_lines

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
    "Источники финансирования": "funding",
    "Финансовое обеспечение": "funding",
    "Финансирование": "funding",
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
# The header of the row codes MuniPlan's own Excel export writes last (`documents/renderers/
# sheet.py`) and the round trip matches rows by (`transfer/roundtrip.py`, through `Header.texts`).
ID_HEADER = "Код строки (не изменять)"
# Columns known to carry no part of the plan and left out without a word.
IGNORED = (ID_HEADER,)

# The words of a second header row under a cell merged across several columns, by the field of
# that cell: «Сроки» over «начало» | «окончание», «Ответственные» over «подразделение» | «лицо».
# A sub-column whose word is not here (nor names the same field by itself) is not guessed at:
# the import says so.
SUBHEADERS: dict[str, tuple[str, ...]] = {
    "period": (
        "начало",
        "окончание",
        "начала",
        "окончания",
        "завершение",
        "завершения",
        "с",
        "по",
        "от",
        "до",
        "дата начала",
        "дата окончания",
        "срок начала",
        "срок окончания",
        "месяц",
        "квартал",
        "год",
        "число",
    ),
    "responsible": (
        "подразделение",
        "структурное подразделение",
        "отдел",
        "лицо",
        "ответственное лицо",
        "должностное лицо",
        "фио",
        "ф.и.о.",
        "ф. и. о.",
        "должность",
        "сотрудник",
        "организация",
        "орган",
    ),
    "participants": (
        "категория",
        "категория участников",
        "количество",
        "кол-во",
        "число участников",
        "количество участников",
        "состав",
    ),
    "funding": ("источник", "сумма", "объем", "тыс. руб.", "руб.", "статья сметы", "смета"),
    "location": ("адрес", "место", "населенный пункт", "город", "район"),
}

# Headers not in the table are classified by stems. Order matters: a header naming several
# things («Ответственный исполнитель/финансовое обеспечение», «Название мероприятия, место
# проведения») is classified by the first rule that matches, which is the field the cell
# chiefly holds.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("not_imported", ("отметкаовыполн", "отметкаоб", "отметкаоисп")),
    ("responsible", ("ответствен", "исполнител")),
    ("partners", ("соисполнит", "партнер", "совместнос")),
    ("participants", ("участник",)),
    ("funding", ("финансов", "финансир", "источник")),
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
    above: list[str] = field(default_factory=list)  # the first row of a two-row header
    # column index → the name a message gives a sub-column: «Сроки / окончание»
    labels: dict[int, str] = field(default_factory=dict)

    def missing(self) -> list[str]:
        found = set(self.columns.values())
        return [FIELDS[name] for name in EXPECTED if name not in found]


def find_header(table: Table, limit: int = 40) -> Header | None:
    """The first row naming at least two known columns, one of them the activity title."""
    for index, row in enumerate(table.rows[:limit]):
        columns = _columns(row)
        if len(set(columns.values()) - {NOT_IMPORTED}) >= 2 and "title" in columns.values():
            header = Header(index, columns, list(row))
            return _with_months(table, header) or _with_subheader(table, header) or header
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


def _with_months(table: Table, header: Header) -> Header | None:
    """«Срок проведения» over twelve month columns: the row below names the months."""
    below = header.row + 1
    if below >= len(table.rows):
        return None
    row, top = table.rows[below], table.rows[header.row]
    sub = {i: n for i, n in _columns(row).items() if n.startswith("month:")}
    if len(sub) < 2 or any(_other_text(row, top, i) for i in range(len(row)) if i not in sub):
        return None  # «январь» | «апрель» in the period columns of a plan's first row
    columns = {i: n for i, n in header.columns.items() if i not in sub}
    columns.update(sub)
    return Header(below, columns, list(table.rows[below]), above=list(table.rows[header.row]))


def _other_text(row: list[str], top: list[str], index: int) -> bool:
    """A cell of the row below the header that neither is empty nor repeats the header cell
    above it (merged down)."""
    above = top[index] if index < len(top) else ""
    return bool(clean(row[index])) and squash(row[index]) != squash(above)


def _with_subheader(table: Table, header: Header) -> Header | None:
    """A two-row header: cells merged across several columns («Сроки», «Ответственные») with
    the sub-columns named in the row below («начало» | «окончание»), and the other cells merged
    down (repeated in that row, or empty there). Each sub-column reads into its group's field;
    one that is not understood is left out, and `labels` names it for the warning."""
    below = header.row + 1
    if below >= len(table.rows):
        return None
    width = max(len(table.rows[header.row]), len(table.rows[below]))
    top = [clean(c) for c in _padded(table.rows[header.row], width)]
    sub = [clean(c) for c in _padded(table.rows[below], width)]
    owners = _owners(top)
    cells: dict[int, str] = {}
    merged_down = False
    for index, text in enumerate(sub):
        if not text:
            continue
        if squash(text) == squash(top[index]):
            merged_down = True
        elif top[index] and not _spans(owners, index):
            return None  # a column of its own with other text under it: a row of the plan
        else:
            cells[index] = text
    groups = {index: header.columns.get(owners[index]) for index in cells}
    known = {i: _sub_field(groups[i], text) for i, text in cells.items()}
    if not cells or not (merged_down or any(known.values())):
        return None
    columns = {i: n for i, n in header.columns.items() if i not in cells and top[i]}
    columns.update({i: n for i, n in known.items() if n})
    labels = {
        i: " / ".join(filter(None, [top[owners[i]] if owners[i] is not None else "", t]))
        for i, t in cells.items()
    }
    texts = [sub[i] or top[i] for i in range(width)]
    return Header(below, dict(sorted(columns.items())), texts, above=top, labels=labels)


def _padded(row: list[str], width: int) -> list[str]:
    return [*row, *[""] * (width - len(row))]


def _owners(top: list[str]) -> list[int | None]:
    """For each column, the header cell that covers it: its own, or the nearest filled cell to
    its left (a merge across is written once, or repeated)."""
    owners: list[int | None] = []
    for index, text in enumerate(top):
        previous = owners[-1] if owners else None
        repeat = previous is not None and squash(text) == squash(top[previous])
        owners.append(index if text and not repeat else previous)
    return owners


def _spans(owners: list[int | None], index: int) -> bool:
    owner = owners[index]
    return owner is not None and owners.count(owner) > 1


def _sub_field(group: str | None, text: str) -> str | None:
    """The field a sub-column under a group reads into: the group's own when its word is one of
    that field's sub-column words or names the field itself; under a group no field takes, what
    the word names alone."""
    if group == NOT_IMPORTED:
        return NOT_IMPORTED
    name = classify(text)
    if group is None:
        return name
    if squash(text).rstrip(".") in _SUBHEADER_KEYS.get(group, ()) or name == group:
        return group
    return None


_SUBHEADER_KEYS = {
    field_name: {squash(word).rstrip(".") for word in words}
    for field_name, words in SUBHEADERS.items()
}


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

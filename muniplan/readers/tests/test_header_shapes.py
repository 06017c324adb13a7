"""Header shapes from a walk-through of real uploads (fixtures/shapes, built by its build.py):
a two-row header under cells merged across, unusual funding headings, a plan without section
bands, and MuniPlan's own Excel export with its row codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from muniplan.readers import read_document
from muniplan.readers.draft import UNSECTIONED
from muniplan.readers.plan.cells import parse_responsible
from muniplan.readers.plan.headers import classify
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def _read(name: str):
    return read_document(name, (SHAPES / name).read_bytes())


def _activities(plan) -> list:
    return [a for s in plan.sections for a in s.activities]


@pytest.mark.parametrize(
    "name", ["two_row_header__merged_cells.xlsx", "two_row_header__merged_cells.docx"]
)
def test_it_reads_sub_columns_under_merged_headings_into_their_field(name):
    plan = _read(name)
    first, second, third = _activities(plan)
    assert [a.number for a in (first, second, third)] == ["1", "2", "3"]
    assert first.title == "Заседание Совета"
    assert first.period.text == "январь – апрель" and first.period.months == (1, 2, 3, 4)
    assert first.responsible == ["Аппарат Совета", "Иванов И.И."]
    assert second.period.months == (9, 10, 11, 12)
    assert second.responsible == ["Отдел ТОС", "Петров П.П."] and second.funding is None
    assert third.period.text == "II квартал" and third.period.months == (4, 5, 6)
    assert third.responsible == ["Аппарат", "Сидорова"]
    assert plan.warnings == []


def test_the_second_header_row_is_never_an_activity():
    titles = [a.title for a in _activities(_read("two_row_header__merged_cells.xlsx"))]
    assert "Мероприятие" not in titles and len(titles) == 3


def test_a_sub_column_it_cannot_read_is_named_in_a_warning():
    plan = _read("two_row_header__unknown_subcolumn.xlsx")
    assert _activities(plan)[0].responsible == ["Аппарат Совета"]
    assert _activities(plan)[0].period.months == (1, 2, 3, 4)
    assert plan.warnings == [
        "Файл two_row_header__unknown_subcolumn.xlsx: столбец «Ответственные / телефон» не "
        "распознан и не загружен; его можно сопоставить вручную."
    ]


def test_a_heading_merged_over_two_columns_without_a_second_row_warns_of_the_other_column():
    plan = _read("merged_header__no_second_row.xlsx")
    first = _activities(plan)[0]
    assert (first.number, first.title, first.period.text) == ("1", "Заседание Совета", "январь")
    assert plan.warnings == [
        "Файл merged_header__no_second_row.xlsx: столбец 4 (под заголовком «Сроки») без своего "
        "заголовка не распознан и не загружен; его можно сопоставить вручную."
    ]


def test_a_repeated_two_row_header_on_a_later_page_is_skipped():
    top = ["№", "Мероприятие", "Сроки", "", "Ответственные", ""]
    sub = ["№", "Мероприятие", "начало", "окончание", "подразделение", "лицо"]
    rows = [top, sub, ["1", "Заседание", "март", "май", "Аппарат", "Иванов И.И."], top, sub]
    rows.append(["2", "Семинар", "июнь", "", "Отдел", ""])
    plan = plan_from_table(Table(rows=rows, preamble=[], source="plan.xlsx"))
    assert [(a.number, a.title) for a in _activities(plan)] == [
        ("1", "Заседание"),
        ("2", "Семинар"),
    ]


def test_a_first_row_with_month_names_is_a_row_of_the_plan_not_a_month_grid_header():
    rows = [
        ["№", "Мероприятие", "Дата начала", "Дата окончания"],
        ["1", "Заседание", "январь", "апрель"],
    ]
    plan = plan_from_table(Table(rows=rows, preamble=[], source="plan.xlsx"))
    assert [(a.number, a.period.months) for a in _activities(plan)] == [("1", (1, 2, 3, 4))]


@pytest.mark.parametrize(
    "heading", ["Финансирование", "Источник финансирования", "Финансовое обеспечение"]
)
def test_funding_headings_name_the_funding_column(heading):
    assert classify(heading) == "funding"


def test_a_funding_column_among_columns_in_an_odd_order_is_read():
    plan = _read("funding_column__odd_order.docx")
    first, second = _activities(plan)
    assert (first.number, first.title, first.funding) == (
        "1",
        "Заседание Президиума",
        "п.п. 3 Сметы",
    )
    assert first.period.months == (1, 2, 3, 4) and first.responsible == ["Аппарат Совета"]
    assert second.funding is None
    assert plan.warnings == []


def test_a_persons_initials_are_no_funding_line():
    assert parse_responsible("Отдел ТОС\nПетров П.П.") == (["Отдел ТОС", "Петров П.П."], None)
    assert parse_responsible("Аппарат\nп.п. 3 Сметы") == (["Аппарат"], "п.п. 3 Сметы")


def test_a_plan_without_section_bands_is_one_section_without_a_title():
    plan = _read("no_section_bands.docx")
    assert [s.title for s in plan.sections] == [UNSECTIONED]
    assert [a.title for a in plan.sections[0].activities] == [
        "Заседание Президиума",
        "Семинар для глав поселений",
    ]


def test_the_row_codes_of_muniplans_own_export_are_left_out_silently():
    plan = _read("muniplan_export__row_codes.xlsx")
    assert [s.title for s in plan.sections] == ["ОРГАНИЗАЦИОННАЯ РАБОТА"]
    assert [(a.number, a.period.months) for a in _activities(plan)] == [("1", (3,)), ("2", (5,))]
    assert plan.warnings == []

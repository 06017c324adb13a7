"""The table mapper finds columns by what their headers mean, wherever they stand."""

from __future__ import annotations

import pytest

from muniplan.readers.draft import ReadError
from muniplan.readers.plan.headers import header_cells
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table

TITLE = ["ПЛАН РАБОТЫ Совета муниципальных образований Тюменской области на 2026 год"]


def table(rows, preamble=TITLE) -> Table:
    return Table(rows=rows, preamble=list(preamble), source="plan.docx")


def only_activity(plan):
    return plan.sections[-1].activities[0]


def test_columns_are_found_by_meaning_in_any_order_and_case():
    plan = plan_from_table(
        table(
            [
                [
                    "ПРЕДВАРИТЕЛЬНАЯ ПРОГРАММА",
                    "ОРИЕН-\nТИРОВОЧ\nНАЯ ДАТА",
                    "№ п/п",
                    "НАЗВАНИЕ МЕРОПРИЯТИЯ, МЕСТО ПРОВЕДЕНИЯ",
                ],
                ["Обсуждение", "апрель", "1.", "Конференция"],
            ]
        )
    )
    activity = only_activity(plan)
    assert (activity.number, activity.title, activity.description) == (
        "1",
        "Конференция",
        "Обсуждение",
    )
    assert activity.period.months == (4,)


def test_a_band_row_starts_a_section_whether_merged_cells_are_blank_or_repeated():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Срок"],
                ["ПРАВОВОЕ НАПРАВЛЕНИЕ", "", ""],
                ["1", "Консультации", "май"],
                ["АНАЛИТИКА", "АНАЛИТИКА", "АНАЛИТИКА"],
                ["2", "Доклад", "июнь"],
            ]
        )
    )
    assert [s.title for s in plan.sections] == ["ПРАВОВОЕ НАПРАВЛЕНИЕ", "АНАЛИТИКА"]
    assert [len(s.activities) for s in plan.sections] == [1, 1]


def test_a_section_title_keeps_its_roman_numeral_as_written():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Срок"],
                ["I Аналитическая деятельность", "", ""],
                ["1", "Мониторинг", "май"],
                ["II", "Реализация  социально-значимых\nпроектов", ""],
                ["2", "Проект", "июнь"],
            ]
        )
    )
    assert [s.title for s in plan.sections] == [
        "I Аналитическая деятельность",
        "II Реализация социально-значимых проектов",
    ]


def test_headers_repeated_on_every_page_and_column_numbers_are_skipped():
    header = ["№ п/п", "Наименование мероприятия", "Период"]
    plan = plan_from_table(
        table([header, ["1", "2", "3"], ["1.", "Первое", "май"], header, ["2.", "Второе", "июнь"]])
    )
    assert [a.number for a in plan.sections[0].activities] == ["1", "2"]


def test_a_sub_activity_goes_into_its_parents_children():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Срок"],
                ["6.", "Проект «Культура и власть»", ""],
                ["6.1", "«Лето во дворах»", "июнь"],
                ["7", "Другое", "июль"],
            ]
        )
    )
    parent = plan.sections[0].activities[0]
    assert [c.number for c in parent.children] == ["6.1"]
    assert [a.number for a in plan.sections[0].activities] == ["6", "7"]


def test_a_flat_plan_numbered_past_999_keeps_every_item_and_a_year_continues_its_row():
    header = [["№", "Наименование мероприятия", "Срок"]]
    items = [[f"{n}.", f"Мероприятие {n}", "май"] for n in range(1, 1003)]
    band = [["РАЗДЕЛ 2", "", ""]]
    wrapped = [["2026", "", "июнь"], ["1003.", "Последнее", "июль"], ["1003.1", "Подпункт", ""]]
    plan = plan_from_table(table(header + items[:998] + band + items[998:] + wrapped))
    numbers = [a.number for s in plan.sections for a in s.activities]
    assert numbers == [str(n) for n in range(1, 1004)]
    last_but_one, last = plan.sections[-1].activities[-2:]
    assert (last_but_one.title, last_but_one.period.months) == ("Мероприятие 1002", (5, 6))
    assert [c.number for c in last.children] == ["1003.1"]


def test_a_sub_activity_without_its_parent_is_kept_with_a_warning():
    plan = plan_from_table(table([["№", "Наименование", "Срок"], ["3.1", "Сирота", "май"]]))
    assert plan.sections[0].activities[0].number == "3.1"
    assert "3.1" in plan.warnings[0]


def test_a_funding_line_alone_in_a_row_belongs_to_the_activity_above():
    plan = plan_from_table(
        table(
            [
                [
                    "№",
                    "Наименование мероприятия",
                    "Ответственный исполнитель/финансовое обеспечение",
                ],
                ["1.", "Форум", "Аппарат Совета"],
                ["п.п. ___ Сметы на 2026 год", "", ""],
            ]
        )
    )
    activity = only_activity(plan)
    assert (activity.responsible, activity.funding) == (
        ["Аппарат Совета"],
        "п.п. ___ Сметы на 2026 год",
    )


def test_a_row_without_a_number_continues_the_activity_above():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Характеристика"],
                ["1", "Форум", "Первая часть"],
                ["", "", "вторая часть после разрыва страницы"],
            ]
        )
    )
    assert only_activity(plan).description == "Первая часть\nвторая часть после разрыва страницы"


def test_month_columns_make_a_grid_whose_ticks_are_the_months():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", *"Январь Февраль Март Апрель".split()],
                ["1", "Мониторинг", "+", "", "+", ""],
                ["2", "Совещание", "", "1 раз", "", ""],
            ]
        )
    )
    first, second = plan.sections[0].activities
    assert (first.period.months, first.period.text) == ((1, 3), "")
    assert (second.period.months, second.period.text) == ((2,), "1 раз")
    assert "period" in second.needs_review


def test_months_under_a_merged_period_header_are_found_on_the_row_below():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Срок проведения", "Срок проведения"],
                ["", "", "апрель", "май"],
                ["1", "Мониторинг", "", "+"],
            ]
        )
    )
    assert only_activity(plan).period.months == (5,)


def test_the_title_above_a_spreadsheet_header_is_the_preamble():
    plan = plan_from_table(
        table(
            [[TITLE[0], "", ""], ["№", "Наименование", "Срок"], ["1", "Форум", "май"]], preamble=[]
        )
    )
    assert (plan.organization, plan.year) == (
        "Совет муниципальных образований Тюменской области",
        2026,
    )


def test_unrecognized_headers_are_refused_naming_the_file_and_missing_columns():
    with pytest.raises(ReadError) as error:
        plan_from_table(table([["Колонка А", "Колонка Б"], ["1", "что-то"]]))
    message = str(error.value)
    assert "plan.docx" in message and "наименование мероприятия" in message


def test_an_explicit_column_mapping_reads_a_table_with_unknown_headers():
    rows = [["Колонка А", "Колонка Б", "Колонка В"], ["1", "Форум", "май"]]
    plan = plan_from_table(table(rows), columns={0: "number", 1: "title", 2: "period"})
    activity = only_activity(plan)
    assert (activity.number, activity.title, activity.period.months) == ("1", "Форум", (5,))


def test_an_explicit_mapping_naming_an_unknown_field_is_refused():
    with pytest.raises(ReadError, match="plan.docx"):
        plan_from_table(table([["А"], ["1"]]), columns={0: "colour"})


def test_detected_header_cells_are_listed_for_manual_mapping():
    cells = header_cells(
        table([["№ п/п", "Наименование мероприятия", "Примечание"], ["1", "Форум", ""]])
    )
    assert cells == [
        (0, "№ п/п", "number"),
        (1, "Наименование мероприятия", "title"),
        (2, "Примечание", None),
    ]


def test_unknown_headers_are_still_offered_for_manual_mapping():
    cells = header_cells(table([["", ""], ["Колонка А", "Колонка Б"]]))
    assert cells == [(0, "Колонка А", None), (1, "Колонка Б", None)]


def test_a_table_with_headers_but_no_activities_is_refused():
    with pytest.raises(ReadError, match="ни одного мероприятия"):
        plan_from_table(table([["№", "Наименование мероприятия", "Срок"]]))


def test_words_in_the_whole_year_column_of_a_grid_are_the_period_over_every_month():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Январь", "Февраль", "В течение года"],
                ["1", "Заседания палат", "", "", "1 раз в год"],
                ["2", "Мониторинг", "", "", "+"],
            ]
        )
    )
    first, second = plan.sections[0].activities
    assert (first.period.text, first.period.months) == ("1 раз в год", tuple(range(1, 13)))
    assert (second.period.text, second.period.months) == ("", tuple(range(1, 13)))


def test_groups_without_counts_on_separate_lines_stay_separate():
    plan = plan_from_table(
        table(
            [
                ["№", "Наименование мероприятия", "Участники"],
                ["1", "Семинары", "Президиум РС\nВСМС\nРО ВСМС"],
            ]
        )
    )
    assert [p.category for p in only_activity(plan).participants] == [
        "Президиум РС ВСМС",
        "РО ВСМС",
    ]


def test_with_a_persons_mapping_every_titled_row_is_an_activity_whatever_its_code():
    rows = [
        ["Код", "Что делаем", "Когда", "Деньги"],
        ["A1", "Выездное совещание в Исилькуле", "март", "10 000"],
        ["A2", "Круглый стол с депутатами", "апрель", ""],
    ]
    plan = plan_from_table(
        table(rows), columns={0: "number", 1: "title", 2: "period", 3: "funding"}
    )
    activities = plan.sections[-1].activities
    assert [(a.number, a.title, list(a.period.months)) for a in activities] == [
        ("A1", "Выездное совещание в Исилькуле", [3]),
        ("A2", "Круглый стол с депутатами", [4]),
    ]
    assert activities[0].funding == "10 000"


def test_with_no_number_column_mapped_each_titled_row_is_its_own_activity():
    rows = [["Что", "Когда"], ["Семинар", "май"], ["Конкурс", "июнь"]]
    plan = plan_from_table(table(rows), columns={0: "title", 1: "period"})
    assert [a.title for a in plan.sections[-1].activities] == ["Семинар", "Конкурс"]


def test_a_column_no_field_takes_is_reported_not_dropped_silently():
    rows = [
        ["№ п/п", "Наименование мероприятия", "Срок", "Примечание"],
        ["1", "Семинар", "май", "ВКС, 120 человек"],
    ]
    plan = plan_from_table(table(rows))
    assert plan.warnings == [
        "Файл plan.docx: столбец «Примечание» не распознан и не загружен; "
        "его можно сопоставить вручную."
    ]

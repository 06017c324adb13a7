"""Word plans: merged cells, multi-paragraph cells, list numbering, funding between tables."""

from __future__ import annotations

import io

import pytest
from docx import Document

from muniplan.readers.sources.docx import read_docx
from muniplan.readers.tests.gold import load_gold, mismatches
from muniplan.readers.tests.renditions import MONTHS, plan_docx, resolution_docx


@pytest.mark.parametrize("gold", ["tyumen_2026", "smolensk_2022", "smolensk_2021", "tula_2024"])
@pytest.mark.parametrize("list_numbering", [False, True])
def test_a_gold_plan_rendered_in_word_reads_back_as_the_gold(gold, list_numbering):
    expected = load_gold(gold)
    plan = read_docx("plan.docx", plan_docx(expected, list_numbering=list_numbering))
    assert mismatches(plan.to_json(), expected) == []


def test_the_tula_plan_is_rendered_in_word_as_its_month_grid():
    table = Document(io.BytesIO(plan_docx(load_gold("tula_2024")))).tables[0]
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows}
    assert rows["№"] == ["№", "Наименование мероприятия", *MONTHS, "В течение года"]
    assert set(rows["I Аналитическая деятельность"]) == {"I Аналитическая деятельность"}
    assert rows["6.1"][2:] == [""] * 5 + ["+"] * 4 + [""] * 4
    assert rows["1"][2:] == [""] * 12 + ["+"]
    assert rows["15.1"][2:] == [""] * 12 + ["1 раз в год"]


def test_the_resolution_rendered_in_word_reads_back_as_the_gold():
    expected = load_gold("smolensk_tos_congress_2020")
    resolution = read_docx("r.docx", resolution_docx(expected))
    assert mismatches(resolution.to_json(), expected) == []


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def council_document():
    document = Document()
    document.add_paragraph(
        "ПЛАН работы Совета муниципальных образований Тюменской области на 2026 год"
    )
    return document


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    return table


def test_a_cell_merged_down_applies_to_every_row_it_covers():
    document = council_document()
    table = add_table(
        document,
        [
            ["№", "Наименование мероприятия", "Период"],
            ["1", "Первое", "весь год"],
            ["2", "Второе", ""],
        ],
    )
    table.cell(1, 2).merge(table.cell(2, 2))
    plan = read_docx("plan.docx", save(document))
    assert [a.period.text for a in plan.sections[0].activities] == ["весь год", "весь год"]


def test_a_funding_paragraph_between_table_parts_belongs_to_the_activity_above():
    document = council_document()
    add_table(
        document,
        [
            ["№", "Наименование мероприятия", "Ответственный исполнитель"],
            ["1", "Форум", "Аппарат Совета"],
        ],
    )
    document.add_paragraph("п.п. ___ Сметы на 2026 год")
    add_table(document, [["2", "Доклад", "Аппарат Совета"]])
    document.add_paragraph("Исполнитель: Иванов")
    plan = read_docx("plan.docx", save(document))
    first, second = plan.sections[0].activities
    assert (first.funding, second.funding) == ("п.п. ___ Сметы на 2026 год", None)


def test_an_approval_table_above_the_plan_is_part_of_the_preamble():
    document = Document()
    add_table(document, [["", "УТВЕРЖДАЮ\nПредседатель"]])
    document.add_paragraph(
        "План работы Ассоциации «Совет муниципальных образований Тульской области» на 2024 год"
    )
    add_table(document, [["№", "Наименование мероприятия"], ["1", "Форум"]])
    plan = read_docx("plan.docx", save(document))
    assert plan.year == 2024
    assert [a.title for a in plan.sections[0].activities] == ["Форум"]


def test_a_document_without_a_table_or_resolution_is_refused_naming_the_file():
    document = Document()
    document.add_paragraph("Просто письмо")
    with pytest.raises(Exception, match="letter.docx"):
        read_docx("letter.docx", save(document))

"""The three official layouts: their columns and how a cell is written."""

from __future__ import annotations

import io

import pytest
from docx import Document

from muniplan.documents.export import export_plan
from muniplan.documents.layouts import LAYOUTS, get_layout, plan_document

pytestmark = pytest.mark.django_db


def _rows(plan, layout: str):
    return plan_document(plan, LAYOUTS[layout]).rows


def test_the_tula_grid_has_roman_sections_plus_marks_and_frequency_words(seed_plan):
    plan = seed_plan("tula_2024__month_grid_text.txt")
    rows = _rows(plan, "tula")
    bands = [r.cells[0] for r in rows if r.kind == "band"]
    assert bands[:2] == [
        "I Аналитическая деятельность",
        "II Реализация социально-значимых проектов",
    ]
    by_number = {r.cells[0]: r.cells for r in rows if r.kind == "activity"}
    assert by_number["6.1"][2:14] == ["", "", "", "", "", "+", "+", "+", "+", "", "", ""]
    assert by_number["1"][14] == "+" and by_number["1"][2:14] == [""] * 12
    assert by_number["15.1"][14] == "1 раз в год"


def test_a_plan_without_numerals_gets_them_in_the_tula_layout(seed_plan):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    bands = [r.cells[0] for r in _rows(plan, "tula") if r.kind == "band"]
    assert bands[:2] == ["I ВЗАИМОДЕЙСТВИЕ С ВАРМСУ", "II АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"]


def test_the_smolensk_layout_has_date_participants_and_programme_columns(seed_plan):
    plan = seed_plan("smolensk_2021__pdf_dump.txt")
    first = next(r for r in _rows(plan, "smolensk") if r.kind == "activity")
    assert [c.field for c in LAYOUTS["smolensk"].columns] == [
        "number",
        "period",
        "title",
        "participants",
        "description",
    ]
    assert first.cells[1] == "июнь декабрь"
    assert first.cells[3] == "Президиум РС ВСМС 5 человек\nчлены РО ВСМС 62 человек"


def test_the_tyumen_layout_writes_the_responsible_unit_with_the_funding_below(seed_plan):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    second = [r for r in _rows(plan, "tyumen") if r.kind == "activity"][1]
    assert second.cells[4] == "Аппарат Совета\nп.п. ___ Сметы на 2026 год"


def test_an_export_may_ask_for_another_layout_than_the_organizations(seed_plan):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    assert get_layout(None, plan.organization).key == "tyumen"
    word = Document(io.BytesIO(export_plan(plan, "docx", layout="smolensk").data))
    assert word.tables[0].rows[0].cells[1].text == "Ориентировочная дата проведения мероприятия"

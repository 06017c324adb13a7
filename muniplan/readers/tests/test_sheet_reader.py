"""Excel and CSV plans read back as the gold they were rendered from."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from muniplan.readers import read_document
from muniplan.readers.sources.csv import csv_table
from muniplan.readers.sources.xlsx import read_xlsx, xlsx_table
from muniplan.readers.tests.gold import load_gold, mismatches
from muniplan.readers.tests.renditions import plan_csv, plan_xlsx


@pytest.mark.parametrize("gold", ["tyumen_2026", "smolensk_2022", "tula_2024"])
def test_a_gold_plan_rendered_in_excel_with_merged_bands_reads_back_as_the_gold(gold):
    expected = load_gold(gold)
    assert mismatches(read_xlsx("plan.xlsx", plan_xlsx(expected)).to_json(), expected) == []


@pytest.mark.parametrize("gold", ["tyumen_2026", "smolensk_2022", "tula_2024"])
@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1251", ";"), ("cp1251", "\t")],
)
def test_a_gold_plan_as_csv_in_any_usual_encoding_and_separator_reads_back(
    gold, encoding, delimiter
):
    expected = load_gold(gold)
    data = plan_csv(expected, encoding=encoding, delimiter=delimiter)
    assert mismatches(read_document("plan.csv", data).to_json(), expected) == []


def test_dates_and_whole_numbers_in_cells_read_as_a_person_typed_them():
    workbook = Workbook()
    workbook.active.append([1.0, dt.datetime(2026, 4, 21), dt.date(2026, 5, 1), None, 2.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert xlsx_table("plan.xlsx", buffer.getvalue()).rows == [
        ["1", "21.04.2026", "01.05.2026", "", "2.5"]
    ]


def test_the_plan_sheet_is_the_one_with_a_recognized_header():
    workbook = Workbook()
    workbook.active.append(["Примечания"])
    plan_sheet = workbook.create_sheet("План")
    plan_sheet.append(["№", "Наименование мероприятия"])
    plan_sheet.append(["1", "Форум"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert xlsx_table("plan.xlsx", buffer.getvalue()).rows[1] == ["1", "Форум"]


def test_a_short_csv_still_finds_its_separator():
    assert csv_table("plan.csv", "№;Наименование\n".encode()).rows == [["№", "Наименование"]]

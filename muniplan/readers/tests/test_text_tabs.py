"""The tab-separated text seeds read as their hand-written gold says."""

from __future__ import annotations

import re

import pytest

from muniplan.readers.tests.gold import SEEDS_DIR, load_gold, mismatches
from muniplan.readers.text.tabs import read_tab_text, tab_table

TYUMEN = "tyumen_2026__tab_text.txt"
SMOLENSK = "smolensk_2022__tab_html_text.txt"


def read(seed: str) -> dict:
    return read_tab_text(seed, (SEEDS_DIR / seed).read_text(encoding="utf-8")).to_json()


@pytest.fixture(scope="module")
def tyumen() -> dict:
    return read(TYUMEN)


@pytest.fixture(scope="module")
def smolensk() -> dict:
    return read(SMOLENSK)


def activities(plan: dict) -> dict[str, dict]:
    return {a["number"]: a for s in plan["sections"] for a in s["activities"]}


def test_tyumen_matches_the_gold_field_by_field(tyumen):
    assert mismatches(tyumen, load_gold("tyumen_2026")) == []


def test_smolensk_2022_matches_the_gold_field_by_field(smolensk):
    assert mismatches(smolensk, load_gold("smolensk_2022")) == []


def test_tyumen_has_five_sections_and_thirty_four_activities(tyumen):
    assert len(tyumen["sections"]) == 5
    assert list(activities(tyumen)) == [str(n) for n in range(1, 35)]


def test_tyumen_names_only_its_two_units_as_responsible(tyumen):
    units = {u for a in activities(tyumen).values() for u in a["responsible"]}
    assert units == {"Аппарат Совета", "Информационно-аналитический отдел"}


def test_the_tyumen_funding_line_below_a_row_belongs_to_that_row(tyumen):
    funded = [n for n, a in activities(tyumen).items() if a["funding"]]
    assert funded == ["2", "9", "25", "28", "32", "33"]
    assert activities(tyumen)["9"]["funding"] == "п.п. ___ Сметы на 2026 год"


def test_tyumen_periods_give_months_and_frequency(tyumen):
    by_number = activities(tyumen)
    assert by_number["1"]["period"]["months"] == [1, 2, 3, 4, 9, 10, 11, 12]
    assert by_number["24"]["period"]["months"] == [4, 5, 6, 7, 8, 9]
    assert by_number["21"]["period"]["months"] == list(range(1, 13))
    assert by_number["21"]["period"]["frequency"] == {"per": "quarter", "min": 1}


def test_the_signature_under_the_tyumen_table_is_not_part_of_the_last_row():
    table = tab_table(TYUMEN, (SEEDS_DIR / TYUMEN).read_text(encoding="utf-8"))
    assert table.trailer == ["Информационно-аналитический отдел Совета"]


def test_smolensk_2022_has_six_sections_and_fifteen_activities(smolensk):
    assert len(smolensk["sections"]) == 6
    assert list(activities(smolensk)) == [str(n) for n in range(1, 16)]


def test_smolensk_participants_and_periods(smolensk):
    by_number = activities(smolensk)
    assert by_number["1"]["participants"] == [{"count": 62, "category": "члены РО ВСМС"}]
    assert by_number["3"]["period"]["months"] == [3, 6, 9, 12]
    assert by_number["10"]["period"]["months"] == [1, 2, 3, 5, 6, 7, 8, 9]


def test_no_html_tag_or_markdown_survives_in_smolensk(smolensk):
    text = repr(smolensk)
    assert not re.search(r"</?\s*p\b|&[a-z]+;|\*\*", text)


def test_an_organization_listed_after_the_members_is_a_partner_to_check(smolensk):
    game = activities(smolensk)["5"]
    assert game["partners"] == ["Избирком Смоленской области"]
    assert "partners" in game["needs_review"]


def test_a_row_per_line_table_keeps_text_on_following_lines_in_the_last_cell():
    text = (
        "План работы на 2024 год\n№\tНаименование мероприятия\tСрок\n1\tСовещание\tмарт\nи апрель\n"
    )
    table = tab_table("plan.txt", text)
    assert table.rows[-1] == ["1", "Совещание", "март\nи апрель"]


def test_cell_per_line_rows_numbered_past_999_each_start_a_row():
    header = "\t№ п/п\n\tНаименование мероприятия\n\tПериод\n"
    rows = "".join(f"\t{n}.\n\tМероприятие {n}\n\tмай\n" for n in range(998, 1002))
    text = "ПЛАН работы на 2026 год\n" + header + "\t\nРАЗДЕЛ\n" + rows
    plan = read_tab_text("plan.txt", text).to_json()
    assert list(activities(plan)) == ["998", "999", "1000", "1001"]
    assert activities(plan)["1001"]["title"] == "Мероприятие 1001"

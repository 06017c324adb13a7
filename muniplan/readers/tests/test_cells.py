"""Cell texts mean numbers, participants, partners, responsible units and funding."""

from __future__ import annotations

import pytest

from muniplan.readers.draft import Participants
from muniplan.readers.plan.cells import (
    parse_number,
    parse_participants,
    parse_responsible,
    split_number,
)
from muniplan.readers.plan.preamble import read_preamble
from muniplan.readers.text.clean import clean, one_line


@pytest.mark.parametrize(
    ("cell", "number"),
    [("1.", "1"), ("6.1", "6.1"), ("32. ", "32"), ("6.1.", "6.1"), ("Участие", None), ("", None)],
)
def test_numbers_are_kept_as_written_without_the_trailing_dot(cell, number):
    assert parse_number(cell) == number


@pytest.mark.parametrize(
    ("cell", "previous", "number"),
    [
        ("1000.", "999", "1000"),
        ("1000", "999.3", "1000"),
        ("1000.1", "1000", "1000.1"),
        ("1000.2", "1000.1", "1000.2"),
        ("2000", "1999", "2000"),
        ("12345", "12344", "12345"),
        ("999", "998", "999"),
        ("5", None, "5"),
    ],
)
def test_a_long_number_continuing_the_numbering_is_an_item_number(cell, previous, number):
    assert parse_number(cell, previous) == number


@pytest.mark.parametrize(
    ("cell", "previous"),
    [
        ("2026", "14"),
        ("2026", None),
        ("2026", ""),
        ("1000", "1000"),
        ("1002", "1000"),
        ("1001.1", "1000"),
        ("2026.", "2024"),
    ],
)
def test_a_long_number_out_of_the_numbering_is_not_an_item_number(cell, previous):
    assert parse_number(cell, previous) is None


def test_a_year_opening_a_merged_cell_is_not_split_off_as_a_number():
    assert split_number("2026 год – подведение итогов", "14") is None
    assert split_number("1000. Форум", "999") == ("1000", "Форум")


def test_members_with_a_count_are_one_participant_group():
    cell = parse_participants("члены РО ВСМС 62 человек")
    assert cell.participants == [Participants(62, "члены РО ВСМС")]


def test_two_lines_with_counts_are_two_groups():
    cell = parse_participants("Президиум РС ВСМС 5 человек\nчлены РО ВСМС 62 человек")
    assert cell.participants == [
        Participants(5, "Президиум РС ВСМС"),
        Participants(62, "члены РО ВСМС"),
    ]


def test_a_group_wrapped_over_lines_by_a_pdf_is_still_one_group():
    cell = parse_participants("Президиум РС \nВСМС \n5 человек")
    assert cell.participants == [Participants(5, "Президиум РС ВСМС")]


@pytest.mark.parametrize("phrase", ["совместно с", "по согласованию с"])
def test_a_partner_after_together_with_is_named_in_the_nominative(phrase):
    cell = parse_participants(
        f"члены РО ВСМС {phrase} Комитетом по местному самоуправлению Администрации города Смоленска"
    )
    assert cell.participants == [Participants(None, "члены РО ВСМС")]
    assert cell.partners == ["Комитет по местному самоуправлению Администрации города Смоленска"]
    assert cell.uncertain == []


def test_several_partners_separated_by_semicolons_are_each_a_partner():
    cell = parse_participants(
        "члены РО ВСМС совместно с избирательной комиссией Смоленской области; Советом"
    )
    assert cell.partners == ["избирательная комиссия Смоленской области", "Совет"]


def test_an_organization_written_after_the_members_is_a_partner_flagged_for_review():
    cell = parse_participants("члены РО ВСМС Избирком Смоленской области")
    assert cell.participants == [Participants(None, "члены РО ВСМС")]
    assert cell.partners == ["Избирком Смоленской области"]
    assert cell.uncertain == ["participants", "partners"]


def test_the_responsible_cell_separates_the_funding_line():
    assert parse_responsible("Аппарат Совета\nп.п. ___ Сметы на 2026 год") == (
        ["Аппарат Совета"],
        "п.п. ___ Сметы на 2026 год",
    )


def test_responsible_units_separated_by_semicolons_or_lines_are_listed_once():
    units, funding = parse_responsible(
        "Аппарат Совета; Информационно-аналитический отдел\nАппарат Совета"
    )
    assert units == ["Аппарат Совета", "Информационно-аналитический отдел"]
    assert funding is None


def test_html_fragments_entities_and_markdown_are_stripped():
    assert (
        clean("<p>В олимпиаде&nbsp;участвуют</p> <p>**учащиеся**</p>")
        == "В олимпиаде участвуют\nучащиеся"
    )


def test_a_header_hyphenated_across_lines_is_glued_back():
    assert one_line("ОРИЕН-\nТИРОВОЧ-\nНАЯ ДАТА") == "ОРИЕНТИРОВОЧНАЯ ДАТА"
    assert one_line("Москва-\nСити") == "Москва-Сити"


def test_the_tyumen_title_gives_the_council_and_the_year():
    title, organization, year = read_preamble(
        [
            "ПЛАН",
            "реализации приоритетных направлений деятельности ",
            "Совета муниципальных образований Тюменской области на 2026 год",
        ]
    )
    assert title.startswith("ПЛАН реализации") and title.endswith("на 2026 год")
    assert (organization, year) == ("Совет муниципальных образований Тюменской области", 2026)


def test_a_title_in_capitals_gives_the_branch_name_in_ordinary_case():
    _, organization, year = read_preamble(
        [
            "**ПЛАН РАБОТЫ СМОЛЕНСКОГО РЕГИОНАЛЬНОГО ОТДЕЛЕНИЯ",
            "ВСЕРОССИЙСКОГО СОВЕТА МЕСТНОГО САМОУПРАВЛЕНИЯ НА 2022 ГОД**",
        ]
    )
    assert (
        organization
        == "Смоленское региональное отделение Всероссийского совета местного самоуправления"
    )
    assert year == 2022


def test_an_association_in_quotes_keeps_its_quoted_name():
    _, organization, _ = read_preamble(
        [
            "План работы",
            "Ассоциации «Совет муниципальных образований Тульской области»",
            "на 2024 год",
        ]
    )
    assert organization == "Ассоциация «Совет муниципальных образований Тульской области»"


def test_an_organization_on_its_own_line_after_the_members_is_a_partner_to_check():
    cell = parse_participants("члены РО ВСМС\nИзбирком Смоленской области")
    assert cell.participants == [Participants(None, "члены РО ВСМС")]
    assert cell.partners == ["Избирком Смоленской области"]
    assert cell.uncertain == ["participants", "partners"]

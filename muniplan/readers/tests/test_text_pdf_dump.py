"""The Smolensk 2021 plan, copied out of a PDF as column soup, reads as the gold says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import SEEDS_DIR, load_gold, mismatches
from muniplan.readers.text.pdf_dump import read_pdf_dump

SEED = "smolensk_2021__pdf_dump.txt"


@pytest.fixture(scope="module")
def plan() -> dict:
    return read_pdf_dump(SEED, (SEEDS_DIR / SEED).read_text(encoding="utf-8")).to_json()


def activities(plan: dict) -> list[dict]:
    return [a for s in plan["sections"] for a in s["activities"]]


def test_the_smolensk_dump_matches_the_gold_field_by_field(plan):
    assert mismatches(plan, load_gold("smolensk_2021")) == []


def test_the_plan_has_six_sections_and_fourteen_activities(plan):
    assert len(plan["sections"]) == 6
    assert [a["number"] for a in activities(plan)] == [str(n) for n in range(1, 15)]


def test_the_first_activity_counts_both_groups_of_participants(plan):
    assert activities(plan)[0]["participants"] == [
        {"count": 5, "category": "Президиум РС ВСМС"},
        {"count": 62, "category": "члены РО ВСМС"},
    ]


def test_no_field_keeps_a_link_address_or_the_page_number(plan):
    for activity in activities(plan):
        for value in (activity["title"], activity["description"], activity["period"]["text"]):
            assert "http" not in value and value.strip() != "2"


def test_a_partner_told_only_by_its_position_is_flagged_for_review(plan):
    assert {"participants", "partners"} <= set(activities(plan)[3]["needs_review"])


def test_a_text_without_a_table_header_is_refused_in_russian():
    with pytest.raises(ReadError, match="x.txt"):
        read_pdf_dump("x.txt", "ПЛАН\n\n1 июнь\nЗаседание\n")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "№",
                    "п/п",
                    "ДАТА",
                    "НАЗВАНИЕ",
                    "УЧАСТНИКОВ",
                    "ОПИСАНИЕ",
                    "1",
                    "2 июнь",
                    "Заседания",
                    "члены РО ВСМС",
                    "62 человек",
                    " ",
                    "",
                    "http://x.ru/a",
                    "Обсуждение работы организации в 2020 году и основных направлений.",
                ]
            ),
            st.text(alphabet=" .№1234567890абвгдАБВ«»-", max_size=40),
        ),
        max_size=40,
    )
)
def test_any_text_gives_a_plan_or_a_read_error(lines):
    try:
        read_pdf_dump("fuzz.txt", "ПЛАН РАБОТЫ НА 2021 ГОД\n" + "\n".join(lines))
    except ReadError:
        pass

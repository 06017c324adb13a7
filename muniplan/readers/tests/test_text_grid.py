"""The Tula 2024 month grid, flattened to text, reads as the hand-written gold says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import SEEDS_DIR, load_gold, mismatches
from muniplan.readers.text.month_grid import read_grid_text

SEED = "tula_2024__month_grid_text.txt"


@pytest.fixture(scope="module")
def plan() -> dict:
    return read_grid_text(SEED, (SEEDS_DIR / SEED).read_text(encoding="utf-8")).to_json()


def activity(plan: dict, number: str) -> dict:
    everything = [a for s in plan["sections"] for a in s["activities"]]
    everything += [c for a in everything for c in a["children"]]
    return next(a for a in everything if a["number"] == number)


def test_the_tula_grid_matches_the_gold_field_by_field(plan):
    assert mismatches(plan, load_gold("tula_2024")) == []


def test_the_plan_has_eight_sections_and_twenty_six_activities_each_way(plan):
    activities = [a for s in plan["sections"] for a in s["activities"]]
    assert len(plan["sections"]) == 8
    assert len(activities) == 26
    assert sum(len(a["children"]) for a in activities) == 26


def test_section_titles_are_kept_as_written_with_their_roman_numerals(plan):
    titles = [s["title"] for s in plan["sections"]]
    assert titles[0] == "I Аналитическая деятельность"
    assert titles[-1] == "VIII Участие в региональных мероприятиях"


@pytest.mark.parametrize(
    ("number", "months"),
    [
        ("6.1", [6, 7, 8, 9]),
        ("7.1", list(range(1, 11))),
        ("8.1", list(range(1, 11))),
        ("7.2", [2, 3]),
        ("9.1", [2, 3, 4]),
        ("11.1", [4]),
        ("11.2", [8]),
        ("12", [12]),
        ("1", list(range(1, 13))),
        ("26.3", list(range(1, 13))),
    ],
)
def test_a_mark_position_tells_the_month(plan, number, months):
    assert activity(plan, number)["period"]["months"] == months


def test_a_grid_mark_leaves_the_period_text_empty(plan):
    assert activity(plan, "6.1")["period"]["text"] == ""


def test_words_in_the_whole_year_column_are_kept_as_the_period_text(plan):
    period = activity(plan, "15.2")["period"]
    assert period["text"] == "1 раз в год"
    assert period["frequency"] == {"per": "year", "min": 1}


def test_the_organization_is_named_in_the_nominative(plan):
    assert plan["organization"] == "Ассоциация «Совет муниципальных образований Тульской области»"
    assert plan["year"] == 2024


def test_a_title_followed_by_a_trailing_space_is_anchored_on_the_right():
    text = "План работы\nI Раздел\n1. Первое мероприятие               + \n"
    plan = read_grid_text("x.txt", text)
    assert plan.sections[0].activities[0].period.months == tuple(range(1, 13))


def test_a_grid_numbered_past_999_reads_item_1000_but_not_a_year_on_its_own_line():
    text = (
        "План работы на 2024 год\nI Раздел\n999. Девятьсот девяносто девятое "
        "            + \n1000. Тысячное мероприятие до\n2026 года             + \n"
    )
    activities = read_grid_text("x.txt", text).sections[0].activities
    assert [a.number for a in activities] == ["999", "1000"]
    assert activities[1].title == "Тысячное мероприятие до 2026 года"


def test_a_text_without_sections_is_refused_in_russian():
    with pytest.raises(ReadError, match="x.txt"):
        read_grid_text("x.txt", "просто текст\n")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "I Раздел",
                    "II Другой",
                    "1. Мероприятие",
                    "1.1 подпункт",
                    "2. Ещё",
                    "            + ",
                    "+ + +    ",
                    " + +  ",
                    "    1 раз в ",
                    "год ",
                    "",
                ]
            ),
            st.text(alphabet=" +.IVX1234567890абвгд«»:", max_size=30),
        ),
        max_size=30,
    )
)
def test_any_text_gives_a_plan_or_a_read_error(lines):
    try:
        read_grid_text("fuzz.txt", "План работы\nна 2024 год\n" + "\n".join(lines))
    except ReadError:
        pass

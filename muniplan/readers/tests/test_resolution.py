"""The 2020 TOS congress resolution reads as its hand-written gold says."""

from __future__ import annotations

import pytest

from muniplan.readers.draft import ReadError
from muniplan.readers.resolution import read_resolution_text
from muniplan.readers.tests.gold import SEEDS_DIR, load_gold, mismatches

SEED = "smolensk_tos_congress_2020__resolution.txt"


@pytest.fixture(scope="module")
def resolution() -> dict:
    return read_resolution_text(SEED, (SEEDS_DIR / SEED).read_text(encoding="utf-8")).to_json()


def test_the_resolution_matches_the_gold_field_by_field(resolution):
    assert mismatches(resolution, load_gold("smolensk_tos_congress_2020")) == []


def test_five_addressees_carry_six_eight_five_one_and_four_recommendations(resolution):
    counts = [len(a["recommendations"]) for a in resolution["addressees"]]
    assert counts == [6, 8, 5, 1, 4]


def test_an_addressee_name_wrapped_onto_two_lines_is_one_name(resolution):
    assert resolution["addressees"][0]["name"] == (
        "Органам государственной власти Смоленской области "
        "(Департаменту Смоленской области по внутренней политике)"
    )


def test_a_single_unnumbered_recommendation_is_number_one(resolution):
    assert resolution["addressees"][3]["recommendations"][0]["number"] == "1"


def test_date_place_and_participants_come_from_the_first_paragraph(resolution):
    assert resolution["date"] == "2020-09-08"
    assert resolution["place"] == "город Смоленск"
    assert (resolution["participants"], resolution["participants_count"]) == (
        "более 200 человек",
        200,
    )


def test_a_city_whose_nominative_is_uncertain_is_kept_as_written_with_a_warning():
    text = "Съезд\nРЕЗОЛЮЦИЯ\n1 марта 2021 года в городе Туле прошёл съезд.\n1. Органам:\n1) работать.\n"
    draft = read_resolution_text("r.txt", text)
    assert draft.place == "в городе Туле"
    assert draft.warnings


def test_a_text_without_addressees_is_refused_naming_the_file():
    with pytest.raises(ReadError, match="r.txt"):
        read_resolution_text("r.txt", "РЕЗОЛЮЦИЯ\nпросто текст\n")

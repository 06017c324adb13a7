"""parse_period on the period texts plans use, beyond the seed documents."""

from __future__ import annotations

import pytest

from muniplan.periods import conditions
from muniplan.periods.parser import parse_period
from muniplan.periods.schedule import Frequency

ALL_YEAR = list(range(1, 13))


def months_of(text: str, **kwargs) -> list[int]:
    return list(parse_period(text, **kwargs).months)


def test_it_reads_two_month_ranges_on_two_lines():
    schedule = parse_period("Январь-апрель\nСентябрь-декабрь")
    assert schedule.months == (1, 2, 3, 4, 9, 10, 11, 12)
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("июнь декабрь", [6, 12]),
        ("март июнь сентябрь декабрь", [3, 6, 9, 12]),
        ("июнь, декабрь", [6, 12]),
        ("март и сентябрь", [3, 9]),
        ("июнь \n\nдекабрь ", [6, 12]),
    ],
)
def test_it_reads_months_without_a_dash_as_separate_months(text, months):
    schedule = parse_period(text)
    assert list(schedule.months) == months
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("январь - март, май – сентябрь", [1, 2, 3, 5, 6, 7, 8, 9]),
        ("январь—март", [1, 2, 3]),
        ("январь ‒ март", [1, 2, 3]),
        ("Июнь-август", [6, 7, 8]),
        ("январь - декабрь", ALL_YEAR),
        ("май – \n\nсентябрь ", [5, 6, 7, 8, 9]),
        ("февраля-марта", [2, 3]),
        ("с марта по май", [3, 4, 5]),
        ("со второго", None),
        ("с января до апреля", [1, 2, 3, 4]),
        ("март-март", [3]),
    ],
)
def test_it_reads_month_ranges_with_any_dash_or_with_s_po(text, months):
    schedule = parse_period(text)
    if months is None:
        assert schedule.needs_review
    else:
        assert list(schedule.months) == months
        assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("январь", 1),
        ("января", 1),
        ("в январе", 1),
        ("январю", 1),
        ("январем", 1),
        ("янв.", 1),
        ("Февраль", 2),
        ("февр.", 2),
        ("фев", 2),
        ("марта", 3),
        ("в марте", 3),
        ("мар.", 3),
        ("апреля", 4),
        ("апр.", 4),
        ("май", 5),
        ("мая", 5),
        ("в мае", 5),
        ("июня", 6),
        ("июн.", 6),
        ("июле", 7),
        ("июл.", 7),
        ("августа", 8),
        ("авг.", 8),
        ("сентября", 9),
        ("сент.", 9),
        ("сен.", 9),
        ("октябре", 10),
        ("окт.", 10),
        ("ноября", 11),
        ("нояб.", 11),
        ("ноя", 11),
        ("ДЕКАБРЯ", 12),
        ("дек.", 12),
        ("в течение марта", 3),
    ],
)
def test_it_reads_month_words_in_every_case_and_abbreviated(text, month):
    schedule = parse_period(text)
    assert list(schedule.months) == [month]
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("2-3 квартал", [4, 5, 6, 7, 8, 9]),
        ("3-4 квартал ", [7, 8, 9, 10, 11, 12]),
        ("IV кв.", [10, 11, 12]),
        ("I квартал", [1, 2, 3]),
        ("1 квартал", [1, 2, 3]),
        ("1-й квартал", [1, 2, 3]),
        ("в 3 квартале", [7, 8, 9]),
        ("во втором квартале", [4, 5, 6]),
        ("III-IV кварталы", [7, 8, 9, 10, 11, 12]),
        ("I-II кв.", [1, 2, 3, 4, 5, 6]),
        ("1 и 3 кварталы", [1, 2, 3, 7, 8, 9]),
        ("4 квартал 2026 года", [10, 11, 12]),
        ("I полугодие", [1, 2, 3, 4, 5, 6]),
        ("II полугодие", [7, 8, 9, 10, 11, 12]),
        ("первое полугодие", [1, 2, 3, 4, 5, 6]),
        ("во II полугодии", [7, 8, 9, 10, 11, 12]),
        ("2-е полугодие", [7, 8, 9, 10, 11, 12]),
        ("І полугодие", [1, 2, 3, 4, 5, 6]),  # a Cyrillic «І» standing for the Roman one
    ],
)
def test_it_reads_quarters_and_half_years_in_roman_arabic_and_words(text, months):
    schedule = parse_period(text)
    assert list(schedule.months) == months
    assert not schedule.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "весь период",
        "в течение года",
        "в течение всего года",
        "весь год",
        "постоянно",
        "круглогодично",
        "на протяжении всего года",
        "в течение 2026 года",
    ],
)
def test_it_reads_whole_year_phrases_as_every_month(text):
    schedule = parse_period(text)
    assert list(schedule.months) == ALL_YEAR
    assert schedule.frequency is None
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("январь-декабрь (по мере необходимости и возможности)", "as_needed"),
        ("январь-декабрь (при необходимости)", "as_needed"),
        ("январь-декабрь (по запросу муниципалитетов)", "on_request"),
        ("январь-декабрь (по мере проведения заседаний)", "as_scheduled"),
        ("январь-декабрь (при проведении указанных мероприятий)", "as_scheduled"),
        ("январь-декабрь (согласно графику)", "as_scheduled"),
        ("январь-декабрь (в соответствии со сроками исполнения рекомендаций)", "per_deadlines"),
        ("январь-декабрь (в установленные сроки)", "per_deadlines"),
        ("январь-декабрь (по мере поступления документов)", "as_received"),
        ("январь-декабрь (по согласованию с Администрацией)", "by_agreement"),
        ("январь-декабрь (по поручению Президиума)", "on_instruction"),
    ],
)
def test_it_reads_a_condition_in_parentheses_next_to_the_months(text, condition):
    schedule = parse_period(text)
    assert list(schedule.months) == ALL_YEAR
    assert schedule.condition == condition
    assert schedule.frequency is None
    assert not schedule.needs_review


@pytest.mark.parametrize(
    "text", ["По отдельному плану", "По отдельному плану.", "согласно отдельному графику"]
)
def test_it_reads_a_separate_plan_as_a_condition_without_months(text):
    schedule = parse_period(text)
    assert schedule.condition == "separate_plan"
    assert schedule.months == ()
    assert not schedule.needs_review


@pytest.mark.parametrize("text", ["по запросу", "по мере необходимости"])
def test_it_reads_a_condition_alone_without_months_or_review(text):
    schedule = parse_period(text)
    assert schedule.months == ()
    assert schedule.condition is not None
    assert not schedule.needs_review


def test_it_reads_a_condition_with_a_minimum_frequency():
    schedule = parse_period(
        "январь-декабрь (при возникновении необходимости, но не реже 1 раза в квартал)"
    )
    assert list(schedule.months) == ALL_YEAR
    assert schedule.frequency == Frequency("quarter", 1)
    assert schedule.condition == "as_needed"
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months", "per", "minimum"),
    [
        ("январь-декабрь (не менее одного материала в месяц)", ALL_YEAR, "month", 1),
        ("1 раз в год", [], "year", 1),
        ("ежегодно", [], "year", 1),
        ("не реже 2 раз в год", [], "year", 2),
        ("дважды в год", [], "year", 2),
        ("не реже двух раз в год", [], "year", 2),
        ("ежемесячно", ALL_YEAR, "month", 1),
        ("каждый месяц", ALL_YEAR, "month", 1),
        ("раз в месяц", ALL_YEAR, "month", 1),
        ("ежеквартально", ALL_YEAR, "quarter", 1),
        ("еженедельно", ALL_YEAR, "week", 1),
        ("не реже 1 раза в полугодие", ALL_YEAR, "half_year", 1),
        ("раз в полгода", ALL_YEAR, "half_year", 1),
        ("ежемесячно с марта по май", [3, 4, 5], "month", 1),
        ("ежегодно в марте", [3], "year", 1),
        ("2 раза в год (март, сентябрь)", [3, 9], "year", 2),
    ],
)
def test_it_reads_frequencies_and_fills_months_only_for_units_shorter_than_a_year(
    text, months, per, minimum
):
    schedule = parse_period(text)
    assert list(schedule.months) == months
    assert schedule.frequency == Frequency(per, minimum)
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months", "dates"),
    [
        ("21 апреля", [4], ["--04-21"]),
        ("21.04.2026", [4], ["2026-04-21"]),
        ("21.04.26", [4], ["2026-04-21"]),
        ("21 апреля 2026 года", [4], ["2026-04-21"]),
        ("1-го марта", [3], ["--03-01"]),
        ("29 февраля", [2], ["--02-29"]),
        ("21-22 апреля", [4], ["--04-21", "--04-22"]),
        ("с 1 марта по 15 мая 2026 г.", [3, 4, 5], ["2026-03-01", "2026-05-15"]),
        ("10 марта, 5 мая", [3, 5], ["--03-10", "--05-05"]),
    ],
)
def test_it_reads_dates_keeping_the_year_only_when_the_text_gives_one(text, months, dates):
    schedule = parse_period(text)
    assert list(schedule.months) == months
    assert list(schedule.dates) == dates
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("до 15 декабря", ["--12-15"]),
        ("не позднее 1 июля", ["--07-01"]),
        ("к 1 марта 2026 г.", ["2026-03-01"]),
    ],
)
def test_it_reads_a_deadline_as_its_date_and_month_and_marks_it(text, dates):
    schedule = parse_period(text)
    assert list(schedule.dates) == dates
    assert len(schedule.months) == 1
    assert schedule.extra["deadline"] is True
    assert not schedule.needs_review


def test_it_keeps_dates_without_a_year_as_month_day_pairs_even_with_a_plan_year():
    schedule = parse_period("до 15 декабря", year=2026)
    assert schedule.dates == ("--12-15",)
    assert not schedule.needs_review


def test_it_accepts_the_plan_year_when_the_text_names_it():
    schedule = parse_period("4 квартал 2026 года", year=2026)
    assert schedule.extra["year"] == 2026
    assert not schedule.needs_review


@pytest.mark.parametrize(
    ("text", "months", "doubt"),
    [
        ("ноябрь-февраль", [1, 2, 11, 12], "wraps_year_end"),
        ("IV-I кварталы", [1, 2, 3, 10, 11, 12], "wraps_year_end"),
        ("абракадабра", [], "unread"),
        ("март или что-нибудь", [3], "unread"),
        ("с марта", [3], "unread"),
        ("до марта", [3], "deadline_month"),
        ("31 февраля", [2], "invalid_date"),
        ("32.13.2026", [], "invalid_date"),
        ("не чаще 2 раз в год", [], "max_frequency"),
        ("0 раз в месяц", [], "zero_frequency"),
        ("не менее 1 новости в неделю и 1 статьи в месяц", ALL_YEAR, "several_frequencies"),
        ("по запросу, по мере необходимости", [], "several_conditions"),
        ("март 2025 - май 2026", [3, 4, 5], "several_years"),
        ("-", [], "nothing_read"),
        ("полугодие", [], "unread"),
    ],
)
def test_it_flags_what_it_cannot_read_surely_and_keeps_only_the_months_it_is_sure_of(
    text, months, doubt
):
    schedule = parse_period(text)
    assert list(schedule.months) == months
    assert schedule.needs_review
    assert doubt in schedule.extra["doubts"]
    assert schedule.text == text


def test_it_names_the_words_it_could_not_read():
    assert parse_period("март, по звонку").extra["unread"] == "по звонку"


def test_it_flags_a_year_other_than_the_plan_year():
    schedule = parse_period("4 квартал 2025 года", year=2026)
    assert list(schedule.months) == [10, 11, 12]
    assert schedule.needs_review
    assert "other_year" in schedule.extra["doubts"]


def test_it_keeps_the_upper_bound_of_a_frequency_aside():
    schedule = parse_period("не чаще 2 раз в год")
    assert schedule.frequency is None
    assert schedule.extra["max_frequency"] == {"per": "year", "max": 2}


def test_it_marks_a_daily_activity_as_the_whole_year():
    schedule = parse_period("ежедневно")
    assert list(schedule.months) == ALL_YEAR
    assert schedule.extra["daily"] is True
    assert not schedule.needs_review


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_it_reads_an_empty_text_as_an_empty_schedule_without_review(text):
    schedule = parse_period(text)
    assert schedule.to_json() == {
        "text": text,
        "months": [],
        "frequency": None,
        "condition": None,
        "dates": [],
        "needs_review": False,
    }


def test_it_keeps_the_original_text_exactly():
    text = "  Январь–Апрель\r\n(ПО ЗАПРОСУ)  "
    assert parse_period(text).text == text


def test_it_gives_the_interface_json_for_the_documented_example():
    schedule = parse_period("январь-декабрь (не реже 1 раза в квартал)")
    assert schedule.to_json() == {
        "text": "январь-декабрь (не реже 1 раза в квартал)",
        "months": ALL_YEAR,
        "frequency": {"per": "quarter", "min": 1},
        "condition": None,
        "dates": [],
        "needs_review": False,
    }


def test_every_condition_code_is_documented_in_the_conditions_module():
    for code in conditions.CONDITION_CODES:
        assert f"``{code}``" in conditions.__doc__

"""Period texts of real plans beyond the seeds: frequencies per two months, numeric and
abbreviated ranges, Roman numerals as typed, and recurring deadlines read as deadlines."""

from __future__ import annotations

import pytest

from muniplan.periods.parser import parse_period

ALL = list(range(1, 13))


@pytest.mark.parametrize(
    ("text", "months", "frequency"),
    [
        ("раз в два месяца", ALL, {"per": "two_months", "min": 1}),
        ("не реже одного раза в два месяца", ALL, {"per": "two_months", "min": 1}),
        ("1 раз в 2 месяца", ALL, {"per": "two_months", "min": 1}),
        ("не реже 1 раза в месяц", ALL, {"per": "month", "min": 1}),
    ],
)
def test_it_reads_frequencies_including_one_per_two_months(text, months, frequency):
    schedule = parse_period(text, year=2026).to_json()
    assert (schedule["months"], schedule["frequency"], schedule["needs_review"]) == (
        months,
        frequency,
        False,
    )


@pytest.mark.parametrize(
    ("text", "months", "dates"),
    [
        ("01.02–31.03", [2, 3], ["--02-01", "--03-31"]),
        ("01.02.2026 – 31.03.2026", [2, 3], ["2026-02-01", "2026-03-31"]),
        ("с 15.04 по 20.05", [4, 5], ["--04-15", "--05-20"]),
        ("янв.–март", [1, 2, 3], []),
        ("сент.-дек.", [9, 10, 11, 12], []),
    ],
)
def test_it_reads_numeric_and_abbreviated_ranges(text, months, dates):
    schedule = parse_period(text, year=2026)
    assert (list(schedule.months), list(schedule.dates), schedule.needs_review) == (
        months,
        dates,
        False,
    )


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("II квартал", [4, 5, 6]),
        ("IІ квартал", [4, 5, 6]),  # Latin I, Cyrillic І
        ("Ⅱ квартал", [4, 5, 6]),
        ("ⅳ кв.", [10, 11, 12]),
        ("I-II кв.", [1, 2, 3, 4, 5, 6]),
    ],
)
def test_roman_numerals_read_whatever_letters_they_are_typed_with(text, months):
    assert list(parse_period(text, year=2026).months) == months


def test_a_deadline_after_each_reporting_quarter_is_a_quarterly_deadline():
    schedule = parse_period("до 15 числа месяца, следующего за отчётным кварталом", year=2026)
    assert list(schedule.months) == [1, 4, 7, 10] and schedule.frequency.per == "quarter"
    assert schedule.extra["deadline"] is True
    assert schedule.extra["recurring_deadline"] == {"day": 15, "after": "quarter"}
    assert not schedule.needs_review


def test_a_deadline_after_each_reporting_month_is_a_monthly_deadline():
    schedule = parse_period("не позднее 5 числа месяца, следующего за отчетным", year=2026)
    assert schedule.extra["recurring_deadline"] == {"day": 5, "after": "month"}
    assert schedule.frequency.per == "month" and not schedule.needs_review


def test_a_yearly_deadline_keeps_its_day_and_frequency():
    schedule = parse_period("ежегодно до 1 марта", year=2026)
    assert (list(schedule.dates), schedule.frequency.per, schedule.extra["deadline"]) == (
        ["--03-01"],
        "year",
        True,
    )
    assert not schedule.needs_review


def test_a_deadline_counted_from_an_event_keeps_the_days_and_the_event():
    schedule = parse_period("в течение 10 дней после заседания правления", year=2026)
    assert schedule.extra["within_days"] == 10 and schedule.extra["after"] == "заседания правления"
    assert schedule.extra["deadline"] is True and not schedule.needs_review


def test_a_dotted_item_number_is_not_a_date():
    assert parse_period("1.2.3", year=2026).dates == ()

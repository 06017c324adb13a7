"""Properties that hold for any text: parse_period never raises and never loses the text."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from muniplan.periods.parser import parse_period
from muniplan.periods.schedule import FREQUENCY_UNITS

# Words and marks period texts are made of, so generated texts reach deep into the rules.
VOCABULARY = [
    "январь",
    "февраля",
    "марте",
    "апр.",
    "мая",
    "июнь",
    "июле",
    "августа",
    "сент.",
    "октябрь",
    "ноября",
    "декабрь",
    "I",
    "II",
    "III",
    "IV",
    "1",
    "2",
    "3",
    "4",
    "15",
    "31",
    "2026",
    "года",
    "г.",
    "квартал",
    "кв.",
    "полугодие",
    "первое",
    "второго",
    "с",
    "по",
    "до",
    "в",
    "и",
    "не",
    "реже",
    "чаще",
    "раз",
    "раза",
    "одного",
    "неделю",
    "месяц",
    "год",
    "ежемесячно",
    "ежегодно",
    "весь",
    "период",
    "течение",
    "запросу",
    "мере",
    "необходимости",
    "отдельному",
    "плану",
    "-",
    "–",
    ",",
    "(",
    ")",
    "\n",
    ".",
    "21.04.2026",
]
period_like = st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join)
any_text = st.text(max_size=200)
DATE = re.compile(r"(?:[0-9]{4}|-)-[0-9]{2}-[0-9]{2}")


def check_reading(text: str, year: int | None = None) -> None:
    schedule = parse_period(text, year=year)
    assert schedule.text == text
    assert list(schedule.months) == sorted(set(schedule.months))
    assert all(1 <= month <= 12 for month in schedule.months)
    assert all(DATE.fullmatch(date) for date in schedule.dates)
    if schedule.frequency:
        assert schedule.frequency.per in FREQUENCY_UNITS and schedule.frequency.min >= 1
    if not text.strip():
        assert not schedule.needs_review
    json.dumps(schedule.to_json(), ensure_ascii=False)
    json.dumps(schedule.extra, ensure_ascii=False)


@given(any_text)
@settings(max_examples=300)
def test_it_never_raises_and_keeps_any_text_with_sorted_unique_months(text):
    check_reading(text)


@given(period_like, st.one_of(st.none(), st.integers(2000, 2100)))
@settings(max_examples=500)
def test_it_never_raises_on_period_like_word_salad(text, year):
    check_reading(text, year)


@given(period_like)
@settings(max_examples=300)
def test_a_reading_without_review_has_nothing_unread(text):
    schedule = parse_period(text)
    if not schedule.needs_review:
        assert "unread" not in schedule.extra


@given(period_like)
@settings(max_examples=200)
def test_letter_case_does_not_change_the_reading(text):
    lower, upper = parse_period(text.lower()), parse_period(text.upper())
    assert (lower.months, lower.frequency, lower.condition, lower.dates, lower.needs_review) == (
        upper.months,
        upper.frequency,
        upper.condition,
        upper.dates,
        upper.needs_review,
    )

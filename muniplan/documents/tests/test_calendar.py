"""Occurrences of an activity in a calendar file."""

from __future__ import annotations

import datetime as dt

from muniplan.documents.renderers.calendar import occurrences
from muniplan.periods.schedule import months_to_mask
from muniplan.plans.models import Activity


def _activity(months=(), per="", dates=()):
    return Activity(pk=1, months_mask=months_to_mask(months), frequency_per=per, dates=list(dates))


def test_two_runs_of_months_are_two_month_long_events():
    got = occurrences(_activity([1, 2, 3, 4, 9, 10, 11, 12]), 2026)
    assert [(s, e) for s, e, _ in got] == [
        (dt.date(2026, 1, 1), dt.date(2026, 5, 1)),
        (dt.date(2026, 9, 1), dt.date(2027, 1, 1)),
    ]


def test_a_quarterly_activity_is_one_event_with_a_recurrence_rule():
    [(start, end, rule)] = occurrences(_activity(range(1, 13), per="quarter"), 2026)
    assert (start, end) == (dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert b"FREQ=MONTHLY" in rule.to_ical() and (rule["INTERVAL"], rule["COUNT"]) == (3, 4)


def test_exact_dates_are_one_day_events_and_a_date_without_a_year_takes_the_plans():
    got = occurrences(_activity([4], dates=["2026-04-21", "--05-09"]), 2026)
    assert [(s, e) for s, e, _ in got] == [
        (dt.date(2026, 4, 21), dt.date(2026, 4, 22)),
        (dt.date(2026, 5, 9), dt.date(2026, 5, 10)),
    ]


def test_an_activity_without_months_has_no_events():
    assert occurrences(_activity(), 2026) == []

"""iCalendar: one event per occurrence of an activity, each linking back to the activity.

Exact dates are one-day events; a monthly or quarterly activity is one event with a
recurrence rule over its months; any other period is a run of whole months, one all-day event
per run of consecutive months («Январь-апрель, сентябрь-декабрь» gives two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, vRecur

from muniplan.plans.models import Activity

_INTERVAL = {"month": 1, "quarter": 3}


def render_ics(
    *, name: str, activities: Iterable[Activity], year: int, url_of, stamp: dt.datetime
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//MuniPlan//ru")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for activity in activities:
        for index, (start, end, rule) in enumerate(occurrences(activity, year)):
            calendar.add_component(
                _event(activity, index, start, end, rule, url_of(activity), stamp)
            )
    return calendar.to_ical()


def _event(
    activity: Activity, index: int, start: dt.date, end: dt.date, rule, url: str, stamp
) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.pk}-{index}@muniplan")
    event.add("dtstamp", stamp)
    event.add("summary", " ".join(filter(None, [activity.number, activity.title]))[:500])
    event.add("dtstart", start)
    event.add("dtend", end)
    if rule:
        event.add("rrule", rule)
    event.add("url", url)
    # The period and the link only: the full text is one click away, and folding long lines is
    # most of the library's time on a large plan.
    event.add("description", "\n".join(filter(None, [activity.period_text, url])))
    if activity.location:
        event.add("location", activity.location)
    return event


def occurrences(activity: Activity, year: int) -> list[tuple[dt.date, dt.date, vRecur | None]]:
    """(first day, day after the last, recurrence rule or None) of every occurrence."""
    dates = [d for d in (_date(text, year) for text in activity.dates or []) if d]
    if dates:
        return [(d, d + dt.timedelta(days=1), None) for d in sorted(set(dates))]
    months = activity.months
    if not months:
        return []
    interval = _INTERVAL.get(activity.frequency_per)
    if interval and len(months) > 1:
        first, last = months[0], months[-1]
        count = (last - first) // interval + 1
        rule = vRecur({"freq": "monthly", "interval": interval, "count": count})
        return [(dt.date(year, first, 1), _month_end(year, first), rule)]
    return [
        (dt.date(year, first, 1), _month_end(year, last)) + (None,) for first, last in _runs(months)
    ]


def _date(text: str, year: int) -> dt.date | None:
    try:
        if text.startswith("--"):
            return dt.date(year, int(text[2:4]), int(text[5:7]))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    """The day after the month: an all-day event's end is exclusive."""
    return dt.date(year + month // 12, month % 12 + 1, 1)


def _runs(months: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for month in months:
        if runs and runs[-1][1] == month - 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs

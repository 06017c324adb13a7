"""iCalendar: the one writer of calendar files (plan exports and the control feeds), and the
events of a plan — one per occurrence of an activity, each linking back to the activity.

Exact dates are one-day events; a monthly or quarterly activity is one event with a
recurrence rule over its months; any other period is a run of whole months, one all-day event
per run of consecutive months («Январь-апрель, сентябрь-декабрь» gives two).

The text is written line by line (RFC 5545: TEXT escaping, lines folded at 75 octets between
UTF-8 characters) rather than through the `icalendar` object model, which was nine tenths of
the time of a 2,000-activity plan's calendar; the tests read every file back with `icalendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from muniplan.plans.models import Activity

_INTERVAL = {"month": 1, "quarter": 3}
_LINE_OCTETS = 75
# TEXT values escape these; other control characters (e.g. a vertical tab pasted from Word)
# are not allowed in TEXT at all and are dropped.
_ESCAPES = {
    ord("\\"): "\\\\",
    ord(";"): "\\;",
    ord(","): "\\,",
    ord("\n"): "\\n",
    **{code: None for code in (*range(0x20), 0x7F) if code not in (0x09, 0x0A)},
}


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: `end` is the day after the last, as iCalendar counts it."""

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    url: str
    description: str = ""
    location: str = ""
    rule: str = ""  # an RRULE value, e.g. "FREQ=MONTHLY;INTERVAL=3;COUNT=4"


def write_calendar(
    *, name: str, prodid: str, events: Iterable[CalendarEvent], stamp: dt.datetime
) -> bytes:
    """The calendar file of these events; `stamp` is every event's DTSTAMP."""
    when = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(prodid)}",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, when)
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line.encode()) + b"\r\n" for line in lines)


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{_text(event.summary)}",
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.end:%Y%m%d}",
    ]
    if event.rule:
        lines.append(f"RRULE:{event.rule}")
    lines.append(f"URL:{event.url}")
    if event.description:
        lines.append(f"DESCRIPTION:{_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    lines.append("END:VEVENT")
    return lines


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def _fold(line: bytes) -> bytes:
    """Lines of at most 75 octets, the continuation ones starting with a space; a cut never
    falls inside a UTF-8 character (a continuation byte is 0b10xxxxxx)."""
    if len(line) <= _LINE_OCTETS:
        return line
    parts, start, limit = [], 0, _LINE_OCTETS
    while len(line) - start > limit:
        cut = start + limit
        while line[cut] & 0xC0 == 0x80:
            cut -= 1
        parts.append(line[start:cut])
        start, limit = cut, _LINE_OCTETS - 1
    parts.append(line[start:])
    return b"\r\n ".join(parts)


# --- a plan's events -----------------------------------------------------------------------------


def render_ics(
    *, name: str, activities: Iterable[Activity], year: int, url_of, stamp: dt.datetime
) -> bytes:
    events = (
        _event(activity, index, start, end, rule, url_of(activity))
        for activity in activities
        for index, (start, end, rule) in enumerate(occurrences(activity, year))
    )
    return write_calendar(name=name, prodid="-//MuniPlan//ru", events=events, stamp=stamp)


def _event(
    activity: Activity, index: int, start: dt.date, end: dt.date, rule: str, url: str
) -> CalendarEvent:
    return CalendarEvent(
        uid=f"activity-{activity.pk}-{index}@muniplan",
        summary=" ".join(filter(None, [activity.number, activity.title]))[:500],
        start=start,
        end=end,
        rule=rule,
        url=url,
        # the period and the link: the full text is one click away
        description="\n".join(filter(None, [activity.period_text, url])),
        location=activity.location,
    )


def occurrences(activity: Activity, year: int) -> list[tuple[dt.date, dt.date, str]]:
    """(first day, day after the last, recurrence rule or "") of every occurrence."""
    dates = [d for d in (_date(text, year) for text in activity.dates or []) if d]
    if dates:
        return [(d, d + dt.timedelta(days=1), "") for d in sorted(set(dates))]
    months = activity.months
    if not months:
        return []
    interval = _INTERVAL.get(activity.frequency_per)
    if interval and len(months) > 1:
        first, last = months[0], months[-1]
        count = (last - first) // interval + 1
        rule = f"FREQ=MONTHLY;INTERVAL={interval};COUNT={count}"
        return [(dt.date(year, first, 1), _month_end(year, first), rule)]
    return [(dt.date(year, first, 1), _month_end(year, last), "") for first, last in _runs(months)]


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

"""Occurrences of an activity in a calendar file, and the file as `icalendar` reads it back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from muniplan.documents.export import export_plan
from muniplan.documents.renderers.calendar import CalendarEvent, occurrences, write_calendar
from muniplan.execution.services import status_override
from muniplan.periods.schedule import months_to_mask
from muniplan.plans.models import Activity, Plan


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
    assert rule == "FREQ=MONTHLY;INTERVAL=3;COUNT=4"


def test_exact_dates_are_one_day_events_and_a_date_without_a_year_takes_the_plans():
    got = occurrences(_activity([4], dates=["2026-04-21", "--05-09"]), 2026)
    assert [(s, e) for s, e, _ in got] == [
        (dt.date(2026, 4, 21), dt.date(2026, 4, 22)),
        (dt.date(2026, 5, 9), dt.date(2026, 5, 10)),
    ]


def test_an_activity_without_months_has_no_events():
    assert occurrences(_activity(), 2026) == []


# Long Cyrillic text with every character TEXT escapes, and a control character Word leaves behind
AWKWARD = (
    "Семинар-совещание «Муниципальная служба; кадры, полномочия\\обязанности» "
    "для глав сельских поселений Тюменского, Ярковского и Уватского районов;\n"
    "вторая строка: C:\\Документы\\план.docx, третья\r\nстрока — ёЁ ъЪ\x0bконец " * 3
)
STAMP = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _written(**event) -> bytes:
    defaults = {
        "uid": "activity-7-0@muniplan",
        "summary": "Семинар",
        "start": dt.date(2026, 4, 1),
        "end": dt.date(2026, 5, 1),
        "url": "https://plan.example.ru/activities/7/",
    }
    return write_calendar(
        name="Совет МО, Тюмень; план\\2026",
        prodid="-//MuniPlan//ru",
        events=[CalendarEvent(**{**defaults, **event})],
        stamp=STAMP,
    )


def test_awkward_text_reads_back_the_same_with_newlines_as_written():
    place = "г. Тюмень, ул. Республики, 24; зал № 2\\Б"
    data = _written(summary=AWKWARD, description=AWKWARD, location=place)
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    expected = AWKWARD.replace("\r\n", "\n").replace("\x0b", "")
    assert str(event["summary"]) == expected
    assert str(event["description"]) == expected
    assert str(event["location"]) == place
    # icalendar leaves X- properties unread; RFC 5545 makes their value TEXT, escaped alike
    assert calendar["x-wr-calname"].to_ical() == "Совет МО\\, Тюмень\\; план\\\\2026".encode()


def test_lines_are_folded_at_75_octets_between_utf8_characters():
    data = _written(summary=AWKWARD, description="ж" * 200)
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode()  # a cut inside a two-byte letter would not decode
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) > 10 and all(len(line) <= 75 for line in folded)


def test_an_event_keeps_its_dates_rule_url_and_stamp():
    data = _written(rule="FREQ=MONTHLY;INTERVAL=3;COUNT=4")
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
    )
    assert dict(event["rrule"]) == {"FREQ": ["MONTHLY"], "INTERVAL": [3], "COUNT": [4]}
    assert str(event["url"]) == "https://plan.example.ru/activities/7/"
    assert event.decoded("dtstamp") == STAMP and str(event["uid"]) == "activity-7-0@muniplan"


@pytest.mark.django_db
def test_a_plans_calendar_takes_the_same_few_queries_whatever_its_size(seed_plan):
    small, large = seed_plan("smolensk_2021__pdf_dump.txt"), seed_plan("tyumen_2026__tab_text.txt")
    assert small.activities.count() < large.activities.count()
    counts = []
    for plan in (small, large):
        plan = Plan.objects.select_related("organization").get(pk=plan.pk)
        with CaptureQueriesContext(connection) as queries:
            Calendar.from_ical(export_plan(plan, "ics").data)
        counts.append(len(queries))
    assert (
        counts[0] == counts[1] <= 3
    )  # the plan's activities, its organization, the status decisions


@pytest.mark.django_db
def test_the_calendar_follows_what_people_decided_moved_and_cancelled(seed_plan, admin_user):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    moved, cancelled = plan.activities.get(number="20"), plan.activities.get(number="2")
    status_override(
        activity=moved,
        by=admin_user,
        new="moved",
        moved_to_month=12,
        reason="Перенесено",
        old="planned",
    )
    status_override(
        activity=cancelled, by=admin_user, new="cancelled", reason="Отменено", old="planned"
    )
    events = Calendar.from_ical(export_plan(plan, "ics").data).walk("VEVENT")
    urls = {str(e["url"]).rstrip("/").rsplit("/", 1)[1]: e for e in events}
    assert str(cancelled.pk) not in urls
    assert urls[str(moved.pk)].decoded("dtstart") == dt.date(2026, 12, 1)
    assert [e for e in events if str(e["url"]).endswith(f"/{moved.pk}/")] == [urls[str(moved.pk)]]

"""Status as of a date, from the schedule and the reports (no database: `activity_status` is pure)."""

from __future__ import annotations

from datetime import date

import pytest

from muniplan.execution.models import Status, StatusOverride
from muniplan.execution.status import ActivityStatus, _heading_status, activity_status
from muniplan.periods.parser import parse_period
from muniplan.plans.models import Activity


def _activity(period_text: str) -> Activity:
    schedule = parse_period(period_text, year=2026)
    return Activity(
        pk=1,
        plan_id=1,
        period_text=period_text,
        months_mask=schedule.months_mask,
        frequency_per=schedule.frequency.per if schedule.frequency else "",
        frequency_min=schedule.frequency.min if schedule.frequency else None,
        condition=schedule.condition or "",
        dates=list(schedule.dates),
    )


def _status(period_text: str, as_of: date, reports=(), override=None):
    return activity_status(
        _activity(period_text),
        year=2026,
        reports=[d if isinstance(d, tuple) else (d, None) for d in reports],
        override=override,
        as_of=as_of,
    )


def test_tyumen_1_without_a_report_is_overdue_once_april_is_over():
    text = "Январь-апрель\nСентябрь-декабрь"
    assert _status(text, date(2026, 3, 15)).code == Status.IN_PROGRESS
    late = _status(text, date(2026, 5, 4))
    assert late.code == Status.OVERDUE
    assert late.label == "просрочено"
    assert [p.label for p in late.missing_periods] == ["январь–апрель"]
    assert late.due == date(2026, 12, 31)  # the September-December window is still ahead
    assert [late.mark(m) for m in (1, 4, 5, 9)] == ["overdue", "overdue", None, "planned"]


def test_a_report_in_the_window_covers_it_and_the_second_window_is_next():
    status = _status(
        "Январь-апрель\nСентябрь-декабрь", date(2026, 5, 4), reports=[date(2026, 2, 10)]
    )
    assert status.code == Status.IN_PROGRESS
    assert status.missing_periods == ()
    assert status.mark(2) == "done"
    assert status.due == date(2026, 12, 31)


def test_a_late_report_still_counts_for_the_window_it_is_late_for():
    status = _status(
        "Январь-апрель\nСентябрь-декабрь", date(2026, 6, 1), reports=[date(2026, 5, 20)]
    )
    assert status.code == Status.IN_PROGRESS
    assert [p.covered for p in status.periods] == [True, False]


def test_both_windows_reported_make_it_done():
    status = _status(
        "Январь-апрель\nСентябрь-декабрь",
        date(2026, 10, 1),
        reports=[date(2026, 3, 1), date(2026, 9, 20)],
    )
    assert status.code == Status.DONE
    assert status.due is None


def test_nothing_due_yet_is_planned():
    status = _status("Июнь-сентябрь", date(2026, 2, 1))
    assert status.code == Status.PLANNED
    assert status.due == date(2026, 9, 30)


def test_months_passed_inside_an_open_window_are_missing_so_far():
    status = _status("Январь-апрель", date(2026, 3, 15))
    assert [status.mark(m) for m in (1, 2, 3, 4)] == ["missing", "missing", "planned", "planned"]


@pytest.mark.parametrize(
    "text",
    [
        "январь-декабрь (по мере необходимости и возможности)",
        "январь-декабрь (по запросу муниципалитетов)",
        "январь-декабрь (по мере проведения заседаний)",
    ],
)
def test_an_activity_under_a_condition_is_never_overdue_by_the_calendar(text):
    status = _status(text, date(2027, 2, 1))
    assert status.code == Status.PLANNED
    assert status.missing_periods == ()
    assert set(status.marks) == {"planned"}


def test_a_minimum_frequency_binds_even_under_a_condition():
    text = "январь-декабрь\n(при возникновении необходимости, но не реже 1 раза в квартал)"
    status = _status(text, date(2026, 7, 10), reports=[date(2026, 2, 1)])
    assert status.code == Status.OVERDUE
    assert [p.label for p in status.periods] == [
        "I квартал",
        "II квартал",
        "III квартал",
        "IV квартал",
    ]
    assert [p.label for p in status.missing_periods] == ["II квартал"]
    assert status.periodic


def test_monthly_activity_shows_which_months_have_a_report():
    status = _status("ежемесячно", date(2026, 4, 10), reports=[date(2026, 1, 5), date(2026, 3, 30)])
    assert [p.label for p in status.missing_periods] == ["февраль"]
    assert [status.mark(m) for m in (1, 2, 3, 4, 5)] == [
        "done",
        "overdue",
        "done",
        "planned",
        "planned",
    ]
    assert status.due == date(2026, 4, 30)


def test_a_report_over_a_period_counts_for_every_month_it_spans():
    activity = _activity("ежемесячно")
    status = activity_status(
        activity,
        year=2026,
        reports=[(date(2026, 1, 10), date(2026, 3, 10))],
        override=None,
        as_of=date(2026, 4, 1),
    )
    assert status.missing_periods == ()


def test_a_date_is_due_on_that_day():
    status = _status("21 апреля", date(2026, 4, 22))
    assert status.code == Status.OVERDUE
    assert status.due == date(2026, 4, 21)


def test_a_year_long_activity_is_due_at_the_year_end():
    status = _status("", date(2026, 5, 1))
    assert status.code == Status.IN_PROGRESS
    assert status.due == date(2026, 12, 31)


def test_a_cancelled_activity_is_neither_due_nor_overdue():
    override = StatusOverride(new=Status.CANCELLED, old=Status.OVERDUE, reason="Форум отменён")
    status = _status("Январь-апрель", date(2026, 6, 1), override=override)
    assert (status.code, status.label, status.due) == ("cancelled", "отменено", None)


def test_moved_to_a_month_is_due_in_that_month_and_overdue_after_it():
    override = StatusOverride(
        new=Status.MOVED, old=Status.OVERDUE, moved_to_month=6, reason="Перенос"
    )
    before = _status("Январь-апрель", date(2026, 5, 10), override=override)
    assert (before.code, before.label, before.due) == (
        "moved",
        "перенесено на июнь",
        date(2026, 6, 30),
    )
    assert _status("Январь-апрель", date(2026, 7, 1), override=override).code == Status.OVERDUE
    assert (
        _status(
            "Январь-апрель", date(2026, 7, 1), override=override, reports=[date(2026, 6, 5)]
        ).code
        == Status.DONE
    )


def test_moved_to_next_year():
    override = StatusOverride(new=Status.MOVED, old=Status.OVERDUE, reason="Нет финансирования")
    status = _status("Январь-апрель", date(2026, 6, 1), override=override)
    assert (status.code, status.label, status.due) == ("moved", "перенесено на следующий год", None)


def test_year_round_work_is_in_progress_after_its_first_report_and_done_with_the_year():
    status = _status("январь - декабрь", date(2026, 5, 4), reports=[date(2026, 1, 20)])
    assert status.code == Status.IN_PROGRESS
    # each month behind is marked by whether a report falls in it: January's does not cover April
    assert [status.mark(m) for m in (1, 2, 4, 5, 6)] == [
        "done",
        "missing",
        "missing",
        "planned",
        "planned",
    ]
    over_months = _status(
        "январь - декабрь", date(2026, 5, 4), reports=[(date(2026, 1, 20), date(2026, 3, 31))]
    )
    assert [over_months.mark(m) for m in (1, 3, 4)] == ["done", "done", "missing"]
    assert (
        _status("январь - декабрь", date(2027, 1, 1), reports=[date(2026, 1, 20)]).code
        == Status.DONE
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["done", "overdue", "planned"], "overdue"),
        (["done", "cancelled"], "done"),
        (["done", "moved"], "in_progress"),
        (["planned", "in_progress"], "in_progress"),
        (["planned", "cancelled"], "planned"),
    ],
)
def test_a_heading_takes_the_state_of_its_sub_items(parts, expected):
    statuses = [ActivityStatus(code, Status(code).label, None) for code in parts]
    heading = _heading_status(statuses)
    assert (heading.code, heading.heading, heading.tally_code) == (expected, True, None)

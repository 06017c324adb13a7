"""`statuses_for` over a plan from the database: a fixed number of queries whatever the reports."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from muniplan.execution.models import Status
from muniplan.execution.services import status_override
from muniplan.execution.status import statuses_for

from .conftest import add_report

MAY = dt.date(2026, 5, 4)


def test_statuses_of_a_plan_as_of_a_day_in_may(plan, admin_user, news_activity):
    add_report(news_activity, admin_user, dt.date(2026, 1, 20))
    by_number = {a.number: a.pk for a in plan.activities.all()}
    statuses = statuses_for(plan.activities.all(), as_of=MAY)
    assert statuses[by_number["1"]].code == Status.OVERDUE
    assert statuses[by_number["27"]].code == Status.PLANNED  # по мере необходимости
    assert statuses[by_number["21"]].code == Status.OVERDUE  # no report in the first quarter
    assert statuses[by_number["17"]].code == Status.IN_PROGRESS
    assert statuses[by_number["11"]].code == Status.PLANNED
    assert statuses[by_number["11"]].due == dt.date(2026, 9, 30)


def test_the_query_count_does_not_grow_with_reports(
    plan, admin_user, news_activity, forum_activity
):
    activities = list(plan.activities.all())
    add_report(news_activity, admin_user, dt.date(2026, 1, 20))
    with CaptureQueriesContext(connection) as few:
        statuses_for(activities, as_of=MAY)
    for day in range(1, 28):
        add_report(forum_activity, admin_user, dt.date(2026, 2, day))
    status_override(
        activity=news_activity,
        by=admin_user,
        new=Status.CANCELLED,
        old=Status.IN_PROGRESS,
        reason="Сайт закрыт",
    )
    with CaptureQueriesContext(connection) as many:
        statuses = statuses_for(activities, as_of=MAY)
    assert len(many) == len(few) <= 3
    assert statuses[forum_activity.pk].reports == 27
    assert statuses[news_activity.pk].code == Status.CANCELLED


def test_the_latest_override_is_in_force_and_an_empty_one_returns_to_the_derived_status(
    plan, admin_user, forum_activity
):
    status_override(
        activity=forum_activity,
        by=admin_user,
        new=Status.MOVED,
        moved_to_month=6,
        old=Status.OVERDUE,
        reason="Форум перенесён организаторами",
    )
    assert (
        statuses_for([forum_activity], as_of=MAY)[forum_activity.pk].label == "перенесено на июнь"
    )
    status_override(
        activity=forum_activity, by=admin_user, new="", old=Status.MOVED, reason="Ошибка"
    )
    assert statuses_for([forum_activity], as_of=MAY)[forum_activity.pk].code == Status.OVERDUE
    assert forum_activity.status_overrides.count() == 2

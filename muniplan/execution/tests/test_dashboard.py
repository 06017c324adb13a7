"""Dashboards and plan pages with statuses, as of a frozen day."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muniplan.execution.models import Status
from muniplan.execution.services import status_override

from .conftest import add_report

MAY_4 = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def may():
    with time_machine.travel(MAY_4, tick=False):
        yield


def _board(client, org_id):
    return client.get(reverse("execution-dashboard"), {"org": org_id}).context["board"]


def test_the_dashboard_lists_overdue_activities_but_not_those_under_a_condition(
    client, may, admin_user, plan
):
    client.force_login(admin_user)
    board = _board(client, plan.organization_id)
    assert [a.number for a in board.overdue] == ["1", "21"]  # 21: nothing in the first quarter
    assert "27" not in {a.number for a in board.overdue}  # по мере необходимости
    assert [a.number for a in board.behind_quota] == [
        "17",
        "21",
    ]  # 21: once a quarter is a quota too
    assert [a.number for a in board.due_this_month] == []
    html = client.get(
        reverse("execution-dashboard")
    ).content.decode()  # own organization by default
    assert (
        "<svg" in html
        and "Выполнение по разделам" in html
        and "<script" not in html.split("</head>")[1]
    )


def test_a_report_changes_the_quota_progress_and_the_dashboard(
    client, may, admin_user, news_activity
):
    client.force_login(admin_user)
    page = client.get(reverse("plans-activity-detail", args=[news_activity.pk])).content.decode()
    assert "новости: 0 из 17 к 04.05, отставание 17" in page
    assert "статьи: 0 из 4 к 04.05, отставание 4" in page
    add_report(
        news_activity, admin_user, dt.date(2026, 4, 20), deliveries=[("новость", 17), ("статья", 4)]
    )
    page = client.get(reverse("plans-activity-detail", args=[news_activity.pk])).content.decode()
    assert (
        "новости: 17 из 17 к 04.05" in page
        and "отставание" not in page.split('id="quota-progress"')[1].split("</ul>")[0]
    )
    board = _board(client, news_activity.plan.organization_id)
    assert [a.number for a in board.behind_quota] == ["21"] and board.reports_this_quarter == 1


def test_periodic_activity_page_shows_which_quarters_have_a_report(client, may, admin_user, plan):
    quarterly = plan.activities.get(number="21")
    add_report(quarterly, admin_user, dt.date(2026, 4, 15))
    client.force_login(admin_user)
    page = client.get(reverse("plans-activity-detail", args=[quarterly.pk])).content.decode()
    periods = page.split('id="periods">')[1].split("</p>")[0]
    assert (
        "I квартал — нет отчёта" in periods
        and "II квартал ✓" in periods
        and "III квартал</span>" in periods
    )


def test_the_grid_marks_tyumen_1_overdue_after_april_and_not_the_conditional_one(
    client, may, viewer_user, plan
):
    client.force_login(viewer_user)
    html = client.get(reverse("plans-grid", args=[plan.pk])).content.decode()
    forum = html.split('data-number="1"')[1].split("</tr>")[0]
    assert forum.count('data-mark="overdue"') == 4 and forum.count('data-mark="planned"') == 4
    assert "просрочено" in forum
    as_needed = html.split('data-number="27"')[1].split("</tr>")[0]
    assert 'data-mark="overdue"' not in as_needed and "просрочено" not in as_needed
    assert 'id="status-legend"' in html


def test_the_plan_table_and_calendar_show_statuses(client, may, viewer_user, plan):
    client.force_login(viewer_user)
    table = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert table.split('data-number="1"')[1].split("</tr>")[0].count("просрочено") == 1
    calendar = client.get(reverse("plans-timeline", args=[plan.pk])).content.decode()
    # «Январь-апрель, Сентябрь-декабрь» is one band across its months on the calendar
    band = calendar.split('id="calendar-bands"')[1].split('data-number="1"')[1].split("</tr>")[0]
    assert "просрочено" in band


def test_the_dashboard_query_count_does_not_grow_with_reports(
    client, may, admin_user, plan, news_activity, forum_activity
):
    client.force_login(admin_user)
    url = reverse("execution-dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(1, 29):
        add_report(news_activity, admin_user, dt.date(2026, 2, day), deliveries=[("новость", 1)])
        add_report(forum_activity, admin_user, dt.date(2026, 3, day))
    status_override(
        activity=forum_activity,
        by=admin_user,
        new=Status.CANCELLED,
        old=Status.OVERDUE,
        reason="Отменён",
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few) <= 15
    assert (
        response.context["board"].reports_this_quarter == 0
    )  # February and March are last quarter


def test_the_federal_dashboard_shows_every_organization_and_links_to_plans(
    client, may, federal_admin, admin_user, plan, tula, news_activity
):
    add_report(news_activity, admin_user, dt.date(2026, 4, 2))
    client.force_login(federal_admin)
    assert client.get(reverse("execution-dashboard")).url == reverse("execution-federal")
    response = client.get(reverse("execution-federal"))
    lines = {line.organization.pk: line for line in response.context["lines"]}
    assert set(lines) == {plan.organization_id, tula.pk}
    tyumen = lines[plan.organization_id]
    assert (tyumen.tally.total, tyumen.tally.overdue, tyumen.reports_this_quarter) == (6, 2, 1)
    assert lines[tula.pk].plan is None
    page = response.content.decode()
    assert reverse("plans-detail", args=[plan.pk]) in page
    # no plan is no data, not «0 из 0» and 0 %
    tula_row = next(row for row in page.split("<tr") if "нет плана" in row)
    assert tula_row.count("<td>—</td>") == 4 and " из " not in tula_row


def test_the_federal_dashboard_query_count_does_not_grow_with_organizations_or_reports(
    client, may, federal_admin, admin_user, plan, news_activity
):
    client.force_login(federal_admin)
    url = reverse("execution-federal")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(1, 10):
        add_report(news_activity, admin_user, dt.date(2026, 4, day))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 12


def test_a_huge_or_foreign_organization_number_gives_404(client, may, admin_user, plan):
    client.force_login(admin_user)
    assert client.get(reverse("execution-dashboard"), {"org": str(10**30)}).status_code == 404
    assert client.get(reverse("execution-dashboard"), {"org": "999999"}).status_code == 404
    assert client.get(reverse("execution-dashboard"), {"year": "99999999999"}).status_code == 200

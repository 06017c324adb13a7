"""The federal comparison follows the chosen year: its plans, its statuses and its reports."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from muniplan.plans.tests.factories import tyumen_plan

from .conftest import add_report

MAY_4 = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def may():
    with time_machine.travel(MAY_4, tick=False):
        yield


@pytest.fixture
def reports_of_two_years(tyumen, apparatus, analytics, admin_user, plan, forum_activity):
    """Two reports this quarter on the 2026 plan; on a 2024 plan, one in its fourth quarter and
    one in its second."""
    add_report(forum_activity, admin_user, dt.date(2026, 4, 2))
    add_report(forum_activity, admin_user, dt.date(2026, 4, 20))
    old = tyumen_plan(
        organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user, year=2024
    )
    activity = old.activities.get(number="1")
    add_report(activity, admin_user, dt.date(2024, 11, 10))
    add_report(activity, admin_user, dt.date(2024, 5, 10))
    return old


def _lines(client, year):
    response = client.get(reverse("execution-federal"), {"year": year})
    return response, {line.organization.pk: line for line in response.context["lines"]}


def test_a_past_year_counts_the_reports_of_its_last_quarter_on_its_plan(
    client, may, federal_admin, tula, reports_of_two_years
):
    client.force_login(federal_admin)
    response, lines = _lines(client, 2024)
    tyumen = lines[reports_of_two_years.organization_id]
    assert tyumen.plan == reports_of_two_years
    assert tyumen.reports_this_quarter == 1  # 10.11.2024; not the two of April 2026
    assert lines[tula.pk].reports_this_quarter == 0
    assert "Отчётов в IV кв. 2024" in response.content.decode()


def test_a_region_without_a_plan_for_the_year_has_no_reports_in_it(
    client, may, federal_admin, tula, reports_of_two_years
):
    client.force_login(federal_admin)
    _, lines = _lines(client, 2022)
    tyumen = lines[reports_of_two_years.organization_id]
    assert tyumen.plan is None and tyumen.tally.counted == 0
    assert tyumen.reports_this_quarter == 0


def test_the_current_year_counts_this_quarters_reports_of_its_plan(
    client, may, federal_admin, plan, reports_of_two_years
):
    client.force_login(federal_admin)
    response, lines = _lines(client, 2026)
    assert lines[plan.organization_id].reports_this_quarter == 2
    assert "Отчётов в II кв. 2026" in response.content.decode()


def test_the_organization_dashboard_counts_reports_of_the_chosen_years_plan(
    client, may, admin_user, plan, reports_of_two_years
):
    client.force_login(admin_user)
    url = reverse("execution-dashboard")
    board = client.get(url, {"org": plan.organization_id, "year": 2024}).context["board"]
    assert board.reports_this_quarter == 1
    board = client.get(url, {"org": plan.organization_id, "year": 2022}).context["board"]
    assert board.plan is None and board.reports_this_quarter == 0

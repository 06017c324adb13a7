"""The dashboard opens on a year the organization has a plan for, and says which years have one."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from muniplan.execution.selectors import nearest_plan_year, plan_years
from muniplan.plans.tests.factories import tyumen_plan

pytestmark = pytest.mark.django_db

NOVEMBER = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def plans_of_2021_and_2022(tyumen, apparatus, analytics, admin_user):
    for year in (2021, 2022):
        tyumen_plan(
            organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user, year=year
        )


def test_the_dashboard_opens_on_the_latest_plan_when_this_year_has_none(
    client, admin_user, plans_of_2021_and_2022
):
    client.force_login(admin_user)
    with time_machine.travel(NOVEMBER, tick=False):
        page = client.get(reverse("execution-dashboard")).content.decode()
    assert 'name="year" value="2022"' in page
    assert "У организации нет плана" not in page and 'id="done-count"' in page


def test_a_year_without_a_plan_links_the_years_that_have_one(
    client, admin_user, tyumen, plans_of_2021_and_2022
):
    client.force_login(admin_user)
    page = client.get(reverse("execution-dashboard"), {"year": 2026}).content.decode()
    assert "У организации нет плана на 2026 год. Планы есть на " in page
    assert f'<a href="?org={tyumen.pk}&amp;year=2021">2021</a>, ' in page
    assert f'<a href="?org={tyumen.pk}&amp;year=2022">2022</a> годы.' in page


@pytest.mark.parametrize(
    ("years", "expected"),
    [((2024, 2026), 2026), ((2021, 2022), 2022), ((2027, 2028), 2027), ((), 2026)],
)
def test_the_nearest_plan_year(tyumen, apparatus, analytics, admin_user, years, expected):
    for year in years:
        tyumen_plan(
            organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user, year=year
        )
    assert nearest_plan_year(plan_years(tyumen), dt.date(2026, 11, 28)) == expected

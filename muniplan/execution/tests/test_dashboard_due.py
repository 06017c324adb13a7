"""The dashboard dates an overdue activity by the occurrence it missed, not by the next one."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from .conftest import add_report

MAY_4 = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def may():
    with time_machine.travel(MAY_4, tick=False):
        yield


def _item(html: str, list_id: str, number: str) -> str:
    block = html.split(f'id="{list_id}"')[1].split("</ul>")[0]
    return next(li for li in block.split("<li>")[1:] if f">{number} " in li)


def test_an_overdue_quarterly_activity_shows_the_end_of_the_missed_quarter(
    client, may, admin_user, plan
):
    client.force_login(admin_user)
    html = client.get(reverse("execution-dashboard")).content.decode()
    quarterly = _item(html, "overdue-list", "21")  # не реже 1 раза в квартал, nothing in I quarter
    assert "срок 31.03" in quarterly and "I квартал" in quarterly
    assert "30.06" not in quarterly and "31.12" not in quarterly
    behind = _item(html, "behind-list", "21")  # the same date wherever it is listed as overdue
    assert "срок 31.03" in behind and "30.06" not in behind


def test_an_overdue_run_of_months_shows_the_end_of_the_missed_run(client, may, admin_user, plan):
    client.force_login(admin_user)
    html = client.get(reverse("execution-dashboard")).content.decode()
    forum = _item(html, "overdue-list", "1")  # январь-апрель, сентябрь-декабрь
    assert "срок 30.04" in forum and "31.12" not in forum


def test_a_later_missed_quarter_is_shown_once_the_first_is_reported(client, admin_user, plan):
    add_report(plan.activities.get(number="21"), admin_user, dt.date(2026, 2, 10))
    client.force_login(admin_user)
    with time_machine.travel(dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC), tick=False):
        html = client.get(reverse("execution-dashboard")).content.decode()
    quarterly = _item(html, "overdue-list", "21")
    assert "срок 30.06" in quarterly and "II квартал" in quarterly and "31.12" not in quarterly


def test_the_due_this_month_list_keeps_this_months_deadline(client, admin_user, plan):
    client.force_login(admin_user)
    with time_machine.travel(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        html = client.get(reverse("execution-dashboard")).content.decode()
    assert "срок 30.06" in _item(html, "due-list", "21")
    assert "срок 31.03" in _item(html, "overdue-list", "21")

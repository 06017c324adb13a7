"""«Мои сроки» in a real browser: an editor sees their dates, subscribes to a calendar, replaces and revokes it."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from muniplan.control.services import item_create
from muniplan.plans.tests.browser import sign_in
from muniplan.plans.tests.factories import tyumen_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_subscribes_to_their_calendar_then_replaces_and_revokes_it(
    page: Page, live_server, tyumen, apparatus, analytics, admin_user, editor_user
):
    tyumen_plan(
        organization=tyumen,
        apparatus=apparatus,
        analytics=analytics,
        by=admin_user,
        year=dt.date.today().year,
    )
    item_create(
        organization=tyumen,
        text="Подготовить справку о ТОС",
        deadline=dt.date.today() + dt.timedelta(days=5),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )
    sign_in(page, live_server, editor_user.username)
    page.get_by_role("link", name="Мои сроки").click()
    expect(page.locator("#due")).to_contain_text("Подготовить справку о ТОС")

    personal = page.locator("#feeds tr.feed").first
    personal.get_by_role("button", name="Создать адрес").click()
    expect(page.locator(".messages")).to_contain_text("Создан новый адрес календаря")
    address = page.get_by_label("Адрес календаря «Мои сроки»")
    first = address.input_value()
    feed = page.request.get(first)
    assert feed.status == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert "Срок: Подготовить справку о ТОС" in summaries
    assert any(s.startswith("Срок: 11.1 Рассылка модельной формы доклада") for s in summaries)

    page.locator("#feeds tr.feed").first.get_by_role("button", name="Новый адрес").click()
    expect(page.locator(".messages")).to_contain_text("прежний адрес больше не действует")
    second = page.get_by_label("Адрес календаря «Мои сроки»").input_value()
    assert second != first
    assert page.request.get(first).status == 404
    assert page.request.get(second).status == 200

    page.locator("#feeds tr.feed").first.get_by_role("button", name="Отозвать").click()
    expect(page.locator(".messages")).to_contain_text("Адрес календаря отозван")
    expect(page.locator("#feeds tr.feed").first).to_contain_text("не создан")
    assert page.request.get(second).status == 404

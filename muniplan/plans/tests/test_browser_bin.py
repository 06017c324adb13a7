"""The administrator deletes an activity with its sub-activity and brings both back from the bin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.models import Activity

from .browser import expect_numbers, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deleted_activity_comes_back_from_the_bin_with_its_sub_activity(
    page: Page, live_server, admin_user, plan, analytics_activity
):
    before = {
        a.pk: (a.number, a.title, sorted(u.name for u in a.responsible_units.all()))
        for a in Activity.objects.filter(plan=plan)
    }
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/activities/{analytics_activity.pk}/"))
    page.get_by_role("link", name="Удалить").click()
    expect(page.get_by_text("Вместе с ним будут удалены подпункты (1)")).to_be_visible()
    page.get_by_role("button", name="Удалить").click()
    expect(page.get_by_text("Мероприятие перемещено в корзину")).to_be_visible()
    expect_numbers(page, ["1"])

    page.set_viewport_size({"width": 390, "height": 844})  # the tabs and the bin fit a phone
    page.get_by_role("link", name="Корзина").click()
    row = page.locator("#bin tbody tr").first
    expect(row).to_contain_text("Мероприятие: 11 Подготовка ежегодного доклада")
    # Measured once the bin has loaded: during the navigation there is no document to measure.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(row).to_contain_text(admin_user.first_name)
    row.get_by_role("button", name="Восстановить").click()
    expect(page.get_by_text("Восстановлено:")).to_be_visible()
    expect(page.locator("#bin")).to_contain_text("Корзина пуста.")

    page.get_by_role("link", name="Таблица плана").click()
    expect_numbers(page, ["1", "11", "11.1"])
    page.goto(url(live_server, f"/activities/{analytics_activity.pk}/"))
    expect(page.get_by_text("Мероприятие восстановлено из корзины")).to_be_visible()
    after = {
        a.pk: (a.number, a.title, sorted(u.name for u in a.responsible_units.all()))
        for a in Activity.objects.filter(plan=plan)
    }
    assert after == before


def test_a_deleted_section_comes_back_from_the_bin_with_its_activities_and_numbers(
    page: Page, live_server, admin_user, plan
):
    before = {
        a.pk: (a.number, a.title, a.section_id, sorted(u.name for u in a.responsible_units.all()))
        for a in Activity.objects.filter(plan=plan)
    }
    sign_in(page, live_server, admin_user.username)
    page.set_viewport_size({"width": 390, "height": 844})  # the whole path on a phone
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.locator("tr.band", has_text="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ").get_by_role(
        "link", name="удалить"
    ).click()

    expect(
        page.get_by_role("heading", name="Удалить раздел «АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ»?")
    ).to_be_visible()
    expect(page.locator("#going-with-section li")).to_have_count(2)
    expect(page.locator("#going-with-section")).to_contain_text("подпункт 11.1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Удалить").click()
    expect(page.get_by_text("Раздел перемещён в корзину вместе с мероприятиями")).to_be_visible()
    expect_numbers(page, ["1"])
    expect(page.locator("#plan-table")).not_to_contain_text("АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")

    page.get_by_role("link", name="Корзина").click()
    row = page.locator("#bin tbody tr").first
    expect(row).to_contain_text("Раздел: АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(row.locator("td").nth(1)).to_have_text("2")
    row.get_by_role("button", name="Восстановить").click()
    expect(page.get_by_text("Восстановлено: «АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ»")).to_be_visible()

    page.get_by_role("link", name="Таблица плана").click()
    expect_numbers(page, ["1", "11", "11.1"])
    expect(page.locator("#plan-table tr.band").nth(1)).to_contain_text("АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    after = {
        a.pk: (a.number, a.title, a.section_id, sorted(u.name for u in a.responsible_units.all()))
        for a in Activity.objects.filter(plan=plan)
    }
    assert after == before

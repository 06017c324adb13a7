"""The administrator deletes an activity with its sub-activity and brings both back from the bin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.models import Activity

from .browser import expect_numbers, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deleted_activity_comes_back_from_the_bin_with_its_sub_activity(page: Page, live_server, admin_user, plan,
                                                                          analytics_activity):
    before = {a.pk: (a.number, a.title, sorted(u.name for u in a.responsible_units.all()))
              for a in Activity.objects.filter(plan=plan)}
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/activities/{analytics_activity.pk}/"))
    page.get_by_role("link", name="Удалить").click()
    expect(page.get_by_text("Вместе с ним будут удалены подпункты (1)")).to_be_visible()
    page.get_by_role("button", name="Удалить").click()
    expect(page.get_by_text("Мероприятие перемещено в корзину")).to_be_visible()
    expect_numbers(page, ["1"])

    page.set_viewport_size({"width": 390, "height": 844})  # the tabs and the bin fit a phone
    page.get_by_role("link", name="Корзина").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator("#bin tbody tr").first
    expect(row).to_contain_text("Мероприятие: 11 Подготовка ежегодного доклада")
    expect(row).to_contain_text(admin_user.first_name)
    row.get_by_role("button", name="Восстановить").click()
    expect(page.get_by_text("Восстановлено:")).to_be_visible()
    expect(page.locator("#bin")).to_contain_text("Корзина пуста.")

    page.get_by_role("link", name="Таблица плана").click()
    expect_numbers(page, ["1", "11", "11.1"])
    page.goto(url(live_server, f"/activities/{analytics_activity.pk}/"))
    expect(page.get_by_text("Мероприятие восстановлено из корзины")).to_be_visible()
    after = {a.pk: (a.number, a.title, sorted(u.name for u in a.responsible_units.all()))
             for a in Activity.objects.filter(plan=plan)}
    assert after == before

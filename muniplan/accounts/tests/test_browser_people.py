"""The administrator adds a colleague as an editor of a unit; the colleague signs in and edits."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.accounts.models import Membership
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_adds_an_editor_who_signs_in_and_sees_the_organization(
    page: Page, live_server, admin_user, tyumen, analytics
):
    sign_in(page, live_server, admin_user.username)
    page.locator("header.top").get_by_role("link", name="Организации").click()
    page.get_by_role("link", name=tyumen.name).click()
    page.get_by_role("link", name="Добавить пользователя").click()
    form = page.locator("#account-form")
    form.get_by_label("Имя пользователя (логин)").fill("ivanova")
    form.get_by_label("Фамилия, имя, отчество").fill("Иванова Мария Петровна")
    form.get_by_label("Должность").fill("ведущий специалист")
    form.get_by_label("Пароль").fill("Ab7-kvartal-2026")
    form.get_by_label("Роль:", exact=True).select_option("editor")
    form.get_by_label("Информационно-аналитический отдел").check()
    form.get_by_role("button", name="Сохранить").click()

    expect(page.locator("#members")).to_contain_text("Иванова Мария Петровна")
    expect(page.locator("#members")).to_contain_text("ведущий специалист")
    membership = Membership.objects.get(user__username="ivanova")
    assert membership.role == "editor" and [u.name for u in membership.units.all()] == [
        "Информационно-аналитический отдел"
    ]

    page.locator("header.top").get_by_role("button", name="Выйти").click()
    sign_in(page, live_server, "ivanova", "Ab7-kvartal-2026")
    page.goto(url(live_server, f"/organizations/{tyumen.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(tyumen.name)
    expect(page.get_by_role("link", name="Добавить пользователя")).to_have_count(0)

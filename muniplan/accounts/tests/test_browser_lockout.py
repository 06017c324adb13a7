"""A person who mistypes the password five times is told so in Russian; the administrator unlocks them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.accounts.templatetags.people import person
from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD
from muniplan.plans.tests.browser import TIMEOUT_MS, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _type_login(page: Page, live_server, username: str, password: str) -> None:
    page.goto(url(live_server, "/login/"))
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def test_a_locked_out_person_reads_why_and_the_administrator_unlocks_them(
    page: Page, live_server, settings, admin_user, editor_user, tyumen
):
    # Behind nginx, as in production: each browser comes from its own address (X-Forwarded-For), so the
    # administrator's computer is not locked with the editor's.
    settings.BEHIND_PROXY = True
    page.set_extra_http_headers({"X-Forwarded-For": "10.0.0.1"})
    page.set_default_timeout(TIMEOUT_MS)
    for _ in range(4):
        _type_login(page, live_server, editor_user.username, "не тот пароль")
        expect(page.get_by_text("Неверное имя пользователя или пароль.")).to_be_visible()
    _type_login(page, live_server, editor_user.username, "не тот пароль")
    expect(page.get_by_role("alert")).to_contain_text("Слишком много неудачных попыток входа")
    _type_login(page, live_server, editor_user.username, PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("администратор вашей организации")
    expect(page.locator("header.top")).not_to_contain_text("Выйти")

    context = page.context.browser.new_context(extra_http_headers={"X-Forwarded-For": "10.0.0.2"})
    admin_page = context.new_page()
    sign_in(admin_page, live_server, admin_user.username)
    admin_page.goto(url(live_server, f"/organizations/{tyumen.pk}/"))
    row = admin_page.locator("#members tr", has_text=editor_user.username)
    expect(row).to_contain_text("вход заблокирован")
    row.get_by_role("button", name="Разблокировать вход").click()
    expect(admin_page.locator(".messages")).to_contain_text(
        f"Вход пользователя {person(editor_user)} разблокирован"
    )
    expect(admin_page.locator("#members")).not_to_contain_text("вход заблокирован")
    assert (
        AuditEntry.objects.filter(action="accounts.login.unlocked", actor=admin_user).count() == 1
    )
    context.close()

    sign_in(page, live_server, editor_user.username)


def test_a_superuser_unlocks_in_the_django_admin(page: Page, live_server, settings, editor_user):
    from django.contrib.auth.models import User

    User.objects.create_superuser("root", password=PASSWORD)
    settings.BEHIND_PROXY = True
    page.set_extra_http_headers({"X-Forwarded-For": "10.0.0.1"})
    page.set_default_timeout(TIMEOUT_MS)
    for _ in range(5):
        _type_login(page, live_server, editor_user.username, "не тот пароль")
    expect(page.get_by_role("alert")).to_contain_text("Слишком много неудачных попыток входа")

    root = page.context.browser.new_context(extra_http_headers={"X-Forwarded-For": "10.0.0.2"})
    admin = root.new_page()
    admin.set_default_timeout(TIMEOUT_MS)
    admin.goto(url(live_server, "/admin/axes/accessattempt/"))
    admin.get_by_label("Имя пользователя").fill("root")
    admin.get_by_label("Пароль").fill(PASSWORD)
    admin.get_by_role("button", name="Войти").click()
    admin.locator("#result_list tbody tr", has_text=editor_user.username).locator("th a").click()
    admin.get_by_role("link", name="Удалить").click()
    admin.get_by_role("button", name="Да, я уверен").click()
    expect(admin.locator(".messagelist")).to_contain_text("успешно удален")
    root.close()

    sign_in(page, live_server, editor_user.username)

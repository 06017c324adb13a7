"""A person opens «Мой профиль» from their name, gives an e-mail address and a position, changes the
password, signs out and signs in with the new one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from muniplan.accounts.models import Profile
from muniplan.conftest import PASSWORD
from muniplan.plans.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Ab7-kvartal-2026"


def test_a_person_edits_their_profile_changes_the_password_and_signs_in_with_it(
    page: Page, live_server, viewer_user
):
    Profile.objects.create(user=viewer_user, full_name="Иванова Мария Петровна")
    sign_in(page, live_server, viewer_user.username)
    page.locator("header.top").get_by_role("link", name="Иванова М. П.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мой профиль")
    expect(page.locator("#profile-facts")).to_contain_text("viewer.tyumen")
    expect(page.locator("#profile-facts")).to_contain_text("Наблюдатель")

    form = page.locator("#profile-form")
    form.get_by_label("Электронная почта").fill("ivanova@smo72.ru")
    form.get_by_label("Должность").fill("член Президиума")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messages")).to_contain_text("Сведения о вас сохранены.")
    expect(form.get_by_label("Должность")).to_have_value("член Президиума")
    viewer_user.refresh_from_db()
    assert viewer_user.email == "ivanova@smo72.ru"
    assert viewer_user.profile.position == "член Президиума"

    page.get_by_role("link", name="Сменить пароль").click()
    form = page.locator("#password-form")
    form.get_by_label("Старый пароль").fill(PASSWORD)
    form.get_by_label("Новый пароль:", exact=True).fill(NEW_PASSWORD)
    form.get_by_label("Подтверждение нового пароля").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Сменить пароль").click()
    expect(page.locator(".messages")).to_contain_text("Пароль изменён.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Мой профиль")  # still signed in
    assert User.objects.get(pk=viewer_user.pk).check_password(NEW_PASSWORD)

    page.locator("header.top").get_by_role("button", name="Выйти").click()
    expect(page.locator("header.top")).not_to_contain_text("Выйти")
    sign_in(page, live_server, viewer_user.username, NEW_PASSWORD)
    expect(page.locator("header.top")).to_contain_text("Иванова М. П.")

"""Two people in two browsers edit one activity: the later save is refused, and neither loses their text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from muniplan.plans.models import Activity

from .browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_person_sees_the_first_persons_change_beside_their_own(
    browser: Browser, live_server, admin_user, editor_user, analytics_activity
):
    # the administrator is on a phone: both versions must fit on a 390 px screen
    editor_context, admin_context = (
        browser.new_context(),
        browser.new_context(viewport={"width": 390, "height": 844}),
    )
    editor, admin = editor_context.new_page(), admin_context.new_page()
    sign_in(editor, live_server, editor_user.username)
    sign_in(admin, live_server, admin_user.username)
    edit = url(live_server, f"/activities/{analytics_activity.pk}/edit/")
    editor.goto(edit)
    admin.goto(edit)

    editor.get_by_label("Наименование мероприятия").fill(
        "Доклад о местном самоуправлении — редакция отдела"
    )
    editor.get_by_role("button", name="Сохранить").click()
    expect(editor.get_by_text("Изменения сохранены.")).to_be_visible()

    admin.get_by_label("Характеристика мероприятия").fill(
        "Собрать данные всех 26 муниципальных районов"
    )
    admin.get_by_role("button", name="Сохранить").click()

    conflict = admin.get_by_role("alert")
    expect(conflict).to_contain_text("Запись изменена другим пользователем")
    expect(conflict).to_contain_text("Доклад о местном самоуправлении — редакция отдела")
    expect(conflict).to_contain_text("Собрать данные всех 26 муниципальных районов")
    expect(admin.get_by_label("Характеристика мероприятия")).to_have_value(
        "Собрать данные всех 26 муниципальных районов"
    )
    assert (
        Activity.objects.get(pk=analytics_activity.pk).title
        == "Доклад о местном самоуправлении — редакция отдела"
    )
    assert admin.evaluate("document.documentElement.scrollWidth") <= 390
    expect(conflict.locator("tbody tr").first.locator("td").last).to_be_in_viewport()

    # The administrator takes the department's title into their form and saves both on purpose.
    admin.get_by_label("Наименование мероприятия").fill(
        "Доклад о местном самоуправлении — редакция отдела"
    )
    admin.get_by_role("button", name="Сохранить").click()
    expect(admin.get_by_text("Изменения сохранены.")).to_be_visible()
    saved = Activity.objects.get(pk=analytics_activity.pk)
    assert saved.title == "Доклад о местном самоуправлении — редакция отдела"
    assert saved.description == "Собрать данные всех 26 муниципальных районов"
    editor_context.close()
    admin_context.close()

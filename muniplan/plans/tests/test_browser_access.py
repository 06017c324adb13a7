"""Who sees which controls, in a real browser: the editor, the viewer, a stranger, and signing out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.conftest import PASSWORD
from muniplan.plans.models import Activity

from .browser import expect_numbers, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT = "a[title='Изменить']"


def test_editor_sees_edit_links_only_on_their_units_activities(
    page: Page, live_server, editor_user, plan, apparatus_activity, analytics_activity
):
    sub_item = plan.activities.get(number="11.1")
    sign_in(page, live_server, editor_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    expect_numbers(page, ["1", "11", "11.1"])

    expect(page.locator(f"#a{analytics_activity.pk} {EDIT}")).to_have_count(1)
    expect(page.locator(f"#a{sub_item.pk} {EDIT}")).to_have_count(1)
    expect(page.locator(f"#a{apparatus_activity.pk} {EDIT}")).to_have_count(0)
    expect(page.locator(f"#a{apparatus_activity.pk} [title='Удалить']")).to_have_count(0)
    expect(page.get_by_role("link", name="Добавить мероприятие")).to_be_visible()
    expect(page.locator("#approve-panel")).to_have_count(0)
    expect(page.get_by_role("button", name="Копировать на 2027 год")).to_have_count(0)
    expect(page.get_by_role("link", name="Изменить заголовок")).to_have_count(0)

    page.locator(f"#a{analytics_activity.pk} {EDIT}").click()
    page.get_by_label("Характеристика мероприятия").fill(
        "Сбор информации от муниципальных образований."
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messages")).to_contain_text("Изменения сохранены.")
    analytics_activity.refresh_from_db()
    assert analytics_activity.description == "Сбор информации от муниципальных образований."

    page.goto(url(live_server, f"/activities/{apparatus_activity.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Участие представителей")
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    response = page.goto(url(live_server, f"/activities/{apparatus_activity.pk}/edit/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Недостаточно прав")
    expect(page.locator("main")).to_contain_text("только мероприятия своих подразделений")
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.title.startswith("Участие представителей")


def test_viewer_sees_the_plan_without_any_edit_or_approve_controls(
    page: Page, live_server, viewer_user, plan, analytics_activity
):
    sign_in(page, live_server, viewer_user.username)
    page.locator("#plans").get_by_role("link").click()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    expect_numbers(page, ["1", "11", "11.1"])

    expect(page.locator(f"#plan-table {EDIT}")).to_have_count(0)
    expect(page.locator("#plan-table [title='Удалить']")).to_have_count(0)
    expect(page.locator("#plan-table [title='Выше']")).to_have_count(0)
    expect(page.get_by_role("link", name="Добавить мероприятие")).to_have_count(0)
    expect(page.get_by_role("link", name="Добавить раздел")).to_have_count(0)
    expect(page.locator("#approve-panel")).to_have_count(0)
    expect(page.locator("#reopen-panel")).to_have_count(0)
    expect(page.get_by_role("button", name="Копировать на 2027 год")).to_have_count(0)

    page.locator(f"#a{analytics_activity.pk}").get_by_role("link").first.click()
    expect(page).to_have_url(url(live_server, f"/activities/{analytics_activity.pk}/"))
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    expect(page.get_by_role("link", name="Удалить")).to_have_count(0)
    expect(page.locator("#history tbody tr")).to_have_count(1)

    response = page.goto(url(live_server, f"/activities/{analytics_activity.pk}/delete/"))
    assert response.status == 403
    assert Activity.objects.filter(pk=analytics_activity.pk).exists()


def test_stranger_typing_a_tyumen_plan_address_gets_the_not_found_page(
    page: Page, live_server, stranger, plan, apparatus_activity
):
    sign_in(page, live_server, stranger.username)
    expect(page.locator("#plans")).to_contain_text("Планов пока нет.")
    expect(page.locator("#plans")).not_to_contain_text("Тюменской")

    for path in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/grid/",
        f"/plans/{plan.pk}/history/",
        f"/activities/{apparatus_activity.pk}/",
        f"/activities/{apparatus_activity.pk}/edit/",
    ):
        response = page.goto(url(live_server, path))
        assert response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Страница не найдена")
        expect(page.locator("main")).not_to_contain_text("Тюменской")
        expect(page.locator("main")).not_to_contain_text("Малая Родина")


def test_signing_out_ends_the_session(page: Page, live_server, admin_user, plan):
    sign_in(page, live_server, admin_user.username)
    page.get_by_role("button", name="Выйти").click()

    expect(page).to_have_url(url(live_server, "/login/"))
    expect(page.get_by_role("heading", name="Вход в MuniPlan")).to_be_visible()
    expect(page.get_by_role("button", name="Выйти")).to_have_count(0)

    page.goto(url(live_server, f"/plans/{plan.pk}/"))  # the plan now asks to sign in first
    expect(page).to_have_url(url(live_server, f"/login/?next=/plans/{plan.pk}/"))
    expect(page.locator("main")).not_to_contain_text("Малая Родина")

    page.get_by_label("Имя пользователя").fill(admin_user.username)
    page.get_by_label("Пароль").fill("not the password")
    page.get_by_role("button", name="Войти").click()
    expect(page.locator(".errorlist")).to_have_text("Неверное имя пользователя или пароль.")

    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page).to_have_url(
        url(live_server, f"/plans/{plan.pk}/")
    )  # back where the person was going
    expect_numbers(page, ["1", "11", "11.1"])

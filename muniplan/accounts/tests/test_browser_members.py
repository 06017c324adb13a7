"""The administrator takes a colleague out of the organization, and cannot step down as its only administrator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.accounts.models import Membership
from muniplan.accounts.templatetags.people import person
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_rights(page: Page, live_server, tyumen, username: str) -> None:
    page.goto(url(live_server, f"/organizations/{tyumen.pk}/"))
    page.locator("#members tr", has_text=username).get_by_role(
        "link", name="изменить права"
    ).click()


def test_admin_removes_a_member_but_not_their_own_last_administrator_role(
    page: Page, live_server, admin_user, viewer_user, tyumen
):
    sign_in(page, live_server, admin_user.username)
    _open_rights(page, live_server, tyumen, viewer_user.username)
    page.get_by_label(f"Да, исключить: {person(viewer_user)}").check()
    page.get_by_role("button", name="Исключить из организации").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Исключён из организации: {person(viewer_user)}"
    )
    expect(page.locator("#members")).not_to_contain_text(viewer_user.username)
    assert not Membership.objects.filter(user=viewer_user).exists()

    _open_rights(page, live_server, tyumen, admin_user.username)
    page.locator("#account-form").get_by_label("Роль:", exact=True).select_option("viewer")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#account-form")).to_contain_text("единственный администратор организации")
    assert Membership.objects.get(user=admin_user).role == "admin"

"""A person without a mouse: sign in, filter a plan, edit an activity and approve the plan with the
keyboard alone, seeing where the focus is at every step."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.conftest import PASSWORD
from muniplan.plans.models import Plan

from .browser import TIMEOUT_MS, expect_numbers, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on `selector`; the focused element must show that it is focused."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"фокус на {selector} не виден"
            return
    raise AssertionError(f"Клавишей Tab не удалось дойти до {selector}")


def test_sign_in_filter_edit_and_approve_with_the_keyboard_alone(
    page: Page, live_server, admin_user, plan, apparatus_activity
):
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.goto(url(live_server, "/login/"))
    tab_to(page, "#id_username")
    page.keyboard.type(admin_user.username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Планы работы")).to_be_visible()

    tab_to(page, f"#plans a[href='/plans/{plan.pk}/']")
    page.keyboard.press("Enter")
    expect(page.locator("#plan-status")).to_have_text("Проект")

    tab_to(page, "#activity-filter input[name=q]")
    page.keyboard.type("форума")
    page.keyboard.press("Enter")
    expect_numbers(page, ["1"])
    page.wait_for_load_state("networkidle")  # typing and Enter both asked for the filtered table
    expect(page.locator("#plan-table mark").first).to_have_text("форума")

    tab_to(page, f"#a{apparatus_activity.pk} a[title='Изменить']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Изменить мероприятие 1")
    tab_to(page, "#id_funding_text")
    page.keyboard.press("Control+A")
    page.keyboard.type("п.п. 4 Сметы на 2026 год")
    page.keyboard.press("Enter")  # Enter in a text field submits the form
    expect(page.locator("#activity-fields")).to_contain_text("п.п. 4 Сметы на 2026 год")
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.funding_text == "п.п. 4 Сметы на 2026 год"

    tab_to(page, f"main a[href='/plans/{plan.pk}/']")
    page.keyboard.press("Enter")
    expect(page.locator("#approve-panel")).to_be_visible()
    tab_to(page, "#approve-panel summary")
    page.keyboard.press("Enter")  # opens the approval panel
    tab_to(page, "#approve-panel input[name=decision]")
    page.keyboard.type("решение Президиума от 15.12.2025 № 12")
    tab_to(page, "#approve-panel button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#plan-status")).to_have_text("Утверждён")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    assert plan.approval_decision == "решение Президиума от 15.12.2025 № 12"

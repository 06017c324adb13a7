"""Helpers of the browser tests: sign in through the real form, read the rows of the plan table."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from muniplan.conftest import PASSWORD

TIMEOUT_MS = 10_000


def sign_in(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Type the login and password into the login page, as a person does, and land on the plan list."""
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("heading", name="Планы работы")).to_be_visible()
    expect(page.locator("header.top")).to_contain_text("Выйти")


def url(live_server, path: str) -> str:
    return f"{live_server.url}{path}"


def activity_rows(page: Page, table: str = "#plan-table"):
    return page.locator(f"{table} tr.activity")


def expect_numbers(page: Page, numbers: list[str], table: str = "#plan-table") -> None:
    """Wait until the table shows exactly these activity numbers, in this order (HTMX swaps it)."""
    rows = activity_rows(page, table)
    expect(rows).to_have_count(len(numbers))
    for index, number in enumerate(numbers):
        expect(rows.nth(index)).to_have_attribute("data-number", number)


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)

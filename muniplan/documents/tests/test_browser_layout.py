"""An administrator picks the organization's layout; the plan page shows it and prints the table alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.tests.browser import sign_in, url

from .conftest import load_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_switches_to_the_tula_grid_and_prints_the_plan(
    page: Page, live_server, admin_user, tyumen, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = load_seed("tyumen_2026__tab_text.txt", by=admin_user, organization=tyumen)
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/organizations/{tyumen.pk}/"))
    page.get_by_role("link", name="Оформление документов: таблица плана, бланк Word").click()
    page.get_by_label("Оформление плана по умолчанию").select_option("tula")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messages")).to_contain_text("Оформление плана сохранено.")

    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    table = page.locator("#plan-table")
    expect(table.locator("thead")).to_contain_text("Срок исполнения")
    expect(table.locator("tr.band").first).to_contain_text("ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    expect(table.locator("tr.activity[data-number='2'] td.mark").nth(3)).to_have_text("+")  # апрель

    page.get_by_role("combobox", name="Раздел").select_option(label="ПРАВОВОЕ НАПРАВЛЕНИЕ")
    expect(table.locator("tr.activity")).to_have_count(3)  # the filters still swap the table

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("#export-menu")).to_be_hidden()
    expect(page.locator("#activity-filter")).to_be_hidden()
    expect(table).to_be_visible()
    shots = os.environ.get("MUNIPLAN_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / "plan-page-print.png"), full_page=True)
        page.pdf(path=str(Path(shots) / "plan-page-print.pdf"), prefer_css_page_size=True)


def test_the_printed_plan_has_no_statuses_or_review_notes(
    page: Page, live_server, admin_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = load_seed("smolensk_2021__pdf_dump.txt", by=admin_user)
    admin_user.memberships.create(organization=plan.organization, role="admin")
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    marks = [page.locator("#review-legend"), page.locator(".review-note").first]
    marks.append(page.locator(".status-line").first)
    for mark in marks:
        expect(mark).to_be_visible()
    unsure = page.locator("#plan-table tr.needs-review td").first
    expect(unsure).not_to_have_css("background-color", "rgb(255, 255, 255)")

    page.emulate_media(media="print")
    for mark in marks:
        expect(mark).to_be_hidden()
    expect(unsure).to_have_css("background-color", "rgb(255, 255, 255)")
    expect(page.locator("#plan-table")).to_contain_text("Заседания Президиума Смоленского")

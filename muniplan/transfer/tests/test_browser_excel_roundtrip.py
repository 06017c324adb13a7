"""The administrator downloads the plan as Excel, edits it, uploads it back, checks the
differences and applies them — in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.documents.tests.conftest import load_seed
from muniplan.plans.tests.browser import sign_in, url

from .excel_edits import EditedSheet
from .test_excel_roundtrip import PERIOD, TITLE, _code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_edits_the_plan_in_excel_and_applies_the_changes(
    page: Page, live_server, admin_user, tyumen, tmp_path, apparatus, analytics, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = load_seed("tyumen_2026__tab_text.txt", by=admin_user, organization=tyumen)
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))

    with page.expect_download() as download_info:
        page.locator("#export-menu").get_by_role("button", name="Excel").click()
    download = download_info.value
    assert (
        download.suggested_filename
        == "План_работы_Совет_муниципальных_образований_Тюменской_области_2026.xlsx"
    )
    download.save_as(tmp_path / "plan.xlsx")
    sheet = EditedSheet((tmp_path / "plan.xlsx").read_bytes())
    sheet.set(_code(plan, "1"), TITLE, "Региональные дни форума «Малая Родина – сила России»")
    sheet.set(_code(plan, "2"), PERIOD, "май")
    sheet.delete(_code(plan, "5"))
    sheet.move_after(_code(plan, "4"), _code(plan, "10"))
    sheet.insert_after(
        _code(plan, "34"),
        {"№\nп/п": "35", TITLE: "Конкурс школьных эссе о местном самоуправлении", PERIOD: "март"},
    )
    edited = tmp_path / "план-изменённый.xlsx"
    edited.write_bytes(sheet.save())

    page.get_by_role("link", name="Загрузить изменённый Excel").click()
    page.get_by_label(
        "Файл Excel (.xlsx), выгруженный из этого плана и изменённый"
    ).set_input_files(edited)
    page.get_by_role("button", name="Показать изменения").click()

    table = page.locator("#changes-table")
    expect(table.locator("tr.change")).to_have_count(5)
    expect(table.locator("tr.changed")).to_have_count(2)
    expect(table.locator("tr.added")).to_contain_text("Конкурс школьных эссе")
    expect(table.locator("tr.deleted")).to_contain_text(
        "Работа в рамках федеральных проектных команд"
    )
    expect(table.locator("tr.moved")).to_contain_text("на другое место")
    expect(table.locator("tr.changed").nth(1)).to_contain_text("апрель → май")
    assert plan.activities.get(number="2").period_text == "апрель"

    page.get_by_role("button", name="Применить изменения (5)").click()

    expect(page.locator(".messages")).to_contain_text(
        "Изменения из план-изменённый.xlsx применены."
    )
    rows = page.locator("#plan-table tr.activity")
    expect(rows).to_have_count(34)
    expect(page.locator("#plan-table tr.activity[data-number='1']")).to_contain_text(
        "Региональные дни форума"
    )
    expect(page.locator("#plan-table tr.activity[data-number='2']")).to_contain_text("май")
    expect(
        page.locator("#plan-table tr.activity[data-number='10'] + tr.activity")
    ).to_have_attribute("data-number", "4")
    expect(rows.last).to_contain_text("Конкурс школьных эссе")

"""The administrator loads a plan document in a real browser: upload, check the preview, confirm."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.models import Plan
from muniplan.plans.tests.browser import expect_numbers, sign_in, url
from muniplan.transfer.models import ImportedDocument

from .conftest import SEEDS

PLAN_PAGE = re.compile(r"/plans/\d+/$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYUMEN_SEED = SEEDS / "tyumen_2026__tab_text.txt"


def upload(page: Page, live_server, path) -> None:
    page.goto(url(live_server, "/import/"))
    form = page.locator("#upload-form")
    expect(form.get_by_label("Организация")).to_contain_text(
        "Совет муниципальных образований Тюменской области"
    )
    form.get_by_label("Документ").set_input_files(path)
    form.get_by_role("button", name="Прочитать документ").click()


def preview_rows(page: Page):
    """The activities of the preview: top-level rows carry no «child» class."""
    return page.locator("#preview-table tr.activity[data-number]:not(.child)")


def test_admin_uploads_the_tyumen_plan_checks_the_preview_and_confirms(
    page: Page, live_server, admin_user, tyumen
):
    sign_in(page, live_server, admin_user.username)
    page.get_by_role("link", name="Загрузить документ").click()
    upload(page, live_server, TYUMEN_SEED)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Что прочитано в tyumen_2026__tab_text.txt"
    )
    document = ImportedDocument.objects.get()
    expect(page).to_have_url(url(live_server, f"/import/{document.pk}/"))
    rows = preview_rows(page)
    expect(rows).to_have_count(34)
    expect(rows.first).to_have_attribute("data-number", "1")
    expect(rows.last).to_have_attribute("data-number", "34")
    expect(page.locator("#preview-table tr.band")).to_have_count(5)
    expect(page.locator("#preview-table")).to_contain_text("ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    expect(page.locator("#confirm-form").get_by_label("Год плана")).to_have_value("2026")
    assert not Plan.objects.exists()  # nothing is in a plan before the confirmation
    assert document.status == ImportedDocument.Status.PREVIEW

    page.get_by_role("button", name="Подтвердить и загрузить").click()
    expect(page).to_have_url(PLAN_PAGE)  # read the database once the import has answered
    plan = Plan.objects.get()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.locator(".messages")).to_contain_text(
        "Документ tyumen_2026__tab_text.txt загружен."
    )
    expect(page.locator("#activity-count")).to_have_text("34")
    expect(page.locator("#plan-table tr.activity")).to_have_count(34)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Тюменской области на 2026 год")

    assert (plan.organization, plan.year, plan.status) == (tyumen, 2026, Plan.Status.DRAFT)
    assert plan.activities.count() == 34
    assert plan.sections.count() == 5
    assert plan.activities.get(number="1").months == [1, 2, 3, 4, 9, 10, 11, 12]
    document.refresh_from_db()
    assert document.status == ImportedDocument.Status.CONFIRMED
    assert document.plan == plan


def test_admin_corrects_an_uncertain_period_in_the_preview(
    page: Page, live_server, admin_user, tyumen, tmp_path
):
    # The Tyumen plan as a council might send it, with one period the reader cannot tell months from.
    text = TYUMEN_SEED.read_text(encoding="utf-8")
    assert text.count("\tИюнь-август\n") == 1
    doubtful = tmp_path / "tyumen_2026_по_погоде.txt"
    doubtful.write_text(text.replace("\tИюнь-август\n", "\tпо погоде\n"), encoding="utf-8")
    sign_in(page, live_server, admin_user.username)
    upload(page, live_server, doubtful)

    expect(preview_rows(page)).to_have_count(34)
    uncertain = page.locator("#preview-table textarea.uncertain")
    expect(uncertain).to_have_count(1)
    row = page.locator("#preview-table tr.activity.needs-review")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-number", "7")
    expect(uncertain).to_have_value("по погоде")
    uncertain.fill("июль-август")
    page.get_by_role("button", name="Подтвердить и загрузить").click()
    expect(page).to_have_url(PLAN_PAGE)  # read the database once the import has answered
    plan = Plan.objects.get()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    contest = plan.activities.get(number="7")
    expect(page.locator(f"#a{contest.pk}")).to_contain_text("июль-август")
    expect(page.locator(f"#a{contest.pk} .badge.review")).to_have_count(0)
    assert contest.period_text == "июль-август"
    assert contest.months == [7, 8]
    assert not contest.period_needs_review
    assert plan.activities.count() == 34

    page.locator("#activity-filter").get_by_label("Месяц").select_option(label="авг")
    expect(page.locator(f"#a{contest.pk}")).to_be_visible()
    expect(page).to_have_url(re.compile(r"month=8"))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("пустой.docx", b"", "Файл пустой.docx пуст."),
        (
            "программа.exe",
            b"MZ\x90\x00" + b"\x00" * 60,
            "Файл программа.exe: такой формат не поддерживается.",
        ),
    ],
)
def test_a_bad_file_shows_a_russian_message_naming_it_and_creates_no_plan(
    page: Page, live_server, admin_user, tyumen, tmp_path, name, data, message
):
    bad = tmp_path / name
    bad.write_bytes(data)
    sign_in(page, live_server, admin_user.username)
    upload(page, live_server, bad)

    errors = page.locator("#row-file .errorlist")
    expect(errors).to_contain_text(message)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Загрузить план или резолюцию из документа"
    )
    expect(page.locator("#preview-table")).to_have_count(0)
    assert not Plan.objects.exists()
    assert not ImportedDocument.objects.exists()

    upload(page, live_server, TYUMEN_SEED)  # the page still works for the right file
    expect(preview_rows(page)).to_have_count(34)
    expect_numbers(page, [str(n) for n in range(1, 35)], table="#preview-table")


def test_admin_names_the_columns_of_a_table_whose_headers_were_not_recognized(
    page: Page, live_server, admin_user, tyumen, tmp_path
):
    table = tmp_path / "без заголовков.csv"
    table.write_text(
        "План работы на 2026 год\nКолонка А;Колонка Б;Колонка В\n1;Семинар для глав поселений;март\n",
        encoding="utf-8",
    )
    sign_in(page, live_server, admin_user.username)
    upload(page, live_server, table)

    expect(page).to_have_url(re.compile(r"/import/\d+/columns/$"))
    assert ImportedDocument.objects.get().status == ImportedDocument.Status.MAPPING
    expect(page.locator(".messages")).to_contain_text("не удалось распознать заголовки")
    expect(page.locator("#columns-table")).to_contain_text("Семинар для глав поселений")
    page.get_by_label("Столбец 1").select_option("number")
    page.get_by_label("Столбец 2").select_option("title")
    page.get_by_label("Столбец 3").select_option("period")
    page.get_by_role("button", name="Прочитать с этими столбцами").click()

    expect(preview_rows(page)).to_have_count(1)
    page.get_by_role("button", name="Подтвердить и загрузить").click()
    expect(page).to_have_url(PLAN_PAGE)
    activity = Plan.objects.get().activities.get()
    assert (activity.number, activity.title, activity.months) == (
        "1",
        "Семинар для глав поселений",
        [3],
    )
    expect(page.locator("#plan-table")).to_contain_text("Семинар для глав поселений")


def test_admin_loads_a_resolution_and_reads_its_recommendations(
    page: Page, live_server, admin_user, tyumen
):
    sign_in(page, live_server, admin_user.username)
    upload(page, live_server, SEEDS / "smolensk_tos_congress_2020__resolution.txt")
    expect(page.locator("#confirm-form")).to_contain_text("резолюция")
    page.get_by_role("button", name="Подтвердить и загрузить").click()

    expect(page.locator("section.addressee")).to_have_count(5)
    expect(page.locator("ol.recommendations li")).to_have_count(24)
    page.locator("header.top").get_by_role("link", name="Резолюции").click()
    expect(page.locator("table.plan")).to_contain_text(
        "III Съезд территориального общественного самоуправления"
    )


def test_admin_decides_what_becomes_of_units_the_council_does_not_have(
    page: Page, live_server, admin_user, tyumen, apparatus, tmp_path
):
    renamed = tmp_path / "tyumen_2026.txt"
    renamed.write_text(
        TYUMEN_SEED.read_text(encoding="utf-8").replace("Аппарат Совета", "Бухгалтерия"),
        encoding="utf-8",
    )
    sign_in(page, live_server, admin_user.username)
    upload(page, live_server, renamed)

    panel = page.locator("#new-units")
    expect(panel).to_contain_text("ничего не будет создано, пока вы не подтвердите")
    accounting = panel.get_by_label("Бухгалтерия")
    analytics = panel.get_by_label("Информационно-аналитический отдел")
    expect(accounting).to_have_value("new")
    accounting.select_option(label="Аппарат Совета")  # the same unit under another name
    analytics.select_option(label="Создать новое подразделение")
    assert [u.name for u in tyumen.units.all()] == ["Аппарат Совета"]  # nothing created by reading

    page.get_by_role("button", name="Подтвердить и загрузить").click()
    expect(page).to_have_url(PLAN_PAGE)
    plan = Plan.objects.get()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    assert sorted(u.name for u in tyumen.units.all()) == [
        "Аппарат Совета",
        "Информационно-аналитический отдел",
    ]
    assert plan.activities.filter(responsible_units=apparatus).exists()
    assert not tyumen.units.filter(name="Бухгалтерия").exists()

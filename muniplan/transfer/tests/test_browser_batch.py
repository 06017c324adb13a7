"""A regional body uploads a ZIP of its municipalities' plans in a real browser: the batch page
shows each file's reading, one plan is confirmed, an unreadable file is dropped."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.models import Plan
from muniplan.plans.tests.browser import sign_in, url
from muniplan.readers.tests.gold import load_gold
from muniplan.readers.tests.wild_renditions import plan_grid_text, plan_html
from muniplan.transfer.models import ImportBatch, ImportedDocument

from .conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_uploads_a_zip_of_plans_confirms_one_and_drops_another(
    page: Page, live_server, admin_user, tyumen, tmp_path
):
    archive = tmp_path / "планы районов.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("тюмень.txt", (SEEDS / "tyumen_2026__tab_text.txt").read_bytes())
        bundle.writestr("тула.txt", plan_grid_text(load_gold("tula_2024"), "box").encode())
        bundle.writestr("смоленск.html", plan_html(load_gold("smolensk_2022")).encode())
        bundle.writestr("записка.txt", "Просим рассмотреть.".encode())
    archive.write_bytes(buffer.getvalue())

    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, "/import/"))
    form = page.locator("#upload-form")
    form.get_by_label("Документ или несколько документов").set_input_files(archive)
    form.get_by_role("button", name="Прочитать документ").click()

    expect(page).to_have_url(re.compile(r"/import/batch/\d+/$"), timeout=60_000)
    batch = ImportBatch.objects.get()
    assert page.url.endswith(f"/import/batch/{batch.pk}/")
    expect(page.locator("#batch-count")).to_have_text("Прочитано 4 из 4")
    rows = page.locator("#batch-table tbody tr")
    expect(rows).to_have_count(4)
    tyumen_row = page.locator('tr[data-document="тюмень.txt"]')
    expect(tyumen_row).to_contain_text("Совет муниципальных образований Тюменской области")
    expect(tyumen_row).to_contain_text("34")
    expect(page.locator('tr[data-document="тула.txt"]')).to_contain_text("2024")
    expect(page.locator('tr[data-document="записка.txt"]')).to_contain_text("Не прочитан")

    page.locator('tr[data-document="записка.txt"]').get_by_role("button", name="Исключить").click()
    expect(page.locator(".messages")).to_contain_text("Документ записка.txt исключён из загрузки.")
    expect(rows).to_have_count(3)

    page.locator('tr[data-document="тула.txt"]').get_by_role(
        "link", name="Проверить и подтвердить"
    ).click()
    page.get_by_role("button", name="Подтвердить и загрузить").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))  # read the database once it answered
    plan = Plan.objects.get()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    assert plan.year == 2024
    assert (
        ImportedDocument.objects.filter(batch=batch, status=ImportedDocument.Status.PREVIEW).count()
        == 2
    )

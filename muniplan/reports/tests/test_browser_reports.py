"""A council's staff member takes the execution report and the resolution follow-up as Word and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from playwright.sync_api import Page

from muniplan.execution.tests.conftest import add_report
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page: Page, link_name: str, scope: str):
    with page.expect_download() as info:
        page.locator(scope).get_by_role("link", name=link_name).first.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_the_annual_report_is_taken_from_the_dashboard(
    page: Page, live_server, plan, news_activity, admin_user
):
    add_report(
        news_activity,
        admin_user,
        dt.date(2026, 3, 10),
        text="Опубликованы две новости",
        deliveries=[("новость", 2)],
    )
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/execution/dashboard/?year={plan.year}"))
    name, data = _download(page, "Word", "#report-documents")
    assert name.startswith("Отчёт_о_выполнении_плана_") and name.endswith("_2026_год.docx")
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Отчёт о выполнении плана работы за 2026 год"
    assert "Опубликованы две новости." in "\n".join(p.text for p in document.paragraphs)
    name, data = _download(page, "PDF", "#report-documents")
    assert name.endswith(".pdf") and data.startswith(b"%PDF")


def test_the_follow_up_of_a_resolution_is_taken_as_word(
    page: Page, live_server, resolution, items, smolensk_admin
):
    sign_in(page, live_server, smolensk_admin.username)
    page.goto(url(live_server, f"/control/resolutions/{resolution.pk}/"))
    name, data = _download(page, "Word", "#follow-up-documents")
    assert name.startswith("Информация_о_ходе_выполнения_рекомендаций")
    document = Document(io.BytesIO(data))
    assert sum(len(t.rows) - 1 for t in document.tables) == 24

"""A person downloads a large plan as PDF: a waiting page shows progress and then offers the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.documents.models import ExportJob
from muniplan.documents.services import export_job_run
from muniplan.plans.tests.browser import sign_in, url

from .conftest import load_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_viewer_waits_for_a_large_pdf_and_downloads_it(
    page: Page, live_server, viewer_user, tyumen, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MUNIPLAN_EXPORT_BACKGROUND_PDF = 3
    settings.TASKS = {
        "default": {"BACKEND": settings.TASK_BACKENDS["database"]}
    }  # the job waits for a worker
    plan = load_seed("tyumen_2026__tab_text.txt", organization=tyumen)
    sign_in(page, live_server, viewer_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.locator("#export-menu").get_by_role("button", name="PDF").click()

    expect(page.get_by_role("heading", name="Выгрузка плана")).to_be_visible()
    expect(page.locator("#export-status")).to_contain_text("В очереди")
    export_job_run(job=ExportJob.objects.get(plan=plan))  # what the worker does
    link = page.locator("#export-file")
    expect(link).to_be_visible(timeout=10_000)  # the page polled and swapped in the link
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert open(download.value.path(), "rb").read(4) == b"%PDF"

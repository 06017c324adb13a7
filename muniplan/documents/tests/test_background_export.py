"""Large plans export in the background: a waiting page that polls until the file is ready."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD
from muniplan.documents.models import ExportJob
from muniplan.documents.services import export_is_large, export_job_start

from .conftest import load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tyumen, admin_user):
    return load_seed("tyumen_2026__tab_text.txt", organization=tyumen)


@pytest.fixture
def small_limits(settings):
    settings.MUNIPLAN_EXPORT_BACKGROUND_ACTIVITIES = 5
    settings.MUNIPLAN_EXPORT_BACKGROUND_PDF = 3


def test_a_plan_over_the_limit_is_large_and_a_calendar_never_is(plan, settings):
    count = plan.activities.count()
    settings.MUNIPLAN_EXPORT_BACKGROUND_ACTIVITIES = count
    settings.MUNIPLAN_EXPORT_BACKGROUND_PDF = count - 1
    assert not export_is_large(plan, "docx")
    assert export_is_large(plan, "pdf")
    assert not export_is_large(plan, "ics")


def test_the_started_job_stores_the_finished_file_with_an_audit_entry(plan, admin_user):
    job = export_job_start(plan=plan, fmt="xlsx", by=admin_user)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.finished is not None
    assert job.started is not None and job.started <= job.finished
    assert job.filename.endswith(".xlsx") and job.activities == plan.activities.count()
    sheet = load_workbook(io.BytesIO(job.file.read())).active
    assert any("Тюменской" in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    actions = set(
        AuditEntry.objects.filter(organization=plan.organization).values_list("action", flat=True)
    )
    assert {"documents.export.queued", "documents.export.done"} <= actions


def test_a_failing_render_is_recorded_on_the_job(plan, admin_user, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("шрифт не найден")

    monkeypatch.setattr("muniplan.documents.export.export_plan", broken)
    job = export_job_start(plan=plan, fmt="pdf", by=admin_user)
    assert job.status == ExportJob.Status.FAILED
    assert "шрифт не найден" in job.error and not job.file


def test_a_large_download_redirects_to_the_waiting_page_and_offers_the_file(
    client, plan, viewer_user, small_limits
):
    client.login(username=viewer_user.username, password=PASSWORD)
    response = client.get(reverse("documents-plan-export", args=[plan.pk]), {"format": "pdf"})
    job = ExportJob.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents-export-job", args=[job.pk]
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Файл готов" in page.content.decode()
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert (
        fragment.startswith('<div id="export-job">') and "hx-trigger" not in fragment
    )  # polling stops
    download = client.get(reverse("documents-export-job-file", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_small_download_stays_immediate(client, plan, viewer_user, small_limits):
    client.login(username=viewer_user.username, password=PASSWORD)
    response = client.get(reverse("documents-plan-export", args=[plan.pk]), {"format": "ics"})
    assert response.status_code == 200 and not ExportJob.objects.exists()


def test_a_queued_job_keeps_polling(client, plan, admin_user):
    job = ExportJob.objects.create(
        organization=plan.organization,
        plan=plan,
        format="pdf",
        activities=500,
        created_by=admin_user,
    )
    client.login(username=admin_user.username, password=PASSWORD)
    fragment = client.get(
        reverse("documents-export-job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert (
        'hx-trigger="every 2s"' in fragment.content.decode()
        and "В очереди" in fragment.content.decode()
    )
    assert client.get(reverse("documents-export-job-file", args=[job.pk])).status_code == 404


def test_another_organization_gets_404_on_the_job_and_its_file(client, plan, admin_user, stranger):
    job = export_job_start(plan=plan, fmt="docx", by=admin_user)
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(reverse("documents-export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("documents-export-job-file", args=[job.pk])).status_code == 404


def _urls(job) -> list[str]:
    return [
        reverse("documents-export-job", args=[job.pk]),
        reverse("documents-export-job-file", args=[job.pk]),
    ]


def test_another_member_of_the_organization_gets_the_404_page_on_the_job_and_its_file(
    client, plan, admin_user, viewer_user
):
    job = export_job_start(plan=plan, fmt="docx", by=viewer_user)
    client.login(username=admin_user.username, password=PASSWORD)
    for url in _urls(job):
        response = client.get(url)
        assert response.status_code == 404 and "Страница не найдена" in response.content.decode()
    fragment = client.get(_urls(job)[0], headers={"HX-Request": "true"})
    assert fragment.status_code == 404
    client.login(username=viewer_user.username, password=PASSWORD)
    assert [client.get(url).status_code for url in _urls(job)] == [200, 200]


def test_an_anonymous_visitor_is_sent_to_sign_in_and_sees_nothing_of_the_job(
    client, plan, viewer_user
):
    job = export_job_start(plan=plan, fmt="xlsx", by=viewer_user)
    for url in _urls(job):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts-login") + "?next="
        )
        assert not response.content and not getattr(response, "streaming", False)


def test_the_starter_loses_the_job_with_their_membership(client, plan, viewer_user):
    from muniplan.accounts.models import Membership

    job = export_job_start(plan=plan, fmt="xlsx", by=viewer_user)
    Membership.objects.filter(user=viewer_user).delete()
    client.login(username=viewer_user.username, password=PASSWORD)
    assert [client.get(url).status_code for url in _urls(job)] == [404, 404]

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document

pytestmark = pytest.mark.django_db


def test_a_member_downloads_the_plan_report_as_word_named_for_the_organization(
    client, plan, viewer_user
):
    client.force_login(viewer_user)
    response = client.get(reverse("reports-plan", args=[plan.pk, "docx"]) + "?period=q1")
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert (
        "Отчёт_о_выполнении_плана_Совет_муниципальных_образований_Тюменской_области_I_квартал_2026_года.docx"
        in disposition
    )
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Отчёт о выполнении плана работы за I квартал 2026 года"


def test_the_plan_report_comes_as_pdf_too(client, plan, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("reports-plan", args=[plan.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("suffix", ["execution.xls", "execution.docx?period=q5"])
def test_an_unknown_format_or_period_is_not_found(client, plan, admin_user, suffix):
    client.force_login(admin_user)
    assert client.get(f"/reports/plans/{plan.pk}/{suffix}").status_code == 404


def test_a_stranger_gets_nothing_of_the_plan_or_the_resolution(client, plan, stranger, resolution):
    client.force_login(stranger)
    for fmt in ("docx", "pdf"):
        assert client.get(reverse("reports-plan", args=[plan.pk, fmt])).status_code == 404
        assert (
            client.get(reverse("reports-follow-up", args=[resolution.pk, fmt])).status_code == 404
        )


def test_an_anonymous_visitor_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("reports-plan", args=[plan.pk, "docx"]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_viewer_of_the_council_downloads_the_follow_up(
    client, resolution, items, smolensk_viewer
):
    client.force_login(smolensk_viewer)
    response = client.get(reverse("reports-follow-up", args=[resolution.pk, "docx"]))
    assert response.status_code == 200
    assert "Информация_о_ходе_выполнения_рекомендаций" in unquote(response["Content-Disposition"])

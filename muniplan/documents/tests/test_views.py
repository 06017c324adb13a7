"""Downloads from the plan page, the organization's documents page, and who may use them."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document

from muniplan.accounts.models import Membership, Organization
from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD
from muniplan.documents.models import Letterhead

from .conftest import load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def tyumen_plan(tyumen, admin_user):
    tyumen.name = "Совет муниципальных образований Тюменской области"
    return load_seed("tyumen_2026__tab_text.txt", organization=tyumen)


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_a_member_downloads_word_named_for_the_organization_and_year(
    client, viewer_user, tyumen_plan
):
    _login(client, viewer_user)
    response = client.get(
        reverse("documents-plan-export", args=[tyumen_plan.pk]), {"format": "docx"}
    )
    assert response.status_code == 200
    name = "План_работы_Совет_муниципальных_образований_Тюменской_области_2026.docx"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"
    assert Document(io.BytesIO(response.content)).tables[0].rows[2].cells[0].text == "1"


def test_a_user_of_another_organization_gets_404_for_every_format(client, stranger, tyumen_plan):
    _login(client, stranger)
    for fmt in ("docx", "pdf", "xlsx", "ics"):
        response = client.get(
            reverse("documents-plan-export", args=[tyumen_plan.pk]), {"format": fmt}
        )
        assert response.status_code == 404


def test_an_unknown_format_or_a_section_of_another_plan_is_404(
    client, viewer_user, tyumen_plan, seed_plan
):
    other = seed_plan("tula_2024__month_grid_text.txt")
    _login(client, viewer_user)
    url = reverse("documents-plan-export", args=[tyumen_plan.pk])
    assert client.get(url, {"format": "exe"}).status_code == 404
    assert (
        client.get(url, {"format": "ics", "section": other.sections.first().pk}).status_code == 404
    )


def test_a_section_calendar_holds_only_that_sections_activities(client, viewer_user, tyumen_plan):
    section = tyumen_plan.sections.get(title="ПРАВОВОЕ НАПРАВЛЕНИЕ")
    _login(client, viewer_user)
    response = client.get(
        reverse("documents-plan-export", args=[tyumen_plan.pk]),
        {"format": "ics", "section": section.pk},
    )
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.count("BEGIN:VEVENT") == 3 and "SUMMARY:28 " in text


def test_the_plan_page_shows_a_smolensk_plan_with_its_date_and_participants_columns(
    client, seed_plan
):
    plan = seed_plan("smolensk_2022__tab_html_text.txt")
    user = _admin_of(plan.organization)
    _login(client, user)
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert "Ориентировочная дата проведения мероприятия" in html
    assert "члены РО ВСМС 62 человек" in html
    assert 'id="export-menu"' in html and "plan-print.css" in html


def test_the_plan_page_shows_the_tula_month_grid(client, seed_plan):
    plan = seed_plan("tula_2024__month_grid_text.txt")
    _login(client, _admin_of(plan.organization))
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert "Срок исполнения" in html and '<td class="mark">+</td>' in html and "1 раз в год" in html


def _admin_of(organization: Organization):
    from django.contrib.auth.models import User

    user = User.objects.create_user(username=f"admin{organization.pk}", password=PASSWORD)
    Membership.objects.create(user=user, organization=organization, role=Membership.Role.ADMIN)
    return user


def test_an_administrator_sets_the_default_layout_and_it_is_recorded(client, admin_user, tyumen):
    _login(client, admin_user)
    response = client.post(
        reverse("documents-organization", args=[tyumen.pk]),
        {"action": "layout", "plan_layout": "tula"},
    )
    assert response.status_code == 302
    tyumen.refresh_from_db()
    assert tyumen.plan_layout == "tula"
    assert AuditEntry.objects.filter(
        action="documents.layout.changed", organization=tyumen
    ).exists()


def test_a_viewer_cannot_change_the_layout_and_a_stranger_does_not_see_the_page(
    client, viewer_user, stranger, tyumen
):
    _login(client, viewer_user)
    assert (
        client.post(
            reverse("documents-organization", args=[tyumen.pk]),
            {"action": "layout", "plan_layout": "tula"},
        ).status_code
        == 403
    )
    _login(client, stranger)
    assert client.get(reverse("documents-organization", args=[tyumen.pk])).status_code == 404
    tyumen.refresh_from_db()
    assert tyumen.plan_layout == "tyumen"


def _form(*lines: str) -> bytes:
    word = Document()
    for line in lines:
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _upload(client, organization, data: bytes, name: str = "бланк.docx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("documents-organization", args=[organization.pk]),
        {"action": "letterhead", "file": SimpleUploadedFile(name, data)},
    )


def test_the_organizations_word_form_is_used_for_word_exports(
    client, admin_user, tyumen, tyumen_plan
):
    _login(client, admin_user)
    response = _upload(
        client,
        tyumen,
        _form(
            "СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ — бланк",
            "{{ title }}",
            "{{ table }}",
            "Исп.: {{ notes }}",
        ),
    )
    assert response.status_code == 302
    word = Document(
        io.BytesIO(
            client.get(
                reverse("documents-plan-export", args=[tyumen_plan.pk]), {"format": "docx"}
            ).content
        )
    )
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ — бланк" and texts[1] == tyumen_plan.title
    assert len(word.tables) == 1 and word.tables[0].rows[2].cells[1].text.startswith(
        "Участие представителей"
    )
    assert f"Исп.: {tyumen_plan.notes}" in texts


def test_a_form_with_an_unknown_tag_is_refused_naming_the_tag(client, admin_user, tyumen):
    _login(client, admin_user)
    response = _upload(client, tyumen, _form("{{ chairman }}", "{{ table }}"))
    assert response.status_code == 200
    assert "неизвестный тег {{ chairman }}" in response.content.decode()
    assert not Letterhead.objects.exists()


def test_a_form_with_a_broken_tag_is_refused_with_a_russian_message(client, admin_user, tyumen):
    _login(client, admin_user)
    response = _upload(client, tyumen, _form("{{ title ", "{{ table }}"))
    assert "тег «{{ title » не закрыт — допишите «}}»" in response.content.decode()
    assert not Letterhead.objects.exists()


def test_a_file_that_is_not_word_is_refused(client, admin_user, tyumen):
    _login(client, admin_user)
    assert (
        "нужен документ Word"
        in _upload(client, tyumen, b"%PDF-1.4", name="бланк.pdf").content.decode()
    )
    assert "повреждён" in _upload(client, tyumen, b"not a zip", name="бланк.docx").content.decode()


def test_a_form_that_breaks_later_gives_the_default_layout_and_a_message(
    client, admin_user, tyumen, tyumen_plan
):
    _login(client, admin_user)
    _upload(client, tyumen, _form("{{ title }}", "{{ table }}"))
    letterhead = Letterhead.objects.get()
    with letterhead.file.open("wb") as stored:  # the stored form went bad (edited on disk, say)
        stored.write(_form("{{ title", "{{ table }}"))
    response = client.get(
        reverse("documents-plan-export", args=[tyumen_plan.pk]), {"format": "docx"}
    )
    word = Document(io.BytesIO(response.content))
    assert word.paragraphs[0].text == tyumen_plan.title  # the default layout
    letterhead.refresh_from_db()
    assert letterhead.error == "Шаблон бланк.docx: тег «{{ title» не закрыт — допишите «}}»."
    page = client.get(reverse("documents-organization", args=[tyumen.pk])).content.decode()
    assert "Бланк не используется" in page

"""The import pages: who may upload, what bad files are told, and who may download the original."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muniplan.plans.models import Plan
from muniplan.transfer.models import ImportedDocument

pytestmark = pytest.mark.django_db


def _upload(client, org, name: str, data: bytes):
    return client.post(
        reverse("transfer-upload"), {"organization": org.pk, "file": SimpleUploadedFile(name, data)}
    )


def test_only_administrators_may_upload(client, viewer_user, editor_user):
    for user in (viewer_user, editor_user):
        client.force_login(user)
        assert client.get(reverse("transfer-upload")).status_code == 403


def test_an_administrator_cannot_upload_into_another_organization(
    client, admin_user, tula, tyumen_seed
):
    client.force_login(admin_user)
    response = _upload(client, tula, "tyumen.txt", tyumen_seed)
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not ImportedDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("программа.exe", b"MZ\x90\x00", "программа.exe"),
        ("пустой.docx", b"", "пустой.docx"),
        ("сломанный.docx", b"PK\x03\x04 not really a zip", "сломанный.docx"),
        ("старый.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "docx"),
    ],
)
def test_a_bad_file_gets_a_russian_message_naming_it_and_nothing_is_created(
    client, admin_user, tyumen, name, data, words
):
    client.force_login(admin_user)
    response = _upload(client, tyumen, name, data)
    errors = " ".join(response.context["form"].errors["file"])
    assert words in errors
    assert not ImportedDocument.objects.exists() and not Plan.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, admin_user, tyumen, settings):
    settings.MUNIPLAN_MAX_UPLOAD_BYTES = 1024
    client.force_login(admin_user)
    response = _upload(client, tyumen, "большой.txt", b"x" * 5000)
    assert "большой.txt слишком большой" in " ".join(response.context["form"].errors["file"])
    assert not ImportedDocument.objects.exists()


def test_upload_preview_confirm_and_download_the_original(client, admin_user, tyumen, tyumen_seed):
    client.force_login(admin_user)
    response = _upload(client, tyumen, "tyumen.txt", tyumen_seed)
    document = ImportedDocument.objects.get()
    assert response["Location"] == reverse("transfer-preview", args=[document.pk])
    preview = client.get(response["Location"])
    assert preview.content.decode().count('class="activity') == 34
    confirmed = client.post(response["Location"], {"year": 2026, "unit-0": "new", "unit-1": "new"})
    plan = Plan.objects.get()
    assert confirmed["Location"] == reverse("plans-detail", args=[plan.pk])
    download = client.get(reverse("transfer-download", args=[document.pk]))
    assert b"".join(download.streaming_content) == tyumen_seed
    assert "tyumen.txt" in download["Content-Disposition"]


def test_a_stranger_cannot_see_or_download_anothers_upload(
    client, admin_user, stranger, tyumen, tyumen_seed
):
    client.force_login(admin_user)
    _upload(client, tyumen, "tyumen.txt", tyumen_seed)
    document = ImportedDocument.objects.get()
    client.force_login(stranger)
    assert client.get(reverse("transfer-download", args=[document.pk])).status_code == 404
    assert (
        client.post(reverse("transfer-preview", args=[document.pk]), {"year": 2026}).status_code
        == 404
    )
    assert not Plan.objects.exists()


UNKNOWN_HEADERS = "План работы на 2026 год\nКолонка А;Колонка Б;Колонка В\n1;Семинар для глав поселений;март\n2;Заседание Правления;2-3 квартал\n"


def test_unrecognized_headers_are_mapped_by_hand_then_read(client, admin_user, tyumen):
    client.force_login(admin_user)
    response = _upload(client, tyumen, "без заголовков.csv", UNKNOWN_HEADERS.encode())
    document = ImportedDocument.objects.get()
    assert document.status == "mapping"
    assert response["Location"] == reverse("transfer-columns", args=[document.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Колонка Б" in page and "Семинар для глав поселений" in page
    mapped = client.post(
        response["Location"], {"col-0": "number", "col-1": "title", "col-2": "period"}
    )
    assert mapped["Location"] == reverse("transfer-preview", args=[document.pk])
    client.post(mapped["Location"], {"year": 2026})
    plan = Plan.objects.get()
    assert [(a.number, a.title, a.months) for a in plan.activities.order_by("position")] == [
        ("1", "Семинар для глав поселений", [3]),
        ("2", "Заседание Правления", [4, 5, 6, 7, 8, 9]),
    ]


def test_a_mapping_without_the_title_column_is_refused(client, admin_user, tyumen):
    client.force_login(admin_user)
    _upload(client, tyumen, "без заголовков.csv", UNKNOWN_HEADERS.encode())
    document = ImportedDocument.objects.get()
    response = client.post(
        reverse("transfer-columns", args=[document.pk]), {"col-0": "number"}, follow=True
    )
    assert "наименование мероприятия" in response.content.decode()
    document.refresh_from_db()
    assert document.status == "mapping" and not Plan.objects.exists()


def test_the_preview_lists_units_that_do_not_exist_and_creates_only_what_was_chosen(
    client, admin_user, tyumen, tyumen_seed
):
    from muniplan.accounts.models import Unit

    accounting = Unit.objects.create(organization=tyumen, name="Бухгалтерия")
    client.force_login(admin_user)
    location = _upload(client, tyumen, "tyumen.txt", tyumen_seed)["Location"]
    preview = client.get(location)
    assert preview.context["unit_form"].names == [
        "Аппарат Совета",
        "Информационно-аналитический отдел",
    ]
    page = preview.content.decode()
    assert (
        "Подразделения, которых ещё нет в организации" in page
        and "Создать новое подразделение" in page
    )
    assert list(tyumen.units.all()) == [accounting]  # reading created nothing

    refused = client.post(
        location, {"year": 2026, "unit-0": "999999"}
    )  # not a unit of this organization
    assert refused.status_code == 200 and not Plan.objects.exists()
    assert list(tyumen.units.all()) == [accounting]

    client.post(location, {"year": 2026, "unit-0": str(accounting.pk), "unit-1": "text"})
    plan = Plan.objects.get()
    assert list(tyumen.units.all()) == [
        accounting
    ]  # «Аппарат Совета» is another name of it; nothing new
    apparatus_activities = plan.activities.filter(responsible_units=accounting)
    assert apparatus_activities.exists()
    analytic = plan.activities.filter(
        responsible_text__contains="Информационно-аналитический отдел"
    )
    assert analytic.exists() and not analytic.filter(responsible_units__isnull=False).exists()


def test_a_unit_chosen_to_be_created_is_created_with_an_audit_entry(
    client, admin_user, tyumen, tyumen_seed
):
    from muniplan.audit.models import AuditEntry

    client.force_login(admin_user)
    location = _upload(client, tyumen, "tyumen.txt", tyumen_seed)["Location"]
    client.post(location, {"year": 2026, "unit-0": "new", "unit-1": "text"})
    assert [u.name for u in tyumen.units.all()] == ["Аппарат Совета"]
    assert AuditEntry.objects.filter(
        action="accounts.unit.created", summary="Аппарат Совета"
    ).exists()


def test_the_organization_list_of_the_upload_starts_at_the_only_organization(
    client, admin_user, tyumen
):
    client.force_login(admin_user)
    page = client.get(reverse("transfer-upload")).content.decode()
    assert "---------" not in page
    assert f'<option value="{tyumen.pk}" selected>' in page


def test_the_column_page_says_whether_the_headers_were_recognized(
    client, admin_user, tyumen, tyumen_seed
):
    client.force_login(admin_user)
    _upload(client, tyumen, "без заголовков.csv", UNKNOWN_HEADERS.encode())
    _upload(client, tyumen, "tyumen.txt", tyumen_seed)
    unknown, known = ImportedDocument.objects.order_by("id")
    assert (
        "не распознаны"
        in client.get(reverse("transfer-columns", args=[unknown.pk])).content.decode()
    )
    page = client.get(reverse("transfer-columns", args=[known.pk])).content.decode()
    assert "не распознаны" not in page and "прочитаны так, как показано" in page


def test_a_resolutions_preview_gives_its_date_as_people_write_it(
    client, admin_user, tyumen, resolution_seed
):
    client.force_login(admin_user)
    response = _upload(client, tyumen, "резолюция.txt", resolution_seed)
    preview = client.get(response["Location"]).content.decode()
    assert "<dt>Дата</dt><dd>08.09.2020</dd>" in preview

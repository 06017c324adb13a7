"""Many documents at once: a ZIP or several files become a batch read in the background, each
document confirmed or dropped on its own; a dangerous archive is refused with nothing kept."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.plans.models import Plan
from muniplan.readers.tests.gold import load_gold
from muniplan.readers.tests.renditions import plan_docx
from muniplan.transfer.models import ImportBatch, ImportedDocument

pytestmark = pytest.mark.django_db


def _zip(files: dict[str, bytes], **kwargs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, **kwargs) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _post(client, org, *files: tuple[str, bytes]):
    return client.post(
        reverse("transfer-upload"),
        {"organization": org.pk, "file": [SimpleUploadedFile(n, d) for n, d in files]},
    )


@pytest.fixture
def plans_zip(tyumen_seed) -> bytes:
    return _zip(
        {
            "планы/тюмень.txt": tyumen_seed,
            "планы/тула.docx": plan_docx(load_gold("tula_2024")),
            "планы/письмо.txt": "Добрый день! План во вложении.".encode(),
            "планы/фото.bmp": b"BM....",
            "__MACOSX/._тула.docx": b"\x00",
        }
    )


def test_a_zip_of_plans_becomes_a_batch_with_each_documents_reading(
    client, admin_user, tyumen, plans_zip
):
    client.force_login(admin_user)
    response = _post(client, tyumen, ("планы.zip", plans_zip))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("transfer-batch", args=[batch.pk])
    documents = {d.original_name: d for d in batch.documents.all()}
    assert set(documents) == {"тюмень.txt", "тула.docx", "письмо.txt"}
    assert documents["тюмень.txt"].status == ImportedDocument.Status.PREVIEW
    assert documents["тула.docx"].status == ImportedDocument.Status.PREVIEW
    assert documents["письмо.txt"].status == ImportedDocument.Status.FAILED
    assert batch.skipped == ["планы/фото.bmp"]
    page = client.get(response["Location"]).content.decode()
    assert "Прочитано 3 из 3" in page
    assert "Совет муниципальных образований Тюменской области" in page and "2026" in page
    assert "письмо.txt" in page and "не удалось распознать" in page
    row = page.split('data-document="тюмень.txt"')[1].split("</tr>")[0]
    assert "<td>5</td>" in row and "<td>34</td>" in row  # sections and activities
    assert not Plan.objects.exists()


def test_each_document_of_a_batch_is_confirmed_or_dropped_on_its_own(
    client, admin_user, tyumen, plans_zip, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    _post(client, tyumen, ("планы.zip", plans_zip))
    batch = ImportBatch.objects.get()
    tyumen_doc = batch.documents.get(original_name="тюмень.txt")
    tula_doc = batch.documents.get(original_name="тула.docx")
    response = client.post(reverse("transfer-preview", args=[tyumen_doc.pk]), {"year": 2026})
    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    stored = tula_doc.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("transfer-drop", args=[tula_doc.pk]))
    assert response["Location"] == reverse("transfer-batch", args=[batch.pk])
    assert not ImportedDocument.objects.filter(pk=tula_doc.pk).exists()
    assert not os.path.exists(stored)
    tyumen_doc.refresh_from_db()
    assert tyumen_doc.status == ImportedDocument.Status.CONFIRMED and Plan.objects.count() == 1
    assert AuditEntry.objects.filter(action="transfer.document.dropped").count() == 1
    assert client.post(reverse("transfer-drop", args=[tyumen_doc.pk])).status_code == 302
    assert ImportedDocument.objects.filter(pk=tyumen_doc.pk).exists()  # a confirmed one stays


def test_several_files_chosen_at_once_are_a_batch(client, admin_user, tyumen, tyumen_seed):
    client.force_login(admin_user)
    _post(client, tyumen, ("а.txt", tyumen_seed), ("б.docx", plan_docx(load_gold("smolensk_2022"))))
    assert (
        ImportBatch.objects.get().documents.filter(status=ImportedDocument.Status.PREVIEW).count()
        == 2
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../etc/cron.d/evil.txt", "за пределы архива"),
        ("/abs/plan.txt", "за пределы архива"),
        ("C:\\plan.txt", "за пределы архива"),
    ],
)
def test_a_zip_with_a_name_leading_out_of_it_is_refused_with_nothing_kept(
    client, admin_user, tyumen, tyumen_seed, settings, name, words
):
    client.force_login(admin_user)
    response = _post(
        client, tyumen, ("архив.zip", _zip({"план.txt": tyumen_seed, name: tyumen_seed}))
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists() and not ImportedDocument.objects.exists()
    assert not list((settings.MEDIA_ROOT).glob("**/*.*")) if settings.MEDIA_ROOT.exists() else True


def test_a_zip_bomb_is_refused_with_nothing_kept(client, admin_user, tyumen):
    client.force_login(admin_user)
    bomb = _zip({"план.txt": b"0" * (300 * 1024 * 1024)})
    response = _post(client, tyumen, ("бомба.zip", bomb))
    assert "zip-бомбы" in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists() and not ImportedDocument.objects.exists()


def test_more_than_a_hundred_documents_are_refused(client, admin_user, tyumen):
    client.force_login(admin_user)
    many = _zip({f"план {n}.txt": b"x" for n in range(101)})
    response = _post(client, tyumen, ("много.zip", many))
    assert "не более 100 документов" in " ".join(response.context["form"].errors["file"])
    assert not ImportedDocument.objects.exists()


def test_a_user_of_another_organization_gets_404_on_the_batch_and_its_documents(
    client, admin_user, tyumen, stranger, plans_zip
):
    client.force_login(admin_user)
    _post(client, tyumen, ("планы.zip", plans_zip))
    batch = ImportBatch.objects.get()
    document = batch.documents.first()
    client.force_login(stranger)
    assert client.get(reverse("transfer-batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("transfer-drop", args=[document.pk])).status_code == 404
    assert ImportedDocument.objects.filter(pk=document.pk).exists()


def test_a_viewer_of_the_organization_may_not_see_the_batch(
    client, admin_user, viewer_user, tyumen, plans_zip
):
    client.force_login(admin_user)
    _post(client, tyumen, ("планы.zip", plans_zip))
    client.force_login(viewer_user)
    assert (
        client.get(reverse("transfer-batch", args=[ImportBatch.objects.get().pk])).status_code
        == 403
    )


def test_while_documents_are_read_the_batch_table_asks_to_be_refreshed(
    client, admin_user, tyumen, plans_zip, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(admin_user)
    _post(client, tyumen, ("планы.zip", plans_zip))
    batch = ImportBatch.objects.get()
    partial = client.get(
        reverse("transfer-batch", args=[batch.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.startswith('<div id="batch-documents" hx-get=') and "Прочитано 0 из 3" in partial
    from muniplan.transfer.tasks import read_queued_document

    for document in batch.documents.all():
        read_queued_document.call(document.pk)
    partial = client.get(
        reverse("transfer-batch", args=[batch.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-get" not in partial and "Прочитано 3 из 3" in partial


def test_a_table_pasted_from_a_web_page_is_read_without_a_file(client, admin_user, tyumen):
    client.force_login(admin_user)
    page = (
        "<h2>План работы Совета на 2026 год</h2><table><tr><th>№</th><th>Мероприятия</th>"
        "<th>Сроки</th><th>Исполнители</th></tr><tr><td>1</td><td>Заседание правления</td>"
        "<td>март</td><td>Аппарат Совета</td></tr></table>"
    )
    response = client.post(reverse("transfer-upload"), {"organization": tyumen.pk, "pasted": page})
    document = ImportedDocument.objects.get()
    assert response["Location"] == reverse("transfer-preview", args=[document.pk])
    activity = document.draft["sections"][0]["activities"][0]
    assert (activity["title"], activity["period"]["months"], activity["responsible"]) == (
        "Заседание правления",
        [3],
        ["Аппарат Совета"],
    )

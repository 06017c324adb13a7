"""`muniplan purge_uploads` removes uploads unconfirmed for 30 days with their files, and nothing else."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from muniplan.audit.models import AuditEntry
from muniplan.transfer.models import ImportedDocument
from muniplan.transfer.services import document_confirm, document_read

pytestmark = pytest.mark.django_db

UNKNOWN_HEADERS = (
    "План работы на 2026 год\nКолонка А;Колонка Б\n1;Семинар для глав поселений\n".encode()
)


def _upload(tyumen, admin_user, name: str, data: bytes, *, days_ago: int) -> ImportedDocument:
    document = document_read(organization=tyumen, filename=name, data=data, by=admin_user)
    ImportedDocument.objects.filter(pk=document.pk).update(
        created=timezone.now() - timedelta(days=days_ago)
    )
    return document


def test_stale_unconfirmed_uploads_go_with_their_files_and_the_rest_stays(
    tyumen, admin_user, tyumen_seed
):
    stale_preview = _upload(tyumen, admin_user, "старый.txt", tyumen_seed, days_ago=31)
    stale_mapping = _upload(tyumen, admin_user, "столбцы.csv", UNKNOWN_HEADERS, days_ago=45)
    fresh = _upload(tyumen, admin_user, "свежий.txt", tyumen_seed, days_ago=29)
    confirmed = _upload(tyumen, admin_user, "загружен.txt", tyumen_seed, days_ago=400)
    document_confirm(document=confirmed, by=admin_user)
    assert stale_mapping.status == "mapping"
    stale_files = [Path(stale_preview.file.path), Path(stale_mapping.file.path)]
    assert all(path.exists() for path in stale_files)

    out = StringIO()
    call_command("purge_uploads", stdout=out)

    assert "Удалено неподтверждённых документов: 2." in out.getvalue()
    assert set(ImportedDocument.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not any(path.exists() for path in stale_files)
    assert Path(fresh.file.path).read_bytes() == tyumen_seed
    assert Path(confirmed.file.path).read_bytes() == tyumen_seed
    purged = AuditEntry.objects.filter(action="transfer.document.purged")
    assert sorted(purged.values_list("summary", flat=True)) == ["старый.txt", "столбцы.csv"]


def test_a_shorter_age_can_be_given(tyumen, admin_user, tyumen_seed):
    _upload(tyumen, admin_user, "неделя.txt", tyumen_seed, days_ago=8)
    call_command("purge_uploads", "--days", "7", stdout=StringIO())
    assert not ImportedDocument.objects.exists()

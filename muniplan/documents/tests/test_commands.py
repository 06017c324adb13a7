from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from muniplan.conftest import PASSWORD

from .conftest import load_seed

pytestmark = pytest.mark.django_db


def test_plans_json_lists_every_plan_with_its_activity_count():
    plan = load_seed("tula_2024__month_grid_text.txt")
    out = io.StringIO()
    call_command("plans", "--json", stdout=out)
    [listed] = json.loads(out.getvalue())
    assert listed == {
        "id": plan.pk,
        "organization": plan.organization.name,
        "year": 2024,
        "title": plan.title,
        "status": "draft",
        "activities": plan.activities.count(),
    }
    assert listed["activities"] == 52  # sub-activities included
    out = io.StringIO()
    call_command("plans", stdout=out)
    line = out.getvalue().strip()
    assert line.split("\t")[:5] == [str(plan.pk), plan.organization.name, "2024", "Проект", "52"]
    assert "\n" not in line  # a title of several lines is one line of the listing


def test_export_writes_the_same_document_the_web_download_gives(client, tmp_path, settings):
    settings.MUNIPLAN_SITE_URL = "http://testserver"  # the address the command's links use
    plan = load_seed("smolensk_2022__tab_html_text.txt")
    from .test_views import _admin_of

    client.login(username=_admin_of(plan.organization).username, password=PASSWORD)
    for fmt in ("xlsx", "docx", "ics"):
        path = tmp_path / f"plan.{fmt}"
        call_command("export", str(plan.pk), "--format", fmt, "-o", str(path), stdout=io.StringIO())
        web = client.get(reverse("documents-plan-export", args=[plan.pk]), {"format": fmt}).content
        assert _content(fmt, path.read_bytes()) == _content(fmt, web)


def _content(fmt: str, data: bytes):
    """What the document says (zip entries carry the second they were written)."""
    if fmt == "xlsx":
        return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    if fmt == "docx":
        import zipfile

        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return data


def test_export_of_a_missing_plan_fails_with_a_russian_message(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "export", "999999", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), stderr=err
        )
    assert exit_info.value.code == 1
    assert "План № 999999 не найден" in err.getvalue()
    assert not (tmp_path / "x.pdf").exists()


def test_export_into_a_missing_folder_fails_with_a_russian_message(tmp_path):
    plan = load_seed("tula_2024__month_grid_text.txt")
    target = tmp_path / "нет-такой-папки" / "план.ics"
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("export", str(plan.pk), "--format", "ics", "-o", str(target), stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue().strip() == f"Не удалось записать файл {target}: такой папки нет."

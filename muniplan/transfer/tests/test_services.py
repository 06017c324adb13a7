"""Upload, preview and confirm: only confirm writes, all or nothing, and the original is kept."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from muniplan.plans.models import Plan
from muniplan.readers.draft import ReadError
from muniplan.transfer.models import ImportedDocument
from muniplan.transfer.services import document_confirm, document_read, preview_rows

pytestmark = pytest.mark.django_db


def _activity_path(document: ImportedDocument, number: str) -> str:
    return next(
        row["path"]
        for row in preview_rows(document.draft)
        if row.get("a", {}).get("number") == number
    )


def test_reading_keeps_the_original_and_what_was_understood(tyumen, admin_user, tyumen_seed):
    document = document_read(
        organization=tyumen, filename="план 2026.txt", data=tyumen_seed, by=admin_user
    )
    assert document.status == "preview" and document.kind == "plan"
    assert document.sha256 == hashlib.sha256(tyumen_seed).hexdigest()
    with document.file.open("rb") as stored:
        assert stored.read() == tyumen_seed
    assert document.original_name == "план 2026.txt"
    assert len(document.draft["sections"]) == 5
    assert not Plan.objects.exists()  # nothing is written before confirmation


def test_an_unreadable_file_leaves_nothing_behind(tyumen, admin_user):
    with pytest.raises(ReadError) as error:
        document_read(organization=tyumen, filename="пустой.docx", data=b"", by=admin_user)
    assert "пустой.docx" in str(error.value)
    assert not ImportedDocument.objects.exists()


def test_confirming_creates_the_whole_plan(tyumen, admin_user, tyumen_seed):
    document = document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )
    plan = document_confirm(document=document, by=admin_user)
    assert (plan.year, plan.organization, plan.status) == (2026, tyumen, "draft")
    assert plan.sections.count() == 5
    assert plan.activities.count() == 34
    funded = sorted(int(a.number) for a in plan.activities.exclude(funding_text=""))
    assert funded == [2, 9, 25, 28, 32, 33]
    assert set(tyumen.units.values_list("name", flat=True)) == {
        "Аппарат Совета",
        "Информационно-аналитический отдел",
    }
    assert plan.activities.get(number="24").months == [4, 5, 6, 7, 8, 9]
    assert (
        plan.notes == "Информационно-аналитический отдел Совета"
    )  # the line under the table is kept
    document.refresh_from_db()
    assert (document.status, document.plan) == ("confirmed", plan)


def test_a_persons_corrections_in_the_preview_reach_the_plan(tyumen, admin_user, tyumen_seed):
    document = document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )
    path = _activity_path(document, "24")
    plan = document_confirm(
        document=document,
        by=admin_user,
        edits={(path, "period"): "март", (path, "title"): "Совместные мероприятия с Советами УрФО"},
    )
    activity = plan.activities.get(number="24")
    assert (activity.title, activity.period_text, activity.months) == (
        "Совместные мероприятия с Советами УрФО",
        "март",
        [3],
    )


def test_a_bad_correction_creates_nothing(tyumen, admin_user, tyumen_seed):
    document = document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )
    path = _activity_path(document, "3")
    with pytest.raises(ValidationError) as error:
        document_confirm(document=document, by=admin_user, edits={(path, "title"): "  "})
    assert "Мероприятие 3" in error.value.messages[0]
    assert not Plan.objects.exists()
    document.refresh_from_db()
    assert document.status == "preview"


def test_a_document_is_confirmed_only_once(tyumen, admin_user, tyumen_seed):
    document = document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )
    document_confirm(document=document, by=admin_user)
    with pytest.raises(ValidationError):
        document_confirm(document=document, by=admin_user)
    assert Plan.objects.count() == 1


def test_a_resolution_is_loaded_with_its_addressees_and_recommendations(
    tyumen, admin_user, resolution_seed
):
    document = document_read(
        organization=tyumen, filename="резолюция.txt", data=resolution_seed, by=admin_user
    )
    resolution = document_confirm(document=document, by=admin_user)
    assert str(resolution.date) == "2020-09-08"
    counts = [a.recommendations.count() for a in resolution.addressees.all()]
    assert counts == [6, 8, 5, 1, 4]
    assert resolution.closing.startswith("Направить настоящую резолюцию")


def test_participants_corrected_in_the_preview_keep_one_group_a_line(
    tyumen, admin_user, tyumen_seed
):
    document = document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )
    path = _activity_path(document, "20")
    plan = document_confirm(
        document=document,
        by=admin_user,
        edits={(path, "participants"): "члены Ассоциации ТОС 40 человек\r\nГлавы поселений"},
    )
    activity = plan.activities.get(number="20")
    assert [(p.count, p.category) for p in activity.participations.all()] == [
        (40, "члены Ассоциации ТОС"),
        (None, "Главы поселений"),
    ]
    assert activity.partners == []

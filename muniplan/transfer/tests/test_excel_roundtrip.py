"""A plan exported to Excel, edited there and uploaded again: preview, then one transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD
from muniplan.documents.export import export_plan
from muniplan.documents.layouts import roman
from muniplan.documents.renderers.sheet import ID_HEADER
from muniplan.documents.tests.conftest import load_seed
from muniplan.plans.models import Activity
from muniplan.tests_support.office import libreoffice_convert
from muniplan.transfer.models import ImportedDocument
from muniplan.transfer.roundtrip import sheet_apply, sheet_read

from .excel_edits import EditedSheet

pytestmark = pytest.mark.django_db
TITLE, PERIOD, RESPONSIBLE = (
    "Наименование мероприятия",
    "Период",
    "Ответственный исполнитель/\nфинансовое обеспечение",
)


@pytest.fixture
def plan(tyumen, admin_user, apparatus, analytics):
    return load_seed("tyumen_2026__tab_text.txt", by=admin_user, organization=tyumen)


def _code(plan, number: str) -> int:
    return plan.activities.get(number=number).pk


def edited_tyumen(plan) -> bytes:
    """Edits of every kind: a title, a period, a unit, a deleted row, a moved row, a row moved
    to another section and a new row."""
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.set(
        _code(plan, "1"), TITLE, "Участие в региональных днях форума «Малая Родина – сила России»"
    )
    sheet.set(_code(plan, "2"), PERIOD, "май")
    sheet.set(_code(plan, "3"), RESPONSIBLE, "Информационно-аналитический отдел")
    sheet.delete(_code(plan, "5"))
    sheet.move_after(_code(plan, "4"), _code(plan, "10"))
    sheet.move_after(_code(plan, "20"), _code(plan, "30"))
    sheet.insert_after(
        _code(plan, "30"),
        {
            "№\nп/п": "31",
            TITLE: "Семинар для юристов муниципалитетов",
            PERIOD: "октябрь",
            RESPONSIBLE: "Аппарат Совета",
        },
    )
    return sheet.save()


def test_the_preview_lists_each_change_per_activity(plan, admin_user):
    document = sheet_read(plan=plan, filename="план.xlsx", data=edited_tyumen(plan), by=admin_user)
    changes = {(c["kind"], c["number"]) for c in document.draft["changes"]}
    assert changes == {
        ("changed", "1"),
        ("changed", "2"),
        ("changed", "3"),
        ("deleted", "5"),
        ("moved", "4"),
        ("moved", "20"),
        ("added", "31"),
    }
    changed = {
        c["number"]: c["fields"] for c in document.draft["changes"] if c["kind"] == "changed"
    }
    assert changed["2"] == {"period": ["апрель", "май"]}
    assert (
        plan.activities.get(number="2").period_text == "апрель"
    )  # nothing written before confirmation


def test_confirming_applies_every_change_with_history(plan, admin_user):
    document = sheet_read(plan=plan, filename="план.xlsx", data=edited_tyumen(plan), by=admin_user)
    before = AuditEntry.objects.count()

    sheet_apply(document=document, by=admin_user)

    assert plan.activities.get(number="1").title.startswith("Участие в региональных днях форума")
    second = plan.activities.get(number="2")
    assert (second.period_text, second.months) == ("май", [5])
    assert [u.name for u in plan.activities.get(number="3").responsible_units.all()] == [
        "Информационно-аналитический отдел"
    ]
    assert not plan.activities.filter(number="5").exists()
    first_section = plan.sections.order_by("position").first()
    assert list(first_section.activities.order_by("position").values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
        "6",
        "7",
        "8",
        "9",
        "10",
        "4",
    ]
    legal = plan.sections.get(title="ПРАВОВОЕ НАПРАВЛЕНИЕ")
    assert list(legal.activities.order_by("position").values_list("number", flat=True)) == [
        "28",
        "29",
        "30",
        "31",
        "20",
    ]
    new = legal.activities.get(number="31")
    assert (new.title, new.months, [u.name for u in new.responsible_units.all()]) == (
        "Семинар для юристов муниципалитетов",
        [10],
        ["Аппарат Совета"],
    )
    actions = list(AuditEntry.objects.order_by("id")[before:].values_list("action", flat=True))
    assert {
        "plans.activity.updated",
        "plans.activity.created",
        "plans.activity.deleted",
        "plans.activity.moved",
        "transfer.sheet.applied",
    } <= set(actions)
    document.refresh_from_db()
    assert document.status == ImportedDocument.Status.CONFIRMED


def test_an_unchanged_export_makes_no_changes(plan, admin_user):
    document = sheet_read(
        plan=plan, filename="план.xlsx", data=export_plan(plan, "xlsx").data, by=admin_user
    )
    assert document.draft["changes"] == []


def test_a_row_code_of_another_organizations_plan_is_refused(plan, admin_user, tula):
    foreign = load_seed("tula_2024__month_grid_text.txt", organization=tula)
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.set(_code(plan, "7"), ID_HEADER, foreign.activities.first().pk)
    with pytest.raises(ValidationError, match="не относится к плану"):
        sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    assert not ImportedDocument.objects.filter(kind="plan_update").exists()


def test_a_failure_while_applying_leaves_the_plan_as_it_was(plan, admin_user, monkeypatch):
    document = sheet_read(plan=plan, filename="план.xlsx", data=edited_tyumen(plan), by=admin_user)
    from muniplan.transfer import roundtrip

    def broken(**kwargs):
        raise ValidationError("сбой")

    monkeypatch.setattr(roundtrip, "activity_delete", broken)
    with pytest.raises(ValidationError):
        sheet_apply(document=document, by=admin_user)
    assert plan.activities.get(number="2").period_text == "апрель"
    assert plan.activities.filter(number="5").exists()
    assert not plan.activities.filter(title="Семинар для юристов муниципалитетов").exists()


def test_ticks_changed_in_the_tula_grid_set_the_months(tula, admin_user):
    from muniplan.accounts.models import Membership

    Membership.objects.create(user=admin_user, organization=tula, role=Membership.Role.ADMIN)
    tula.plan_layout = "tula"
    tula.save()
    plan = load_seed("tula_2024__month_grid_text.txt", organization=tula)
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    code = _code(plan, "6.1")  # июнь-сентябрь
    sheet.set(code, "Сен", None)
    sheet.set(code, "Май", "+")
    document = sheet_read(plan=plan, filename="grid.xlsx", data=sheet.save(), by=admin_user)
    assert [c["kind"] for c in document.draft["changes"]] == ["changed"]
    sheet_apply(document=document, by=admin_user)
    assert Activity.objects.get(pk=code).months == [5, 6, 7, 8]


def test_only_an_administrator_of_a_draft_plan_may_upload_changes(
    client, plan, viewer_user, stranger
):
    url = reverse("transfer-excel-upload", args=[plan.pk])
    client.login(username=viewer_user.username, password=PASSWORD)
    assert client.get(url).status_code == 403
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(url).status_code == 404


def test_a_file_that_is_not_an_export_gets_a_message_naming_it(client, plan, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username=admin_user.username, password=PASSWORD)
    data = export_plan(plan, "docx").data
    response = client.post(
        reverse("transfer-excel-upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("план.docx", data)},
    )
    assert "Файл план.docx: загрузите файл Excel" in response.content.decode()
    response = client.post(
        reverse("transfer-excel-upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("пустой.xlsx", b"")},
    )
    assert "Файл пустой.xlsx пуст: выберите файл с содержимым." in response.content.decode()


def test_an_activity_changed_after_the_preview_is_not_overwritten(plan, admin_user):
    from muniplan.plans.services import ActivityInput, activity_update

    document = sheet_read(plan=plan, filename="план.xlsx", data=edited_tyumen(plan), by=admin_user)
    second = plan.activities.get(number="2")
    activity_update(
        activity=second,
        by=admin_user,
        data=ActivityInput(title=second.title, number="2", period_text="июнь"),
    )

    with pytest.raises(ValidationError, match="План изменился после загрузки файла план.xlsx"):
        sheet_apply(document=document, by=admin_user)
    second.refresh_from_db()
    assert second.period_text == "июнь"
    assert plan.activities.filter(number="5").exists()
    # the preview now shows what confirming would do to the plan as it is
    document.refresh_from_db()
    changed = {
        c["number"]: c["fields"] for c in document.draft["changes"] if c["kind"] == "changed"
    }
    assert changed["2"]["period"] == ["июнь", "май"]
    sheet_apply(document=document, by=admin_user)
    second.refresh_from_db()
    assert second.period_text == "май"


def test_an_activity_added_after_the_preview_is_not_deleted_unseen(plan, admin_user):
    from muniplan.plans.services import ActivityInput, activity_create

    document = sheet_read(plan=plan, filename="план.xlsx", data=edited_tyumen(plan), by=admin_user)
    shown = document.draft["changes"]
    added = activity_create(
        section=plan.sections.order_by("position").first(),
        by=admin_user,
        data=ActivityInput(title="Семинар для глав поселений"),
    )

    with pytest.raises(ValidationError, match="различия пересчитаны"):
        sheet_apply(document=document, by=admin_user)

    assert Activity.objects.filter(pk=added.pk).exists()
    assert plan.activities.get(number="2").period_text == "апрель"  # nothing of the sheet written
    document.refresh_from_db()
    assert document.status == ImportedDocument.Status.PREVIEW
    new = [c for c in document.draft["changes"] if c not in shown]
    assert [(c["kind"], c["title"]) for c in new] == [("deleted", "Семинар для глав поселений")]


def test_a_second_preview_of_the_same_file_is_shown_again_after_the_first_is_applied(
    plan, admin_user
):
    data = edited_tyumen(plan)
    first = sheet_read(plan=plan, filename="план.xlsx", data=data, by=admin_user)
    second = sheet_read(plan=plan, filename="план.xlsx", data=data, by=admin_user)
    sheet_apply(document=first, by=admin_user)
    seminar = plan.activities.get(title="Семинар для юристов муниципалитетов")

    with pytest.raises(ValidationError, match="различия пересчитаны"):
        sheet_apply(document=second, by=admin_user)

    assert plan.activities.filter(title=seminar.title).count() == 1
    second.refresh_from_db()
    seminars = [
        (c["kind"], c.get("id")) for c in second.draft["changes"] if c["title"] == seminar.title
    ]
    # the row without a code would be added once more, and the one the first made is not in the file
    assert seminars == [("added", None), ("deleted", seminar.pk)]


LEGAL, LEGAL_NEW = "ПРАВОВОЕ НАПРАВЛЕНИЕ", "ПРАВОВОЕ И ЭКСПЕРТНОЕ НАПРАВЛЕНИЕ"


def test_a_renamed_band_renames_its_section_even_with_a_row_moved_into_it(plan, admin_user):
    legal = plan.sections.get(title=LEGAL)
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.rename_band(LEGAL, LEGAL_NEW)
    sheet.move_after(_code(plan, "20"), _code(plan, "30"))
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    changes = document.draft["changes"]
    assert [(c["kind"], c["title"], c.get("new")) for c in changes] == [
        ("renamed", LEGAL, LEGAL_NEW),
        ("moved", plan.activities.get(number="20").title, None),
    ]
    assert changes[1]["where"] == f"в раздел «{LEGAL}»"
    sections_before = list(plan.sections.values_list("pk", flat=True))

    sheet_apply(document=document, by=admin_user)

    legal.refresh_from_db()
    assert legal.title == LEGAL_NEW
    assert list(plan.sections.values_list("pk", flat=True)) == sections_before
    assert list(legal.activities.order_by("position").values_list("number", flat=True)) == [
        "28",
        "29",
        "30",
        "20",
    ]
    renamed = AuditEntry.objects.get(action="plans.section.updated", object_id=str(legal.pk))
    assert renamed.changes == {"title": [LEGAL, LEGAL_NEW]}


def test_the_preview_page_shows_the_rename_of_the_section(client, plan, admin_user):
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.rename_band(LEGAL, LEGAL_NEW)
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    client.login(username=admin_user.username, password=PASSWORD)
    html = client.get(reverse("transfer-excel-preview", args=[document.pk])).content.decode()
    assert 'data-kind="renamed"' in html and "раздел переименован" in html
    assert (
        f'<del class="cell-text">{LEGAL}</del> → <ins class="cell-text">{LEGAL_NEW}</ins>' in html
    )
    assert "Применить изменения (1)" in html


def test_a_renamed_band_of_new_rows_only_renames_the_section_that_stood_there(plan, admin_user):
    legal = plan.sections.get(title=LEGAL)
    old_codes = list(legal.activities.values_list("pk", flat=True))
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    for code in old_codes:
        sheet.delete(code)
    sheet.rename_band(LEGAL, LEGAL_NEW)
    sheet.insert_after(
        None, {"№\nп/п": "28", TITLE: "Правовая экспертиза уставов", PERIOD: "март"}, band=LEGAL_NEW
    )
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    kinds = [c["kind"] for c in document.draft["changes"]]
    assert kinds == ["renamed", "added"] + ["deleted"] * len(old_codes)

    sheet_apply(document=document, by=admin_user)

    legal.refresh_from_db()
    assert legal.title == LEGAL_NEW
    assert [a.title for a in legal.activities.all()] == ["Правовая экспертиза уставов"]
    assert not plan.sections.filter(title=LEGAL).exists()


def test_a_new_band_beside_the_old_ones_is_a_new_section(plan, admin_user):
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.move_after(_code(plan, "20"), _code(plan, "30"))
    sheet.insert_band_after(_code(plan, "30"), "МЕЖДУНАРОДНОЕ НАПРАВЛЕНИЕ")
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    assert [(c["kind"], c.get("where")) for c in document.draft["changes"]] == [
        ("moved", "в новый раздел «МЕЖДУНАРОДНОЕ НАПРАВЛЕНИЕ»")
    ]
    count = plan.sections.count()
    sheet_apply(document=document, by=admin_user)
    assert plan.sections.count() == count + 1 and plan.sections.filter(title=LEGAL).exists()
    new = plan.sections.get(title="МЕЖДУНАРОДНОЕ НАПРАВЛЕНИЕ")
    assert list(new.activities.values_list("number", flat=True)) == ["20"]


def test_a_new_band_standing_before_a_renamed_one_does_not_take_its_section(plan, admin_user):
    legal = plan.sections.get(title=LEGAL)
    before_legal = plan.activities.filter(section__position__lt=legal.position).last()
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.rename_band(LEGAL, LEGAL_NEW)
    sheet.move_after(_code(plan, "20"), before_legal.pk)
    sheet.insert_band_after(before_legal.pk, "МЕЖДУНАРОДНОЕ НАПРАВЛЕНИЕ")
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    assert [(c["kind"], c.get("new") or c.get("where")) for c in document.draft["changes"]] == [
        ("renamed", LEGAL_NEW),
        ("moved", "в новый раздел «МЕЖДУНАРОДНОЕ НАПРАВЛЕНИЕ»"),
    ]
    sheet_apply(document=document, by=admin_user)
    legal.refresh_from_db()
    assert legal.title == LEGAL_NEW and legal.activities.filter(number="28").exists()


def test_a_renamed_band_in_the_tula_layout_drops_the_numeral_the_export_added(
    plan, admin_user, tyumen
):
    tyumen.plan_layout = "tula"
    tyumen.save(update_fields=["plan_layout"])
    numeral = roman(list(plan.sections.values_list("title", flat=True)).index(LEGAL) + 1)
    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.rename_band(f"{numeral} {LEGAL}", f"{numeral} {LEGAL_NEW}")
    document = sheet_read(plan=plan, filename="grid.xlsx", data=sheet.save(), by=admin_user)
    assert [(c["kind"], c["new"]) for c in document.draft["changes"]] == [("renamed", LEGAL_NEW)]
    sheet_apply(document=document, by=admin_user)
    assert plan.sections.filter(title=LEGAL_NEW).count() == 1


def test_confirming_an_outdated_preview_shows_the_new_differences_on_the_page(
    client, plan, admin_user
):
    from muniplan.plans.services import ActivityInput, activity_create

    sheet = EditedSheet(export_plan(plan, "xlsx").data)
    sheet.rename_band(LEGAL, LEGAL_NEW)
    document = sheet_read(plan=plan, filename="план.xlsx", data=sheet.save(), by=admin_user)
    activity_create(
        section=plan.sections.order_by("position").first(),
        by=admin_user,
        data=ActivityInput(title="Семинар для глав поселений"),
    )
    client.login(username=admin_user.username, password=PASSWORD)

    response = client.post(reverse("transfer-excel-preview", args=[document.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "План изменился после загрузки файла план.xlsx" in html
    assert 'data-kind="deleted"' in html and "Семинар для глав поселений" in html
    assert "Применить изменения (2)" in html
    assert plan.sections.filter(title=LEGAL).exists()


def test_an_uploaded_excel_file_is_not_shown_as_the_plans_source(client, plan, admin_user):
    source = plan.source_documents[0].original_name
    sheet_read(plan=plan, filename="правки.xlsx", data=edited_tyumen(plan), by=admin_user)
    client.login(username=admin_user.username, password=PASSWORD)
    for url in (reverse("plans-detail", args=[plan.pk]), reverse("plans-list")):
        html = client.get(url).content.decode()
        assert source in html and "правки.xlsx" not in html, url


def test_an_export_saved_again_by_libreoffice_makes_no_changes(plan, admin_user, tmp_path):
    """Staff open the file in LibreOffice Calc as often as in Excel: its copy reads the same."""
    exported = tmp_path / "export" / "план.xlsx"
    exported.parent.mkdir()
    exported.write_bytes(export_plan(plan, "xlsx").data)
    resaved = libreoffice_convert(exported, tmp_path, "xlsx:Calc MS Excel 2007 XML")
    saved = resaved.read_bytes()
    assert saved != exported.read_bytes()
    document = sheet_read(plan=plan, filename="план.xlsx", data=saved, by=admin_user)
    assert document.draft["changes"] == []

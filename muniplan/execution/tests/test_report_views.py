"""Reports through HTTP: who may write them, what is stored, attachments read back, history kept."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from muniplan.accounts.models import Profile
from muniplan.audit.models import AuditEntry
from muniplan.execution.models import ExecutionReport, ReportAttachment
from muniplan.execution.services import Upload
from muniplan.quotas import plural

from .conftest import add_report

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _post_report(client, activity, **extra):
    data = {
        "done_on": "2026-03-12",
        "text": "Опубликованы две новости и статья о форуме",
        "participants": "главы муниципальных образований 25 человек\nжители",
        "municipalities": "Ишим, Тобольск",
        "links": "https://www.smo72.ru/news/1\nhttps://t.me/smo72/15",
        **extra,
    }
    return client.post(reverse("execution-report-create", args=[activity.pk]), data)


def test_an_editor_reports_on_an_activity_of_their_unit_with_counts_and_a_photo(
    client, editor_user, news_activity
):
    client.force_login(editor_user)
    form = client.get(reverse("execution-report-create", args=[news_activity.pk])).content.decode()
    assert "Сколько: новости" in form and "Сколько: статьи" in form
    response = _post_report(
        client,
        news_activity,
        delivery_0="2",
        delivery_1="1",
        attachments=SimpleUploadedFile("форум.png", PNG, content_type="image/png"),
    )
    assert response.status_code == 302
    report = ExecutionReport.objects.get(activity=news_activity)
    assert report.done_on == dt.date(2026, 3, 12)
    assert report.links == ["https://www.smo72.ru/news/1", "https://t.me/smo72/15"]
    assert [(p.count, p.category) for p in report.participations.all()] == [
        (25, "главы муниципальных образований"),
        (None, "жители"),
    ]
    assert sorted((d.item, d.count) for d in report.deliveries.all()) == [
        ("новость", 2),
        ("статья", 1),
    ]
    [attachment] = report.attachments.all()
    assert attachment.original_name == "форум.png" and attachment.size == len(PNG)
    assert "форум" not in attachment.file.name  # stored under its hash, never the person's name
    download = client.get(reverse("execution-attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == PNG
    assert "attachment" in download["Content-Disposition"]
    entry = AuditEntry.objects.get(action="execution.report.created")
    assert entry.actor == editor_user and entry.plan_id == news_activity.plan_id
    assert entry.changes["attachments"] == [None, ["форум.png"]]


def test_an_editor_cannot_report_on_another_units_activity(client, editor_user, forum_activity):
    client.force_login(editor_user)
    assert (
        client.get(reverse("execution-report-create", args=[forum_activity.pk])).status_code == 403
    )
    assert _post_report(client, forum_activity).status_code == 403
    assert not ExecutionReport.objects.exists()


def test_a_viewer_reads_reports_but_cannot_write_them(
    client, viewer_user, admin_user, news_activity
):
    report = add_report(news_activity, admin_user, dt.date(2026, 2, 2), text="Новость о семинаре")
    client.force_login(viewer_user)
    assert (
        "Новость о семинаре"
        in client.get(reverse("plans-activity-detail", args=[news_activity.pk])).content.decode()
    )
    assert client.get(reverse("execution-report-detail", args=[report.pk])).status_code == 200
    assert _post_report(client, news_activity).status_code == 403
    assert client.get(reverse("execution-report-edit", args=[report.pk])).status_code == 403
    assert client.post(reverse("execution-report-delete", args=[report.pk])).status_code == 403
    assert (
        client.post(
            reverse("execution-status-override", args=[news_activity.pk]),
            {"new": "done", "reason": "x"},
        ).status_code
        == 403
    )
    assert ExecutionReport.objects.count() == 1


def test_an_administrator_reports_on_any_activity_even_of_an_approved_plan(
    client, admin_user, forum_activity, plan
):
    plan.status = plan.Status.APPROVED
    plan.save()
    client.force_login(admin_user)
    assert _post_report(client, forum_activity).status_code == 302
    assert forum_activity.reports.count() == 1


def test_another_organization_sees_nothing_of_the_reports_by_guessing_urls(
    client, stranger, admin_user, news_activity
):
    report = add_report(
        news_activity, admin_user, dt.date(2026, 2, 2), attachments=[Upload("фото.png", PNG)]
    )
    attachment = report.attachments.get()
    client.force_login(stranger)
    for name, pk in [
        ("execution-report-detail", report.pk),
        ("execution-report-edit", report.pk),
        ("execution-report-delete", report.pk),
        ("execution-attachment", attachment.pk),
        ("execution-report-create", news_activity.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    for name, pk in [
        ("execution-report-delete", report.pk),
        ("execution-attachment-delete", attachment.pk),
        ("execution-status-override", news_activity.pk),
        ("execution-report-create", news_activity.pk),
    ]:
        assert (
            client.post(
                reverse(name, args=[pk]), {"reason": "x", "text": "x", "done_on": "2026-01-01"}
            ).status_code
            == 404
        ), name
    assert (
        client.get(
            reverse("execution-dashboard"), {"org": news_activity.plan.organization_id}
        ).status_code
        == 404
    )
    assert client.get(reverse("execution-federal")).status_code == 404
    assert client.get(reverse("execution-attachment", args=[10**15])).status_code == 404
    assert ExecutionReport.objects.count() == 1 and ReportAttachment.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("протокол.exe", b"MZ\x90\x00", "формат «.exe» не принимается"),
        ("фото.jpg", b"%PDF-1.4 not a photo", "не является файлом .jpg"),
        ("отчёт.docx", b"PK\x03\x04 broken zip", "повреждён"),
        ("пусто.pdf", b"", "пуст"),
    ],
)
def test_an_attachment_of_the_wrong_type_is_refused_by_name_and_nothing_is_saved(
    client, admin_user, news_activity, name, data, message
):
    client.force_login(admin_user)
    response = _post_report(client, news_activity, attachments=SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in response.content.decode() and name in response.content.decode()
    assert not ExecutionReport.objects.exists() and not ReportAttachment.objects.exists()


def test_a_too_large_attachment_is_refused(client, admin_user, news_activity, settings):
    settings.MUNIPLAN_MAX_UPLOAD_BYTES = 100
    client.force_login(admin_user)
    response = _post_report(
        client, news_activity, attachments=SimpleUploadedFile("большое.png", PNG + b"0" * 200)
    )
    assert "Файл большое.png слишком большой" in response.content.decode()
    assert not ExecutionReport.objects.exists()


def test_a_bad_link_is_named_with_its_line(client, admin_user, news_activity):
    client.force_login(admin_user)
    response = _post_report(client, news_activity, links="https://www.smo72.ru/\nтелеграм канал")
    assert "Строка 2: «телеграм канал» не похожа на ссылку" in response.content.decode()
    assert not ExecutionReport.objects.exists()


def test_a_report_dated_in_the_future_or_before_the_plans_year_is_refused(
    client, admin_user, news_activity
):
    client.force_login(admin_user)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _post_report(client, news_activity, done_on=tomorrow.isoformat())
    assert response.context["form"].errors["done_on"] == [
        f"Дата проведения {tomorrow:%d.%m.%Y} ещё не наступила: отчёт пишут о сделанном."
    ]
    response = _post_report(client, news_activity, done_on="2025-05-10")
    assert response.context["form"].errors["done_on"] == [
        "Дата проведения 10.05.2025 раньше года плана (2026)."
    ]
    assert not ExecutionReport.objects.exists()


def test_editing_a_report_records_old_and_new_and_a_stale_save_keeps_both_texts(
    client, admin_user, editor_user, news_activity
):
    report = add_report(news_activity, admin_user, dt.date(2026, 2, 2), text="Первая редакция")
    client.force_login(editor_user)
    url = reverse("execution-report-edit", args=[report.pk])
    opened = client.get(url).context["form"]["version"].value()
    base = {"done_on": "2026-02-02", "version": opened}
    assert client.post(url, {**base, "text": "Текст администратора"}).status_code == 302
    stale = client.post(url, {**base, "text": "Текст редактора"})
    assert stale.status_code == 200
    html = stale.content.decode()
    assert "Текст администратора" in html and "Текст редактора" in html
    report.refresh_from_db()
    assert report.text == "Текст администратора"
    again = client.post(
        url, {**base, "version": stale.context["form"].data["version"], "text": "Текст редактора"}
    )
    assert again.status_code == 302
    report.refresh_from_db()
    assert report.text == "Текст редактора" and report.version == 3
    changes = AuditEntry.objects.filter(action="execution.report.updated").values_list(
        "changes", flat=True
    )
    assert [c["text"] for c in changes] == [
        ["Текст администратора", "Текст редактора"],
        ["Первая редакция", "Текст администратора"],
    ]


def test_deleting_a_report_removes_its_files_and_is_recorded(
    client, admin_user, news_activity, django_capture_on_commit_callbacks
):
    report = add_report(
        news_activity, admin_user, dt.date(2026, 2, 2), attachments=[Upload("фото.png", PNG)]
    )
    attachment = report.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("execution-report-delete", args=[report.pk])).status_code == 302
    assert not ExecutionReport.objects.exists() and not storage.exists(name)
    entry = AuditEntry.objects.get(action="execution.report.deleted", object_id=report.pk)
    assert entry.changes["done_on"] == ["2026-02-02", None]
    assert entry.changes["attachments"] == [["фото.png"], None]
    gone = '<del class="cell-text">02.02.2026</del> → <ins class="cell-text">—</ins>'
    assert gone in client.get(reverse("plans-history", args=[report.plan_id])).content.decode()
    # the activity's own history keeps the report it no longer has
    activity_page = client.get(reverse("plans-activity-detail", args=[news_activity.pk]))
    assert "Отчёт об исполнении удалён" in activity_page.content.decode()
    assert gone in activity_page.content.decode()


def test_a_status_override_is_its_own_row_and_in_the_plan_history(
    client, admin_user, forum_activity
):
    Profile.objects.create(user=admin_user, full_name="Соколова Елена Николаевна")
    client.force_login(admin_user)
    response = client.post(
        reverse("execution-status-override", args=[forum_activity.pk]),
        {"new": "moved", "moved_to_month": "6", "reason": "Форум перенесён организаторами"},
    )
    assert response.status_code == 302
    row = forum_activity.status_overrides.get()
    assert (row.new, row.moved_to_month, row.by, row.reason) == (
        "moved",
        6,
        admin_user,
        "Форум перенесён организаторами",
    )
    page = client.get(reverse("plans-activity-detail", args=[forum_activity.pk])).content.decode()
    assert "перенесено на июнь" in page
    assert "(Соколова Елена Николаевна, " in page  # the person, not the login
    assert "<td>Соколова Елена Николаевна</td>" in page
    report = add_report(forum_activity, admin_user, dt.date(2026, 2, 2))
    detail = client.get(reverse("execution-report-detail", args=[report.pk])).content.decode()
    assert "<dt>Автор</dt><dd>Соколова Елена Николаевна," in detail
    page = client.get(reverse("plans-activity-detail", args=[forum_activity.pk])).content.decode()
    assert "Отчёт об исполнении добавлен" in page  # the activity's history holds its reports
    assert AuditEntry.objects.filter(
        action="execution.status.overridden", plan_id=forum_activity.plan_id
    ).exists()


def test_an_override_without_a_reason_is_refused(client, admin_user, forum_activity):
    client.force_login(admin_user)
    client.post(
        reverse("execution-status-override", args=[forum_activity.pk]),
        {"new": "cancelled", "reason": ""},
    )
    assert not forum_activity.status_overrides.exists()


def test_attachment_bytes_read_back_with_their_own_library(client, admin_user, news_activity):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active["A1"] = "Итоги семинара"
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(admin_user)
    _post_report(
        client, news_activity, attachments=SimpleUploadedFile("итоги.xlsx", buffer.getvalue())
    )
    attachment = ReportAttachment.objects.get()
    data = b"".join(
        client.get(reverse("execution-attachment", args=[attachment.pk])).streaming_content
    )
    assert load_workbook(io.BytesIO(data)).active["A1"].value == "Итоги семинара"


def test_an_editor_removes_an_attachment_of_their_report_and_a_viewer_cannot(
    client, editor_user, viewer_user, admin_user, news_activity, django_capture_on_commit_callbacks
):
    report = add_report(
        news_activity, admin_user, dt.date(2026, 2, 2), attachments=[Upload("фото.png", PNG)]
    )
    attachment = report.attachments.get()
    url = reverse("execution-attachment-delete", args=[attachment.pk])
    client.force_login(viewer_user)
    assert client.post(url).status_code == 403
    client.force_login(editor_user)
    asked = client.get(url)  # the link asks first: the file is gone for good
    assert "Удалить файл «фото.png»?" in asked.content.decode() and report.attachments.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not report.attachments.exists() and not attachment.file.storage.exists(
        attachment.file.name
    )
    entry = AuditEntry.objects.get(action="execution.attachment.deleted")
    assert entry.changes == {"attachments": ["фото.png", None]} and entry.actor == editor_user


def test_a_stale_save_shows_the_other_persons_counts_and_participants(
    client, admin_user, editor_user, news_activity
):
    report = add_report(news_activity, admin_user, dt.date(2026, 2, 2), text="Новости")
    url = reverse("execution-report-edit", args=[report.pk])
    client.force_login(editor_user)
    form = client.get(url).context["form"]
    item = form.delivery_items[0]
    base = {"done_on": "2026-02-02", "text": "Новости", "version": form["version"].value()}
    saved = {**base, "delivery_0": "5", "participants": "12 глав поселений"}
    assert client.post(url, saved).status_code == 302

    stale = client.post(url, {**base, "delivery_0": "4", "participants": ""})

    rows = {row.label: (row.theirs, row.mine) for row in stale.context["conflict"]}
    assert rows[f"Сколько: {plural(item)}"] == ("5", "4")
    assert rows["Фактические участники"] == ("глав поселений 12 человек", "")
    assert rows.keys() == {f"Сколько: {plural(item)}", "Фактические участники"}
    assert report.deliveries.get().count == 5

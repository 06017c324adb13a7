"""Rows of apps added later that hang on an activity (execution reports, items under control) go to the
bin with it and come back with it, without the bin knowing those apps."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.plans import bin, services
from muniplan.plans.models import Activity, BinEntry

pytestmark = pytest.mark.django_db(
    transaction=True
)  # creating a table cannot happen inside a test's transaction


@contextmanager
def _table(model):
    with connection.schema_editor() as editor:
        editor.create_model(model)
    yield model
    with connection.schema_editor() as editor:
        editor.delete_model(model)
    del apps.all_models["plans"][model._meta.model_name]
    apps.clear_cache()


@pytest.fixture
def report_model():
    """A model like an execution report: its own rows cascade from the activity, a file among them."""

    class LaterReport(models.Model):
        activity = models.ForeignKey(
            Activity, on_delete=models.CASCADE, related_name="later_reports"
        )
        text = models.TextField()
        attachment = models.FileField(blank=True)

        class Meta:
            app_label = "plans"
            verbose_name_plural = "отчёты об исполнении"

    with _table(LaterReport) as model:
        yield model


@pytest.fixture
def guard_model():
    """A model whose rows forbid deleting the activity they refer to."""

    class LaterGuard(models.Model):
        activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "plans"
            verbose_name = "пункт на контроле"

    with _table(LaterGuard) as model:
        yield model


def test_rows_of_a_later_app_go_to_the_bin_with_the_activity_and_come_back(
    report_model, plan, admin_user, analytics_activity
):
    child = analytics_activity.children.get()
    report_model.objects.create(
        activity=child, text="Доклад разослан 12 мая", attachment="reports/12-may.pdf"
    )

    services.activity_delete(activity=analytics_activity, by=admin_user)
    assert not report_model.objects.exists()
    entry = BinEntry.objects.get()
    assert entry.files == ["reports/12-may.pdf"]
    assert bin.files_in_bin() == {"reports/12-may.pdf"}

    bin.bin_restore(entry=entry, by=admin_user)

    report = report_model.objects.get()
    assert (report.activity_id, report.text, report.attachment.name) == (
        child.pk,
        "Доклад разослан 12 мая",
        "reports/12-may.pdf",
    )


def test_a_section_takes_rows_of_a_later_app_along_names_their_count_and_brings_them_back(
    report_model, client, plan, admin_user, analytics_activity
):
    section, child = analytics_activity.section, analytics_activity.children.get()
    report_model.objects.create(activity=analytics_activity, text="Доклад подготовлен")
    report_model.objects.create(activity=child, text="Доклад разослан 12 мая")
    assert bin.bin_takes_along(section) == {"отчёты об исполнении": 2}
    client.force_login(admin_user)
    assert (
        "отчёты об исполнении: 2"
        in client.get(reverse("plans-section-delete", args=[section.pk])).content.decode()
    )

    client.post(reverse("plans-section-delete", args=[section.pk]), {"version": section.version})

    assert (
        not report_model.objects.exists()
        and not Activity.objects.filter(section=section.pk).exists()
    )
    bin.bin_restore(entry=BinEntry.objects.get(kind="section"), by=admin_user)
    assert sorted(report_model.objects.values_list("activity_id", "text")) == [
        (analytics_activity.pk, "Доклад подготовлен"),
        (child.pk, "Доклад разослан 12 мая"),
    ]


def test_a_section_whose_activity_another_row_protects_is_not_deleted_and_the_page_says_why(
    guard_model, client, plan, admin_user, analytics_activity
):
    section, activities = analytics_activity.section, plan.activities.count()
    guard_model.objects.create(activity=analytics_activity.children.get())
    client.force_login(admin_user)
    html = client.get(reverse("plans-section-delete", args=[section.pk])).content.decode()
    assert "на него ссылаются записи (пункт на контроле)" in html and 'class="danger"' not in html

    response = client.post(
        reverse("plans-section-delete", args=[section.pk]),
        {"version": section.version},
        follow=True,
    )

    assert "на него ссылаются записи (пункт на контроле)" in response.content.decode()
    assert plan.activities.count() == activities and not BinEntry.objects.exists()
    assert not AuditEntry.objects.filter(action__endswith=".deleted").exists()

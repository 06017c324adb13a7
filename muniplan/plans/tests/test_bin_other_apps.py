"""Rows of apps added later that hang on an activity (execution reports, items under control) go to the
bin with it and come back with it, without the bin knowing those apps."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection, models

from muniplan.plans import bin, services
from muniplan.plans.models import Activity, BinEntry

pytestmark = pytest.mark.django_db(transaction=True)  # creating a table cannot happen inside a test's transaction


@pytest.fixture
def report_model():
    """A model like an execution report: its own rows cascade from the activity, a file among them."""

    class LaterReport(models.Model):
        activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="later_reports")
        text = models.TextField()
        attachment = models.FileField(blank=True)

        class Meta:
            app_label = "plans"

    with connection.schema_editor() as editor:
        editor.create_model(LaterReport)
    yield LaterReport
    with connection.schema_editor() as editor:
        editor.delete_model(LaterReport)
    del apps.all_models["plans"]["laterreport"]
    apps.clear_cache()


def test_rows_of_a_later_app_go_to_the_bin_with_the_activity_and_come_back(report_model, plan, admin_user,
                                                                             analytics_activity):
    child = analytics_activity.children.get()
    report_model.objects.create(activity=child, text="Доклад разослан 12 мая", attachment="reports/12-may.pdf")

    services.activity_delete(activity=analytics_activity, by=admin_user)
    assert not report_model.objects.exists()
    entry = BinEntry.objects.get()
    assert entry.files == ["reports/12-may.pdf"]
    assert bin.files_in_bin() == {"reports/12-may.pdf"}

    bin.bin_restore(entry=entry, by=admin_user)

    report = report_model.objects.get()
    assert (report.activity_id, report.text, report.attachment.name) == (child.pk, "Доклад разослан 12 мая",
                                                                         "reports/12-may.pdf")

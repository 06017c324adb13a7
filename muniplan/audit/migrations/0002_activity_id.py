from django.db import migrations, models


def file_under_activities(apps, schema_editor):
    """Entries written before the field: an activity's own, and those of reports that still exist."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ExecutionReport = apps.get_model("execution", "ExecutionReport")
    AuditEntry.objects.filter(object_type="activity").update(activity_id=models.F("object_id"))
    reports = ExecutionReport.objects.filter(pk=models.OuterRef("object_id")).values("activity_id")
    AuditEntry.objects.filter(object_type="executionreport").update(
        activity_id=models.Subquery(reports[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("execution", "0003_report_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="activity_id",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.RunPython(file_under_activities, migrations.RunPython.noop),
    ]

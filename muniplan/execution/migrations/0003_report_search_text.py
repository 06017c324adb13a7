from django.db import migrations, models

from muniplan.lib.search import search_key


def fill(apps, schema_editor):
    """Reports written before search had their folded text."""
    ExecutionReport = apps.get_model("execution", "ExecutionReport")
    batch = []
    for report in ExecutionReport.objects.only("id", "text", "municipalities").iterator(2000):
        report.search_text = search_key(report.text, report.municipalities)
        batch.append(report)
        if len(batch) == 2000:
            ExecutionReport.objects.bulk_update(batch, ["search_text"])
            batch = []
    ExecutionReport.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("execution", "0002_covering_indexes_for_statuses"),
    ]

    operations = [
        migrations.AddField(
            model_name="executionreport",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

from django.db import migrations, models

from muniplan.lib.search import search_key


def fill(apps, schema_editor):
    """Recommendations imported before search had their folded text."""
    Recommendation = apps.get_model("resolutions", "Recommendation")
    rows = list(Recommendation.objects.select_related("addressee"))
    for row in rows:
        row.search_text = search_key(row.text, row.addressee.name)
    Recommendation.objects.bulk_update(rows, ["search_text"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0002_recommendation_activity"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

from django.db import migrations, models

from muniplan.lib.search import search_key


def fill_search_text(apps, schema_editor):
    Activity = apps.get_model("plans", "Activity")
    for activity in Activity.objects.prefetch_related("responsible_units", "participations").iterator(chunk_size=500):
        activity.search_text = search_key(
            activity.number, activity.title, activity.description, activity.period_text, activity.location,
            activity.funding_text, activity.responsible_text, *activity.partners,
            *(u.name for u in activity.responsible_units.all()), *(p.category for p in activity.participations.all()),
        )
        activity.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.AddField(model_name="activity", name="search_text", field=models.TextField(blank=True, editable=False)),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]

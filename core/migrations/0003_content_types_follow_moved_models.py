"""The content types of the models that moved from careers to core (core/0002) follow them:
their rows are renamed ``careers`` → ``core``, so permissions (and the editors' group), admin
log entries and fixture updates that point at them stay attached. Any ``core`` rows already
made for them (by a ``migrate`` that ran before this one) are deleted first."""

from django.db import migrations

MOVED = [
    "source",
    "historicalsource",
    "snippet",
    "historicalsnippet",
    "glossaryterm",
    "historicalglossaryterm",
    "fixtureupdate",
]


def move(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if types.filter(app_label=old, model__in=MOVED).exists():
        types.filter(app_label=new, model__in=MOVED).delete()
        types.filter(app_label=old, model__in=MOVED).update(app_label=new)
    # This process's cache of content types (the real model's) may hold the old labels.
    from django.contrib.contenttypes.models import ContentType as CachedContentType

    CachedContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    move(apps, schema_editor, "careers", "core")


def backwards(apps, schema_editor):
    move(apps, schema_editor, "core", "careers")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0005_shared_content_moved_to_core"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_shared_content_from_careers"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""pg_trgm for "did you mean" on PostgreSQL (nothing happens on SQLite), and editors may
change the search synonyms."""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

GROUP_NAME = "Content editors"


def grant_editors(apps, schema_editor):
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="search"))


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="search"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_synonyms"),
        ("pathways", "0002_content_editors_group"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(grant_editors, revoke_editors),
    ]

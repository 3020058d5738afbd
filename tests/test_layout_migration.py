"""A site made before sources, snippets, glossary terms and fixture updates moved from careers
to core upgrades without losing or moving a row: the move is in Django's state only, and the
content types (so permissions and fixture updates) follow the models."""

import sqlite3

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from careers.models import NationFact, Role
from core.models import FixtureUpdate, GlossaryTerm, Snippet, Source

BEFORE_THE_MOVE = [
    ("core", "0001_content_version"),
    ("careers", "0004_role_key_facts"),
    ("pathways", "0004_plan_notes"),
]
MOVED = ["source", "snippet", "glossaryterm", "fixtureupdate", "historicalsource"]
# Tables of models added after the move, which a database made before it lacks.
LATER = {
    "pathways_programmefee",
    "pathways_programmefee_sources",
    "pathways_historicalprogrammefee",
    "pathways_schoolfact",
    "pathways_schoolfact_sources",
    "pathways_historicalschoolfact",
    # shared between roles (careers 0007, pathways 0009)
    "careers_nationfact_roles",
    "careers_payfigure_roles",
    "pathways_entryroute_roles",
    "pathways_qualification_roles",
}


def empty_database():
    """No table at all, as on a server before its first release."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        empty = sqlite3.connect(":memory:")
        empty.backup(connection.connection)
        empty.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def deployed_at(targets):
    """A database as the older release's ``migrate`` left it: migrated from nothing (going
    back from today's would take twice as long), then its post_migrate signal with that
    release's models (its content types and permissions). Returns those models' apps."""
    empty_database()
    executor = MigrationExecutor(connection)
    moved_apps = {app for app, _ in targets}
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] not in moved_apps]
    targets = [*targets, *others]  # none of which needs a migration after the move
    executor.migrate(targets)
    old_apps = executor.loader.project_state(targets).apps
    emit_post_migrate_signal(0, False, connection.alias, apps=old_apps, plan=[])
    ContentType.objects.clear_cache()
    return old_apps


def made_before_the_move(apps):
    """Rows an older release wrote, through its own models (all in careers)."""
    OldSource = apps.get_model("careers", "Source")
    source = OldSource.objects.create(
        slug="layout-source", title="A source", publisher="A publisher", date_shown="2026"
    )
    apps.get_model("careers", "HistoricalSource").objects.create(
        id=source.pk,
        slug=source.slug,
        title=source.title,
        publisher=source.publisher,
        date_shown=source.date_shown,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Loaded from the content fixtures",
    )
    snippet = apps.get_model("careers", "Snippet").objects.create(
        slug="layout-snippet", text="Some words."
    )
    snippet.sources.add(source.pk)
    term = apps.get_model("careers", "GlossaryTerm").objects.create(
        slug="layout-term", term="Layout", definition="How the code is arranged."
    )
    regulator = apps.get_model("careers", "Organisation").objects.create(
        slug="layout-regulator", name="A regulator", url="https://example.org/", helps_with="-"
    )
    role = apps.get_model("careers", "Role").objects.create(
        slug="layout-role",
        title="A role",
        summary="-",
        description="-",
        regulation="-",
        regulator=regulator,
        working_pattern="-",
        job_market="-",
        vacancies="-",
    )
    role.sources.add(source.pk)
    fact = apps.get_model("careers", "NationFact").objects.create(
        role=role, slug="layout-fact", topic="checks", nation="england", title="-", text="-"
    )
    OldContentType = apps.get_model("contenttypes", "ContentType")
    snippet_type = OldContentType.objects.get(app_label="careers", model="snippet")
    update = apps.get_model("careers", "FixtureUpdate").objects.create(
        content_type=snippet_type, object_id=snippet.pk, fixture_values={"fields": {}}
    )
    change_source = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="careers", codename="change_source"
    )
    group = apps.get_model("auth", "Group").objects.create(name="Layout checkers")
    group.permissions.add(change_source)
    return {
        "source": source.pk,
        "snippet": snippet.pk,
        "term": term.pk,
        "role": role.pk,
        "fact": fact.pk,
        "update": update.pk,
        "permission": change_source.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_move_keeps_every_row_and_table():
    tables = set(connection.introspection.table_names())
    assert "careers_source" in tables and "core_source" not in tables

    old_apps = deployed_at(BEFORE_THE_MOVE)
    assert set(connection.introspection.table_names()) == tables - LATER
    assert not ContentType.objects.filter(app_label="core", model__in=MOVED).exists()
    made = made_before_the_move(old_apps)

    call_command("migrate", verbosity=0)  # as a deployment runs it

    assert set(connection.introspection.table_names()) == tables
    source = Source.objects.get(pk=made["source"])
    assert source.slug == "layout-source"
    assert [entry.history_change_reason for entry in source.history.all()] == [
        "Loaded from the content fixtures"
    ]
    assert Snippet.objects.get(pk=made["snippet"]).text == "Some words."
    assert list(Snippet.objects.get(pk=made["snippet"]).sources.all()) == [source]
    assert GlossaryTerm.objects.get(pk=made["term"]).term == "Layout"
    assert list(Role.objects.get(pk=made["role"]).sources.all()) == [source]
    # a fact per nation, shareable since, keeps its one role
    assert list(NationFact.objects.get(pk=made["fact"]).roles.all()) == [
        Role.objects.get(pk=made["role"])
    ]
    update = FixtureUpdate.objects.get(pk=made["update"])
    assert update.record == Snippet.objects.get(pk=made["snippet"])
    assert update.content_type.app_label == "core"
    (permission,) = Group.objects.get(name="Layout checkers").permissions.all()
    assert permission.pk == made["permission"]
    assert (permission.content_type.app_label, permission.codename) == ("core", "change_source")
    assert not ContentType.objects.filter(app_label="careers", model__in=MOVED).exists()
    assert ContentType.objects.get_for_model(Source).app_label == "core"

"""The shipped content loads on a fresh database, seeding twice changes nothing, and
exporting gives them back (tests/test_export.py)."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.fixtures import CONTENT_APPS, content_models, fixture_path
from core.management.commands.export_content import export

pytestmark = pytest.mark.django_db


def counts():
    return {
        model._meta.label: model.objects.count()
        for app_label in CONTENT_APPS
        for model in content_models(app_label)
    }


def test_every_fixture_loads_on_a_fresh_database_with_loaddata(no_content):
    assert not apps.get_model("careers", "Role").objects.exists()
    call_command("loaddata", *[fixture_path(app) for app in CONTENT_APPS], verbosity=0)
    assert apps.get_model("careers", "Role").objects.filter(slug="music-therapist").exists()


def test_seeding_twice_adds_nothing_the_second_time(no_content):
    call_command("seed", verbosity=0)
    before = counts()
    call_command("seed", verbosity=0)
    assert counts() == before
    assert all(before.values()), "every content model has shipped records"


def test_seeding_looks_up_each_model_at_once_not_each_record_and_link(no_content, monkeypatch):
    """A fresh clone and CI seed an empty database, every deploy a seeded one. Looking up each
    record and each of its links one by one made 7,000 queries on an empty database and
    3,700 on a seeded one, seconds of each. Now a record added costs its insert and the
    look for it, a record already there nothing of its own, and links nothing per record."""
    # As outside tests, the content version moves once, when seeding commits (a test's
    # transaction never does), not at each record added.
    monkeypatch.setattr("core.versions.after_commit", transaction.on_commit)
    records = sum(
        len(json.loads(fixture_path(app_label).read_text(encoding="utf-8")))
        for app_label in CONTENT_APPS
    )
    models = sum(len(content_models(app_label)) for app_label in CONTENT_APPS)

    with CaptureQueriesContext(connection) as empty:
        call_command("seed", verbosity=0)
    with CaptureQueriesContext(connection) as seeded:
        call_command("seed", verbosity=0)

    assert len(empty) <= 3 * records
    assert len(seeded) <= 10 * models


def test_seeding_keeps_an_editors_change(seeded):
    Role = apps.get_model("careers", "Role")
    Role.objects.filter(slug="music-therapist").update(summary="An editor's summary.")
    call_command("seed", verbosity=0)
    assert Role.objects.get(slug="music-therapist").summary == "An editor's summary."


def test_dump_load_dump_gives_identical_output(seeded, tmp_path):
    first = {app_label: export(app_label) for app_label in CONTENT_APPS}
    for app_label, text in first.items():
        (tmp_path / f"{app_label}.json").write_text(text, encoding="utf-8")
    for app_label in reversed(CONTENT_APPS):
        for model in reversed(content_models(app_label)):
            model.objects.all().delete()
    call_command("loaddata", *[tmp_path / f"{app}.json" for app in CONTENT_APPS], verbosity=0)
    assert {app_label: export(app_label) for app_label in CONTENT_APPS} == first


def test_every_shipped_text_fits_its_field_as_postgresql_enforces_it():
    """SQLite stores a text longer than its field's max_length; PostgreSQL refuses it."""
    too_long = []
    for app_label in CONTENT_APPS:
        for record in json.loads(fixture_path(app_label).read_text(encoding="utf-8")):
            model = apps.get_model(record["model"])
            for name, value in record["fields"].items():
                limit = getattr(model._meta.get_field(name), "max_length", None)
                if isinstance(value, str) and limit and len(value) > limit:
                    too_long.append(f"{record['model']} {record['fields'].get('slug')} {name}")
    assert not too_long

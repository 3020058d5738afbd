"""`make export` writes only published content and no editor, and what it writes seeds an
empty database (the fixtures a fresh clone, CI and production seed from)."""

import json

import pytest
from django.core.management import call_command

from careers.models import Role
from core.fixtures import CONTENT_APPS, fixture_path
from core.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tmp_path, monkeypatch):
    """Export and seed read and write fixtures in a folder of the test's own."""

    def path(app_label):
        return tmp_path / f"{app_label}.json"

    monkeypatch.setattr("core.management.commands.export_content.fixture_path", path)
    monkeypatch.setattr("core.seeding.fixture_path", path)
    return path


def test_a_source_checked_by_an_editor_exports_and_seeds_an_empty_database(
    client, seeded, django_user_model, exported
):
    editor = django_user_model.objects.create_superuser("alice.editor", password="a-long-pass-1")
    client.force_login(editor)
    sources = list(Source.objects.order_by("pk")[:2])
    response = client.post(
        "/admin/core/source/",
        {"action": "mark_checked_today", "_selected_action": [s.pk for s in sources]},
    )
    assert response.status_code == 302
    assert Source.objects.filter(checked_by=editor).count() == 2

    call_command("export_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    text = "".join(exported(app).read_text(encoding="utf-8") for app in CONTENT_APPS)
    assert "alice.editor" not in text
    assert '"is_published": false' not in text
    core = json.loads(exported("core").read_text(encoding="utf-8"))
    checked = [r for r in core if r["model"] == "core.source" and r["fields"]["last_checked"]]
    assert len(checked) >= 2 and all(r["fields"]["checked_by"] is None for r in checked)

    # An empty database, with no such editor: a fresh clone, CI, or after the account went.
    client.logout()
    editor.delete()
    for model in reversed(__import__("django.apps").apps.apps.get_models()):
        label = model._meta.app_label
        if label in CONTENT_APPS and not model._meta.proxy:
            model._base_manager.all().delete()
    assert not Role.objects.exists()
    call_command("seed", verbosity=0)
    assert Role.objects.filter(slug="music-therapist", is_published=True).exists()
    assert Source.objects.exclude(last_checked=None).count() >= 2
    assert "Music therap" in client.get("/careers/music-therapist/").content.decode()


def test_the_export_of_the_seeded_content_is_the_committed_fixture_less_unpublished_records(
    seeded,
):
    from core.management.commands.export_content import export

    for app_label in CONTENT_APPS:
        committed = json.loads(fixture_path(app_label).read_text(encoding="utf-8"))
        published = [r for r in committed if r["fields"].get("is_published", True)]
        text = export(app_label)
        assert json.loads(text) == published, app_label
        if published == committed:  # byte for byte, as committed
            assert text == fixture_path(app_label).read_text(encoding="utf-8")

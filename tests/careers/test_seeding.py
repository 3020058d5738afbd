"""Seeding brings fixture corrections to a site that already runs: it updates what no editor
changed, keeps what an editor changed, and lists the difference for the editor to decide."""

import json
import re
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from careers.models import Role, Task
from core.fixtures import CONTENT_APPS, FIXTURE_DIR, content_models
from core.models import FixtureUpdate, Source
from core.seeding import UPDATED, compared_fields, field_values

pytestmark = pytest.mark.django_db

PREVIOUS_RELEASE = Path(__file__).resolve().parent.parent / "data" / "previous_release"
EDITORS_SUMMARY = "An editor's own summary of the job."


def seed_from(directory):
    """Run ``seed`` on the fixtures in ``directory``; return its last line of output."""
    out = StringIO()
    with mock.patch("core.fixtures.FIXTURE_DIR", Path(directory)):
        call_command("seed", stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def counts(line):
    found = re.fullmatch(
        r"Seeded content: (\d+) added, (\d+) updated, (\d+) kept \(editor's changes\), "
        r"(\d+) to review\.",
        line,
    )
    assert found, line
    return dict(
        zip(["added", "updated", "kept", "to_review"], map(int, found.groups()), strict=True)
    )


def fixture_items(directory):
    for app_label in CONTENT_APPS:
        with open(Path(directory) / f"{app_label}.json", encoding="utf-8") as fixture:
            yield from serializers.deserialize("json", fixture)


def fixture_version(directory, record):
    """``record``'s field values as the fixtures in ``directory`` give them."""
    for item in fixture_items(directory):
        if item.object == record:
            return field_values(item.object, compared_fields(type(record)))
    raise AssertionError(f"{record} is not in {directory}")


def history_count():
    return sum(
        model.history.count()
        for app_label in CONTENT_APPS
        for model in content_models(app_label)
        if hasattr(model, "history")
    )


def edit_as(editor, record, **changes):
    """Change a record as an editor does in the admin: saved, with a history entry by them."""
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_user = editor
    record.save()


def rewrite_fixture(source_dir, target_dir, changes):
    """A later release's fixtures: the records picked by (model, slug), with fields changed;
    a slug picks its first record, the one seeded first (several roles have a task of one
    slug). The records that did not change are left out: seeding passes over a record the
    fixture gives as it is (``test_seeding_the_current_fixtures_twice_changes_nothing``),
    and reading all of them cost each seed seconds."""
    target_dir = Path(target_dir)
    target_dir.mkdir(exist_ok=True)
    for app_label in CONTENT_APPS:
        entries = json.loads((Path(source_dir) / f"{app_label}.json").read_text())
        picked = {}
        for entry in entries:
            key = (entry["model"], entry["fields"].get("slug"))
            if key in changes and key not in picked:
                entry["fields"].update(changes[key])
                picked[key] = entry
        changed = list(picked.values())
        (target_dir / f"{app_label}.json").write_text(json.dumps(changed, indent=2))
    return target_dir


@pytest.fixture
def previous_release(no_content):
    """A site seeded by the previous release, as it runs before this release is deployed."""
    seed_from(PREVIOUS_RELEASE)


def test_upgrade_from_the_previous_release_updates_unedited_records_and_keeps_an_editors(
    previous_release, editor
):
    role = Role.objects.get(slug="music-therapist")
    previous_sources = Source.objects.count()
    edit_as(editor, role, summary=EDITORS_SUMMARY)
    edited_source = Source.objects.order_by("pk").first()
    edit_as(editor, edited_source, url="https://example.org/the-page-cited")

    report = counts(seed_from(FIXTURE_DIR))

    unedited = []
    for item in fixture_items(FIXTURE_DIR):
        model = type(item.object)
        if item.object in (role, edited_source):
            continue
        record = model.objects.get(pk=item.object.pk)
        fields = compared_fields(model)
        assert field_values(record, fields) == field_values(item.object, fields), record
        for name, pks in item.m2m_data.items():
            assert set(getattr(record, name).values_list("pk", flat=True)) == set(pks), record
        unedited.append(record)
    assert unedited
    role.refresh_from_db()
    assert role.summary == EDITORS_SUMMARY
    edited_source.refresh_from_db()
    assert edited_source.url == "https://example.org/the-page-cited"
    # The previous release shipped check dates nobody made; none survives, edited or not.
    assert Source.objects.filter(last_checked__isnull=False).count() == 0

    role_fixture_changed = fixture_version(PREVIOUS_RELEASE, role) != fixture_version(
        FIXTURE_DIR, role
    )
    assert FixtureUpdate.objects.filter(object_id=role.pk).exists() == role_fixture_changed
    assert report["kept"] == 2
    updated_sources = Source.history.filter(history_change_reason=UPDATED)
    assert updated_sources.count() == previous_sources - 1, "one entry per updated source"
    assert report["updated"] >= updated_sources.count()

    history_before = history_count()
    again = counts(seed_from(FIXTURE_DIR))
    assert again["added"] == again["updated"] == 0
    assert again["to_review"] == report["to_review"]
    assert history_count() == history_before


def test_each_update_writes_one_history_entry_saying_so(previous_release):
    report = counts(seed_from(FIXTURE_DIR))
    entries = sum(
        model.history.filter(history_change_reason=UPDATED).count()
        for app_label in CONTENT_APPS
        for model in content_models(app_label)
    )
    assert report["updated"] == entries > 0


def test_seeding_the_current_fixtures_twice_changes_nothing(seeded):
    history_before = history_count()
    assert counts(seed_from(FIXTURE_DIR)) == {"added": 0, "updated": 0, "kept": 0, "to_review": 0}
    assert history_count() == history_before


@pytest.fixture
def corrected_fixtures(seeded, tmp_path):
    """The shipped fixtures with two tasks' text corrected, as a later release would ship."""
    first, second = Task.objects.order_by("pk")[:2]
    return rewrite_fixture(
        FIXTURE_DIR,
        tmp_path / "corrected",
        {
            ("careers.task", first.slug): {"text": "The fixture's corrected first task."},
            ("careers.task", second.slug): {"text": "The fixture's corrected second task."},
        },
    )


def test_a_correction_reaches_an_unedited_record_and_waits_for_review_on_an_edited_one(
    seeded, editor, editor_client, corrected_fixtures
):
    edited, unedited = Task.objects.order_by("pk")[:2]
    edit_as(editor, edited, text="The editor's own first task.")

    report = counts(seed_from(corrected_fixtures))

    assert report == {"added": 0, "updated": 1, "kept": 1, "to_review": 1}
    unedited.refresh_from_db()
    assert unedited.text == "The fixture's corrected second task."
    assert unedited.history.first().history_change_reason == UPDATED
    edited.refresh_from_db()
    assert edited.text == "The editor's own first task."

    listing = editor_client.get(reverse("admin_review")).content.decode()
    assert "Fixture updates to decide" in listing
    assert escape("The editor's own first task.") in listing
    update = FixtureUpdate.objects.get()
    page = editor_client.get(reverse("admin_fixture_update", args=[update.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert escape("The fixture's corrected first task.") in html
    assert escape("The editor's own first task.") in html
    assert 'name="fields" value="text" id="field-text" checked' in html

    assert counts(seed_from(corrected_fixtures))["updated"] == 0
    edited.refresh_from_db()
    assert edited.text == "The editor's own first task."


def test_editor_takes_the_fixtures_text_and_later_seeding_treats_it_as_unedited(
    seeded, editor, editor_client, corrected_fixtures, tmp_path
):
    edited = Task.objects.order_by("pk").first()
    edit_as(editor, edited, text="The editor's own first task.")
    seed_from(corrected_fixtures)
    update = FixtureUpdate.objects.get()

    response = editor_client.post(
        reverse("admin_fixture_update", args=[update.pk]), {"fields": ["text"], "take": "1"}
    )

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.text == "The fixture's corrected first task."
    entry = edited.history.first()
    assert (entry.history_change_reason, entry.history_user) == (UPDATED, editor)
    assert not FixtureUpdate.objects.exists()
    assert counts(seed_from(corrected_fixtures))["to_review"] == 0
    # Having taken the fixture's text, the record follows the fixtures again.
    later = rewrite_fixture(
        corrected_fixtures,
        tmp_path / "later",
        {("careers.task", edited.slug): {"text": "A later release's first task."}},
    )
    assert counts(seed_from(later))["updated"] == 1
    edited.refresh_from_db()
    assert edited.text == "A later release's first task."


def test_editor_keeps_their_text_until_the_fixture_changes_again(
    seeded, editor, editor_client, corrected_fixtures, tmp_path
):
    edited = Task.objects.order_by("pk").first()
    edit_as(editor, edited, text="The editor's own first task.")
    seed_from(corrected_fixtures)
    update = FixtureUpdate.objects.get()

    editor_client.post(reverse("admin_fixture_update", args=[update.pk]), {"keep": "1"})

    edited.refresh_from_db()
    assert edited.text == "The editor's own first task."
    assert counts(seed_from(corrected_fixtures))["to_review"] == 0
    assert (
        "Fixture updates to decide"
        not in editor_client.get(reverse("admin_review")).content.decode()
    )
    later = rewrite_fixture(
        corrected_fixtures,
        tmp_path / "later",
        {("careers.task", edited.slug): {"text": "A later release's first task."}},
    )
    assert counts(seed_from(later))["to_review"] == 1
    edited.refresh_from_db()
    assert edited.text == "The editor's own first task."


def test_editor_takes_some_fields_and_keeps_the_rest(seeded, editor, editor_client, tmp_path):
    edited = Task.objects.order_by("pk").first()
    edit_as(editor, edited, text="The editor's own first task.", position=99)
    corrected = rewrite_fixture(
        FIXTURE_DIR,
        tmp_path / "corrected",
        {("careers.task", edited.slug): {"text": "The fixture's text.", "position": 7}},
    )
    seed_from(corrected)
    update = FixtureUpdate.objects.get()

    editor_client.post(
        reverse("admin_fixture_update", args=[update.pk]), {"fields": ["position"], "take": "1"}
    )

    edited.refresh_from_db()
    assert (edited.text, edited.position) == ("The editor's own first task.", 7)
    assert counts(seed_from(corrected)) == {"added": 0, "updated": 0, "kept": 1, "to_review": 0}


def test_a_change_made_without_history_still_counts_as_an_editors(seeded, tmp_path):
    edited = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=edited.pk).update(text="Changed in a shell.")
    corrected = rewrite_fixture(
        FIXTURE_DIR, tmp_path / "c", {("careers.task", edited.slug): {"text": "Fixture text."}}
    )
    assert counts(seed_from(corrected))["to_review"] == 1
    edited.refresh_from_db()
    assert edited.text == "Changed in a shell."


def test_sources_follow_an_unedited_record_and_are_reviewed_on_an_edited_one(
    seeded, editor, editor_client, tmp_path
):
    unedited, edited = Task.objects.order_by("pk")[:2]
    edit_as(editor, edited, text="The editor's own second task.")
    source = Source.objects.order_by("pk").last()
    edited_sources = set(edited.sources.all())
    assert edited_sources != {source}
    corrected = rewrite_fixture(
        FIXTURE_DIR,
        tmp_path / "corrected",
        {
            ("careers.task", unedited.slug): {"sources": [[source.slug]]},
            ("careers.task", edited.slug): {"sources": [[source.slug]]},
        },
    )

    seed_from(corrected)

    assert list(unedited.sources.all()) == [source]
    assert set(edited.sources.all()) == edited_sources
    update = FixtureUpdate.objects.get()
    html = editor_client.get(reverse("admin_fixture_update", args=[update.pk])).content.decode()
    assert escape(str(source)) in html
    editor_client.post(
        reverse("admin_fixture_update", args=[update.pk]),
        {"fields": ["text", "sources"], "take": "1"},
    )
    assert list(edited.sources.all()) == [source]


def test_an_editor_without_change_permission_cannot_decide(seeded, client, corrected_fixtures):
    edited = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=edited.pk).update(text="Changed in a shell.")
    seed_from(corrected_fixtures)
    viewer = User.objects.create_user("viewer", password="a-long-viewer-password", is_staff=True)
    client.force_login(viewer)
    update = FixtureUpdate.objects.get()
    assert client.get(reverse("admin_fixture_update", args=[update.pk])).status_code == 403
    assert (
        client.post(reverse("admin_fixture_update", args=[update.pk]), {"keep": "1"}).status_code
        == 403
    )
    assert FixtureUpdate.objects.get().is_declined is False


def test_bad_requests_to_a_fixture_update_get_a_clear_answer(
    seeded, editor_client, corrected_fixtures
):
    assert editor_client.get(reverse("admin_fixture_update", args=[999999])).status_code == 404
    edited = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=edited.pk).update(text="Changed in a shell.")
    seed_from(corrected_fixtures)
    url = reverse("admin_fixture_update", args=[FixtureUpdate.objects.get().pk])
    response = editor_client.post(url, {"fields": ["no_such_field"], "take": "1"}, follow=True)
    assert response.status_code == 200
    assert "Tick the fields whose fixture text you want to use." in response.content.decode()
    edited.refresh_from_db()
    assert edited.text == "Changed in a shell."


def test_a_fixture_update_for_a_deleted_record_goes_away(seeded, corrected_fixtures):
    edited = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=edited.pk).update(text="Changed in a shell.")
    seed_from(corrected_fixtures)
    assert FixtureUpdate.objects.filter(object_id=edited.pk).exists()
    Task.objects.filter(pk=edited.pk).delete()
    report = counts(seed_from(corrected_fixtures))
    assert report["added"] == 1 and report["to_review"] == 0
    assert not FixtureUpdate.objects.exists()

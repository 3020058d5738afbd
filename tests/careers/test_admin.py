"""The admin is a comfortable, safe place for content editors."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careers.models import Organisation, PayFigure, Role, Task
from pathways.models import EntryRoute
from tests.factories import admin_url
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in settings.CONTENT_APPS
]


def test_every_content_model_is_registered():

    from core.fixtures import content_models

    for app_label in ("careers", "pathways"):
        for model in content_models(app_label):
            assert model in admin.site._registry, f"{model.__name__} is not in the admin"


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_editor_can_open_list_add_change_and_history_pages(editor_client, seeded, model):
    record = model.objects.order_by("pk").first()
    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", record.pk),
        admin_url(model, "history", record.pk),
    ]:
        assert editor_client.get(url).status_code == 200, url


def clone_rows(model, times):
    """Copy every row of a model, so a page shows more of them. For the roles a shared record
    applies to (a many-to-many link), copy the records and link the copies to the same roles."""
    if model._meta.auto_created:
        shared = next(field for field in model._meta.fields if field.name not in ("id", "role"))
        copies = {}  # a record shared by several roles is copied once, linked to each
        for link in list(model.objects.select_related(shared.name)):
            for number in range(times):
                key = (getattr(link, shared.attname), number)
                if key not in copies:
                    copies[key] = copy(getattr(link, shared.name), number)
                model.objects.create(role_id=link.role_id, **{shared.name: copies[key]})
        return
    for number in range(times):
        for record in list(model.objects.all()):
            copy(record, number)


def copy(record, number):
    """Save ``record`` again as a new row, with the fields that must be unique changed."""
    record.pk = record.id = None
    record._state.adding = True
    if hasattr(record, "slug"):
        record.slug = f"{record.slug}-copy-{number}"[:80]
    if hasattr(record, "is_starting_figure"):  # one starting figure per role
        record.is_starting_figure = False
    if hasattr(record, "phrase"):  # a search synonym's phrase is its natural key
        record.phrase = f"{record.phrase} copy {number}"[:80]
    record.save()
    return record


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_list_page_query_count_does_not_grow_with_rows(editor_client, seeded, model):
    url = admin_url(model, "changelist")
    before = count_queries(editor_client, url)
    clone_rows(model, 2)
    assert count_queries(editor_client, url) == before


@pytest.mark.parametrize("model", [Role, EntryRoute], ids=lambda m: m.__name__)
def test_change_page_with_inlines_query_count_does_not_grow_with_rows(editor_client, seeded, model):
    record = model.objects.order_by("pk").first()
    url = admin_url(model, "change", record.pk)
    before = count_queries(editor_client, url)
    for inline in admin.site._registry[model].inlines:
        clone_rows(inline.model, 1)
    assert count_queries(editor_client, url) == before


def test_role_is_edited_on_one_page_with_its_lists_in_order(editor_client, seeded):
    role = Role.objects.get(slug="music-therapist")
    html = editor_client.get(admin_url(Role, "change", role.pk)).content.decode()
    for heading in ["Tasks", "Client groups", "Skills", "Entry routes", "Progression stages"]:
        assert heading in html
    assert 'name="tasks-0-position"' in html
    assert "View on site" in html


def test_entry_route_page_edits_its_requirements(editor_client, seeded):
    route = EntryRoute.objects.get(slug="postgraduate")
    html = editor_client.get(admin_url(EntryRoute, "change", route.pk)).content.decode()
    assert 'name="requirements-0-is_essential"' in html


def test_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_content_editors_group_holds_exactly_the_content_permissions():
    """Every permission on the content apps' models (history included) but the content
    version's, and reading the feedback visitors send (feedback's own migration): nothing on
    users, groups or anything else, and feedback cannot be changed or deleted."""
    group = Group.objects.get(name="Content editors")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    content = set(
        Permission.objects.filter(content_type__app_label__in=settings.CONTENT_APPS)
        .exclude(content_type__app_label="core", content_type__model="contentversion")
        .values_list("content_type__app_label", "codename")
    )
    assert granted == content | {("feedback", "view_feedback")}
    codenames = {codename for _, codename in granted}
    assert {"change_role", "add_planstep", "delete_programme", "view_historicalrole"} <= codenames
    assert {"change_source", "change_snippet", "change_glossaryterm"} <= codenames
    assert not {codename for codename in codenames if codename.endswith("_contentversion")}
    for model in CONTENT_MODELS:  # models added after the group was made included
        assert f"change_{model._meta.model_name}" in codenames, model


def test_editing_then_reverting_a_task_restores_the_text_and_records_who(editor_client, seeded):
    task = Task.objects.order_by("pk").first()
    original = task.text
    url = admin_url(Task, "change", task.pk)
    form = {
        "role": task.role_id,
        "slug": task.slug,
        "position": task.position,
        "text": "An edited task.",
        "is_published": "on",
        "last_reviewed": "2026-11-21",
        "verification_note": "",
    }
    assert editor_client.post(url, form).status_code == 302
    task.refresh_from_db()
    assert task.text == "An edited task."
    assert task.history.first().history_user.username == "editor"

    before_edit = task.history.filter(text=original).first()
    revert_url = admin_url(Task, "simple_history", task.pk, before_edit.history_id)
    assert editor_client.post(revert_url, {**form, "text": original}).status_code == 302
    task.refresh_from_db()
    assert task.text == original
    latest = task.history.first()
    assert latest.text == original and latest.history_user.username == "editor"


@pytest.mark.parametrize(
    ("model", "field", "value", "message"),
    [
        (Organisation, "url", "not a web address", "Enter a valid URL."),
        (Organisation, "helps_with", "", "This field is required."),
        (EntryRoute, "months_full_time", "-3", "Ensure this value is greater than or equal to 0."),
        (PayFigure, "minimum", "60000", "The minimum pay cannot be more than the maximum."),
    ],
)
def test_invalid_edits_are_refused_with_a_message_saying_what_to_fix(
    editor_client, seeded, model, field, value, message
):
    record = model.objects.order_by("pk").first()
    url = admin_url(model, "change", record.pk)
    page = editor_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: form.initial.get(name) if form.initial.get(name) is not None else ""
        for name in form.fields
    }
    data = {k: v for k, v in data.items() if v is not False}
    for name, value_ in list(data.items()):
        if isinstance(value_, list):
            data[name] = [item.pk if hasattr(item, "pk") else item for item in value_]
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    if model is PayFigure:
        data["maximum"] = "50000"
    data[field] = value
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    record.refresh_from_db()
    assert str(getattr(record, field)) != value


def test_review_list_shows_overdue_and_flagged_records_only(editor_client, seeded):
    Task.objects.update(last_reviewed=timezone.localdate())
    overdue = Task.objects.order_by("pk").first()
    overdue.last_reviewed = timezone.localdate() - timedelta(days=400)
    overdue.save()
    html = editor_client.get(reverse("admin_review")).content.decode()
    assert escape(overdue.text) in html
    assert "Overdue for review" in html
    fresh = Task.objects.exclude(pk=overdue.pk).first()
    assert escape(fresh.text) not in html
    assert "Flagged for verification" in html  # the pay figures ship flagged
    assert "Check with NHS Employers" in html


def test_review_filter_on_a_list_page(editor_client, seeded):
    Task.objects.update(last_reviewed=timezone.localdate())
    overdue = Task.objects.order_by("pk").first()
    Task.objects.filter(pk=overdue.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=400)
    )
    response = editor_client.get(admin_url(Task, "changelist") + "?review=due")
    assert list(response.context["cl"].result_list) == [overdue]


def test_an_editors_bookmark_from_before_sources_moved_to_core_still_works(editor_client, seeded):
    from core.models import Source

    source = Source.objects.order_by("pk").first()
    old = f"/admin/careers/source/{source.pk}/change/"
    response = editor_client.get(old)
    assert response.status_code == 301
    assert response["Location"] == admin_url(Source, "change", source.pk)
    assert editor_client.get(response["Location"]).status_code == 200
    assert editor_client.get("/admin/careers/snippet/").status_code == 301
    assert editor_client.get("/admin/careers/role/").status_code == 200

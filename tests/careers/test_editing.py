"""Editors can trust the admin: history shows only what they changed, diffs are readable,
long texts get wide boxes, Unpublish comes before Delete, and changing a published slug
keeps old links working."""

import pytest

from careers.models import Role
from pathways.models import EntryRoute
from tests.factories import admin_url

pytestmark = pytest.mark.django_db


def form_as_browser_sends_it(client, url):
    """The change form's data as a browser would post it: text boxes with CRLF endings,
    unchanged inline rows, and the management forms."""
    page = client.get(url)
    data = {}
    for form in [page.context["adminform"].form] + [
        form for formset in page.context["inline_admin_formsets"] for form in formset.formset
    ]:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(value, list):
                data[form.add_prefix(name)] = [getattr(v, "pk", v) for v in value]
            elif isinstance(value, str):
                data[form.add_prefix(name)] = value.replace("\n", "\r\n")
            else:
                data[form.add_prefix(name)] = value
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def test_editing_one_field_records_one_changed_field_in_history(editor_client, seeded):
    role = Role.objects.get(slug="music-therapist")
    url = admin_url(Role, "change", role.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data["summary"] = "A new one-line summary of the job."
    assert editor_client.post(url, data).status_code == 302

    latest, previous = role.history.all()[:2]
    delta = latest.diff_against(previous)
    assert delta.changed_fields == ["summary"]
    role.refresh_from_db()
    assert "\r" not in role.description


def test_history_shows_each_change_in_full_side_by_side(editor_client, seeded):
    role = Role.objects.get(slug="music-therapist")
    url = admin_url(Role, "change", role.pk)
    data = form_as_browser_sends_it(editor_client, url)
    old_description = role.description
    data["description"] = old_description.replace("\r\n", "\n") + "\n\nAn added closing paragraph."
    editor_client.post(url, data)

    html = editor_client.get(admin_url(Role, "history", role.pk)).content.decode()
    assert 'class="app-diff"' in html
    assert "<ins>closing" in html or "closing paragraph.</ins>" in html
    assert "chars]" not in html


def test_long_texts_get_wide_boxes_and_slugs_warn_about_links(editor_client, seeded):
    role = Role.objects.get(slug="music-therapist")
    html = editor_client.get(admin_url(Role, "change", role.pk)).content.decode()
    summary = (
        html.split('name="summary"')[0].rsplit("<input", 1)[1]
        + html.split('name="summary"')[1].split(">")[0]
    )
    assert "app-wide" in summary
    assert "breaks links people have shared" in html


def test_unpublish_is_offered_and_delete_is_not_a_red_button(editor_client, seeded):
    role = Role.objects.get(slug="music-therapist")
    html = editor_client.get(admin_url(Role, "change", role.pk)).content.decode()
    assert 'name="_unpublish"' in html
    assert 'class="deletelink"' not in html
    assert "Delete permanently" in html


def test_save_and_unpublish_hides_the_record_from_visitors(editor_client, seeded):
    route = EntryRoute.objects.get(slug="apprenticeship")
    url = admin_url(EntryRoute, "change", route.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data["_unpublish"] = "Save and unpublish"
    assert editor_client.post(url, data).status_code == 302
    route.refresh_from_db()
    assert not route.is_published
    assert editor_client.get(route.get_absolute_url()).status_code == 404


def test_bulk_unpublish_action_and_no_bulk_delete_for_editors(editor_client, seeded):
    changelist = admin_url(EntryRoute, "changelist")
    html = editor_client.get(changelist).content.decode()
    assert 'value="unpublish"' in html
    assert 'value="delete_selected"' not in html
    route = EntryRoute.objects.get(slug="apprenticeship")
    response = editor_client.post(
        changelist, {"action": "unpublish", "_selected_action": [route.pk]}
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert not route.is_published
    assert route.history.first().history_change_reason == "Unpublished"


def test_changing_a_published_role_slug_redirects_every_old_address(editor_client, client, seeded):
    role = Role.objects.get(slug="music-therapist")
    url = admin_url(Role, "change", role.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data["slug"] = "music-therapist-uk"
    data["_confirm_slug_change"] = "1"  # a published page's address changes on confirmation
    response = editor_client.post(url, data, follow=True)
    assert "Links to the old address now redirect" in response.content.decode()

    old_links = {
        "/careers/music-therapist/": "/careers/music-therapist-uk/",
        "/careers/music-therapist/skills/": "/careers/music-therapist-uk/skills/",
        "/careers/music-therapist/entry-routes/postgraduate/": (
            "/careers/music-therapist-uk/entry-routes/postgraduate/"
        ),
        "/careers/music-therapist/next-steps/?stage=graduate": (
            "/careers/music-therapist-uk/next-steps/?stage=graduate"
        ),
    }
    for old, new in old_links.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200


def test_changing_a_route_slug_redirects_its_old_address(client, seeded):
    route = EntryRoute.objects.get(slug="postgraduate")
    route.slug = "postgraduate-course"
    route.save()
    response = client.get("/careers/music-therapist/entry-routes/postgraduate/")
    assert response.status_code == 301
    assert response["Location"] == "/careers/music-therapist/entry-routes/postgraduate-course/"


def test_unknown_and_unpublished_pages_still_answer_404(client, seeded):
    assert client.get("/careers/no-such-role/").status_code == 404
    role = Role.objects.get(slug="music-therapist")
    role.slug = "music-therapist-uk"
    role.is_published = False
    role.save()
    assert client.get("/careers/music-therapist/").status_code == 404

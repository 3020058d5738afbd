"""Public pages are served from the page cache, and an editor's save shows at once."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Snippet

pytestmark = pytest.mark.django_db


def test_a_public_page_is_rendered_once_then_served_from_the_cache(client, seeded):
    first = client.get("/careers/music-therapist/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/careers/music-therapist/")
    assert len(queries) == 0
    assert second.content == first.content


def test_public_pages_revalidate_with_an_etag_and_answer_304(client, seeded):
    response = client.get("/careers/music-therapist/entry-routes/")
    assert "ETag" in response
    assert "max-age=0" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get(
        "/careers/music-therapist/entry-routes/", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""


def test_public_pages_set_no_cookies(client, seeded):
    for url in [
        "/",
        "/careers/music-therapist/",
        "/careers/music-therapist/next-steps/",
        "/search/?q=music",
    ]:
        response = client.get(url)
        assert not response.cookies, url


def test_an_editors_save_in_the_admin_shows_on_the_site_at_once(client, seeded):
    assert "Find your way" in client.get("/").content.decode()  # now cached
    snippet = Snippet.objects.get(slug="home-intro")
    editor = User.objects.create_superuser("boss", password="a-long-admin-password")
    admin = client.__class__()
    admin.force_login(editor)
    response = admin.post(
        f"/admin/careers/snippet/{snippet.pk}/change/",
        {
            "slug": snippet.slug,
            "title": snippet.title,
            "text": "Freshly edited introduction.",
            "is_published": "on",
            "last_reviewed": "2026-11-21",
            "verification_note": "",
        },
    )
    assert response.status_code == 302
    assert "Freshly edited introduction." in client.get("/").content.decode()


def test_admin_pages_and_errors_are_never_cached(client, seeded):
    client.get("/careers/music-therapist/next-steps/?stage=bogus")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/careers/music-therapist/next-steps/?stage=bogus")
    assert response.status_code == 400
    assert len(queries) > 0
    assert "no-cache" in client.get("/admin/login/")["Cache-Control"]

"""The URL contract's foundation routes answer, and errors use the site's own layout."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/careers/", "/careers/music-therapist/", "/admin/login/", "/healthz"]
)
def test_foundation_pages_answer(client, seeded, url):
    assert client.get(url).status_code == 200


def test_health_check_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"status: ok\ndatabase: ok\ncache: local to this process\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_does_not(client):
    with mock.patch("core.versions._select_version", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database: unavailable" in response.content


def test_unknown_role_gets_the_sites_own_404_page(client, seeded):
    response = client.get("/careers/no-such-role/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Skip to main content" in response.content


def test_unpublished_role_is_not_shown(client, seeded):
    from careers.models import Role

    Role.objects.filter(slug="music-therapist").update(is_published=False)
    assert client.get("/careers/music-therapist/").status_code == 404
    assert b"Music therapist" not in client.get("/careers/").content


def test_server_error_page_renders_in_the_site_layout(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert 'id="main-content"' in html

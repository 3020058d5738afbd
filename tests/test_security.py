"""Security headers everywhere, a locked-down admin, and production settings that pass
Django's deployment checks."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client

from tests.helpers import run_django

pytestmark = pytest.mark.django_db

CONTRACT_URLS = [
    "/",
    "/careers/",
    "/careers/music-therapist/",
    "/careers/music-therapist/skills/",
    "/careers/music-therapist/entry-routes/",
    "/careers/music-therapist/entry-routes/postgraduate/",
    "/careers/music-therapist/qualifications/",
    "/careers/music-therapist/progression/",
    "/careers/music-therapist/next-steps/",
    "/careers/music-therapist/next-steps/?stage=school",
    "/search/?q=music",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/accessibility/",
    "/admin/login/",
    "/careers/no-such-role/",
]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", CONTRACT_URLS)
def test_every_page_of_the_url_contract_carries_the_security_headers(client, seeded, url):
    response = client.get(url, secure=True)
    assert response.status_code in (200, 404)
    assert_security_headers(response)


def test_server_errors_carry_the_security_headers_and_no_stack_trace(seeded):
    client = Client(raise_request_exception=False)
    with mock.patch("careers.views.role_page_lists", side_effect=RuntimeError("secret detail")):
        response = client.get("/careers/music-therapist/", secure=True)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"secret detail" not in response.content and b"Traceback" not in response.content
    assert_security_headers(response)


def test_a_database_outage_gives_the_error_page_with_503(seeded):
    client = Client(raise_request_exception=False)
    with mock.patch("careers.views.role_page_lists", side_effect=OperationalError("db down")):
        response = client.get("/careers/music-therapist/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"db down" not in response.content


def test_admin_sign_in_locks_after_five_failures_for_a_username(client, django_user_model):
    django_user_model.objects.create_user("editor", password="the-right-password-1", is_staff=True)
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "the-right-password-1"}
    )
    assert locked.status_code == 429
    assert b"too many" in locked.content.lower() or b"locked" in locked.content.lower()

    call_command("axes_reset_username", "editor", verbosity=0)
    unlocked = client.post(
        "/admin/login/", {"username": "editor", "password": "the-right-password-1"}
    )
    assert unlocked.status_code == 302


def test_admin_sign_in_locks_an_address_trying_many_usernames(client):
    for number in range(20):
        client.post("/admin/login/", {"username": f"guess{number}", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "another", "password": "wrong"})
    assert response.status_code == 429


def test_weak_admin_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "short", "12345678901234"]:
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_admin_path_is_set_by_an_environment_variable():
    result = run_django(
        "-c",
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))",
        DJANGO_ADMIN_PATH="backstage",
    )
    assert result.stdout.strip() == "/backstage/", result.stderr


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "k7#Qz9-long-random-looking-secret-for-the-test-4Rw2!xV8pL0mN3bT6yHs",
    "DJANGO_ALLOWED_HOSTS": "careers.example.org",
}


def test_production_settings_pass_the_deployment_checks():
    # Unset behind no proxy, the checks warn (core.W001): say there is one.
    result = run_django(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        DJANGO_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""Admin sign-in lock-out behind a proxy: it locks out the attacker, not the editor."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the load balancer: every request arrives from it
ATTACKER = "203.0.113.66"
EDITOR = "198.51.100.7"
BEHIND_ONE_PROXY = override_settings(
    AXES_IPWARE_PROXY_COUNT=0,  # X-Forwarded-For holds the client alone
    AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR"],
)


def sign_in(address, username, password, forwarded=None):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded or address)
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="the-right-password-1", is_staff=True
    )


@BEHIND_ONE_PROXY
def test_an_attackers_failures_do_not_lock_out_the_editor_elsewhere(editor):
    for _ in range(10):
        sign_in(ATTACKER, "editor", "wrong")
    assert sign_in(ATTACKER, "editor", "wrong").status_code == 429
    assert sign_in(ATTACKER, "editor", "the-right-password-1").status_code == 429
    assert sign_in(EDITOR, "editor", "the-right-password-1").status_code == 302


@BEHIND_ONE_PROXY
def test_five_failures_lock_that_username_at_that_address(editor):
    for _ in range(4):
        assert sign_in(EDITOR, "editor", "wrong").status_code == 200
    assert sign_in(EDITOR, "editor", "wrong").status_code == 429
    assert sign_in(EDITOR, "editor", "the-right-password-1").status_code == 429
    assert sign_in(EDITOR, "someone-else", "wrong").status_code == 200


@BEHIND_ONE_PROXY
def test_an_address_trying_many_usernames_is_capped(editor):
    for number in range(19):
        assert sign_in(ATTACKER, f"guess{number}", "wrong").status_code == 200
    assert sign_in(ATTACKER, "guess-last", "wrong").status_code == 429
    assert sign_in(ATTACKER, "editor", "the-right-password-1").status_code == 429
    assert sign_in(EDITOR, "editor", "the-right-password-1").status_code == 302


@BEHIND_ONE_PROXY
def test_a_forged_forwarded_address_does_not_dodge_the_cap(editor):
    for number in range(20):
        forged = f"192.0.2.{number}, {ATTACKER}"
        sign_in(ATTACKER, f"guess{number}", "wrong", forwarded=forged)
    forged = f"192.0.2.99, {ATTACKER}"
    assert sign_in(ATTACKER, "guess-last", "wrong", forwarded=forged).status_code == 429
    assert sign_in(EDITOR, "editor", "the-right-password-1").status_code == 302


def test_without_a_proxy_the_header_is_ignored(editor):
    for number in range(20):
        client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
        client.post("/admin/login/", {"username": f"guess{number}", "password": "wrong"})
    client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=EDITOR)
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 429


def test_robots_txt_does_not_reveal_the_admin_path(client):
    assert b"admin" not in client.get("/robots.txt").content

"""Real processes, as deployed: two gunicorn web processes sharing one Redis see an editor's
save at once, and production mode serves hashed static files compressed and immutable."""

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def require(program):
    if shutil.which(program):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{program} is not installed: CI must run this test")
    pytest.skip(f"{program} is not installed")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, path="/healthz", seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", path).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on port {port}")


class Reply:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()
        self.cookies = dict(
            re.match(r"([^=]+)=([^;]*)", value).groups()
            for value in response.headers.get_all("Set-Cookie") or []
        )

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        return Reply(connection.getresponse())
    finally:
        connection.close()


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", **extra}


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def running(command, env):
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def gunicorn(port, env):
    return running([GUNICORN, "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"], env)


# One process migrates, seeds and adds an admin, hashing the password as production does.
SET_UP_SITE = """
import django

django.setup()

from django.contrib.auth.models import User
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
call_command("seed", verbosity=0)
User.objects.create_superuser("boss", "b@example.org", "a-long-admin-password")
"""


@pytest.fixture(scope="module")
def site_database(tmp_path_factory):
    """A database file of its own, migrated and seeded, shared by the processes and by
    both tests (neither changes what the other reads)."""
    path = tmp_path_factory.mktemp("site") / "site.sqlite3"
    subprocess.run(
        [sys.executable, "-c", SET_UP_SITE],
        cwd=BASE_DIR,
        env=clean_env(DATABASE_URL=f"sqlite:///{path}"),
        check=True,
        capture_output=True,
    )
    return path


def csrf_token(reply):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply.text).group(1)


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def test_two_processes_sharing_redis_show_an_editors_save_at_once(site_database, tmp_path):
    require("redis-server")
    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    redis = [
        "redis-server",
        "--port",
        str(redis_port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(tmp_path),
    ]
    with running(redis, env), gunicorn(port_a, env), gunicorn(port_b, env):
        wait_for(port_a)
        wait_for(port_b)
        for port in (port_a, port_b, port_a, port_b):  # both processes now hold the page
            assert "Freshly edited" not in request(port, "GET", "/").text

        # An editor signs in and saves through process A.
        login = request(port_a, "GET", "/admin/login/")
        cookies = dict(login.cookies)
        signed_in = request(
            port_a,
            "POST",
            "/admin/login/?next=/admin/",
            body=urlencode(
                {
                    "username": "boss",
                    "password": "a-long-admin-password",
                    "csrfmiddlewaretoken": csrf_token(login),
                }
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(cookies),
            },
        )
        assert signed_in.status == 302, signed_in.text[:500]
        cookies.update(signed_in.cookies)
        with sqlite3.connect(site_database) as db:
            (snippet_id,) = db.execute(
                "SELECT id FROM careers_snippet WHERE slug = 'home-intro'"
            ).fetchone()
        url = f"/admin/careers/snippet/{snippet_id}/change/"
        form = request(port_a, "GET", url, headers={"Cookie": cookie_header(cookies)})
        saved = request(
            port_a,
            "POST",
            url,
            body=urlencode(
                {
                    "slug": "home-intro",
                    "title": "Home",
                    "is_published": "on",
                    "text": "Freshly edited introduction.",
                    "last_reviewed": "2026-11-21",
                    "verification_note": "",
                    "csrfmiddlewaretoken": csrf_token(form),
                }
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(cookies),
            },
        )
        assert saved.status == 302, saved.text[:2000]

        # Process B, which had the old page cached, shows the change at once.
        assert "Freshly edited introduction." in request(port_b, "GET", "/").text
        assert "Freshly edited introduction." in request(port_a, "GET", "/").text


def test_production_serves_hashed_static_files_compressed_and_immutable(site_database, tmp_path):
    static_root = tmp_path / "static"
    port = free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k7#Qz9-long-random-looking-secret-for-the-test-4Rw2!xV8pL0mN3bT6yHs",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    # The site's own files; the admin's are Django's and only slow the test down.
    manage(env, "collectstatic", "--noinput", "--ignore", "admin")
    with gunicorn(port, env):
        wait_for(port)
        home = request(port, "GET", "/", headers={"X-Forwarded-Proto": "https"})
        assert home.status == 200
        assert home.headers["Strict-Transport-Security"].startswith("max-age=")
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
        static = request(port, "GET", css, headers={"Accept-Encoding": "gzip"})
        assert static.status == 200
        assert static.headers["Content-Encoding"] == "gzip"
        assert "immutable" in static.headers["Cache-Control"]
        assert "max-age=315360000" in static.headers["Cache-Control"]

        missing = request(port, "GET", "/no-such-page/")
        assert missing.status == 404
        assert "Page not found" in missing.text and "Traceback" not in missing.text
        assert "URLconf" not in missing.text

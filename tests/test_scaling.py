"""Real processes, as deployed: two gunicorn web processes sharing one Redis see an editor's
save at once; Redis stopped, full or hung never takes the site down; production mode serves
hashed static files compressed and immutable."""

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
from django.contrib.auth.hashers import make_password

from tests.helpers import django_env as clean_env

# Every test here has the test database set up, even run alone: ``site_database`` copies it.
pytestmark = pytest.mark.django_db

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
            time.sleep(0.05)
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


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def running(command, env, log=None):
    output = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=output, stderr=output)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
        if log:
            output.close()


def gunicorn(port, env, log=None):
    command = [GUNICORN, "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"]
    return running(command, env, log)


def redis_server(port, tmp_path, *options):
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path), *options]
    return running(command, clean_env())


def redis_cli(port, *command):
    result = subprocess.run(
        ["redis-cli", "-p", str(port), *command], capture_output=True, text=True, timeout=10
    )
    return result.stdout.strip()


def wait_for_redis(port, seconds=10):
    deadline = time.monotonic() + seconds
    while redis_cli(port, "PING") != "PONG":
        assert time.monotonic() < deadline, "Redis did not start"
        time.sleep(0.02)


# One process migrates and seeds (unless the file is a copy of the test database, migrated
# and seeded already), then adds an admin, hashing the password as production does.
SET_UP_SITE = """
import sys

import django

django.setup()

from django.contrib.auth.models import User
from django.core.management import call_command

if sys.argv[1:] != ["copied"]:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed", verbosity=0)
User.objects.create_superuser("boss", "b@example.org", "a-long-admin-password")
"""


@pytest.fixture(scope="module")
def site_database(tmp_path_factory, django_db_setup):
    """A database file of its own, migrated and seeded, shared by the processes and by
    the tests (none changes what another reads).

    Migrating an empty file takes 15 s or more, and even a ``migrate`` with nothing to do
    works out every model's state; so on SQLite the file is a copy of the test database as
    seeding left it, and only the admin is added."""
    from django.db import connection

    path = tmp_path_factory.mktemp("site") / "site.sqlite3"
    copied = []
    if connection.vendor == "sqlite":
        django_db_setup.write_to(path)
        copied = ["copied"]
    subprocess.run(
        [sys.executable, "-c", SET_UP_SITE, *copied],
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


def save_through_admin(port, database, text):
    """Sign in as the editor and change the home page's introduction; the save's status.
    ``database``: the SQLite file, or the snippet's id."""
    login = request(port, "GET", "/admin/login/")
    cookies = dict(login.cookies)
    form_headers = {"Content-Type": "application/x-www-form-urlencoded"}
    signed_in = request(
        port,
        "POST",
        "/admin/login/?next=/admin/",
        body=urlencode(
            {
                "username": "boss",
                "password": "a-long-admin-password",
                "csrfmiddlewaretoken": csrf_token(login),
            }
        ),
        headers={**form_headers, "Cookie": cookie_header(cookies)},
    )
    assert signed_in.status == 302, signed_in.text[:500]
    cookies.update(signed_in.cookies)
    if isinstance(database, int):  # the snippet's id itself
        snippet_id = database
    else:
        with sqlite3.connect(database) as db:
            (snippet_id,) = db.execute(
                "SELECT id FROM careers_snippet WHERE slug = 'home-intro'"
            ).fetchone()
    url = f"/admin/core/snippet/{snippet_id}/change/"
    form = request(port, "GET", url, headers={"Cookie": cookie_header(cookies)})
    saved = request(
        port,
        "POST",
        url,
        body=urlencode(
            {
                "slug": "home-intro",
                "title": "Home",
                "is_published": "on",
                "text": text,
                "last_reviewed": "2026-11-21",
                "verification_note": "",
                "csrfmiddlewaretoken": csrf_token(form),
            }
        ),
        headers={**form_headers, "Cookie": cookie_header(cookies)},
    )
    return saved.status


def shows_within_a_second(port, path, text):
    deadline = time.monotonic() + 1.2
    while True:
        if text in request(port, "GET", path).text:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_two_processes_sharing_redis_show_an_editors_save_at_once(site_database, tmp_path):
    require("redis-server")
    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    with redis_server(redis_port, tmp_path), gunicorn(port_a, env), gunicorn(port_b, env):
        wait_for(port_a)
        wait_for(port_b)
        for port in (port_a, port_b, port_a, port_b):  # both processes now hold the page
            assert "Freshly edited" not in request(port, "GET", "/").text

        # An editor signs in and saves through process A.
        assert save_through_admin(port_a, site_database, "Freshly edited introduction.") == 302

        # Process A, which saved it, shows the change at once; process B, which had the old
        # page cached, within a second (it reads the content version once a second).
        assert "Freshly edited introduction." in request(port_a, "GET", "/").text
        assert shows_within_a_second(port_b, "/", "Freshly edited introduction.")


def test_two_processes_without_a_shared_cache_are_never_stale(site_database):
    port_a, port_b = free_port(), free_port()
    env = clean_env(DATABASE_URL=f"sqlite:///{site_database}", DJANGO_DEBUG="false")
    with gunicorn(port_a, env), gunicorn(port_b, env):
        wait_for(port_a)
        wait_for(port_b)
        for port in (port_a, port_b, port_a, port_b):  # each holds the page in its own memory
            assert "Edited without Redis" not in request(port, "GET", "/").text
        assert save_through_admin(port_a, site_database, "Edited without Redis.") == 302
        assert shows_within_a_second(port_b, "/", "Edited without Redis.")


def cache_failures(log):
    return Path(log).read_text().count("cache failed")


PAGES = ["/", "/careers/music-therapist/", "/robots.txt", "/careers/music-therapist/next-steps/"]


def test_the_site_answers_while_redis_is_stopped_and_caches_again_once_restarted(
    site_database, tmp_path
):
    require("redis-server")
    redis_port, port = free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    log = tmp_path / "gunicorn.log"
    with gunicorn(port, env, log):
        with redis_server(redis_port, tmp_path):
            wait_for_redis(redis_port)
            wait_for(port)
            assert request(port, "GET", "/").status == 200
            assert int(redis_cli(redis_port, "DBSIZE")) > 0
            assert "cache: ok" in request(port, "GET", "/healthz").text
        # Redis is stopped.
        for _ in range(3):
            for path in PAGES:
                assert request(port, "GET", path).status == 200, path
        assert request(port, "GET", "/no-such-page/").status == 404
        health = request(port, "GET", "/healthz")
        assert health.status == 200 and "cache: unreachable" in health.text
        assert save_through_admin(port, site_database, "Saved while Redis was down.") == 302
        assert "Saved while Redis was down." in request(port, "GET", "/").text
        assert cache_failures(log) == 1  # logged once, not once a request
        with redis_server(redis_port, tmp_path):
            wait_for_redis(redis_port)
            time.sleep(5.5)  # the pause after a failure
            for _ in range(2):
                assert "Saved while Redis was down." in request(port, "GET", "/").text
            # "/" is in the process's own copy; a page not yet seen goes to Redis again.
            assert request(port, "GET", "/accessibility/").status == 200
            assert int(redis_cli(redis_port, "DBSIZE")) > 0  # caching again


def test_a_full_redis_serves_pages_uncached(site_database, tmp_path):
    require("redis-server")
    redis_port, port = free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    full = ("--maxmemory", "1", "--maxmemory-policy", "noeviction")
    log = tmp_path / "gunicorn.log"
    with redis_server(redis_port, tmp_path, *full), gunicorn(port, env, log):
        wait_for_redis(redis_port)
        wait_for(port)
        for path in PAGES * 2:
            assert request(port, "GET", path).status == 200, path
        assert redis_cli(redis_port, "DBSIZE") == "0"
        health = request(port, "GET", "/healthz")
        assert health.status == 200 and "cache: refusing writes" in health.text
        assert "status: degraded" in health.text
        assert save_through_admin(port, site_database, "Saved while Redis was full.") == 302
        assert "Saved while Redis was full." in request(port, "GET", "/").text
        assert cache_failures(log) == 1


def test_a_hung_redis_costs_a_request_a_short_timeout_not_five_seconds(site_database, tmp_path):
    require("redis-server")
    redis_port, port = free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    debug = ("--enable-debug-command", "local")
    with redis_server(redis_port, tmp_path, *debug) as redis, gunicorn(port, env):
        wait_for_redis(redis_port)
        wait_for(port)
        request(port, "GET", "/")
        sleeper = subprocess.Popen(
            ["redis-cli", "-p", str(redis_port), "DEBUG", "SLEEP", "8"],
            stdout=subprocess.DEVNULL,
        )
        try:
            time.sleep(0.5)
            for path in PAGES:
                started = time.monotonic()
                assert request(port, "GET", path).status == 200, path
                assert time.monotonic() - started < 2, path
            started = time.monotonic()
            assert request(port, "GET", "/healthz").status == 200
            assert time.monotonic() - started < 2
        finally:
            redis.kill()  # still asleep: it would answer SIGTERM only once the 8 s are up
            sleeper.wait(timeout=20)


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


def wait_for_any_answer(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return request(port, "GET", "/healthz")
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on port {port}")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_healthz_answers_503_when_the_sqlite_file_is_missing_or_corrupt(tmp_path, damage):
    path = tmp_path / "site.sqlite3"
    if damage == "corrupt":
        path.write_bytes(b"this is not a database file" * 100)
    port = free_port()
    env = clean_env(DATABASE_URL=f"sqlite:///{path}", DJANGO_DEBUG="false")
    with gunicorn(port, env):
        health = wait_for_any_answer(port)
        assert health.status == 503
        assert "database: unavailable" in health.text
        assert request(port, "GET", "/").status == 503


def test_healthz_is_exempt_from_the_https_redirect(site_database):
    port = free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k7#Qz9-long-random-looking-secret-for-the-test-4Rw2!xV8pL0mN3bT6yHs",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    with gunicorn(port, env):
        health = wait_for_any_answer(port)
        assert health.status == 200 and "database: ok" in health.text
        assert request(port, "GET", "/").status == 301


def timed_get(port, path):
    started = time.monotonic()
    reply = request(port, "GET", path)
    return reply, time.monotonic() - started


def test_a_locked_database_still_serves_cached_pages_within_a_second(site_database):
    """The database hung (SQLite held by an exclusive lock: every read waits): cached pages
    answer 200 within a second, others 503 within a few, /healthz 503 within a second."""
    port = free_port()
    env = clean_env(DATABASE_URL=f"sqlite:///{site_database}", DJANGO_DEBUG="false")
    with gunicorn(port, env):
        wait_for(port)
        for path in ("/", "/careers/music-therapist/"):
            assert request(port, "GET", path).status == 200  # cached, version remembered
        time.sleep(1.1)  # the remembered version is due to be read again
        lock = sqlite3.connect(site_database, timeout=0, isolation_level=None)
        try:
            lock.execute("BEGIN EXCLUSIVE")
            for path in ("/", "/careers/music-therapist/", "/"):
                reply, seconds = timed_get(port, path)
                assert reply.status == 200 and seconds < 1, (path, reply.status, seconds)
            reply, seconds = timed_get(port, "/careers/music-therapist/skills/")
            assert reply.status == 503 and seconds < 6, (reply.status, seconds)
            health, seconds = timed_get(port, "/healthz")
            assert health.status == 503 and seconds < 1, (health.status, seconds)
            assert "database: not answering" in health.text
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        time.sleep(1.1)
        assert request(port, "GET", "/careers/music-therapist/skills/").status == 200


def second_checkout(tmp_path, footer):
    """A copy of this checkout whose footer says ``footer``: another release."""
    copy = tmp_path / "release-2"
    skipped = shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "build", "*.sqlite3", "__pycache__"
    )
    shutil.copytree(BASE_DIR, copy, ignore=skipped)
    base = copy / "templates" / "base.html"
    text = base.read_text()
    assert "</footer>" in text
    base.write_text(text.replace("</footer>", f"<p>{footer}</p></footer>", 1))
    return copy


def test_two_releases_sharing_redis_never_serve_each_others_pages(site_database, tmp_path):
    """A rolling release: the old and the new code run at once against one Redis."""
    require("redis-server")
    redis_port, port_1, port_2 = free_port(), free_port(), free_port()
    env = clean_env(
        DATABASE_URL=f"sqlite:///{site_database}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    release_2 = second_checkout(tmp_path, "Release 2: a corrected footer.")
    command = [GUNICORN, "config.wsgi:application", "-b", f"127.0.0.1:{port_2}", "-w", "1"]
    new = subprocess.Popen(
        [*command, "--chdir", str(release_2)],
        cwd=release_2,
        env={**env, "PYTHONPATH": str(release_2)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with redis_server(redis_port, tmp_path), gunicorn(port_1, env):
            wait_for_redis(redis_port)
            wait_for(port_1)
            wait_for(port_2)
            pages = ["/", "/accessibility/", "/careers/music-therapist/"]
            for first, second in [(port_1, port_2), (port_2, port_1)]:
                for path in pages:
                    request(first, "GET", path)  # cached by one release
                    for port in (second, first):
                        said = "Release 2" in request(port, "GET", path).text
                        assert said is (port == port_2), (port, path)
                redis_cli(redis_port, "FLUSHALL")
    finally:
        new.terminate()
        new.wait(timeout=20)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the machines share the PostgreSQL test database",
)
@pytest.mark.django_db(transaction=True)
def test_two_machines_sharing_postgresql_and_redis_see_a_save_within_a_second(seeded, tmp_path):
    from django.contrib.auth.models import User
    from django.db import connection

    from core.models import Snippet

    require("redis-server")
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    User.objects.create(
        username="boss",
        password=make_password("a-long-admin-password", hasher="pbkdf2_sha256"),
        is_staff=True,
        is_superuser=True,
    )
    snippet_id = Snippet.objects.get(slug="home-intro").pk
    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = clean_env(
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_DEBUG="false",
    )
    with redis_server(redis_port, tmp_path), gunicorn(port_a, env), gunicorn(port_b, env):
        wait_for(port_a)
        wait_for(port_b)
        for port in (port_a, port_b, port_a, port_b):
            assert "Saved on machine A" not in request(port, "GET", "/").text
        assert save_through_admin(port_a, snippet_id, "Saved on machine A.") == 302
        assert "Saved on machine A." in request(port_a, "GET", "/").text
        assert shows_within_a_second(port_b, "/", "Saved on machine A.")

        # The version's table locked (a hung database, as far as a request can tell):
        # cached pages within a second, /healthz 503 within a second.
        import psycopg2

        lock = psycopg2.connect(database_url)
        try:
            lock.cursor().execute("LOCK TABLE core_contentversion IN ACCESS EXCLUSIVE MODE")
            time.sleep(1.1)
            for port in (port_a, port_b):
                reply, seconds = timed_get(port, "/")
                assert reply.status == 200 and seconds < 1, (reply.status, seconds)
                health, seconds = timed_get(port, "/healthz")
                assert health.status == 503 and seconds < 1, (health.status, seconds)
        finally:
            lock.rollback()
            lock.close()

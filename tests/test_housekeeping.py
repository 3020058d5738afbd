"""The small things a newcomer or an operator trips on: where to look once `make run`
serves, `make help`'s port, admin sign-in and sessions, HSTS preload, the log line for a bad
Host header, and SQLite connections after the database file is replaced."""

import logging
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
PASSWORD = "a-long-editor-password"


def fresh_settings(names, **env):
    """The named settings as a process started with ``env`` reads them."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "SESSION_")) and key != "REDIS_URL"
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            f"print(repr([eval('s.' + name) for name in {names!r}]))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - our own process printing a list of literals


def test_the_readme_says_where_to_look_once_make_run_serves():
    first_lines = "\n".join((ROOT / "README.md").read_text().splitlines()[:25])
    assert "http://127.0.0.1:8000/careers/music-therapist/" in first_lines
    assert "http://127.0.0.1:8000/careers/music-therapist/next-steps/" in first_lines


def test_make_help_shows_the_real_port():
    shown = subprocess.run(
        ["make", "--no-print-directory", "help", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert "http://127.0.0.1:8123" in shown
    assert "$(PORT)" not in shown


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", ""])
def test_admin_sign_in_with_a_next_elsewhere_lands_on_the_admin_index(client, staff, next_url):
    response = client.post(
        "/admin/login/?next=" + next_url,
        {"username": "editor", "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_admin_sign_in_with_a_next_on_this_site_goes_there(client, staff):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/review/"}
    )
    assert response["Location"] == "/admin/review/"


def test_an_admin_session_lasts_a_working_day(client, staff):
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_the_operator_sets_how_long_an_admin_session_lasts():
    assert fresh_settings(["SESSION_COOKIE_AGE"]) == [8 * 60 * 60]
    assert fresh_settings(["SESSION_COOKIE_AGE"], DJANGO_SESSION_HOURS="2") == [2 * 60 * 60]


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "k7#Qz9-long-random-looking-secret-for-the-test-4Rw2!xV8pL0mN3bT6yHs",
    "DJANGO_ALLOWED_HOSTS": "careers.example.org",
}


def test_hsts_preload_is_off_until_the_operator_turns_it_on():
    names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"]
    assert fresh_settings(names, **PRODUCTION) == [31536000, False]
    assert fresh_settings(names, **PRODUCTION, DJANGO_HSTS_PRELOAD="true") == [31536000, True]


def test_the_hsts_header_asks_for_no_preload_by_default(client, db, settings):
    settings.SECURE_HSTS_PRELOAD = False
    assert client.get("/robots.txt", secure=True)["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_a_bad_host_header_logs_one_warning_line_without_a_traceback(client, db, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    logged = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [(r.name, r.levelname) for r in logged] == [
        ("django.security.DisallowedHost", "WARNING")
    ]
    record = logged[0]
    assert record.exc_info is None and record.exc_text is None
    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    line = formatter.format(record)
    assert "\n" not in line and "Traceback" not in line
    assert "Invalid HTTP_HOST header: 'evil.example'" in line


def test_other_security_errors_still_log_at_error(caplog):
    logging.getLogger("django.security.SuspiciousSession").error("tampered", exc_info=False)
    assert caplog.records[-1].levelname == "ERROR"


RESTORE = """
import os, sys
import django
django.setup()
from wsgiref.util import setup_testing_defaults
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

app = WSGIHandler()


def status(path):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    statuses = []
    response = app(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()  # the end of the request, as a WSGI server ends it
    return statuses[0].split()[0]


database, restored = sys.argv[1:]
print(settings.DATABASES["default"]["CONN_MAX_AGE"])
print(status("/healthz"))
os.replace(restored, database)
print(status("/healthz"))
"""


def test_a_sqlite_file_restored_in_place_is_used_from_the_next_request(tmp_path):
    database, restored = tmp_path / "db.sqlite3", tmp_path / "restored.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE unrelated (id integer)").connection.close()
    with sqlite3.connect(restored) as backup:
        backup.execute(
            "CREATE TABLE core_contentversion "
            "(id integer PRIMARY KEY, number integer, changed_at text)"
        )
        backup.execute("INSERT INTO core_contentversion VALUES (1, 7, '2026-12-02 10:00:00')")
    backup.close()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", RESTORE, str(database), str(restored)],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "DATABASE_CONN_MAX_AGE": "60",  # ignored for SQLite
            "REDIS_URL": "",
            "DJANGO_LOG_LEVEL": "CRITICAL",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "503", "200"]


def test_postgresql_keeps_its_connections():
    names = ["DATABASES['default']['CONN_MAX_AGE']"]
    url = "postgres://pathways:pathways@127.0.0.1:5432/unused"
    assert fresh_settings(names, DATABASE_URL=url) == [60]
    assert fresh_settings(names, DATABASE_URL=url, DATABASE_CONN_MAX_AGE="5") == [5]

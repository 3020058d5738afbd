"""The test database holds the shipped content from the start.

It is seeded once per session, after the migrations, and committed, so every test that
uses the database (``db``, ``seeded``, ``client`` pages) sees the content, and each test's
own changes roll back with its transaction. A test that needs no content, or builds its
own from nothing, asks for ``no_content``.

A transactional test (``transaction=True``, ``live_server``: the browser tests) commits
for real, and Django empties every table when it ends. The next one that asks for
``seeded`` gets the session's rows back in one bulk insert per table, committed before its
own transaction begins (so once for all the tests after it), which takes a small part of
the time seeding again would.
"""

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from tests.helpers import forget_caches


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """MD5 hashes in microseconds where PBKDF2 takes a good part of a second. The real
    hashers stay listed, so a password made for a production process still checks."""
    from django.conf import settings

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=fast):
        yield


def every_row():
    """Each table's rows as model instances, many-to-many tables included."""
    from django.apps import apps

    return [
        (model, list(model._base_manager.order_by("pk")))
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def put_back(rows):
    """Insert the rows taken by ``every_row`` into tables a flush left empty, but for the
    ones its post_migrate signal filled again (content types and permissions)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():  # foreign keys are checked at commit, so order is free
        refilled = [model._meta.db_table for model, _ in rows if model._base_manager.exists()]
        with connection.cursor() as cursor:
            for sql in connection.ops.sql_flush(no_style(), refilled, allow_cascade=True):
                cursor.execute(sql)
        for model, instances in rows:
            model._base_manager.bulk_create(instances)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seeds the test database once, and keeps its rows for ``seeded`` to put back."""
    with django_db_blocker.unblock():
        call_command("seed", verbosity=0)
        return every_row()


@pytest.fixture(autouse=True)
def _fresh_caches(request):
    """Each test starts with empty caches, as a freshly started process does. A test marked
    ``keeps_page_data`` may find the page data an earlier test built for the same content
    version (each test's changes roll back, and the content version with them)."""
    forget_caches(keep_page_data=request.node.get_closest_marker("keeps_page_data") is not None)


@pytest.fixture(scope="session", autouse=True)
def _content_version_read_every_time():
    """Tests see each change at once: no process memo of the content version."""
    with override_settings(CONTENT_VERSION_TTL=0):
        yield


@pytest.fixture(autouse=True)
def _content_version_moves_at_once_in_a_test_transaction(request, monkeypatch):
    """The content version moves after a change commits. A test's own transaction never
    commits, so there it moves at once; transactional tests commit and keep the real order."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        monkeypatch.setattr("core.versions.after_commit", lambda func, using: func())


@pytest.fixture
def _rows_back(django_db_setup, django_db_blocker):
    """The session's rows, put back and committed if a transactional test emptied the
    tables: before the test's own transaction begins, so they stay for the tests after it."""
    from careers.models import Role

    with django_db_blocker.unblock():
        if not Role.objects.exists():
            put_back(django_db_setup)


@pytest.fixture
def seeded(_rows_back, db):
    """The shipped content, loaded as `make run` loads it (and the editors' group and
    permissions the migrations make)."""


@pytest.fixture
def no_content(db):
    """No content at all, for a test that builds its own or loads fixtures afresh; the
    session's content comes back when the test's transaction rolls back."""
    from core.fixtures import CONTENT_APPS, content_models

    for app_label in reversed(CONTENT_APPS):
        for model in reversed(content_models(app_label)):
            model.objects.all().delete()
            if hasattr(model, "history"):
                model.history.all().delete()

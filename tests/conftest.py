"""The test database holds the shipped content from the start.

It is seeded once per session, after the migrations, and committed (under xdist on SQLite,
once per run: see ``SharedDatabase``), so every test that uses the database (``db``,
``seeded``, ``client`` pages) sees the content, and each test's own changes roll back with
its transaction. A test that needs no content, or builds its own from nothing, asks for
``no_content``.

A transactional test (``transaction=True``, ``live_server``: the browser tests) commits
for real, and Django empties every table when it ends; the session's content is put back
as soon as that test is over: on SQLite by copying back the whole database as seeding left
it, in a few milliseconds; on PostgreSQL in one bulk insert per table.
"""

import fcntl
import sqlite3

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


class SessionContent:
    """The test database as seeding left it, taken once, to put back after a transactional
    test emptied it. On SQLite a copy of the whole in-memory database (restoring it takes a
    few milliseconds); elsewhere each table's rows, inserted again in bulk."""

    def __init__(self, blocker):
        from django.db import connection

        self.blocker = blocker
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.copy)
        else:
            self.rows = every_row()

    def put_back_if_emptied(self):
        from django.contrib.contenttypes.models import ContentType
        from django.db import DatabaseError, connection

        from careers.models import Role

        with self.blocker.unblock():
            try:
                if Role.objects.exists():
                    return
            except DatabaseError:  # a test that migrates failed half way
                if connection.vendor != "sqlite":
                    raise
            if connection.vendor == "sqlite":
                self.copy.backup(connection.connection)
            else:
                put_back(self.rows)
        ContentType.objects.clear_cache()

    def write_to(self, path):
        """A database file with the session's content (SQLite only)."""
        with sqlite3.connect(path) as file:
            self.copy.backup(file)
        file.close()


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
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():  # foreign keys are checked at commit, so order is free
        refilled = [model._meta.db_table for model, _ in rows if model._base_manager.exists()]
        with connection.cursor() as cursor:
            for sql in connection.ops.sql_flush(no_style(), refilled, allow_cascade=True):
                cursor.execute(sql)
        for model, instances in rows:
            model._base_manager.bulk_create(instances)
        # Keys given explicitly leave a sequence behind them (the layout test's database
        # starts its sequences again at 1): the next row must not take a key already used.
        models = [model for model, _ in rows]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


SESSION_CONTENT = pytest.StashKey[SessionContent]()


class SharedDatabase:
    """Under xdist on SQLite, the seeded database is made once a run and shared by the
    workers: the first worker to need it migrates and seeds, and leaves a copy in the run's
    temporary directory; each other worker creates its tables from the models (a fraction of
    a second, where the migrations take 15) and copies the seeded database over them.

    The workers take turns through a lock on a file beside the copy, so the second one
    waits only while the first is still migrating; tests that need no database run first
    (``pytest_collection_modifyitems``), so it waits seldom."""

    def __init__(self, directory):
        self.copy = directory / "seeded.sqlite3"
        self.lock = open(directory / "seeded.lock", "w")  # noqa: SIM115 (held across fixtures)
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.made = self.copy.exists()
        if self.made:
            self.release()

    def release(self):
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings, tmp_path_factory):
    """A worker that finds the run's seeded database made does not migrate its own."""
    from django.db import connection

    if not hasattr(request.config, "workerinput") or connection.vendor != "sqlite":
        yield None
        return
    shared = SharedDatabase(tmp_path_factory.getbasetemp().parent)
    test_settings = connection.settings_dict["TEST"]
    migrate = test_settings["MIGRATE"]
    if shared.made:
        test_settings["MIGRATE"] = False  # tables from the models; the copy replaces them
    try:
        yield shared
    finally:
        test_settings["MIGRATE"] = migrate
        if not shared.made:  # this worker failed to seed: from now on the others seed their own
            shared.release()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker, django_db_modify_db_settings):
    """Seeds the test database once (or copies the run's seeded one), and keeps its content
    to put back."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    shared = django_db_modify_db_settings
    with django_db_blocker.unblock():
        if shared and shared.made:
            with sqlite3.connect(shared.copy) as copy:
                copy.backup(connection.connection)
            copy.close()
            ContentType.objects.clear_cache()
        else:
            call_command("seed", verbosity=0)
        content = SessionContent(django_db_blocker)
        if shared and not shared.made:
            content.write_to(shared.copy)
            shared.made = True
            shared.release()
    request.config.stash[SESSION_CONTENT] = content
    return content


def pytest_collection_modifyitems(config, items):
    """Tests that need no database first: under xdist, the worker given them runs them
    while the other migrates and seeds the database they then share (``SharedDatabase``)."""
    items.sort(key=uses_the_database)


def uses_the_database(item):
    """Whether a test asks for the database, by a fixture or by the ``django_db`` mark."""
    return "django_db_setup" in item.fixturenames or bool(item.get_closest_marker("django_db"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test is over (and a transactional one has emptied every table), the session's
    content is back for the next test, whatever order that one's fixtures start in."""
    yield
    content = item.config.stash.get(SESSION_CONTENT, None)
    if content and nextitem is not None:
        content.put_back_if_emptied()


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
def seeded(db):
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

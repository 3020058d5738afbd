"""The content version: one random token, in the database, that every committed content
change replaces and every cache is keyed on.

- ``content_version()`` reads it: once per request while the page cache middleware is
  serving one; otherwise at most once every ``CONTENT_VERSION_TTL`` seconds per process
  (0 in tests: every call), with one raw query that waits at most
  ``CONTENT_VERSION_WAIT`` seconds. When the database fails or does not answer in time,
  the last version read stands, so cached pages are served through an outage.
- The token is random, never a count: a restored, flushed or re-seeded database can never
  meet keys made for another timeline.
- Saves, deletions and many-to-many changes to any content model (a model of
  ``settings.CONTENT_APPS`` but those in ``core.content.NOT_CONTENT``), ``update()``,
  ``bulk_create()`` and ``bulk_update()`` on their querysets (``core.content.VersionedQuerySet``),
  and a ``migrate`` that applied migrations replace it *after* the change commits, in a short
  transaction of its own (``transaction.on_commit``): overlapping editors never wait on
  each other for it, and a rolled-back change moves nothing. Raw SQL moves nothing:
  run ``manage.py bump_content_version`` after it.
- The process that replaced it uses the new token at once; other processes within
  ``CONTENT_VERSION_TTL`` seconds.
- ``for_version(key, build)`` keeps what ``build()`` returns in this process until the
  version moves: page data and rendered fragments are built once per content version.
"""

import logging
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as WaitedTooLong
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

# Set by the page cache middleware for the length of a request, so a page reads it once.
request_version = ContextVar("request_version", default=None)


class DatabaseNotAnswering(DatabaseError):
    """The database did not answer the version read in time."""


class Memo:
    """The last version this process read or wrote, and when (``time.monotonic()``)."""

    def __init__(self):
        self.version = None
        self.read_at = float("-inf")
        self.failed_at = float("-inf")
        self.reader = None
        self.pending = None
        self.lock = threading.Lock()

    def remember(self, version):
        self.version = version
        self.read_at = time.monotonic()
        self.failed_at = float("-inf")

    def forget(self):
        self.version = None
        self.read_at = float("-inf")
        self.failed_at = float("-inf")


memo = Memo()


def content_version():
    """The current content version: the request's, this process's memo when it is less than
    ``CONTENT_VERSION_TTL`` seconds old, or the database's. When the database fails, the
    last version read (and ``DatabaseError`` when there is none)."""
    version = request_version.get()
    if version is not None:
        return version
    now = time.monotonic()
    if memo.version is not None and now - memo.read_at < settings.CONTENT_VERSION_TTL:
        return memo.version
    try:
        version = read_version()
    except DatabaseError as error:
        memo.failed_at = now
        if memo.version is None:
            raise
        memo.read_at = now  # try again in a TTL, not at every request
        logger.warning("Content version not read (%s); using the last one read", error)
        return memo.version
    memo.remember(version)
    return version


def database_failing(within=5.0):
    """The version read failed in the last ``within`` seconds: a page not in the cache
    would wait on the database too."""
    return time.monotonic() - memo.failed_at < within


def read_version():
    """The version in the database, by one raw query. Outside tests the query runs on a
    thread of its own and the caller waits at most ``CONTENT_VERSION_WAIT`` seconds, so a
    hung database cannot hold a request."""
    if settings.CONTENT_VERSION_TTL <= 0:
        return _select_version()
    with memo.lock:
        if memo.reader is None:
            memo.reader = ThreadPoolExecutor(1, thread_name_prefix="content-version")
        if memo.pending is None or memo.pending.done():
            memo.pending = memo.reader.submit(_select_version_and_close_on_error)
        pending = memo.pending
    try:
        return pending.result(timeout=settings.CONTENT_VERSION_WAIT)
    except WaitedTooLong:
        raise DatabaseNotAnswering(f"no answer within {settings.CONTENT_VERSION_WAIT} s") from None


def _select_version():
    from core.models import ContentVersion

    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT number FROM {ContentVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _select_version_and_close_on_error():
    try:
        return _select_version()
    except DatabaseError:
        connections["default"].close()  # reconnect next time
        raise


def _forget_after_fork():
    """A forked worker starts with no reader thread and no memo of its parent's."""
    global memo
    memo = Memo()


os.register_at_fork(after_in_child=_forget_after_fork)


def new_token():
    return secrets.randbits(62) + 1


def replace_version(using="default"):
    """Write a new random token now, in its own transaction; this process uses it at once."""
    from core.models import ContentVersion

    token = new_token()
    versions = ContentVersion.objects.using(using)
    with transaction.atomic(using=using):
        if not versions.filter(pk=1).update(number=token, changed_at=timezone.now()):
            versions.create(pk=1, number=token)
    if using == "default":
        transaction.on_commit(lambda: memo.remember(token), using=using)
    return token


class Pending(threading.local):
    """One version change per committed transaction however many records it changed: each
    change adds an on-commit callback, and the first to run after the commit replaces the
    version for all of them (a rolled-back transaction's callbacks never run)."""

    def __init__(self):
        self.batches = {}


pending = Pending()


def bump_content_version(using="default"):
    """Replace the content version once the current transaction commits (at once outside
    one). Callers normally let the signals and ``VersionedQuerySet`` do it."""
    batch = pending.batches.get(using)
    if batch is None or batch["done"]:
        batch = pending.batches[using] = {"done": False}

    def replace():
        if not batch["done"]:
            batch["done"] = True
            replace_version(using)

    after_commit(replace, using)


def after_commit(func, using):
    """``transaction.on_commit``; tests that never commit run ``func`` at once instead."""
    transaction.on_commit(func, using=using)


def is_content(model):
    """A model of a content app whose records visitors see; history rows only ever
    accompany a content change, and editors' own records (``EDITORS_ONLY``) show nowhere."""
    from core.content import EDITORS_ONLY, is_content_model

    return (
        is_content_model(model)
        and model._meta.label not in EDITORS_ONLY
        and not model._meta.model_name.startswith("historical")
    )


def content_changed(sender, using=None, **kwargs):
    if is_content(sender):
        bump_content_version(using or router.db_for_write(sender))


def migrated(sender, app_config, plan=None, using="default", **kwargs):
    """A ``migrate`` that applied migrations (data migrations included) moves the version."""
    if app_config.name != "core" or not plan:
        return
    try:
        replace_version(using)
    except DatabaseError:  # migrating backwards past core's first migration
        logger.info("Content version not moved: its table is not there")


def m2m_content_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(sender, **kwargs)


def connect_signals():
    post_save.connect(content_changed, dispatch_uid="core.content_saved")
    post_delete.connect(content_changed, dispatch_uid="core.content_deleted")
    m2m_changed.connect(m2m_content_changed, dispatch_uid="core.content_m2m_changed")
    post_migrate.connect(migrated, dispatch_uid="core.migrated")


def for_version(key, build):
    """``build()``'s value, built once per content version in this process.

    ``key`` names the value (any hashable, e.g. ``("role-page", slug)``). The value is kept
    unpickled in the "objects" cache of this process and shared by every request until
    content changes, so treat it as read-only.
    """
    from django.core.cache import caches

    return caches["objects"].get_or_build(content_version(), key, build)


def kept(key, default=None):
    """``key``'s value if this process built it for the current content version
    (``for_version``), else ``default``: nothing is built."""
    from django.core.cache import caches

    return caches["objects"].peek(content_version(), key, default)

"""The content version: one number, in the database, that every committed content change
moves forward and every cache is keyed on.

- ``content_version()`` reads it (once per request while the page cache middleware is
  serving one, otherwise from the database each call).
- Saves, deletions and many-to-many changes to any content model (a model of
  ``settings.CONTENT_APPS`` but the content version itself, ``core.content.NOT_CONTENT``), and
  a ``migrate`` that applied migrations, move it forward in their own transaction, so it
  moves exactly when they commit: admin, inlines, bulk actions, history reverts, the shell,
  ``seed``, data migrations.
  ``QuerySet.update()`` and ``bulk_create`` send no signals: code that uses them calls
  ``bump_content_version()`` itself.
- ``for_version(key, build)`` keeps what ``build()`` returns in this process until the
  version moves: page data and rendered fragments are built once per content version.
"""

import logging
from contextvars import ContextVar

from django.db import DatabaseError, connections, router, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

# Set by the page cache middleware for the length of a request, so a page reads it once.
request_version = ContextVar("request_version", default=None)


def content_version():
    """The current content version, as the database says."""
    version = request_version.get()
    if version is not None:
        return version
    from core.models import ContentVersion

    number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def bump_content_version(using="default"):
    """Move the content version forward (callers normally let the signals do it)."""
    from core.models import ContentVersion

    versions = ContentVersion.objects.using(using)
    moved = versions.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
    if not moved:
        versions.get_or_create(pk=1, defaults={"number": 2})
    request_version.set(None)


def is_content(model):
    """A model of a content app; history rows only ever accompany a content change."""
    from core.content import is_content_model

    return is_content_model(model) and not model._meta.model_name.startswith("historical")


def content_changed(sender, using=None, **kwargs):
    """A content record changed: move the version forward in the same transaction, so the
    new number is seen exactly when the change commits (and vanishes if it rolls back).
    Once per transaction (or savepoint), however many records it changes."""
    if not is_content(sender):
        return
    using = using or router.db_for_write(sender)
    connection = connections[using]
    if connection.in_atomic_block and not _only_test_transactions(connection):
        savepoints = set(connection.savepoint_ids) - {None}  # None: atomic(savepoint=False)
        if any(
            callback is _committed and sids - {None} == savepoints
            for sids, callback, *_ in connection.run_on_commit
        ):
            return
        transaction.on_commit(_committed, using=using)
    bump_content_version(using)


def _committed():
    """The change committed: a request that goes on reads the new version."""
    request_version.set(None)


def _only_test_transactions(connection):
    """Django's TestCase wraps each test in a transaction that never commits (and never
    empties its on-commit list); inside it every change moves the version, uncoalesced."""
    blocks = connection.atomic_blocks
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def migrated(sender, app_config, plan=None, using="default", **kwargs):
    """A ``migrate`` that applied migrations (data migrations included) moves the version."""
    if app_config.name != "core" or not plan:
        return
    try:
        bump_content_version(using)
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

    return caches["objects"].get_or_build((content_version(), key), build)

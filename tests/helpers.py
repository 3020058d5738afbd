"""Helpers several test modules share."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Queries to answer ``url`` (with a 200) when the page cache does not hold it, once the
    page was asked for before, so what a process reads only once (content types, page data
    built for this content version) is not counted. For a page's exact count, use
    ``django_assert_num_queries``."""
    client.get(url)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def forget_caches(keep_page_data=False):
    """Empty every cache and what this process remembers of the content version, as a freshly
    started process has them; with ``keep_page_data``, all but the page data and fragments
    built for the content version (the "objects" cache)."""
    from core import pagecache, versions

    for alias in caches:
        if not (keep_page_data and alias == "objects"):
            caches[alias].clear()
    for local in pagecache.local_copies:
        local.clear()
    versions.memo.forget()


def django_env(**env):
    """The environment of a fresh Django process: this one's without any DJANGO_ or
    DATABASE_ setting (the defaults, as on a fresh machine), plus ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env}


def run_django(*args, **env):
    """Run ``python *args`` in the project in a fresh interpreter, with ``django_env(**env)``,
    as gunicorn or ``manage.py`` would start."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=django_env(**env),
        capture_output=True,
        text=True,
    )

"""SQL queries and CPU time per page, in this process, with Django's test client against
the benchmark's database and settings (no HTTP, no gunicorn)."""

import os
import statistics
import sys
import time

from .pages import BASE_DIR, NEXT_STEPS, PAGES, ROLE, plan_urls


def median(values):
    return round(statistics.median(values), 2)


class Pages:
    """Requests pages as a new visitor each time, counting queries and CPU time."""

    def __init__(self):
        from django.test import Client

        self.client = Client(HTTP_HOST="127.0.0.1")  # one client: middleware loaded once

    def get(self, url, gzip=True):
        """(response, SQL run, CPU ms of this process)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.cookies.clear()
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        with CaptureQueriesContext(connection) as queries:
            start = time.process_time()
            response = self.client.get(url, headers=headers)
            cpu_ms = (time.process_time() - start) * 1000
        return response, [q["sql"] for q in queries.captured_queries], cpu_ms


def clear(alias=None):
    """Empty one cache, or all: a new content version, with page data built afresh."""
    from django.core.cache import caches

    for cache in [caches[alias]] if alias else caches.all():
        cache.clear()


def page_figures(pages, name, url, repeats):
    clear()
    response, first, _ = pages.get(url)
    warm = pages.get(url)[1]
    clear("pages")
    uncached = pages.get(url)[1]
    cold_ms, uncached_ms, warm_ms, plain_ms = [], [], [], []
    for _ in range(repeats):
        clear()
        cold_ms.append(pages.get(url)[2])
        clear("pages")  # the page data is built, the page is not cached
        uncached_ms.append(pages.get(url)[2])
        warm_ms.append(pages.get(url)[2])
        plain_ms.append(pages.get(url, gzip=False)[2])
    return {
        "page": name,
        "url": url,
        "status": response.status_code,
        "built_queries": len(first),
        "queries": len(uncached),
        "warm_queries": len(warm),
        "cold_cpu_ms": median(cold_ms),
        "uncached_cpu_ms": median(uncached_ms),
        "warm_cpu_ms": median(warm_ms),
        "warm_plain_cpu_ms": median(plain_ms),
        "sql": [sql[:400] for sql in first],
    }


def new_plans(pages):
    """Plans for 200 sets of answers nobody asked for before, once plans for 400 others were
    built in this content version: what a visitor with their own answers costs."""
    urls = plan_urls(600, seed=2)
    clear()
    _, first, cold_ms = pages.get(urls[0])
    for url in urls[1:400]:
        pages.get(url)
    fresh = [pages.get(url) for url in urls[400:]]
    again = [pages.get(url) for url in urls[400:]]  # page-cache hits
    return {
        "page": "new plans",
        "url": NEXT_STEPS + "?<200 answer sets not asked for before>",
        "status": max(response.status_code for response, _, _ in fresh),
        "built_queries": len(first),
        "queries": max(len(sql) for _, sql, _ in fresh),
        "warm_queries": max(len(sql) for _, sql, _ in again),
        "cold_cpu_ms": round(cold_ms, 2),
        "uncached_cpu_ms": median([ms for _, _, ms in fresh]),
        "warm_cpu_ms": median([ms for _, _, ms in again]),
        "warm_plain_cpu_ms": None,
        "sql": first,
    }


def count_queries(env, repeats=5):
    """Per page: queries right after a new content version, as the page data is built
    (``built_queries``), when the page cache does not hold the page (``queries``) and on a
    page-cache hit (``warm_queries``); CPU ms (median of ``repeats``) for a new content version
    (``cold``), a page the cache does not hold (``uncached``) and a hit, with gzip and
    plain. Also whether the page cache ignores undeclared parameters, as it should."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connections

    pages = Pages()
    for _, url in PAGES:  # one-off work per process (imports, templates) is not per page
        pages.get(url)
    figures = [page_figures(pages, name, url, repeats) for name, url in PAGES]
    figures.append(new_plans(pages))
    # The page cache (local memory here) keeps a page, and one page whatever undeclared
    # parameters a URL carries.
    clear()
    pages.get(ROLE + "?bench=probe-1")
    pages.get(ROLE + "?bench=probe-2")
    kept = len(getattr(caches["pages"], "_cache", {}))
    cache = {
        "page_cache": kept > 0,
        "undeclared_parameters_miss": kept > 1,
        "backends": {alias: conf["BACKEND"] for alias, conf in settings.CACHES.items()},
    }
    clear()
    connections.close_all()
    return figures, cache

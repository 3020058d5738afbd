"""Whole public pages from the "pages" cache, keyed only on what a page reads.

A page's key is the release (``core.release``), the content version, the day, its scheme,
host and path and the query parameters its view declares (``cache_params``), in the view's
order, each value checked by the view's ``canonical_params`` where it has one; the
middleware resolves the URL itself so a hit costs no other middleware's work. The view
sees only those parameters, so tracking tags and junk neither make new entries nor change
the page. Pages are stored gzipped and
sent as they are to clients that accept gzip; a page asked for without parameters (a
journey page, which everyone asks for) is stored as brotli too, 11-18 % smaller, for
clients that accept it (every browser). The most used pages are also kept in a small
copy in this process, in front of a shared cache such as Redis, under the same key. Any
cache error serves the page without the cache. When the content version could not be read
from the database just now, cached pages are still served (under the last version read)
and a page not in the cache answers 503 at once rather than waiting on the database.

A view declares the parameters it reads with the ``reads_params`` decorator or a
``cache_params`` attribute on its class::

    class SearchView(TemplateView):
        cache_params = ("q",)

A parameter that takes free values must not make a new entry per value: the view's
``canonical_params(query)`` (a static method, or ``reads_params(..., canonical=...)``)
returns the query with each value replaced by the one the page would show for it.
"""

import gzip
import hashlib
import threading
from collections import OrderedDict

import brotli
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from core.cache import FailOpen
from core.middleware import database_unavailable
from core.release import release
from core.versions import (
    content_version,
    database_failing,
    request_version,
)

# Every middleware's local copy, so tests can empty them as they empty the caches.
local_copies = []

# Query strings whose canonical form each process remembers (see PageCacheMiddleware.canonical).
QUERIES_KEPT = 1000

# Headers a cached page does not keep: the middleware sets them for each response.
DROPPED_HEADERS = {"content-length", "content-encoding", "set-cookie"}


def reads_params(*names, canonical=None):
    """Declare the query parameters a function view reads (see the module docstring)."""

    def decorate(view):
        view.cache_params = names
        if canonical:
            view.canonical_params = canonical
        return view

    return decorate


def not_page_cached(view):
    """A view the page cache leaves alone, without reading the content version: the health
    check (which reads the database itself) and pages that read no content."""
    view.page_cached = False
    return view


def declared_params(view):
    """The query parameters a view reads: its ``cache_params``, on it or its class."""
    view_class = getattr(view, "view_class", None)
    return tuple(getattr(view, "cache_params", None) or getattr(view_class, "cache_params", ()))


def canonical_cleaner(view):
    view_class = getattr(view, "view_class", None)
    return getattr(view, "canonical_params", None) or getattr(view_class, "canonical_params", None)


def canonical_query(query, names):
    """Only the declared parameters, in the declared order, each with its values in order."""
    canonical = QueryDict(mutable=True)
    for name in names:
        values = query.getlist(name)
        if values:
            canonical.setlist(name, values)
    canonical._mutable = False
    return canonical


# Brotli's quality 6 takes 2-3 ms for a journey page, about gzip level 6's time, for
# 11-18 % fewer bytes; 11 would save a third more but take 80-130 ms, on the request that
# follows an editor's change.
BROTLI_QUALITY = 6


def accepts_gzip(request):
    return accepts(request, "gzip")


def accepts(request, coding):
    """Whether ``Accept-Encoding`` accepts ``coding``: named (or ``*``) with a q-value
    above 0."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "").lower()
    if coding not in header and "*" not in header:
        return False
    found = {}
    for part in header.split(","):
        named, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        found[named] = quality
    quality = found.get(coding, found.get("*", 0.0))
    return quality > 0


class LocalCopy:
    """The most recently used pages of a shared cache, in this process (same keys)."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def set(self, key, entry):
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


class PageCacheMiddleware:
    """Serve public pages whole from the "pages" cache (see the module docstring).

    Public pages are the same for every visitor and set no cookies. Browsers revalidate
    every time (ETag, answered with 304 by ConditionalGet), so an editor's change reaches
    them at once too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = FailOpen(caches["pages"], "pages")
        shared = not isinstance(caches["pages"], LocMemCache)
        self.local = LocalCopy(settings.PAGE_CACHE_LOCAL_ENTRIES if shared else 0)
        self.queries = LocalCopy(QUERIES_KEPT)
        local_copies.extend((self.local, self.queries))

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            "/" + settings.ADMIN_PATH
        ):
            return self.get_response(request)
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return self.get_response(request)
        if not getattr(view, "page_cached", True):
            return self.get_response(request)
        try:
            version = content_version()
        except DatabaseError:  # the view answers 503 (DatabaseUnavailableMiddleware)
            return self.get_response(request)
        # The view sees only the parameters it declares, in its order, values checked.
        try:
            request.GET, request.META["QUERY_STRING"] = self.canonical(request, view, version)
        except DatabaseError:  # a check that reads content, with the database down
            return database_unavailable()
        key = self.key(request, version)
        entry = self.local.get(key)
        if entry is None:
            entry = self.cache.get(key)
            if entry is not None:
                self.local.set(key, entry)
        if entry is not None:
            return self.respond(request, entry)
        if database_failing():
            return database_unavailable()  # rather than wait for the database again
        token = request_version.set(version)
        try:
            response = self.get_response(request)
        finally:
            request_version.reset(token)
        if is_shareable(response):
            return self.store(request, key, response)
        return response

    def canonical(self, request, view, version):
        """The query the view sees and its string, worked out once per content version for
        each query string in this process (a shared plan link is asked for again and again):
        the same immutable ``QueryDict`` is handed to every request that sends it."""
        raw = request.META.get("QUERY_STRING", "")
        if not raw:
            return QueryDict(), ""
        memo_key = (version, view, raw)
        found = self.queries.get(memo_key)
        if found is None:
            query = canonical_query(request.GET, declared_params(view))
            cleaner = canonical_cleaner(view)
            if cleaner and query:
                query = cleaner(query.copy())
                query._mutable = False
            found = (query, query.urlencode())
            self.queries.set(memo_key, found)
        return found

    @staticmethod
    def key(request, version):
        """Pages say whether a figure's year has passed and plans count from today, so a
        page is kept for the day it was made on as well as the content version. Canonical
        and share links name the scheme and host, so the key does too."""
        page = (
            request.scheme
            + "://"
            + request.get_host().lower()
            + request.path
            + "?"
            + request.META["QUERY_STRING"]
        )
        digest = hashlib.sha256(page.encode()).hexdigest()
        return f"page:{release()}:{version}:{timezone.localdate().isoformat()}:{digest}"

    def store(self, request, key, response):
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        set_response_etag(response)
        headers = {
            name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        }
        # Level 6 is within 0.3 % of level 9's size at about two thirds of its time.
        if settings.PAGE_CACHE_SECONDS > 0:  # compressed once for every later visitor
            compressed = gzipped(request, response, 6, exact=True)
            # A plan is asked for by few: brotli would add 2-3 ms to making it.
            brotli_copy = (
                None
                if request.META["QUERY_STRING"]
                else brotli.compress(response.content, quality=BROTLI_QUALITY)
            )
            entry = (response.status_code, headers, compressed, brotli_copy)
            self.cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            self.local.set(key, entry)
            if brotli_copy and accepts(request, "br"):
                return self.respond(request, entry)
        elif accepts_gzip(request):  # for this visitor only: the quickest compression
            # Level 1 takes 60 % of level 4's time (0.5 against 0.9 ms for the role page)
            # for 16-21 % more bytes: a server that keeps no pages is short of CPU, not of
            # bandwidth.
            compressed = gzipped(request, response, 1)
        if accepts_gzip(request):
            response.content = compressed
            response["Content-Encoding"] = "gzip"
            response["ETag"] = weak(headers["ETag"])
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(compressed))
        patch_vary_headers(response, ["Accept-Encoding"])
        return response

    @staticmethod
    def respond(request, entry):
        status, headers, compressed, brotli_copy = entry
        if brotli_copy and accepts(request, "br"):
            response, encoding = HttpResponse(brotli_copy, status=status), "br"
        elif accepts_gzip(request):
            response, encoding = HttpResponse(compressed, status=status), "gzip"
        else:
            response, encoding = HttpResponse(gzip.decompress(compressed), status=status), None
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(response.content))
        if encoding:
            response["Content-Encoding"] = encoding
            response["ETag"] = weak(headers["ETag"])
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def gzipped(request, response, level, exact=False):
    """The response's content gzipped: from the kept page's compressed pieces when the
    content is a kept page as served (``core.templatetags.fragments.Served``), 0.06-0.2 ms
    against 0.5-2 ms for the whole page. ``exact``: only where that is as small as the
    whole page compressed at once."""
    served = getattr(request, "kept_page", None)
    compressed = served.gzip(response.content, level, exact) if served else None
    if compressed is None:
        compressed = gzip.compress(response.content, level, mtime=0)
    return compressed


def weak(etag):
    """A compressed body is another byte sequence of the same page: a weak validator."""
    return "W/" + etag.removeprefix("W/")


def is_shareable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
        and "Cookie" not in response.get("Vary", "")
        and not response.has_header("Content-Encoding")
    )

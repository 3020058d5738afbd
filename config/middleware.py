"""Site-wide HTTP behaviour: security headers, whole-page caching, database outages."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, set_response_etag

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"


def admin_prefix():
    return "/" + settings.ADMIN_PATH


def page_generation():
    """The current generation of cached pages, shared by every process using the cache."""
    return caches["pages"].get_or_set(GENERATION_KEY, 1, timeout=None)


def refresh_pages():
    """Move every process on to freshly rendered pages (old ones simply expire)."""
    cache = caches["pages"]
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: any new number starts afresh
        cache.set(GENERATION_KEY, 2, timeout=None)


class SecurityHeadersMiddleware:
    """Headers Django's own middleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A database outage gives the error page with 503 (try again), never a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, type(exception).__name__)
        response = HttpResponse(render_to_string("500.html"), status=503)
        response["Retry-After"] = "30"
        patch_cache_control(response, no_store=True)
        return response


class PublicPageCacheMiddleware:
    """Serve public pages whole from the "pages" cache.

    Public pages are the same for every visitor and set no cookies, so one rendered copy
    per URL serves everyone until an editor changes content (``refresh_pages``). Browsers
    are told to revalidate every time (ETag, answered with 304 by ConditionalGet), so an
    editor's change reaches them at once too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(admin_prefix()):
            return self.get_response(request)
        cache = caches["pages"]
        key = "page:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        generation = page_generation()
        response = cache.get(key, version=generation)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.is_shareable(response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            set_response_etag(response)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS, version=generation)
        return response

    @staticmethod
    def is_shareable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "Cookie" not in response.get("Vary", "")
        )


class AdminWritesRefreshPagesMiddleware:
    """Any change saved through the admin (a successful POST) refreshes the public pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.path.startswith(admin_prefix())
            and response.status_code in (200, 302)
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            refresh_pages()
        return response

"""Pages every site has: the health check, robots.txt, the accessibility statement, the
privacy notice and the glossary."""

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.citations import cite
from core.models import GlossaryTerm, Snippet
from core.pagecache import not_page_cached
from core.versions import DatabaseNotAnswering, for_version, read_version

logger = logging.getLogger(__name__)


@not_page_cached
@never_cache
@require_safe
def healthz(request):
    """503 while the database does not answer (within ``CONTENT_VERSION_WAIT`` seconds, so
    a hung database gets an answer too), 200 otherwise. The body says what is degraded
    while pages are still served: a shared cache unreachable or refusing writes, a database
    disk nearly full, forwarded headers with no proxy configured."""
    try:
        read_version()
    except DatabaseNotAnswering:
        logger.warning("Health check: the database did not answer in time")
        return unhealthy(f"database: not answering within {settings.CONTENT_VERSION_WAIT} s")
    except DatabaseError:
        logger.warning("Health check: the database did not answer")
        return unhealthy("database: unavailable")
    lines = [f"database: {database_disk()}", f"cache: {cache_status()}"]
    if not settings.PROXY_COUNT and "HTTP_X_FORWARDED_FOR" in request.META:
        lines.append(
            "proxy: requests carry X-Forwarded-For but DJANGO_PROXY_COUNT is 0, so every "
            "visitor counts as the proxy's address (feedback and sign-in limits)"
        )
    degraded = any(line.split(": ", 1)[1] != "ok" for line in lines if "local to" not in line)
    status = "status: degraded" if degraded else "status: ok"
    return HttpResponse("\n".join([status, *lines]) + "\n", content_type="text/plain")


def unhealthy(line):
    return HttpResponse(f"status: down\n{line}\n", status=503, content_type="text/plain")


def database_disk():
    """SQLite writes fail on a full disk: say so while reads still work."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return "ok"
    folder = Path(str(database["NAME"])).parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "ok"
    if free < settings.HEALTHZ_MIN_FREE_DISK_MB * 1024 * 1024:
        return f"disk nearly full ({free // (1024 * 1024)} MB free); saves will fail"
    return "ok"


def cache_status():
    cache = caches["pages"]
    if isinstance(cache, LocMemCache):
        return "local to this process"
    try:
        cache.set("healthz", "ok", 10)
    except Exception as error:  # noqa: BLE001 - any cache error means unusable
        try:
            cache.get("healthz")
        except Exception:  # noqa: BLE001
            return f"unreachable ({type(error).__name__}); pages are served without it"
        return f"refusing writes ({type(error).__name__}: full?); pages are served uncached"
    return "ok"


@not_page_cached
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /feedback/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class AccessibilityView(TemplateView):
    template_name = "accessibility.html"

    def get_context_data(self, **kwargs):
        snippets = for_version(
            "accessibility",
            lambda: Snippet.objects.for_page("accessibility-statement", *CONTACT_SNIPPETS),
        )
        return super().get_context_data(snippets=snippets, **kwargs)


# The labels of the "who runs this site" list, and what it says when a setting is empty.
CONTACT_SNIPPETS = ["site-operator", "site-contact"]
PRIVACY_SNIPPETS = [
    "privacy-notice",
    "data-controller",
    "site-contact",
    "server-log-days",
    "privacy-feedback",
    "privacy-planner",
    "privacy-editors",
    "privacy-cookies",
    "privacy-logs",
    "privacy-lawful-basis",
    "privacy-retention",
    "privacy-removal",
]


def snippet_page(*slugs):
    """A page made of snippets: them by slug, the sources they cite, and the date the most
    recently reviewed of them was reviewed."""
    snippets = Snippet.objects.for_page(*slugs)
    return {
        "snippets": snippets,
        "page_sources": cite(snippets.values()),
        "last_reviewed": max((s.last_reviewed for s in snippets.values()), default=None),
    }


class PrivacyView(TemplateView):
    """What the site keeps, why and for how long; who is responsible (the operator's
    settings, ``SITE_OPERATOR`` and ``CONTACT_EMAIL``) or, plainly, that it is not set."""

    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        page = for_version("privacy", lambda: snippet_page(*PRIVACY_SNIPPETS))
        return super().get_context_data(server_log_days=settings.SERVER_LOG_DAYS, **page, **kwargs)


class GlossaryView(TemplateView):
    """Every glossary term, each with an anchor the journey pages link to."""

    template_name = "glossary.html"

    def get_context_data(self, **kwargs):
        terms = list(GlossaryTerm.objects.published())
        return super().get_context_data(terms=terms, page_sources=cite(terms), **kwargs)

"""Pages every site has: the health check, robots.txt, the accessibility statement, the
privacy notice and the glossary."""

import logging

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
from core.models import ContentVersion, GlossaryTerm, Snippet
from core.versions import for_version

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 while the database answers (it reads a real table), 503 when it does not; the body
    says whether the shared cache answers too (pages are served without it when it does not).
    """
    try:
        ContentVersion.objects.filter(pk=1).exists()
    except DatabaseError:
        logger.warning("Health check: the database did not answer")
        return HttpResponse("database: unavailable\n", status=503, content_type="text/plain")
    return HttpResponse(f"database: ok\ncache: {cache_status()}\n", content_type="text/plain")


def cache_status():
    cache = caches["pages"]
    if isinstance(cache, LocMemCache):
        return "local to this process"
    try:
        cache.get("healthz")
    except Exception as error:  # noqa: BLE001 - any cache error means unreachable
        return f"unreachable ({type(error).__name__}); pages are served without it"
    return "ok"


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

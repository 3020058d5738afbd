import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from careers.models import Role, Snippet

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_role=Role.objects.published().filter(is_featured=True).first(),
            snippets=Snippet.objects.for_page("home-intro", "home-planner"),
            canonical_url=self.request.build_absolute_uri("/"),
            **kwargs,
        )


@never_cache
@require_safe
def healthz(request):
    """200 when the app and its database answer; 503 when the database does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_PATH}",
        "Disallow: /search/",
        "Disallow: /feedback/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class AccessibilityView(TemplateView):
    template_name = "accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            snippets=Snippet.objects.for_page("accessibility-statement"),
            contact_email=settings.CONTACT_EMAIL,
            **kwargs,
        )

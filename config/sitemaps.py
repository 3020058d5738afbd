from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.journey import JOURNEY
from careers.models import Role
from pathways.models import EntryRoute


class JourneySitemap(Sitemap):
    """Every journey page of every published role."""

    def items(self):
        return [(role, step) for role in Role.objects.published() for step in JOURNEY]

    def location(self, item):
        role, step = item
        return step.url(role)

    def lastmod(self, item):
        return item[0].last_reviewed


class EntryRouteSitemap(Sitemap):
    def items(self):
        return EntryRoute.objects.published().filter(role__is_published=True).select_related("role")

    def lastmod(self, route):
        return route.last_reviewed


class GlossarySitemap(Sitemap):
    def items(self):
        return ["careers:glossary"]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {
    "journey": JourneySitemap,
    "entry-routes": EntryRouteSitemap,
    "glossary": GlossarySitemap,
}

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.models import Role
from core.journey import JOURNEY


class JourneySitemap(Sitemap):
    """Every journey page of every published role (the steps every app added)."""

    def items(self):
        return [(role, step) for role in Role.objects.published() for step in JOURNEY]

    def location(self, item):
        role, step = item
        return step.url(role)

    def lastmod(self, item):
        return item[0].last_reviewed


class CareersPagesSitemap(Sitemap):
    """The home page, all careers, and the about page (it lists the careers services)."""

    def items(self):
        return ["home", "careers:role_list", "about"]

    def location(self, url_name):
        return reverse(url_name)

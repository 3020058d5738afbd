from itertools import combinations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.models import MAX_COMPARED, Role, compare_url
from pathways.models import EntryRoute


class EntryRouteSitemap(Sitemap):
    def items(self):
        return EntryRoute.objects.published().filter(role__is_published=True).select_related("role")

    def lastmod(self, route):
        return route.last_reviewed


class CompareSitemap(Sitemap):
    """The compare page's picker, and each pair and trio of published roles at its one
    address (the slugs in alphabetical order)."""

    def items(self):
        slugs = sorted(Role.objects.published().values_list("slug", flat=True))
        sets = [combo for size in (2, MAX_COMPARED) for combo in combinations(slugs, size)]
        return [reverse("compare"), *(compare_url(combo) for combo in sets)]

    def location(self, url):
        return url

from itertools import combinations

from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import reverse

from careers.models import MAX_COMPARED, Role, compare_url
from pathways.models import EntryRoute


class EntryRouteSitemap(Sitemap):
    """Each route's page under every published role it applies to."""

    def items(self):
        roles = Prefetch("roles", queryset=Role.objects.published())
        return [
            (route, role)
            for route in EntryRoute.objects.published().prefetch_related(roles)
            for role in route.roles.all()
        ]

    def location(self, item):
        route, role = item
        return route.url_for(role)

    def lastmod(self, item):
        return item[0].last_reviewed


class CompareSitemap(Sitemap):
    """The compare page's picker, and each pair and trio of published roles at its one
    address (the slugs in alphabetical order)."""

    def items(self):
        slugs = sorted(Role.objects.published().values_list("slug", flat=True))
        sets = [combo for size in (2, MAX_COMPARED) for combo in combinations(slugs, size)]
        return [reverse("compare"), *(compare_url(combo) for combo in sets)]

    def location(self, url):
        return url

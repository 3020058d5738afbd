from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch

from careers.models import Role
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

from django.contrib.sitemaps import Sitemap

from pathways.models import EntryRoute


class EntryRouteSitemap(Sitemap):
    def items(self):
        return EntryRoute.objects.published().filter(role__is_published=True).select_related("role")

    def lastmod(self, route):
        return route.last_reviewed

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class GlossarySitemap(Sitemap):
    def items(self):
        return ["glossary"]

    def location(self, url_name):
        return reverse(url_name)


class SitePagesSitemap(GlossarySitemap):
    """The pages about the site itself."""

    def items(self):
        return ["privacy", "accessibility"]

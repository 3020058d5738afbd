from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class GlossarySitemap(Sitemap):
    def items(self):
        return ["glossary"]

    def location(self, url_name):
        return reverse(url_name)

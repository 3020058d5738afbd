import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from careers.sitemaps import CareersPagesSitemap, JourneySitemap
from careers.views import AboutView, HomeView
from core import views
from core.review import FixtureUpdateView, ReviewListView
from core.sitemaps import GlossarySitemap, SitePagesSitemap
from pathways.opendata import courses_json, roles_json
from pathways.sitemaps import CompareSitemap, EntryRouteSitemap
from pathways.views import CompareView
from search.views import SearchView

# Each app owns its sitemap; the site's sitemap.xml lists them in this order. The compare
# pages list each pair and trio of published roles at its one address (tests/
# test_about_privacy.py checks that every public page is listed).
SITEMAPS = {
    "careers": CareersPagesSitemap,
    "journey": JourneySitemap,
    "entry-routes": EntryRouteSitemap,
    "compare": CompareSitemap,
    "glossary": GlossarySitemap,
    "site": SitePagesSitemap,
}

MOVED_TO_CORE = "source|snippet|glossaryterm|fixtureupdate"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Before the role pages, so "glossary" and "compare" are never read as a role's slug.
    path("careers/glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("careers/compare/", CompareView.as_view(), name="compare"),
    path("data/roles.json", roles_json, name="roles_json"),
    path("data/courses.json", courses_json, name="courses_json"),
    path("careers/", include("careers.urls")),
    path("careers/", include("pathways.urls")),
    path("about/", AboutView.as_view(), name="about"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("", include("feedback.urls")),
    path(
        f"{settings.ADMIN_PATH}review/",
        admin.site.admin_view(ReviewListView.as_view()),
        name="admin_review",
    ),
    path(
        f"{settings.ADMIN_PATH}review/updates/<int:pk>/",
        admin.site.admin_view(FixtureUpdateView.as_view()),
        name="admin_fixture_update",
    ),
    # Sources, snippets and glossary terms moved from careers to core: editors' bookmarks follow.
    re_path(
        rf"^{re.escape(settings.ADMIN_PATH)}careers/(?P<rest>({MOVED_TO_CORE})/.*)$",
        RedirectView.as_view(
            url=f"/{settings.ADMIN_PATH}core/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

"""Who runs the site, what it keeps and how to reach it: the about page, the privacy notice
and the accessibility statement, their words from the database, the operator's settings
shown only when set, and every page linked from the footer and listed in the sitemap."""

import re

import pytest
from django.conf import settings as django_settings
from django.template.loader import render_to_string
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from django.utils.html import escape

from careers.models import NationFact, Role
from core.journey import JOURNEY
from core.models import Snippet
from pathways.models import EntryRoute

pytestmark = pytest.mark.django_db

SITE_PAGES = ["/about/", "/privacy/", "/accessibility/"]
ABOUT_SECTIONS = [
    "about-site",
    "about-editorial",
    "about-corrections",
    "about-limits",
    "about-careers-advice",
]
PRIVACY_SECTIONS = [
    "privacy-notice",
    "privacy-feedback",
    "privacy-planner",
    "privacy-editors",
    "privacy-cookies",
    "privacy-logs",
    "privacy-lawful-basis",
    "privacy-retention",
    "privacy-removal",
]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def shows(html, snippet):
    """The snippet's title and every paragraph of its text are on the page, as written."""
    paragraphs = [part.strip() for part in snippet.text.split("\n\n") if part.strip()]
    return escape(snippet.title) in html and all(escape(part) in html for part in paragraphs)


@pytest.mark.parametrize(
    ("url", "slugs"), [("/about/", ABOUT_SECTIONS), ("/privacy/", PRIVACY_SECTIONS)]
)
def test_each_page_shows_every_section_its_editors_wrote(client, seeded, url, slugs):
    html = page(client, url)
    for snippet in Snippet.objects.filter(slug__in=slugs):
        assert shows(html, snippet), snippet.slug
    assert Snippet.objects.filter(slug__in=slugs).count() == len(slugs)
    assert "Last reviewed 2 December 2026" in html


def test_about_page_says_the_site_is_independent_and_what_it_does_not_do(client, seeded):
    html = page(client, "/about/")
    assert "It is not a government or NHS service." in html
    assert "does not take applications" in html and "does not give personal advice" in html
    assert "“checked”, with a date, only when an editor has compared it" in html
    assert "each nation has its own fact and source" in html


def test_about_page_gives_each_nations_careers_service_with_the_numbers_found(client, seeded):
    html = page(client, "/about/")
    services = re.search(r'<ul class="govuk-list" id="careers-services">(.*?)</ul>', html, re.S)
    listed = services.group(1)
    for name in [
        "National Careers Service",
        "My World of Work",
        "Careers Wales",
        "NI Direct careers",
    ]:
        assert name in listed
    order = [
        listed.index(f'id="careers-service-{nation}"')
        for nation in ("england", "scotland", "wales", "northern-ireland")
    ]
    assert order == sorted(order), "the nations in their usual order"
    assert "0800 100 900" in listed and "0800 028 4844" in listed
    # Numbers no stored source gives are not made up: the page says so.
    assert listed.count("not confirmed here") == 2
    # A number from an old or changing source says so, and where to check.
    assert listed.count("Not yet confirmed") == 2
    assert "Cardiff Times" in listed and "8 August 2017" in listed


def test_about_page_shows_the_careers_service_facts_the_role_pages_show(client, seeded):
    fact = NationFact.objects.get(slug="careers-service-scotland")
    fact.text = "Scotland's careers service, as an editor put it today."
    fact.save()
    assert "as an editor put it today" in page(client, "/about/")
    assert "as an editor put it today" in page(client, "/careers/music-therapist/qualifications/")


def test_an_editors_change_to_the_privacy_notice_shows_at_once(client, seeded):
    page(client, "/privacy/")
    cookies = Snippet.objects.get(slug="privacy-cookies")
    cookies.text = "The public pages set no cookies at all, as an editor wrote it."
    cookies.save()
    assert "as an editor wrote it" in page(client, "/privacy/")


def test_privacy_notice_cites_the_regulators_guidance(client, seeded):
    html = page(client, "/privacy/")
    sources = html.split('id="sources-heading"')[1]
    assert "Information Commissioner&#x27;s Office" in sources
    assert "ico.org.uk/your-data-matters/your-right-to-get-your-data-deleted/" in sources


@pytest.mark.parametrize("url", SITE_PAGES)
def test_the_operator_and_the_contact_address_show_when_set(client, seeded, settings, url):
    settings.SITE_OPERATOR = "Example Careers Trust"
    settings.CONTACT_EMAIL = "team@example.org"
    html = page(client, url)
    assert '<a class="govuk-link" href="mailto:team@example.org">team@example.org</a>' in html
    assert "Example Careers Trust" in html
    assert "Not set yet" not in html and "No contact address has been set" not in html


@pytest.mark.parametrize("url", SITE_PAGES)
def test_without_settings_the_pages_say_plainly_they_are_not_set(client, seeded, settings, url):
    settings.SITE_OPERATOR = ""
    settings.CONTACT_EMAIL = ""
    html = page(client, url)
    assert "mailto:" not in html
    assert escape(Snippet.objects.get(slug="site-contact").text) in html
    assert "Is this page useful?" in html  # the form the contact row points to
    if url == "/privacy/":
        assert escape(Snippet.objects.get(slug="data-controller").text) in html
    else:
        assert escape(Snippet.objects.get(slug="site-operator").text) in html


def test_privacy_notice_says_how_long_server_logs_are_kept_when_set(client, seeded, settings):
    settings.SERVER_LOG_DAYS = 30
    assert '<dd class="govuk-summary-list__value">30 days</dd>' in page(client, "/privacy/")
    settings.SERVER_LOG_DAYS = None
    from django.core.cache import caches

    caches["pages"].clear()
    html = page(client, "/privacy/")
    assert escape(Snippet.objects.get(slug="server-log-days").text) in html


def test_the_pages_say_nothing_about_a_setting_a_visitor_could_inject(client, seeded, settings):
    settings.SITE_OPERATOR = "<script>alert(1)</script>"
    html = page(client, "/about/")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/careers/",
        "/careers/music-therapist/",
        "/careers/music-therapist/next-steps/?stage=graduate",
        "/careers/glossary/",
        "/search/?q=pay",
        *SITE_PAGES,
        "/careers/no-such-role/",
    ],
)
def test_every_page_links_the_three_pages_from_its_footer(client, seeded, url):
    footer = client.get(url).content.decode().split('<footer class="govuk-footer"')[1]
    for link in SITE_PAGES:
        assert f'href="{link}"' in footer, link


def test_the_error_page_links_them_too():
    footer = render_to_string("500.html").split("<footer")[1]
    for link in SITE_PAGES:
        assert f'href="{link}"' in footer, link


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", xml)}


def test_sitemap_lists_home_all_careers_the_site_pages_and_every_roles_pages(client, seeded):
    paths = sitemap_paths(client)
    assert {"/", "/careers/", "/careers/glossary/", *SITE_PAGES} <= paths
    for role in Role.objects.published():
        for step in JOURNEY:
            assert step.url(role) in paths
    for route in EntryRoute.objects.published():
        for role in route.roles.published():
            assert route.url_for(role) in paths


def test_sitemap_leaves_out_unpublished_roles(client, seeded):
    role = Role.objects.published().first()
    role.is_published = False
    role.save()
    assert not any(path.startswith(role.get_absolute_url()) for path in sitemap_paths(client))


# Addresses that are not pages a search engine should list: each says why.
NOT_PAGES = {
    "/healthz",  # for load balancers
    "/robots.txt",  # for search engines
    "/sitemap.xml",  # the sitemap itself
    "/search/",  # results for a query; robots.txt keeps crawlers out
    "/feedback/",  # a form's POST endpoint
    "/feedback/thanks/",  # the answer to a POST
    "/data/roles.json",  # open data for programs, documented in the README
    "/data/courses.json",  # open data too
}


def parameterless_paths(patterns, prefix=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern.pattern, RegexPattern) or "<" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from parameterless_paths(pattern.url_patterns, prefix + route)
        else:
            yield "/" + prefix + route


def test_sitemap_lists_every_public_page_without_parameters(client, seeded):
    """A new page (the compare pages, say) fails this until its sitemap lists it."""
    admin = "/" + django_settings.ADMIN_PATH
    public = set(parameterless_paths(get_resolver().url_patterns))
    public = {path for path in public if not path.startswith(admin)} - NOT_PAGES
    assert "/about/" in public and "/careers/" in public
    assert public <= sitemap_paths(client), public - sitemap_paths(client)


@pytest.mark.parametrize(
    ("url", "queries"), [("/about/", 5), ("/privacy/", 3), ("/accessibility/", 2)]
)
def test_site_pages_read_a_fixed_number_of_queries(
    client, seeded, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(1):  # the content version: the page cache has the page
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", SITE_PAGES)
def test_the_site_pages_set_no_cookies(client, seeded, url):
    assert not client.get(url).cookies


def test_the_admins_cookies_are_set_only_for_editors_signing_in(client, seeded, django_user_model):
    django_user_model.objects.create_user(
        "editor", password="a-long-editor-password", is_staff=True
    )
    sign_in = client.get("/admin/login/")
    assert set(sign_in.cookies) == {"csrftoken"}
    signed_in = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-editor-password", "next": "/admin/"},
    )
    assert signed_in.status_code == 302
    assert "sessionid" in signed_in.cookies

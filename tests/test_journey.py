"""The public pages of the URL contract, read as a visitor and an adviser would."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.cache import caches
from django.utils.html import escape

from tests.helpers import forget_caches

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
STEPS = [
    ("", "What is this job"),
    ("skills/", "Is it for me"),
    ("entry-routes/", "How do I get in"),
    ("qualifications/", "Qualifications and registration"),
    ("progression/", "Where can it lead"),
    ("next-steps/", "What do I do next"),
]


def journey(role_url):
    """A role's journey pages, each with its step's title."""
    return [(role_url + path, title) for path, title in STEPS]


JOURNEY = journey(ROLE)
PUBLIC_PAGES = [
    "/",
    "/careers/",
    *[url for url, _ in JOURNEY],
    ROLE + "entry-routes/postgraduate/",
    ROLE + "entry-routes/apprenticeship/",
    "/search/?q=dementia",
]


class PageParser(HTMLParser):
    """Collects what a crawler and an adviser care about: links, ids, h1s and the title."""

    def __init__(self):
        super().__init__()
        self.links, self.ids, self.h1s, self.title, self._in = [], set(), 0, "", None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "h1":
            self.h1s += 1
        if tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    from html import unescape

    return re.sub(r"\s+", " ", unescape(text))


@pytest.mark.parametrize(("url", "title"), JOURNEY)
def test_journey_page_shows_its_step_and_links_along_the_journey(client, seeded, url, title):
    response = client.get(url)
    assert response.status_code == 200
    number = [u for u, _ in JOURNEY].index(url) + 1
    html = response.content.decode()
    assert f"Step {number} of 6: {title}" in html
    if number > 1:
        assert f'href="{JOURNEY[number - 2][0]}" rel="prev"' in html
    if number < 6:
        assert f'href="{JOURNEY[number][0]}" rel="next"' in html
    assert 'aria-label="Breadcrumb"' in html
    assert re.search(r"Page content last updated \d{1,2} [A-Z][a-z]+ 20\d\d", html)
    assert "Share this page by email" in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert 'property="og:title"' in html
    assert 'id="sources"' in html


def test_crawl_from_home_finds_no_broken_link_and_every_page_has_one_h1_and_a_title(client, seeded):
    to_visit, seen = ["/"], set()
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = parse(response)
        assert page.h1s == 1, url
        assert page.title.strip(), url
        for href in page.links:
            path, fragment = urldefrag(href)
            parts = urlsplit(path)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            if not path:
                assert fragment in page.ids, f"{url} links to missing #{fragment}"
                continue
            if not path.startswith("/admin/"):
                to_visit.append(path)  # with its query: urldefrag leaves it on
    assert {url for url, _ in JOURNEY} <= seen
    assert ROLE + "entry-routes/postgraduate/" in seen


# Every fact in the seed documents, in words a visitor will find on some public page.
SEED_FACTS = [
    "deal with feelings they cannot put into words",
    "musical and therapeutic relationship",
    "improvisation",
    "excellent communication",
    "creativity",
    "intuition",
    "imagination",
    "from all backgrounds",
    "safe environment",
    "flexibility",
    "adaptability",
    "openness",
    "resourcefulness",
    "non-judgemental",
    "resilience",
    "sensitivity",
    "maturity",
    "Reflecting on your own emotions",
    "approved by the Health and Care Professions Council",
    # The November 2026 review gave the apprenticeship one name, as Find apprenticeship
    # training gives it, and replaced dated terms (see CORRECTED_AWAY).
    "arts therapist (level 7) apprenticeship",
    "qualification and experience in art, drama or music",
    "a degree in a relevant subject",
    "education, psychology",
    "one to two years",
    "voluntary services co-ordinator at your local NHS trust",
    "The National Council for Voluntary Organisations",
    "Do-it",
    "child development",
    "neuro-disability",
    "mental health",
    "palliative care",
    "Dementia is an increasing area of specialisation",
    "two or three clinical areas",
    "special care baby units",
    "private practice",
    "consultant music therapist",
    "head of arts therapies",
    "multi-disciplinary team",
    "supervise",
    "PhD",
    "emotional or mental",
    "learning or physical disabilities",
    "one-to-one",
    "groups",
    "Assessing clients' needs",
    "Maintaining records and case notes",
    "instruments from many musical traditions",
    "Reporting progress to families, carers, relevant agencies or professional staff",
    "Depression",
    "Anxiety",
    "Physical, psychiatric or neurological disorders",
    "Learning disabilities",
    "Autism",
    "Behavioural or emotional problems",
    "NHS trusts",
    "Local authority education services, schools and academies",
    "Local authority social services departments",
    "Hospitals",
    "Day or health centres",
    "Residential homes",
    "Nurseries",
    "Special schools",
    "Prisons",
    "small profession",
    "strong competition",
    "part time or temporary",
    "Times Educational Supplement",
    "Community Care",
    "NHS Jobs",
    "British Association for Music Therapy",
    "you do not necessarily need one",
    "cannot practise as a music therapist unless",
    "two years full time",
    "audition",
    "social work or teaching",
    "caring for vulnerable people",
    "later in life",
    "first career",
    "effectively with challenging situations",
]
CORRECTED_AWAY = [
    "ethnic instruments",
    "accredited by",
    "dramatherapy practitioner",
    "local education authorities",
    "institute for apprenticeships and technical education (ifate)",
    "no online or distance course",
]


def test_every_seed_fact_appears_on_a_public_page_and_no_garble_does(client, seeded):
    text = " ".join(visible_text(client.get(url)) for url in PUBLIC_PAGES).lower()
    missing = [fact for fact in SEED_FACTS if fact.lower() not in text]
    assert not missing, f"seed facts not on any public page: {missing}"
    for garble in CORRECTED_AWAY:
        assert garble not in text


def test_role_page_carries_occupation_structured_data(client, seeded):
    html = client.get(ROLE).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Occupation"
    assert data["name"] == "Music therapist"
    assert data["occupationalCategory"].startswith("2229")
    assert "HCPC" in data["qualifications"] or "Health and Care" in data["qualifications"]
    assert "Improvisation" in data["skills"] or "improvisation" in data["skills"].lower()
    assert "Assessing clients' needs" in data["responsibilities"]
    salary = data["estimatedSalary"][0]
    assert salary["currency"] == "GBP" and salary["minValue"] < salary["maxValue"]
    assert any("2025/26" in pay["name"] for pay in data["estimatedSalary"])


def test_role_page_shows_pay_with_band_year_source_and_check_note(client, seeded):
    text = visible_text(client.get(ROLE))
    assert "Newly qualified (NHS band 6)" in text
    assert "£38,682 to £46,580" in text
    assert "2025/26" in text
    assert "NHS Employers" in text
    assert "Not yet confirmed. Check with NHS Employers" in text
    assert "Last checked" not in text


def test_sections_have_stable_ids_for_advisers(client, seeded):
    ids = parse(client.get(ROLE)).ids
    assert {
        "tasks",
        "who-they-work-with",
        "where-they-work",
        "pay-and-hours",
        "regulation",
        "related-roles",
        "not-the-same-as",
    } <= ids
    ids = parse(client.get(ROLE + "qualifications/")).ids
    assert {"mandatory", "helpful", "programmes", "cost-and-funding", "four-nations"} <= ids


def test_entry_routes_are_compared_side_by_side(client, seeded):
    text = visible_text(client.get(ROLE + "entry-routes/"))
    for label in [
        "How long",
        "How you study",
        "Earn while you learn",
        "Who pays",
        "What you need",
        "Where",
        "What you get",
    ]:
        assert label in text
    assert "England only" in text or "only in England" in text


def test_route_page_separates_essential_and_usual_requirements_and_lists_courses(client, seeded):
    text = visible_text(client.get(ROLE + "entry-routes/postgraduate/"))
    assert "Essential" in text and "Usually asked for" in text
    assert "Queen Margaret University" in text
    assert "Check against the HCPC" in text


def test_progression_ladder_reads_in_order_with_bands(client, seeded):
    html = client.get(ROLE + "progression/").content.decode()
    ladder = html[html.index('class="app-ladder"') : html.index("</ol>", html.index("app-ladder"))]
    assert ladder.index("Gaining experience") < ladder.index("Newly qualified")
    assert "Band 6" in ladder


def test_unknown_slugs_give_the_404_page(client, seeded):
    for url in [ROLE + "entry-routes/nope/", "/careers/nope/skills/", "/careers/nope/next-steps/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert b"Page not found" in response.content


def test_unpublished_content_is_hidden(client, seeded):
    from careers.models import Task
    from pathways.models import EntryRoute

    task = Task.objects.filter(role__slug="music-therapist").order_by("position").first()
    Task.objects.filter(pk=task.pk).update(is_published=False)
    EntryRoute.objects.filter(slug="apprenticeship").update(is_published=False)
    assert task.text not in visible_text(client.get(ROLE))
    assert client.get(ROLE + "entry-routes/apprenticeship/").status_code == 404
    assert "apprenticeship/" not in client.get(ROLE + "entry-routes/").content.decode()


def add_more_content():
    """Copy every visible list, so each page has more rows to show."""
    from core.fixtures import CONTENT_APPS, content_models

    for app_label in CONTENT_APPS:
        for model in content_models(app_label):
            if model._meta.model_name in (
                "role",
                "source",
                "snippet",
                "organisation",
                "searchsynonym",
            ):
                continue
            for record in list(model.objects.all()):
                sources = list(record.sources.all())
                record.pk = record.id = None
                record._state.adding = True
                record.slug = f"{record.slug}-more"[:80]
                if hasattr(record, "is_starting_figure"):  # one starting figure per role
                    record.is_starting_figure = False
                record.save()
                record.sources.set(sources)


# Queries each page reads when its data is built, once per content version in each process:
# the content version, the page's records with each list they show, and the sources of
# each model shown (core.citations.cite). A page the page cache does not hold, a plan for
# new answers too, then reads one: the content version.
BUILT = {
    "/": 5,
    ROLE: 28,  # the pay award snippet and its sources among them
    ROLE + "skills/": 6,
    ROLE + "entry-routes/": 9,
    ROLE + "qualifications/": 19,
    ROLE + "progression/": 8,
    ROLE + "next-steps/": 3,
    ROLE + "entry-routes/postgraduate/": 8,  # and the page's role among the route's roles
    ROLE + "skills/?have=improvisation": 6,
    ROLE + "next-steps/?stage=graduate&degree=music": 17,  # the timing fact and its sources
}
UNCACHED = 1  # issue 19: at most 6


def assert_pages_read_a_fixed_number_of_queries(client, built, assert_num_queries):
    """Each page of ``built`` (address: queries) reads that many queries when its data is
    built in a freshly started process, then only the content version while the page cache
    does not hold it, and as many as before in a new content version with more rows in every
    list."""
    for url, queries in built.items():
        forget_caches()
        with assert_num_queries(queries, info=url):
            assert client.get(url).status_code == 200, url
        caches["pages"].clear()
        with assert_num_queries(UNCACHED, info=url):
            client.get(url)
    add_more_content()
    for url, queries in built.items():
        forget_caches()
        with assert_num_queries(queries, info=f"{url}, with more rows"):
            client.get(url)


def test_each_page_reads_its_data_in_a_fixed_number_of_queries(
    client, seeded, django_assert_num_queries
):
    assert_pages_read_a_fixed_number_of_queries(client, BUILT, django_assert_num_queries)


def test_sitemap_lists_every_journey_page_and_robots_points_to_it(client, seeded):
    sitemap = client.get("/sitemap.xml").content.decode()
    for url, _ in JOURNEY:
        assert f"http://testserver{url}</loc>" in sitemap
    assert "entry-routes/postgraduate/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_a_check_note_shared_by_the_pay_rows_is_said_once_under_the_table(client, seeded):
    from careers.models import PayFigure

    note = PayFigure.objects.get(slug="nhs-band-7").verification_note
    assert PayFigure.objects.filter(verification_note=note, needs_verification=True).count() > 1
    html = client.get(ROLE).content.decode()
    table = html[html.index('id="pay-caption"') : html.index('id="pay-check-note"')]
    assert escape(note) not in table
    assert escape(note) in html[html.index('id="pay-check-note"') :][:2000]

"""Sharing and printing a page: links name the page, the job and the site; every section
can be linked to; on paper, links become numbered full addresses listed at the end."""

import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest

pytestmark = pytest.mark.django_db

JOURNEY = [
    "/careers/music-therapist/",
    "/careers/music-therapist/skills/",
    "/careers/music-therapist/entry-routes/",
    "/careers/music-therapist/entry-routes/postgraduate/",
    "/careers/music-therapist/qualifications/",
    "/careers/music-therapist/progression/",
    "/careers/music-therapist/next-steps/",
]


@pytest.mark.parametrize("path", JOURNEY)
def test_every_section_heading_has_a_working_link_to_itself(client, seeded, path):
    html = client.get(path).content.decode()
    sections = re.findall(r'<section\b[^>]*\bid="([^"]+)"[^>]*>\s*<h2', html)
    assert sections, "the page has sections"
    for section in sections:
        assert f'href="#{section}">Link to this section' in html, section


def test_email_subject_and_preview_title_name_the_page_the_job_and_the_site(client, seeded):
    html = client.get("/careers/music-therapist/entry-routes/").content.decode()
    mailto = re.search(r'href="(mailto:[^"]+)"', html)[1].replace("&amp;", "&")
    subject = parse_qs(urlparse(mailto).query)["subject"][0]
    assert subject == "How do I get in: Music therapist – Career Pathways"
    assert unquote(parse_qs(urlparse(mailto).query)["body"][0]).endswith(
        "/careers/music-therapist/entry-routes/"
    )
    og_title = re.search(r'<meta property="og:title" content="([^"]+)"', html)[1]
    assert og_title == "How do I get in: Music therapist – Career Pathways"


def test_printed_page_lists_each_link_once_in_full_at_the_end(client, seeded):
    html = client.get("/careers/music-therapist/qualifications/").content.decode()
    assert "Links on this page" in html
    listed = re.search(r'class="app-print-only app-print-links">(.*?)</section>', html, re.S)[1]
    addresses = re.findall(r"<li>([^<]+)</li>", listed)
    assert addresses and all(a.startswith(("http://", "https://")) for a in addresses)
    assert len(addresses) == len(set(addresses))
    assert len(addresses) >= 3
    refs = re.findall(r'class="app-print-only app-link-ref"> \[(\d+)\]', html)
    assert {int(n) for n in refs} == set(range(1, len(addresses) + 1))


def test_relative_links_print_as_full_addresses():
    from core.page_html import add_printed_link_list

    html = add_printed_link_list(
        '<a href="/careers/x/skills/">Skills</a> <a href="#top">Top</a> '
        '<a href="https://example.org/a?b=1&amp;c=2">A</a> <a href="/careers/x/skills/">Again</a>',
        "https://careers.example.org/careers/x/",
    )
    assert "<li>https://careers.example.org/careers/x/skills/</li>" in html
    assert "<li>https://example.org/a?b=1&amp;c=2</li>" in html
    assert html.count("<li>") == 2
    assert html.count("[1]") == 2 and "#top" in html


def test_links_that_do_not_print_get_no_number_on_paper():
    from core.page_html import add_printed_link_list

    html = add_printed_link_list(
        '<div class="app-no-print"><div><a href="/hidden/">Hidden</a></div></div>'
        '<p class="govuk-body app-no-print"><a href="/also-hidden/">Also</a></p>'
        '<input class="app-no-print" value=""><a href="/shown/">Shown</a>',
        "https://careers.example.org/careers/x/",
    )
    assert "<li>https://careers.example.org/shown/</li>" in html
    assert html.count("<li>") == 1 and html.count("[1]") == 1


def test_a_plan_lists_the_sources_of_what_it_shows_and_not_of_what_it_leaves_out(client, seeded):
    from django.core.cache import caches

    from careers.models import NationFact
    from core.models import Source

    facts = NationFact.objects.filter(roles__slug="music-therapist", nation="england")
    for topic in ("checks", "pay"):
        source = Source.objects.create(slug=f"only-{topic}", title=f"Cited by {topic} only")
        facts.get(topic=topic).sources.add(source)
    for cache in caches.all():
        cache.clear()
    plan = "/careers/music-therapist/next-steps/?stage=graduate&degree=music&nation=england"
    html = client.get(plan).content.decode()
    listed = re.search(r'<section id="sources".*?</section>', html, re.S)[0]
    assert "Cited by checks only" in listed, "the plan shows the background check"
    assert "Cited by pay only" not in listed, "pay is for qualified visitors' plans"


def test_every_share_action_on_a_plan_carries_the_plan_itself(client, seeded):
    plan = "/careers/music-therapist/next-steps/?stage=graduate&degree=music&nation=wales"
    html = client.get(plan + "&utm_source=newsletter").content.decode()
    address = "http://testserver" + plan
    mailtos = re.findall(r'href="(mailto:[^"]+)"', html)
    assert len(mailtos) >= 2
    for mailto in mailtos:
        query = parse_qs(urlparse(mailto.replace("&amp;", "&")).query)
        assert query["body"][0] == address
        assert query["subject"][0] == "Your plan: Music therapist – Career Pathways"
    copy_fields = re.findall(
        r'class="govuk-input app-copy-url" id="[^"]+" type="text" value="([^"]+)"', html
    )
    assert copy_fields and all(v.replace("&amp;", "&") == address for v in copy_fields)
    assert "utm_source" not in html

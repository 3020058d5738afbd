"""Words a student may not know are explained where a page first uses them."""

import re

import pytest

from core.glossary import Glossary, by_spelling

ROLE = "/careers/music-therapist/"
TERMS = [
    {"slug": "hcpc", "term": "HCPC", "also_matches": "", "definition": "The regulator."},
    {
        "slug": "masters-loan",
        "term": "master's loan",
        "also_matches": "Postgraduate Master's Loan",
        "definition": "Money you borrow.",
    },
]


def explain(html):
    return Glossary(by_spelling(TERMS)).explain(html)


def test_only_the_first_use_on_a_page_is_linked():
    glossary = Glossary(by_spelling(TERMS))
    first = glossary.explain("<p>Join the HCPC register.</p>")
    second = glossary.explain("<p>The HCPC renews it.</p>")
    assert first.count("#term-hcpc") == 1 and 'title="The regulator."' in first
    assert "#term-hcpc" not in second


def test_links_go_to_the_glossary_entry():
    assert 'href="/careers/glossary/#term-hcpc"' in explain("<p>HCPC</p>")


def test_existing_links_headings_and_attributes_are_left_alone():
    html = '<a href="/x" title="HCPC">HCPC</a><h2>HCPC</h2><p data-x="HCPC">Later</p>'
    assert explain(html) == html


def test_escaped_text_and_other_spellings_match():
    html = "<p>A Postgraduate Master&#x27;s Loan helps.</p>"
    assert "#term-masters-loan" in explain(html)


def test_words_inside_longer_words_are_not_terms():
    assert explain("<p>HCPC-approved and HCPCs</p>") == "<p>HCPC-approved and HCPCs</p>"


def test_no_terms_leaves_the_text_unchanged():
    assert Glossary({}).explain("<p>HCPC</p>") == "<p>HCPC</p>"


@pytest.mark.django_db
def test_glossary_page_has_an_entry_for_every_link_a_journey_page_makes(client, seeded):
    glossary = client.get("/careers/glossary/")
    assert glossary.status_code == 200
    entries = set(re.findall(r'id="(term-[\w-]+)"', glossary.content.decode()))
    assert {"term-hcpc", "term-pvg", "term-agenda-for-change", "term-level-7"} <= entries
    for url in [ROLE, ROLE + "entry-routes/apprenticeship/", ROLE + "qualifications/"]:
        html = client.get(url).content.decode()
        linked = re.findall(
            r'class="govuk-link app-glossary-link" href="[^"#]+#(term-[\w-]+)"', html
        )
        assert linked, url
        assert set(linked) <= entries, url
        assert len(linked) == len(set(linked)), f"{url} explains a term twice"


@pytest.mark.django_db
def test_glossary_page_is_in_the_sitemap(client, seeded):
    assert "/careers/glossary/</loc>" in client.get("/sitemap.xml").content.decode()

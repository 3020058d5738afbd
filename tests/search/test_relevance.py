"""Real visitors' queries and where each must land: in the first three results.

Runs on SQLite and PostgreSQL alike (``DATABASE_URL``). The expectations are written against
the shipped content (fixtures/*.json): they name the section a visitor needs, so a change of
content that moves a fact to another section changes the expectation with it.
"""

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.versions import bump_content_version
from search.engine import build_index

# The search index, built once for the shipped content, serves every test that leaves it so.
pytestmark = [pytest.mark.django_db, pytest.mark.keeps_page_data]

ROLE = "/careers/music-therapist/"
POSTGRADUATE = ROLE + "entry-routes/postgraduate/"
APPRENTICESHIP = ROLE + "entry-routes/apprenticeship/"
QUALIFICATIONS = ROLE + "qualifications/"
PROGRESSION = ROLE + "progression/"
GLOSSARY = "/careers/glossary/"
# A query that names no role may land on any role's section of the same kind.
ANY_POSTGRADUATE = "/careers/*/entry-routes/*postgraduate/"

# (what a visitor types, a link that must be among the first three results; * stands for any
# characters: "#fact-*-wales" is any of the facts about Wales in the four-nations tables)
QUERIES = [
    ("salary", ROLE + "#pay-nhs-band-6"),
    ("wages", ROLE + "#pay-"),
    ("band 6", ROLE + "#pay-nhs-band-6"),
    ("salery", ROLE + "#pay-"),
    ("how much does it cost", ANY_POSTGRADUATE + "#cost"),
    ("fees", ANY_POSTGRADUATE + "#cost"),
    ("money", ANY_POSTGRADUATE + "#cost"),
    ("can I afford it", ANY_POSTGRADUATE + "#cost"),
    ("student loan", QUALIFICATIONS + "#fact-finance-*"),
    ("piano", "#requirement-musicianship"),
    ("guitar", "musicianship"),  # the musicianship skill, or a requirement
    ("singing", "musicianship"),
    ("musical instrument", "#requirement-musicianship"),
    ("audition", POSTGRADUATE + "#requirement-audition"),
    ("improvisation", ROLE + "skills/#skill-improvisation"),
    ("jobs", ROLE + "#job-market"),
    ("vacancy", ROLE + "#job-market"),
    ("theripist", ROLE + "#summary"),
    ("musc therapist", ROLE + "#summary"),
    ("hcpc", QUALIFICATIONS + "#hcpc-registration"),
    ("registration", QUALIFICATIONS + "#hcpc-registration"),
    ("dbs", QUALIFICATIONS + "#fact-checks-*"),
    ("criminal record check", QUALIFICATIONS + "#fact-checks-*"),
    ("scotland", "#fact-*-scotland"),
    ("wales", "#fact-*-wales"),
    ("northern ireland", "#fact-*-northern-ireland"),
    ("apprenticeship", APPRENTICESHIP),
    ("apprentice", APPRENTICESHIP),
    ("part time", ROLE + "#fact-hours-*"),
    ("masters degree", POSTGRADUATE + "#summary"),
    ("how long does training take", "entry-routes/"),
    ("entry requirements", POSTGRADUATE + "#requirement-"),
    ("volunteering", ROLE + "entry-routes/#getting-experience"),
    ("experience", ROLE + "entry-routes/#getting-experience"),
    ("personal therapy", POSTGRADUATE + "#requirement-personal-therapy"),
    ("dementia", ROLE + "#client-dementia"),
    ("autism", ROLE + "#client-autism"),
    ("hospice", ROLE + "#workplace-hospices"),
    ("schools", ROLE + "#workplace-special-schools"),
    ("self employed", PROGRESSION + "#employed-and-self-employed"),
    ("private practice", ROLE + "#workplace-private-practice"),
    ("career change", ROLE + "#who-becomes-one"),
    ("research", PROGRESSION + "#stage-supervision-teaching-research"),
    ("bamt", QUALIFICATIONS + "#bamt-membership"),
    ("interview", POSTGRADUATE + "#requirement-audition"),
    ("pvg", QUALIFICATIONS + "#fact-checks-scotland"),
    ("hours in scotland", ROLE + "#fact-hours-scotland"),
    ("student finance wales", QUALIFICATIONS + "#fact-finance-wales"),
    ("course in northern ireland", QUALIFICATIONS + "#fact-courses-northern-ireland"),
    ("nhs pay scotland", ROLE + "#fact-pay-scotland"),
    ("occupational health", POSTGRADUATE + "#requirement-checks"),
    ("training costs", QUALIFICATIONS + "#cost-and-funding"),
]

RESULT_LINK = re.compile(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"')


def lands_on(expected, link):
    return re.search(re.escape(expected).replace(r"\*", ".*"), link)


def result_links(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return one_per_section(RESULT_LINK.findall(response.content.decode()))


def one_per_section(links):
    """The links with the same section of another arts therapy's pages (a shared record, or
    the same kind of fact) read as the music therapist's, each section once."""
    seen = []
    for link in links:
        link = re.sub(
            r"^/careers/(art-therapist|dramatherapist)/", "/careers/music-therapist/", link
        )
        link = re.sub(
            r"/entry-routes/(art-therapist|dramatherapist)-postgraduate/",
            "/entry-routes/postgraduate/",
            link,
        )
        if link not in seen:
            seen.append(link)
    return seen


def test_the_list_holds_at_least_thirty_queries():
    assert len({query for query, _ in QUERIES}) >= 30


def test_everyday_queries_land_in_the_first_three_results(client, seeded):
    misses = []
    for query, expected in QUERIES:
        links = result_links(client, query)
        if not any(lands_on(expected, link) for link in links[:3]):
            misses.append(f"{query!r} should find {expected}, gave {links[:3]}")
    assert not misses, "\n".join(misses)


def test_hcpc_puts_hcpc_registration_first(client, seeded):
    # HCPC registration is one record shared by every role: any role's page of it.
    assert lands_on("/careers/*/qualifications/#hcpc-registration", result_links(client, "hcpc")[0])


def test_every_section_search_can_link_to_exists_on_its_page(client, seeded):
    """Fetch each page a result can point to, and find the id its link names."""
    anchors = defaultdict(set)
    for document in build_index().documents:
        if not document.is_external:
            parts = urlsplit(document.url)
            assert parts.fragment, document
            anchors[parts.path].add(parts.fragment)
    assert len(anchors) >= 6
    for path, ids in anchors.items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        missing = sorted(anchor for anchor in ids if f'id="{anchor}"' not in html)
        assert not missing, f"{path} has no {missing}"


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("theripist", "therapist"), ("music theripist", "music therapist"), ("salery", "salary")],
)
def test_a_typo_finds_its_correction_and_offers_it(client, seeded, query, suggestion):
    html = client.get("/search/", {"q": query}).content.decode()
    link = f'href="/search/?q={suggestion.replace(" ", "%20")}">{suggestion}</a>'
    assert f'Did you mean <a class="govuk-link" {link}?' in html
    assert not re.search(r"\b0 results", html)


def test_a_known_word_gets_no_suggestion(client, seeded):
    assert "Did you mean" not in client.get("/search/", {"q": "dementia"}).content.decode()


def test_an_editors_synonym_is_used_once_saved(client, seeded):
    from search.models import SearchSynonym

    assert result_links(client, "spondulicks") == []
    SearchSynonym.objects.create(phrase="Spondulicks", means="pay, band")
    assert lands_on("/careers/*/#pay-", result_links(client, "spondulicks")[0])
    SearchSynonym.objects.filter(phrase="spondulicks").update(is_published=False)
    bump_content_version()  # update() sends no signals
    assert result_links(client, "spondulicks") == []


def test_nation_facts_and_glossary_terms_are_found(client, seeded):
    from careers.models import NationFact, Role
    from core.models import GlossaryTerm

    role = Role.objects.get(slug="music-therapist")
    fact = NationFact.objects.create(
        slug="jobs-scotland-job-train",
        topic=NationFact.Topic.JOBS,
        nation="scotland",
        title="Job Train lists NHS Scotland posts",
        text="NHS Scotland vacancies are listed on Job Train.",
    )
    fact.roles.add(role)
    GlossaryTerm.objects.create(
        slug="protected-job-title",
        term="Protected job title",
        definition="A job title only registered people may use.",
    )
    assert ROLE + "#fact-jobs-scotland-job-train" in result_links(client, "job train")[:3]
    html = client.get("/search/", {"q": "protected job title"}).content.decode()
    assert "A job title only registered people may use." in html
    assert GLOSSARY + "#term-protected-job-title" in result_links(client, "protected job title")


def content_version_reads(queries):
    return [query for query in queries if "core_contentversion" in query["sql"]]


def test_a_search_reads_only_the_content_version_once_the_index_is_built(client, seeded):
    """The page cache middleware reads the content version once per request; the view and
    the index it searches read nothing more."""
    result_links(client, "music")  # builds the index for this content version
    with CaptureQueriesContext(connection) as queries:
        result_links(client, "pay")
        result_links(client, "fees and funding")
    assert len(queries) == 2
    assert len(content_version_reads(queries)) == 2


def test_a_typo_costs_at_most_one_query_more(client, seeded):
    result_links(client, "music")
    with CaptureQueriesContext(connection) as queries:
        result_links(client, "theripist")
    # pg_trgm compares the words on PostgreSQL; elsewhere rapidfuzz does, in memory.
    assert len(content_version_reads(queries)) == 1
    assert len(queries) == (2 if connection.vendor == "postgresql" else 1)


def test_building_the_index_takes_the_same_queries_however_much_content(seeded):
    from careers.models import ClientGroup, Skill, Task

    with CaptureQueriesContext(connection) as before:
        build_index()
    for model in (Task, ClientGroup, Skill):
        for record in list(model.objects.all()):
            record.pk = record.id = None
            record._state.adding = True
            record.slug = f"{record.slug}-more"
            record.save()
    with CaptureQueriesContext(connection) as after:
        index = build_index()
    assert len(before) == len(after) <= 20
    assert any(doc.url.endswith("-more") for doc in index.documents)

"""A school student's and a careers adviser's words land on the school and college section,
and an acronym is never silently read as another word. Runs on SQLite and PostgreSQL
(``DATABASE_URL``)."""

import re

import pytest

from search.engine import closest_words, search
from search.models import SearchSynonym

# The search index, built once for the shipped content, serves every test that leaves it so.
pytestmark = [pytest.mark.django_db, pytest.mark.keeps_page_data]

ROUTES = "/careers/music-therapist/entry-routes/"
ROLE = "/careers/music-therapist/"

# (what a student types, links of which one must be among the first three results)
QUERIES = [
    (
        "a levels",
        [ROUTES + "#school-subjects-that-help", ROUTES + "#school-england-qualifications"],
    ),
    ("gcse", [ROUTES + "#school-subjects-that-help", ROUTES + "#school-england-qualifications"]),
    ("highers", [ROUTES + "#school-scotland-qualifications"]),
    ("btec", [ROUTES + "#school-england-qualifications", ROUTES + "#school-subjects-that-help"]),
    ("ucas", [ROUTES + "#school-apply-through-ucas"]),
    ("sixth form", [ROUTES + "#school-subjects-that-help", ROUTES + "#school-keep-doing-drama"]),
    ("welsh bacc", [ROUTES + "#school-wales-qualifications"]),
    ("what subjects", [ROUTES + "#school-subjects-that-help"]),
    ("open day", [ROUTES + "#school-open-days"]),
    ("am I too old", [ROUTES + "#school-when-people-start", ROLE + "#who-becomes-one"]),
    ("career change at 40", [ROLE + "#who-becomes-one"]),
]

RESULT_LINK = re.compile(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"')


def first_three(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return one_per_section(RESULT_LINK.findall(response.content.decode()))[:3]


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


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_a_students_words_land_in_the_first_three_results(client, seeded, query, expected):
    links = first_three(client, query)
    assert set(links) & set(expected), f"{query!r} gave {links}"


def test_the_words_students_use_are_editors_synonyms_shipped_in_the_fixtures(seeded):
    phrases = set(SearchSynonym.objects.filter(is_published=True).values_list("phrase", flat=True))
    expected = {"a levels", "gcse", "highers", "btec", "ucas", "sixth form", "welsh bacc"}
    assert expected <= phrases


def test_an_acronym_is_never_corrected_into_another_word(client, seeded):
    results = search("ucas")
    assert results.suggestion == ""
    assert closest_words(["ucas"], ["case", "cause", "usual"]) == {}
    html = client.get("/search/", {"q": "ucas"}).content.decode()
    assert "Did you mean" not in html and "case" not in html.split('id="results-heading"')[1][:80]


def test_a_corrected_search_says_what_it_searched_for(client, seeded):
    html = client.get("/search/", {"q": "theripist"}).content.decode()
    said = re.sub(r"<[^>]+>", "", html[html.index('id="searched-for"') :].split("</p>")[0])
    assert "we also searched for “therapist”" in said
    assert "Did you mean therapist?" in said


def test_a_students_search_reads_only_the_content_version(
    client, seeded, django_assert_num_queries
):
    client.get("/search/", {"q": "welsh bacc"})
    with django_assert_num_queries(1):
        client.get("/search/", {"q": "a levels"})

"""With the arts therapies side by side, search tells them apart: a dramatherapy search finds
the dramatherapist's pages first, and a search that names two roles, or asks to compare,
is offered the compare page."""

import re

import pytest

from careers.models import Role

# The search index, built once for the shipped content, serves every test that leaves it so.
pytestmark = [pytest.mark.django_db, pytest.mark.keeps_page_data]


def results(client, phrase):
    html = client.get("/search/", {"q": phrase}).content.decode()
    listed = html.split('aria-labelledby="results-heading"')[1]
    return re.findall(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"', listed)


def offer(client, phrase):
    html = client.get("/search/", {"q": phrase}).content.decode()
    found = re.search(
        r'<div class="govuk-inset-text" id="compare-offer"><a [^>]*href="([^"]+)"', html
    )
    return found and found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("phrase", ["dramatherapy", "Dramatherapist", "dramatherapists"])
def test_a_dramatherapy_search_finds_the_dramatherapists_pages_first(client, seeded, phrase):
    first = results(client, phrase)[0]
    assert first.startswith("/careers/dramatherapist/"), first


def test_an_art_therapy_search_finds_the_art_therapists_pages_before_drama(client, seeded):
    found = results(client, "art psychotherapist")
    assert found[0].startswith("/careers/art-therapist/"), found[:3]
    assert not any(url.startswith("/careers/dramatherapist/") for url in found[:3])


@pytest.mark.parametrize(
    ("phrase", "url"),
    [
        (
            "art therapy or dramatherapy",
            "/careers/compare/?roles=art-therapist&roles=dramatherapist",
        ),
        ("music versus art therapy", "/careers/compare/?roles=art-therapist&roles=music-therapist"),
        (
            "dramatherapy, music therapy and art therapy",
            "/careers/compare/?roles=art-therapist&roles=dramatherapist&roles=music-therapist",
        ),
        ("compare careers", "/careers/compare/"),
        ("difference between the arts therapies", "/careers/compare/"),
    ],
)
def test_a_search_naming_two_roles_or_asking_to_compare_is_offered_the_page(
    client, seeded, phrase, url
):
    assert offer(client, phrase) == url
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("phrase", ["music therapy", "salary", "arts therapies"])
def test_other_searches_are_not_offered_it(client, seeded, phrase):
    assert offer(client, phrase) is None


def test_an_unpublished_role_is_never_offered(client, seeded):
    Role.objects.filter(slug="dramatherapist").update(is_published=False)
    assert offer(client, "art therapy or dramatherapy") is None


def test_a_record_the_roles_share_is_listed_once_under_its_first_role(client, seeded):
    found = results(client, "arts therapist apprenticeship")
    routes = [link for link in found if link.endswith("/entry-routes/apprenticeship/#summary")]
    assert routes == ["/careers/music-therapist/entry-routes/apprenticeship/#summary"]

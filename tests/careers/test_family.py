"""The home page and All careers present the arts therapies as one family: what they
share, a card per published role, and the page comparing them."""

import pytest

from careers.models import Role
from core.models import Snippet
from tests.factories import make_role

pytestmark = pytest.mark.django_db

TRIO = "/careers/compare/?roles=art-therapist&amp;roles=dramatherapist&amp;roles=music-therapist"


@pytest.fixture
def family(seeded):
    return Role.objects.published().filter(slug__in=["art-therapist", "dramatherapist"])


@pytest.mark.parametrize("url", ["/", "/careers/"])
def test_every_published_role_has_a_card_and_the_family_is_compared(client, family, url):
    html = client.get(url).content.decode()
    for slug in ("art-therapist", "dramatherapist", "music-therapist"):
        assert f'id="role-{slug}"' in html
        assert f'href="/careers/{slug}/next-steps/"' in html
    assert f'href="{TRIO}" id="compare-all"' in html
    family_intro = Snippet.objects.get(slug="arts-therapies-family")
    assert family_intro.text[:60] in html
    assert "The professions we regulate" in html  # its source, cited


@pytest.mark.parametrize("url", ["/", "/careers/"])
def test_an_unpublished_role_is_not_in_the_family(client, family, url):
    Role.objects.filter(slug="dramatherapist").update(is_published=False)
    html = client.get(url).content.decode()
    assert 'id="role-dramatherapist"' not in html
    assert 'href="/careers/compare/?roles=art-therapist&amp;roles=music-therapist"' in html


def test_the_home_page_keeps_its_featured_role(client, family):
    html = client.get("/").content.decode()
    assert 'id="featured-role"' in html and "Music therapist" in html


def test_with_one_role_the_home_page_shows_no_family_to_compare(client, seeded):
    Role.objects.exclude(slug="music-therapist").update(is_published=False)
    html = client.get("/").content.decode()
    assert 'id="family"' not in html and "compare-all" not in html


# The content version, the roles, the snippets (home: intro and planner too) and the family
# snippet's sources.
@pytest.mark.parametrize(("url", "built"), [("/", 5), ("/careers/", 4)])
def test_the_pages_read_a_fixed_number_of_queries(
    client, family, url, built, django_assert_num_queries
):
    with django_assert_num_queries(built):
        assert client.get(url).status_code == 200
    make_role("play-therapist", "Play therapist")
    with django_assert_num_queries(built):
        assert client.get(url).status_code == 200

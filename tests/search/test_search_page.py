import pytest

# The search index, built once for the shipped content, serves every test that leaves it so.
pytestmark = [pytest.mark.django_db, pytest.mark.keeps_page_data]


def test_search_finds_content_across_models_and_links_to_the_section(client, seeded):
    html = client.get("/search/", {"q": "dementia"}).content.decode()
    assert "results for “dementia”" in html
    assert 'href="/careers/music-therapist/#client-dementia"' in html
    assert 'href="/careers/music-therapist/progression/#specialism-dementia"' in html


def test_search_finds_routes_requirements_and_organisations(client, seeded):
    html = client.get("/search/", {"q": "apprenticeship"}).content.decode()
    assert 'href="/careers/music-therapist/entry-routes/apprenticeship/#summary"' in html
    html = client.get("/search/", {"q": "Health and Care Professions Council"}).content.decode()
    assert "Organisation" in html


def test_search_with_no_match_suggests_what_to_do(client, seeded):
    html = client.get("/search/", {"q": "astronautics"}).content.decode()
    assert "0 results" in html
    assert "Try fewer or different words" in html


def test_search_hides_unpublished_content(client, seeded):
    from careers.models import ClientGroup

    ClientGroup.objects.filter(slug="dementia").update(is_published=False)
    html = client.get("/search/", {"q": "dementia"}).content.decode()
    assert "#client-dementia" not in html


@pytest.mark.parametrize("q", ["a" * 201, "music\x00therapy"])
def test_bad_search_input_gets_a_clear_error(client, seeded, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_markup_in_a_search_is_shown_as_text(client, seeded):
    html = client.get("/search/", {"q": "<b>music</b>"}).content.decode()
    assert "<b>music</b>" not in html
    assert "&lt;b&gt;music&lt;/b&gt;" in html

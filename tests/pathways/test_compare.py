"""The compare page: two or three published roles side by side at one address, each cell
from the records the role pages show, with its sources; bad choices get the picker with an
error, never a 500."""

import re

import pytest
from django.core.cache import caches

from careers.models import PayFigure, RelatedRole, Role
from core.models import Snippet
from tests.factories import make_role

pytestmark = pytest.mark.django_db

COMPARE = "/careers/compare/"
PAIR = COMPARE + "?roles=art-therapist&roles=music-therapist"
TRIO = COMPARE + "?roles=art-therapist&roles=dramatherapist&roles=music-therapist"


@pytest.fixture
def roles(seeded):
    return Role.objects.get(slug="art-therapist"), Role.objects.get(slug="dramatherapist")


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        ("?roles=music-therapist&roles=art-therapist", PAIR),
        ("?roles=art-therapist&roles=&roles=music-therapist", PAIR),
        ("?roles=music-therapist&roles=dramatherapist&roles=art-therapist", TRIO),
    ],
)
def test_every_order_of_the_same_roles_redirects_to_one_address(client, roles, asked, canonical):
    response = client.get(COMPARE + asked)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_the_canonical_page_names_itself_as_canonical(client, roles):
    html = client.get(PAIR).content.decode()
    assert f'<link rel="canonical" href="http://testserver{PAIR.replace("&", "&amp;")}">' in html


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?roles=art-therapist&roles=no-such-role", 404, "There is no published role called"),
        ("?roles=art-therapist&roles=art-therapist", 400, "Choose each role once"),
        (
            "?roles=art-therapist&roles=dramatherapist&roles=music-therapist&roles=play-therapist",
            400,
            "Choose at most three roles",
        ),
        ("?roles=" + "x" * 3000, 404, "There is no published role called"),
        ("?roles=%3Cscript%3E", 404, "&lt;script&gt;"),
    ],
)
def test_bad_choices_give_the_picker_with_an_error(client, roles, query, status, message):
    make_role("play-therapist", "Play therapist")
    response = client.get(COMPARE + query)
    assert response.status_code == status
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert 'name="roles"' in html  # the form, to choose again
    assert "<script>" not in html.split("<main")[1].split("</main>")[0]


def test_without_two_roles_the_page_is_a_picker_of_published_roles(client, roles):
    make_role("play-therapist", "Play therapist", published=False)
    html = client.get(COMPARE).content.decode()
    for role in Role.objects.published():
        assert f'value="{role.slug}"' in html
    assert 'value="play-therapist"' not in html
    one = client.get(COMPARE + "?roles=art-therapist")
    assert one.status_code == 200
    assert re.search(r'value="art-therapist"\s+checked', one.content.decode())
    assert "The roles side by side" not in one.content.decode()


def test_an_unpublished_role_cannot_be_compared(client, roles):
    Role.objects.filter(slug="art-therapist").update(is_published=False)
    assert client.get(PAIR).status_code == 404


def test_each_row_shows_each_roles_own_facts_in_its_column(client, roles):
    art, _ = roles
    band_6 = PayFigure.objects.get(slug="nhs-band-6")
    band_6.roles.remove(art)
    own = PayFigure.objects.create(
        slug="art-starting", label="Newly qualified", minimum=31000, maximum=40000,
        pay_year="2025/26", is_starting_figure=True,
    )  # fmt: skip
    own.roles.add(art)
    Snippet.objects.filter(slug="compare-art-therapist-distinct").update(
        text="The arts therapy that works through art-making."
    )
    response = client.get(PAIR)
    rows = {row.slug: row for row in response.context["rows"]}
    assert [role.slug for role in response.context["roles"]] == ["art-therapist", "music-therapist"]
    art_pay, music_pay = (cell.lines[0].text for cell in rows["pay"].cells)
    assert art_pay.startswith("£31,000 to ") and music_pay.startswith("£38,682 to ")
    assert (
        rows["distinct"].cells[0].lines[0].text == "The arts therapy that works through art-making."
    )
    assert (
        rows["distinct"]
        .cells[1]
        .lines[0]
        .text.startswith("The arts therapy that works through music")
    )
    courses = [line.text for line in rows["courses"].cells[0].lines]
    # Its own courses, and the shared apprenticeship's; not the music therapy courses.
    assert "Goldsmiths, University of London, London: fee: check with the course" in courses
    assert any(course.startswith("University of Gloucestershire") for course in courses)
    assert not any(course.startswith("Guildhall") for course in courses)
    assert rows["courses"].cells[0].lines[0].label == "England"
    music_courses = rows["courses"].cells[1].lines
    assert any("£1,850 per 20 credits" in line.text for line in music_courses)
    assert [line.label for line in music_courses if line.label] == ["England", "Scotland", "Wales"]
    assert rows["practice"].cells[0].lines[0].text == "An ongoing personal art practice"


def test_every_cell_that_shows_a_fact_cites_its_sources(client, roles):
    response = client.get(TRIO)
    numbered = response.context["page_sources"]
    for row in response.context["rows"]:
        assert len(row.cells) == 3
        for cell in row.cells:
            if cell.records:
                assert cell.sources, row.slug
                for number, source in cell.sources:
                    assert numbered[number - 1] == source
    html = response.content.decode()
    assert 'href="#source-1"' in html and 'id="source-1"' in html


def test_what_every_role_shares_is_one_cell_across_the_table(client, roles):
    response = client.get(TRIO)
    rows = {row.slug: row for row in response.context["rows"]}
    assert rows["apprenticeship"].shared and rows["pay"].shared
    assert not rows["courses"].shared and not rows["distinct"].shared
    html = response.content.decode()
    apprenticeship = html[html.index('id="row-apprenticeship"') : html.index('id="row-pay"')]
    assert apprenticeship.count("<td") == 1 and 'colspan="3"' in apprenticeship
    assert "The same for each role." in apprenticeship
    # Each role's own page of the shared route, linked once each.
    for slug in ("art-therapist", "dramatherapist", "music-therapist"):
        assert apprenticeship.count(f'href="/careers/{slug}/entry-routes/apprenticeship/"') == 1


def test_phone_cards_have_the_same_rows_in_the_same_order_as_the_table(client, roles):
    response = client.get(TRIO)
    rows = [row.slug for row in response.context["rows"]]
    for _, card_rows in response.context["cards"]:
        assert [row.slug for row, _ in card_rows] == rows
    assert rows[0] == "art-form" and rows[-1] == "distinct" and len(rows) == 14


def test_a_missing_snippet_says_so_rather_than_leaving_a_blank(client, roles):
    Snippet.objects.filter(slug="compare-art-therapist-professional-body").delete()
    rows = {row.slug: row for row in client.get(PAIR).context["rows"]}
    assert rows["professional-body"].cells[0].lines[0].text.startswith("Not written yet")


def test_the_page_reads_a_fixed_number_of_queries_and_then_only_the_version(
    client, roles, django_assert_num_queries
):
    with django_assert_num_queries(COMPARE_QUERIES):
        assert client.get(TRIO).status_code == 200
    caches["pages"].clear()
    with django_assert_num_queries(1):
        assert client.get(TRIO).status_code == 200
    make_role("play-therapist", "Play therapist")  # more rows of every kind, a new version
    with django_assert_num_queries(COMPARE_QUERIES):
        assert client.get(TRIO).status_code == 200


# The content version, the published roles for the picker, the roles with each list the
# page shows (client groups, qualifications, routes, requirements, courses, fees, pay,
# hours, job sites), the snippets, and the sources of each kind of record cited.
COMPARE_QUERIES = 23


def test_the_page_is_served_from_the_page_cache_with_an_etag(client, roles):
    first = client.get(TRIO)
    assert not first.cookies and "Cookie" not in first.get("Vary", "")
    again = client.get(TRIO, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_related_roles_link_to_a_linked_roles_pages_and_the_comparison(client, roles):
    art, drama = roles
    RelatedRole.objects.filter(role__slug="music-therapist", slug="art-therapist").update(
        linked_role=art
    )
    RelatedRole.objects.filter(role__slug="music-therapist", slug="dramatherapist").update(
        linked_role=drama
    )
    html = client.get("/careers/music-therapist/").content.decode()
    related = html.split('id="related-roles"')[1].split("</section>")[0]
    assert 'href="/careers/art-therapist/"' in related
    assert 'href="/careers/compare/?roles=art-therapist&amp;roles=music-therapist"' in related
    assert 'href="/careers/compare/?roles=dramatherapist&amp;roles=music-therapist"' in related
    assert TRIO.replace("&", "&amp;") in related  # all three at once
    # The unregulated neighbours: free text, with where to find out more, sourced.
    assert "Play therapist" in related and 'href="https://www.bapt.info/' in related
    assert "Professional Standards Authority" in related and "ADMP UK" in related
    drama.is_published = False
    drama.save()
    html = client.get("/careers/music-therapist/").content.decode()
    related = html.split('id="related-roles"')[1].split("</section>")[0]
    assert 'href="/careers/dramatherapist/"' not in related
    assert "dramatherapist&amp;roles=music" not in related


def test_the_sitemap_lists_the_picker_and_each_pair_and_trio_once(client, roles):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/careers/compare/</loc>" in xml
    assert xml.count("/careers/compare/?") == 4
    assert TRIO.replace("&", "&amp;") in xml

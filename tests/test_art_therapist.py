"""The art therapist (art psychotherapist) journey: every step answers, and shows the facts a
reader decides on, per nation where they differ, each page in a fixed number of queries."""

import re
from html import unescape

import pytest

from careers.models import Role
from pathways.models import PlanNote, PlanStep, Programme
from tests.test_journey import BUILT, assert_pages_read_a_fixed_number_of_queries, journey

pytestmark = pytest.mark.django_db

ROLE = "/careers/art-therapist/"
ROUTE = ROLE + "entry-routes/art-therapist-postgraduate/"
MUSIC = "/careers/music-therapist/"
JOURNEY = journey(ROLE)


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response.content.decode())


@pytest.mark.parametrize(("url", "title"), JOURNEY)
def test_every_step_of_the_journey_answers_as_its_step(client, seeded, url, title):
    response = client.get(url)
    assert response.status_code == 200
    number = [u for u, _ in JOURNEY].index(url) + 1
    assert f"Step {number} of 6: {title}" in response.content.decode()
    assert "Art therapist or art psychotherapist" in visible_text(response.content.decode())


def test_the_role_page_says_both_titles_are_protected_and_who_registers_them(client, seeded):
    text = text_of(client, ROLE)
    assert "'Art therapist' and 'art psychotherapist' are both protected titles" in text
    assert "Health and Care Professions Council (HCPC)" in text
    assert "under the profession 'arts therapist'" in text
    assert "searching the HCPC's online register" in text
    assert "not an art lesson" in text  # what a session is not


def test_the_headings_say_an_art_therapist(client, seeded):
    assert "What an art therapist or art psychotherapist does" in text_of(client, ROLE)
    entry = text_of(client, ROLE + "entry-routes/")
    assert "How do I become an art therapist or art psychotherapist?" in entry
    assert "How do I become a music therapist?" in text_of(
        client, "/careers/music-therapist/entry-routes/"
    )


def test_the_key_facts_give_the_portfolio_care_work_and_training_length(client, seeded):
    html = client.get(ROLE).content.decode()
    start = html.index('id="key-facts-heading"')
    panel = visible_text(html[start : html.index("</aside>", start)])
    assert "an ongoing art practice shown in a portfolio" in panel
    assert "about a year of paid or voluntary care work" in panel
    assert "usually two years full time or three years part time" in panel


def test_the_skills_page_asks_for_an_art_practice_and_a_portfolio(client, seeded):
    text = text_of(client, ROLE + "skills/")
    assert "An ongoing personal art practice" in text
    assert "A portfolio of your own artwork" in text
    assert "12 pieces of personal artwork" in text


def test_the_way_in_asks_for_a_portfolio_care_work_and_personal_therapy(client, seeded):
    text = text_of(client, ROUTE)
    assert "An application, an interview and a portfolio of your artwork" in text
    assert "About a year of paid or voluntary care work" in text
    assert "caring for your own family or friends does not count" in text
    assert "Personal therapy during training" in text
    assert "Usually 2 years full time or 3 years part time" in text
    entry = text_of(client, ROLE + "entry-routes/")
    assert "Teesside University" in entry  # the apprenticeship, England only


@pytest.mark.parametrize(
    ("provider", "where"),
    [
        ("Goldsmiths, University of London", "London, England"),
        ("University of Roehampton", "London (Whitelands College), England"),
        ("Queen Margaret University", "Edinburgh, Scotland"),
        ("University of South Wales", "Newport, Wales"),
        ("Ulster University (Belfast School of Art)", "Belfast, Northern Ireland"),
    ],
)
def test_the_courses_are_listed_with_their_nation(client, seeded, provider, where):
    text = text_of(client, ROLE + "qualifications/")
    assert re.search(re.escape(provider) + r" .{0,200}?" + re.escape(where), text), provider


def test_each_nation_has_its_own_course_fact(client, seeded):
    text = text_of(client, ROLE + "qualifications/")
    assert "the only art psychotherapy training in Scotland" in text
    assert "which does not take students every year" in text  # Ulster, Northern Ireland
    assert "the part-time MA at the University of South Wales in Newport" in text
    assert "Teesside University runs it in art psychotherapy" in text  # England only
    assert "Membership of the British Association of Art Therapists" in text
    assert "Not yet confirmed. BAAT's membership categories and fees were not found" in text


def test_course_lengths_are_the_courses_own(client, seeded):
    months = {
        p.slug: (p.months_full_time, p.months_part_time)
        for p in Programme.objects.published().filter(slug__contains="art-")
    }
    assert months["queen-margaret-art-psychotherapy"] == (24, None)
    assert months["ulster-art-psychotherapy"] == (None, 24)
    assert months["south-wales-art-psychotherapy"] == (None, 36)
    assert months["goldsmiths-art-psychotherapy"] == (24, 36)
    text = text_of(client, ROLE + "qualifications/")
    assert "24 months part time" in text and "36 months part time" in text


def test_the_progression_page_gives_the_bands_with_their_limits(client, seeded):
    text = text_of(client, ROLE + "progression/")
    assert "usually start at band 6" in text
    assert "band 8d" in text
    assert "Development post" in text


def test_the_plan_has_a_step_and_a_note_for_every_one_the_music_therapist_has():
    renamed = {
        "build-musicianship": "build-art-practice",
        "prepare-audition": "prepare-portfolio",
        "join-bamt": "join-baat",
        "school-keep-playing": "school-keep-making-art",
        "practise-improvisation": None,
    }

    def slugs(model, role):
        return set(model.objects.published().filter(role__slug=role).values_list("slug", flat=True))

    for model in (PlanStep, PlanNote):
        wanted = {renamed.get(slug, slug) for slug in slugs(model, "music-therapist")} - {None}
        assert wanted <= slugs(model, "art-therapist"), model.__name__


def test_search_finds_the_role_by_the_words_people_use(client, seeded):
    for words in ("art psychotherapy", "art therapy"):
        response = client.get("/search/", {"q": words})
        assert response.status_code == 200
        assert "/careers/art-therapist/" in response.content.decode(), words


# Queries each page reads when its data is built, as tests/test_journey.py counts them for
# the music therapist: the same lists, so the same numbers.
BUILT_FOR_ART = {
    **{
        ROLE + path: BUILT[MUSIC + path]
        for path in ("", "skills/", "entry-routes/", "qualifications/", "progression/")
    },
    ROUTE: BUILT[MUSIC + "entry-routes/postgraduate/"],
}
BUILT_FOR_ART[ROLE] -= 1  # no fee that gives a whole-course figure: no fee sources to read


def test_each_page_reads_its_data_in_a_fixed_number_of_queries(
    client, seeded, django_assert_num_queries
):
    assert_pages_read_a_fixed_number_of_queries(client, BUILT_FOR_ART, django_assert_num_queries)


def test_unpublishing_the_role_hides_its_journey(client, seeded):
    Role.objects.filter(slug="art-therapist").update(is_published=False)
    for url, _ in JOURNEY:
        assert client.get(url).status_code == 404, url


def test_the_shared_pay_hours_and_apprenticeship_reach_the_role(client, seeded):
    text = text_of(client, ROLE)
    assert "Starting pay £38,682 to £46,580 a year" in text  # NHS band 6, shared
    assert "Scotland: 36 hours a week from 1 April 2026" in text
    assert "England: 37.5 hours a week" in text
    route = text_of(client, ROLE + "entry-routes/apprenticeship/")
    assert "art psychotherapy at Teesside University" in route
    assert "A high standard in your own art form" in route  # not musicianship only
